import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { packagesLoaded } from '../support/load-trace';

// What makes start-up slow when loaded for nothing: schemas, the store, certificates, ACME, WebSocket.
const heavy = ['zod', 'conf', 'ajv', 'node-forge', 'acme-client', 'axios', '@peculiar/x509', 'ws'];

describe('edgewiz start-up (the built CLI, as a process)', () => {
  it('--help loads no package that any command needs', async () => {
    const { code, bundles, packages } = await packagesLoaded(['--help'], { EDGEWIZ_DATA_DIR: tempDir() });
    expect(code).toBe(0);
    expect(bundles.some((file) => file.endsWith('edgewiz.js'))).toBe(true);
    expect(packages.filter((name) => heavy.includes(name))).toEqual([]);
  });

  it('list loads the store and the schemas, but neither forge nor the ACME client', async () => {
    const { code, packages } = await packagesLoaded(['--json', 'list'], { EDGEWIZ_DATA_DIR: tempDir() });
    expect(code).toBe(0);
    expect(packages).toEqual(expect.arrayContaining(['zod', 'conf']));
    expect(packages.filter((name) => ['node-forge', 'acme-client', 'axios', '@peculiar/x509', 'ws'].includes(name))).toEqual([]);
  });
});
