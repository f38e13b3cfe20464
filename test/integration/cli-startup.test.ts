import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { packagesLoaded } from '../support/load-trace';

// What makes start-up slow when loaded for nothing: schemas, the store, certificates, ACME, WebSocket,
// the public suffix list.
const heavy = ['zod', 'conf', 'ajv', 'node-forge', 'acme-client', 'axios', '@peculiar/x509', 'ws', 'tldts', 'tldts-core'];

describe('edgewiz start-up (the built CLI, as a process)', () => {
  it('--help loads no package that any command needs', async () => {
    const { code, bundles, packages } = await packagesLoaded(['--help'], { EDGEWIZ_DATA_DIR: tempDir() });
    expect(code).toBe(0);
    expect(bundles.some((file) => file.endsWith('edgewiz.js'))).toBe(true);
    expect(packages.filter((name) => heavy.includes(name))).toEqual([]);
  });

  it('list loads the schemas, the store library only for a new settings file, and neither forge, the ACME client nor the public suffix list', async () => {
    const env = { EDGEWIZ_DATA_DIR: tempDir() };
    const first = await packagesLoaded(['--json', 'list'], env);
    expect(first.code).toBe(0);
    expect(first.packages).toEqual(expect.arrayContaining(['zod', 'conf']));
    const again = await packagesLoaded(['--json', 'list'], env);
    expect(again.code).toBe(0);
    expect(again.packages).toContain('zod');
    expect(again.packages.filter((name) => heavy.includes(name) && name !== 'zod')).toEqual([]);
  });

  it('list reads the certificates and their renewals from the store, without the certificate, ACME, trust or DNS services and their network code', async () => {
    const env = { EDGEWIZ_DATA_DIR: tempDir() };
    expect((await packagesLoaded(['--json', 'list'], env)).code).toBe(0);
    const { code, sources, builtins } = await packagesLoaded(['--json', 'list'], env);
    expect(code).toBe(0);
    expect(sources).toEqual(
      expect.arrayContaining(['shared/certificates/installed.ts', 'shared/acme/status.ts', 'electron/store/app-store.ts']),
    );
    const services =
      /^electron\/(acme\/acme-service|certificates\/(certificate|request)-service|certificates\/key-vault|trust\/trust-service|dns\/rollover|dns\/tlsa-query|nsupdate\/)/;
    expect(sources.filter((source) => services.test(source))).toEqual([]);
    const network = ['http', 'https', 'tls', 'net', 'dns', 'dgram', 'child_process'];
    expect(builtins.filter((name) => network.includes(name))).toEqual([]);
    // The gateway's status probes its ports and runs Prosody's tools: the trace sees those built-ins.
    const status = await packagesLoaded(['gateway', 'status'], env);
    expect(status.code).toBe(0);
    expect(status.builtins).toEqual(expect.arrayContaining(['net', 'tls', 'child_process']));
  });

  it('compiles the bundles a command loads from V8 code caches beside them, written by the first run', async () => {
    const env = { EDGEWIZ_DATA_DIR: tempDir() };
    expect((await packagesLoaded(['--json', 'list'], env)).code).toBe(0);
    const { code, bundles } = await packagesLoaded(['--json', 'list'], env);
    expect(code).toBe(0);
    // The loader itself is the one bundle compiled as usual.
    const cached = bundles.filter((file) => basename(file) !== 'code-cache.js');
    expect(cached.map((file) => basename(file))).toEqual(expect.arrayContaining(['edgewiz.js', expect.stringMatching(/^core-.*\.js$/)]));
    for (const file of cached) expect(existsSync(`${file}.v8`), `${file}.v8`).toBe(true);
  });

  it('takes the store’s writer lock library only when a command writes', async () => {
    const dataDir = tempDir();
    const lockLibrary = ['proper-lockfile', 'graceful-fs'];
    expect((await packagesLoaded(['--json', 'list'], { EDGEWIZ_DATA_DIR: dataDir })).code).toBe(0);
    const reading = await packagesLoaded(['--json', 'list'], { EDGEWIZ_DATA_DIR: dataDir });
    expect(reading.code).toBe(0);
    expect(reading.packages.filter((name) => lockLibrary.includes(name))).toEqual([]);
    writeFileSync(join(dataDir, 'partner.json'), JSON.stringify({ domain: 'partner.example' }));
    const writing = await packagesLoaded(['partners', 'add', '--file', join(dataDir, 'partner.json')], { EDGEWIZ_DATA_DIR: dataDir });
    expect(writing.code).toBe(0);
    expect(writing.packages).toEqual(expect.arrayContaining(lockLibrary));
  });
});
