import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { bmpPassword, pkcs12Kdfs, type Pkcs12Derivation } from '../../electron/x509/pkcs12-kdf';

/** forge's pure-JavaScript RFC 7292 B.2, an independent implementation to compare with. */
function forgeKdf(job: Pkcs12Derivation, password: string): Buffer {
  const md = job.hash === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create();
  const key = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(job.salt.toString('binary')),
    job.id,
    job.iterations,
    job.length,
    md,
  );
  return Buffer.from(key.getBytes(), 'binary');
}

describe('the PKCS #12 key derivation on a worker thread', () => {
  it('derives what forge derives, several keys on one worker, longer than one digest too', async () => {
    const password = 'Pässw0rd 한';
    const salt = randomBytes(16);
    const jobs: Pkcs12Derivation[] = [
      { hash: 'sha1', id: 1, salt, password: bmpPassword(password), iterations: 2000, length: 24 },
      { hash: 'sha1', id: 2, salt, password: bmpPassword(password), iterations: 2000, length: 8 },
      { hash: 'sha1', id: 3, salt, password: bmpPassword(password), iterations: 2000, length: 20 },
      { hash: 'sha256', id: 3, salt: randomBytes(8), password: bmpPassword(password), iterations: 1000, length: 32 },
      { hash: 'sha256', id: 1, salt: randomBytes(20), password: bmpPassword(password), iterations: 3, length: 70 },
    ];
    const derived = await pkcs12Kdfs(jobs);
    expect(derived.map((key) => key.length)).toEqual([24, 8, 20, 32, 70]);
    jobs.forEach((job, index) =>
      expect(derived[index].toString('hex'), `derivation ${index}`).toBe(forgeKdf(job, password).toString('hex')),
    );
  });

  it('writes the password as UTF-16BE with a terminating zero', () => {
    expect(bmpPassword('A한').toString('hex')).toBe('0041d55c0000');
    expect(bmpPassword('').toString('hex')).toBe('0000');
    expect(bmpPassword(null).length).toBe(0);
  });
});
