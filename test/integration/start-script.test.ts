import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';

const root = join(import.meta.dirname, '..', '..');

describe('npm start without the Electron binary', () => {
  it('says in one line that Electron is missing and points to npm run serve, without a stack trace or a download', () => {
    // A project whose Electron package is installed but whose binary never arrived, as after a failed download.
    const project = tempDir('edgewiz-start-');
    mkdirSync(join(project, 'scripts'));
    copyFileSync(join(root, 'scripts', 'start.mjs'), join(project, 'scripts', 'start.mjs'));
    const electron = join(project, 'node_modules', 'electron');
    mkdirSync(electron, { recursive: true });
    for (const file of ['package.json', 'index.js']) copyFileSync(join(root, 'node_modules', 'electron', file), join(electron, file));

    const result = spawnSync(process.execPath, [join(project, 'scripts', 'start.mjs')], {
      cwd: project,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Edge Wizard: the desktop app cannot start because Electron is not installed \(.+\); run "npm run serve" to use Edge Wizard in a browser instead\.$/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
