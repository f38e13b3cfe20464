import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentsDir, type FolderProbe } from '../../electron/paths';
import { MAX_DRAFT_CHARS } from '../../shared/certificates/requests';
import type { RpcError } from '../../shared/rpc/protocol';
import { profileInput } from '../support/certificates';
import { memoryCore, tempDir } from '../support/core';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as RpcError,
  );

describe('certificate RPC', () => {
  it('lints a profile and previews its names and subject', async () => {
    const { client } = memoryCore();
    const result = await client.call('certificates.lint', {
      profile: profileInput({ request: { organizationalUnit: 'IT', country: 'kr' } }),
    });
    expect(result.findings.map((finding) => finding.id)).toEqual(['ou']);
    expect(result.sans).toEqual(['sip.contoso.com', 'webcon.contoso.com', 'sip.fabrikam.com', 'contoso.com']);
    expect(result.subject).toBe('CN=sip.contoso.com, OU=IT, O=Contoso Ltd, L=Redmond, ST=Washington, C=KR');
    expect(result.subjectAttributes[0]).toEqual({ type: 'C', value: 'KR' });
  });

  it('answers a bad profile with invalid-arguments and field paths', async () => {
    const { client } = memoryCore();
    const error = await rejection(
      client.call('certificates.lint', { profile: profileInput({ request: { keySize: 1000 as never, country: 7 as never } }) }),
    );
    expect(error?.code).toBe('invalid-arguments');
    expect(error?.issues.map((issue) => issue.path.join('.'))).toEqual(['profile.request.keySize', 'profile.request.country']);
  });

  it('writes the request, reports progress, lists it without its key and marks the certificate task done', async () => {
    const { client, dataDir } = memoryCore();
    const out = join(tempDir(), 'cert_external_edge.req');
    const stages: string[] = [];
    const percents: number[] = [];
    client.on('certificates.progress', (progress) => {
      stages.push(progress.stage);
      percents.push(progress.percent);
    });
    const changed = new Promise((resolve) => client.on('certificates.changed', resolve));

    const result = await client.call('certificates.request', { profile: profileInput({ request: { organizationalUnit: 'IT' } }), out });
    expect(Object.keys(result).sort()).toEqual(['commands', 'csrPem', 'findings', 'id', 'out', 'publicKeySha256', 'sans', 'subject']);
    expect(result.out).toBe(out);
    expect(result.findings.map((finding) => finding.id)).toEqual(['ou']);
    expect(readFileSync(out, 'utf8')).toBe(result.csrPem);
    expect(result.csrPem).toMatch(
      /^-----BEGIN CERTIFICATE REQUEST-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE REQUEST-----\n$/,
    );
    expect(result.commands.edgewiz).toBe(`edgewiz certificates request --profile profile.json --out ${out}`);
    expect(result.commands.powershell).toMatch(
      /^Request-CsCertificate -New -Type AccessEdgeExternal -Output ".*cert_external_edge\.req" -KeySize 2048 /,
    );
    expect(stages).toEqual(['validating', 'generating-key', 'building-request', 'signing', 'writing', 'done']);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);

    const list = await client.call('certificates.list', {});
    expect(list).toEqual([
      {
        id: result.id,
        usage: 'externalEdge',
        state: 'pending',
        friendlyName: 'Edge external',
        subject: result.subject,
        sans: result.sans,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        out,
        exportable: true,
        keySize: 2048,
        clientEku: false,
        publicKeySha256: result.publicKeySha256,
        csrPem: result.csrPem,
      },
    ]);
    await expect(changed).resolves.toEqual(list);
    const steps = await client.call('wizard.steps', {});
    expect(steps.find((step) => step.id === 'certificates')).toMatchObject({ completedOnce: true, progress: 'pending' });

    // The store keeps the answers and the key file's name, not the key.
    const stored = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'));
    expect(stored.certificates[0]).toMatchObject({
      keyFile: `${result.id}.key.enc`,
      profile: { request: { friendlyName: 'Edge external' } },
    });
    expect(readdirSync(join(dataDir, 'keys'))).toEqual([`${result.id}.key.enc`]);
  });

  it('refuses a request with lint errors: nothing written, nothing stored, the errors as issues', async () => {
    const { client, dataDir } = memoryCore();
    const folder = tempDir();
    const out = join(folder, 'refused.req');
    const error = await rejection(
      client.call('certificates.request', { profile: profileInput({ request: { keySize: 1024, country: 'KOR' } }), out }),
    );
    expect(error?.code).toBe('refused');
    expect(error?.message).toMatch(/^The certificate request was not written: 2 errors must be fixed first: \[key-size\]/);
    expect(error?.issues).toEqual([
      expect.objectContaining({ path: ['profile', 'request', 'keySize'], reason: 'lint.key-size' }),
      expect.objectContaining({ path: ['profile', 'request', 'country'], reason: 'lint.country' }),
    ]);
    expect(readdirSync(folder)).toEqual([]);
    expect(await client.call('certificates.list', {})).toEqual([]);
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('writes despite lint errors only when forced', async () => {
    const { client } = memoryCore();
    const out = join(tempDir(), 'forced.req');
    const result = await client.call('certificates.request', { profile: profileInput({ request: { country: 'KOR' } }), out, force: true });
    expect(result.findings.map((finding) => finding.id)).toEqual(['country']);
    expect(existsSync(out)).toBe(true);
  });

  it('never replaces a file unless told to, and never writes into the data folder', async () => {
    const { client, dataDir } = memoryCore();
    const folder = tempDir();
    const out = join(folder, 'cert.req');
    writeFileSync(out, 'keep me');
    const exists = await rejection(client.call('certificates.request', { profile: profileInput(), out }));
    expect(exists?.issues).toEqual([expect.objectContaining({ path: ['out'], reason: 'path.exists' })]);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await client.call('certificates.list', {})).toEqual([]);

    // Confirmed or not, only a certificate request is ever replaced.
    const notARequest = await rejection(client.call('certificates.request', { profile: profileInput(), out, overwrite: true }));
    expect(notARequest?.issues).toEqual([expect.objectContaining({ path: ['out'], reason: 'path.not-replaceable' })]);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    writeFileSync(out, '-----BEGIN NEW CERTIFICATE REQUEST-----\nMIIB\n-----END NEW CERTIFICATE REQUEST-----\n');
    await client.call('certificates.request', { profile: profileInput(), out, overwrite: true });
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    expect(readdirSync(folder)).toEqual(['cert.req']);

    const inData = await rejection(
      client.call('certificates.request', { profile: profileInput(), out: join(dataDir, 'master.key'), overwrite: true }),
    );
    expect(inData?.issues[0]).toMatchObject({ path: ['out'], reason: 'path.in-data-dir' });
    const relative = await rejection(client.call('certificates.request', { profile: profileInput(), out: 'cert.req' }));
    expect(relative?.issues[0]).toMatchObject({ path: ['out'], reason: 'path.not-absolute' });
    const missing = await rejection(
      client.call('certificates.request', { profile: profileInput(), out: join(folder, 'nope', 'cert.req') }),
    );
    expect(missing?.issues[0]).toMatchObject({ path: ['out'], reason: 'path.folder-missing' });
    expect(missing?.message).toContain(join(folder, 'nope'));
    expect(await client.call('certificates.list', {})).toHaveLength(1);
  });

  it('checks a save path: folder, writability, an existing file that needs confirmation', async () => {
    const { client, dataDir } = memoryCore();
    const folder = tempDir();
    writeFileSync(join(folder, 'old.req'), 'x');
    mkdirSync(join(folder, 'sub'));
    const check = (path: string, overwrite?: boolean) =>
      client.call('files.checkSavePath', overwrite === undefined ? { path } : { path, overwrite });
    expect(await check(join(folder, 'new.req'))).toEqual({ ok: true, exists: false });
    expect(await check(join(folder, 'old.req'))).toMatchObject({ ok: false, exists: true, reason: 'path.exists' });
    expect(await check(join(folder, 'old.req'), true)).toEqual({ ok: true, exists: true });
    expect(await check(join(folder, 'missing', 'a.req'))).toMatchObject({ ok: false, exists: false, reason: 'path.folder-missing' });
    expect(await check(join(folder, 'sub'), true)).toMatchObject({ ok: false, reason: 'path.is-directory' });
    expect(await check(join(folder, 'old.req', 'a.req'))).toMatchObject({ ok: false, reason: 'path.folder-missing' });
    expect(await check('relative.req')).toMatchObject({ ok: false, reason: 'path.not-absolute' });
    expect(await check(join(dataDir, 'x.req'))).toMatchObject({ ok: false, reason: 'path.in-data-dir' });
    mkdirSync(dataDir, { recursive: true });
    symlinkSync(dataDir, join(folder, 'link'));
    expect(await check(join(folder, 'link', 'master.key'), true)).toMatchObject({ ok: false, reason: 'path.in-data-dir' });
    await expect(client.call('files.checkSavePath', { path: '' })).rejects.toMatchObject({ code: 'invalid-arguments' });
  });

  it('keeps the wizard draft, partial answers and all, across a restart', async () => {
    const dataDir = tempDir();
    const first = memoryCore(dataDir).client;
    expect(await first.call('certificates.draft.get', {})).toBeNull();
    const answers = {
      certificateType: 'externalEdge',
      keySize: '40',
      organization: '',
      additionalSans: ['half.typed.'],
      nested: { ok: true },
    };
    const saved = await first.call('certificates.draft.set', { draft: { page: 6, answers } });
    expect(saved).toMatchObject({ page: 6, answers, updatedAt: expect.any(String) });

    const second = memoryCore(dataDir).client;
    expect(await second.call('certificates.draft.get', {})).toEqual(saved);
    expect(await second.call('certificates.draft.set', { draft: null })).toBeNull();
    expect(await second.call('certificates.draft.get', {})).toBeNull();

    const huge = await rejection(
      second.call('certificates.draft.set', { draft: { page: 1, answers: { blob: 'x'.repeat(MAX_DRAFT_CHARS) } } }),
    );
    expect(huge?.code).toBe('invalid-arguments');
    expect(huge?.issues[0]).toMatchObject({ path: ['draft', 'answers'], reason: 'certificate.draft-too-large' });
    const badPage = await rejection(second.call('certificates.draft.set', { draft: { page: -1, answers: {} } }));
    expect(badPage?.issues[0].path).toEqual(['draft', 'page']);
  });

  it('opens a store written before certificate requests existed', async () => {
    const dataDir = tempDir();
    const old = {
      settings: { locale: 'ko', theme: 'system' },
      topology: null,
      wizard: { certificateTaskCompleted: false },
      __internal__: { migrations: { version: '1.0.0' } },
    };
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify(old));
    const { client } = memoryCore(dataDir);
    expect(await client.call('certificates.list', {})).toEqual([]);
    expect(await client.call('certificates.draft.get', {})).toBeNull();
    expect((await client.call('app.status', {})).storeRecovery).toBeNull();
    expect(await client.call('settings.get', {})).toEqual({ locale: 'ko', theme: 'system' });
  });

  it('tells the UI where the Documents folder is', async () => {
    const { client } = memoryCore();
    const { documents } = await client.call('app.paths', {});
    expect(documents).toMatch(/^\//);
    expect(statSync(documents).isDirectory()).toBe(true);
  });
});

