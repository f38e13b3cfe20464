import { closeSync, fstatSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, sep } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs the CLI's CommonJS bundles with V8's code cache: compiling the bundles a command loads
 * (zod and the schemas among them) costs a CLI command more than a third of its own work, and a
 * cache of the bytecode made by an earlier run removes most of it. The cache of `x.js` is
 * `x.js.v8` beside it, headed by the size and modification time of the source it was made from:
 * a cache that does not match its source, or that V8 refuses (another Node or other flags), is
 * not used, and a new one is written when the process exits. Nothing depends on a cache being
 * there or writable: without one the bundle compiles as usual. The bundles load everything with
 * require(): Node 20 gives code compiled from a cache no loader for import().
 */

interface CompileHook {
  _compile(this: NodeModule, content: string, filename: string): unknown;
}

/** What the cache did for one run, for the tests. */
export interface CodeCacheReport {
  /** Bundles compiled from their cache. */
  used: string[];
  /** Bundles compiled without one (none, stale or refused), whose cache is written at exit. */
  compiled: string[];
  /** Caches that could not be written (a read-only install): those bundles compile every time. */
  unwritable: string[];
}

const CACHE_SUFFIX = '.v8';

/** Identifies the exact source a cache was made from; V8 itself checks only its length. */
function sourceStamp(filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  return `${size}:${mtimeMs}\n`;
}

function readCache(filename: string, stamp: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(filename + CACHE_SUFFIX, 'r');
  } catch {
    return undefined;
  }
  try {
    // Bounded: a cache is a few times its source at most.
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > 64 * 1024 * 1024) return undefined;
    const data = readFileSync(fd);
    const header = Buffer.from(stamp);
    return data.subarray(0, header.length).equals(header) ? data.subarray(header.length) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function writeCache(filename: string, stamp: string, data: Buffer): void {
  // Another process may write the same cache: each writes its own file and renames it into place.
  const temporary = `${filename}${CACHE_SUFFIX}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(stamp), data]), { mode: 0o644, flag: 'wx' });
    renameSync(temporary, filename + CACHE_SUFFIX);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Requires `entry`, compiling it and every bundle under `root` it requires through the code
 * cache; other files (packages from node_modules) load as usual.
 */
export function requireWithCodeCache(entry: string, root: string): CodeCacheReport {
  const report: CodeCacheReport = { used: [], compiled: [], unwritable: [] };
  const toWrite: { filename: string; stamp: string; script: Script }[] = [];
  const hook = Module.prototype as unknown as CompileHook;
  const compile = hook._compile;
  const within = root.endsWith(sep) ? root : root + sep;
  hook._compile = function (content, filename) {
    if (!filename.startsWith(within)) return compile.call(this, content, filename);
    const stamp = sourceStamp(filename);
    const cachedData = readCache(filename, stamp);
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (cachedData && !script.cachedDataRejected) report.used.push(filename);
    else {
      report.compiled.push(filename);
      toWrite.push({ filename, stamp, script });
    }
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, dirname(filename));
  };
  // Made at exit, so the cache holds the functions this run compiled as well as the top level.
  process.once('exit', () => {
    for (const { filename, stamp, script } of toWrite) {
      try {
        writeCache(filename, stamp, script.createCachedData());
      } catch {
        report.unwritable.push(filename);
      }
    }
  });
  Module.createRequire(entry)(entry);
  return report;
}
