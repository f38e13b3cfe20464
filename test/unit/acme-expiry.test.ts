import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAcmeState } from '../../shared/acme/acme';
import type { StoredCertificate } from '../../shared/certificates/installed';
import { AcmeService } from '../../electron/acme/acme-service';
import { CertificateService } from '../../electron/certificates/certificate-service';
import { FileSecretProvider, KeyVault } from '../../electron/certificates/key-vault';
import { CertificateRequestService } from '../../electron/certificates/request-service';
import { AppStore } from '../../electron/store/app-store';
import { confBacking } from '../../electron/store/conf-backing';
import { profile } from '../support/certificates';
import { tempDir } from '../support/core';

/** A stored certificate record (its PEM is never parsed on this path). */
function record(id: string, keyFile: string, notAfter: string, state: 'issued' | 'assigned'): StoredCertificate {
  return {
    id,
    usage: 'externalEdge',
    state,
    friendlyName: `Edge ${id}`,
    subject: 'CN=sip.contoso.com',
    sans: ['sip.contoso.com'],
    issuer: 'CN=Test CA',
    serial: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter,
    sha1: id === 'old' ? 'A'.repeat(40) : 'B'.repeat(40),
    sha256: id === 'old' ? 'A'.repeat(64) : 'B'.repeat(64),
    keySize: 2048,
    clientAuth: true,
    publicKeySha256: (id === 'old' ? 'a' : 'b').repeat(64),
    exportable: true,
    importedAt: '2026-01-01T00:00:00.000Z',
    source: 'test',
    fromRequest: true,
    chain: [],
    certificatePem: '',
    chainPem: [],
    keyFile,
  };
}

describe('replaced certificates', () => {
  it('stay listed until they expire, then renew --due removes them with their key (and keeps the new one)', async () => {
    const dataDir = tempDir();
    const store = new AppStore(dataDir, confBacking);
    const vault = new KeyVault(dataDir, new FileSecretProvider(dataDir));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const oldKey = await vault.save('old', privateKey);
    const newKey = await vault.save('new', privateKey);
    store.set('certificates', [
      record('old', oldKey, '2026-06-01T00:00:00.000Z', 'issued'),
      record('new', newKey, '2027-06-01T00:00:00.000Z', 'assigned'),
    ]);
    const stored = { topology: profile().topology, request: { ...profile().request } } as never;
    store.set('acme', { ...defaultAcmeState, ordered: { old: stored, new: stored }, replaced: { old: 'new' } });
    let now = new Date('2026-05-31T00:00:00Z');
    const service = (at: () => Date) =>
      new AcmeService({
        store,
        vault,
        requests: new CertificateRequestService({ store, vault, dataDir }),
        installed: new CertificateService({ store, vault, dataDir, now: at }),
        reloadGateway: async () => false,
        log: () => {},
        now: at,
      });
    const before = await service(() => now).renewDue();
    expect(before.removed).toEqual([]);
    expect(store.get('certificates').map((entry) => entry.id)).toEqual(['old', 'new']);
    expect(before.waiting.map((wait) => wait.id)).toEqual(['new']);

    now = new Date('2026-06-02T00:00:00Z');
    const after = await service(() => now).renewDue();
    expect(after.removed).toEqual([{ id: 'old', friendlyName: 'Edge old' }]);
    expect(store.get('certificates').map((entry) => entry.id)).toEqual(['new']);
    expect(existsSync(join(dataDir, 'keys', oldKey))).toBe(false);
    expect(existsSync(join(dataDir, 'keys', newKey))).toBe(true);
    expect(store.get('acme').replaced).toEqual({});
    expect(Object.keys(store.get('acme').ordered)).toEqual(['new']);
  });
});