describe('documentsDir', () => {
  const probe = (dirs: string[], files: Record<string, string> = {}): FolderProbe => ({
    isDirectory: (path) => dirs.includes(path),
    readText: (path) => files[path] ?? null,
  });

  it('follows XDG user-dirs on Linux, then ~/Documents, then home', () => {
    const userDirs = {
      '/home/kim/.config/user-dirs.dirs': '# generated\nXDG_DESKTOP_DIR="$HOME/바탕화면"\nXDG_DOCUMENTS_DIR="$HOME/문서"\n',
    };
    expect(documentsDir('linux', {}, '/home/kim', probe(['/home/kim/문서', '/home/kim/Documents'], userDirs))).toBe('/home/kim/문서');
    expect(documentsDir('linux', {}, '/home/kim', probe(['/home/kim/Documents'], userDirs))).toBe('/home/kim/Documents');
    expect(documentsDir('linux', {}, '/home/kim', probe([]))).toBe('/home/kim');
    expect(
      documentsDir(
        'linux',
        { XDG_CONFIG_HOME: '/cfg' },
        '/home/kim',
        probe(['/docs'], { '/cfg/user-dirs.dirs': 'XDG_DOCUMENTS_DIR="/docs"' }),
      ),
    ).toBe('/docs');
  });

  it('uses the profile folder on Windows and ~/Documents on macOS', () => {
    expect(documentsDir('win32', { USERPROFILE: 'C:\\Users\\kim' }, 'C:\\Users\\kim', probe(['C:\\Users\\kim\\Documents']))).toBe(
      'C:\\Users\\kim\\Documents',
    );
    expect(documentsDir('darwin', {}, '/Users/kim', probe(['/Users/kim/Documents']))).toBe('/Users/kim/Documents');
  });
});
