// `npm start`: builds and launches the desktop app. Electron's own binary is downloaded when
// npm installs the package; where that download failed or was skipped (no network, an old
// Node), say so in one line and point to the browser version instead of a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Electron executable npm installed, without triggering Electron's own download. */
function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

// Electron 45's installer needs Node 22.12 or later; older Node skips or fails the download.
const [major, minor] = process.versions.node.split('.').map(Number);
const oldNode = major < 22 || (major === 22 && minor < 12);

const binary = electronBinary();
if (!binary) {
  const why = oldNode
    ? `its installer needs Node 22.12 or later, this is Node ${process.versions.node}`
    : 'its download failed or was skipped';
  console.error(
    `Edge Wizard: the desktop app cannot start because Electron is not installed (${why}); run "npm run serve" to use Edge Wizard in a browser instead.`,
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(import.meta.dirname, 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync(binary, ['.'], { stdio: 'inherit' });
process.exit(app.status ?? 1);
