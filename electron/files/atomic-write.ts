import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, lstat, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { SavePathCheck } from '../../shared/certificates/requests';
import { RpcError } from '../../shared/rpc/protocol';
import { readBoundedFile } from './bounded-read';
import { errorMessage } from '../../shared/errors';

/** Why a path cannot be written, as a translation key the UI shows next to the field. */
export type SavePathReason =
  | 'path.not-absolute'
  | 'path.no-file-name'
  | 'path.in-data-dir'
  | 'path.folder-missing'
  | 'path.folder-not-writable'
  | 'path.is-directory'
  | 'path.exists'
  | 'path.outside-allowed'
  | 'path.not-replaceable'
  | 'path.disk-full'
  | 'path.write-failed';

/** A refused or failed write, with a message naming the path; `reason` tells the UI which. */
export class FileWriteError extends RpcError {
  constructor(
    readonly reason: SavePathReason,
    message: string,
    readonly path: string,
  ) {
    super('refused', message, [], { reason, params: pathParams(path) });
    this.name = 'FileWriteError';
  }
}

/** The values every path sentence may name: the path, its folder and its file name. */
export function pathParams(path: string): { path: string; folder: string; name: string } {
  return { path, folder: dirname(path), name: basename(path) };
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export interface SavePathOptions {
  overwrite?: boolean;
  /** A folder nothing may be written into from outside (the data dir with the keys and the store). */
  protectedDir?: string;
  /** When set, the file's folder must be inside one of these (what `serve` lets a browser write to). */
  allowedRoots?: string[];
  /** When set, an existing file is only replaced if it is a regular file these bytes (its start) pass. */
  replaceable?: (head: Buffer) => boolean;
}

/** What a replaced certificate request must look like: a PEM CSR (PKCS #10), as Edge Wizard and certreq write them. */
export const isCertificateRequestFile = (head: Buffer) => /^\s*-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(head.toString('latin1'));

function refusal(reason: SavePathReason, path: string): FileWriteError {
  const folder = dirname(path);
  const messages: Record<SavePathReason, string> = {
    'path.not-absolute': `Enter the full path of the file, such as /home/me/Documents/cert.req (not "${path}").`,
    'path.no-file-name': `"${path}" names a folder; add a file name.`,
    'path.in-data-dir': `${path} is inside Edge Wizard's own data folder; choose another folder.`,
    'path.folder-missing': `The folder ${folder} does not exist. Choose an existing folder for ${basename(path)}.`,
    'path.folder-not-writable': `Edge Wizard cannot write to the folder ${folder}. Choose a folder you can write to.`,
    'path.is-directory': `${path} is a folder, not a file. Choose a file name.`,
    'path.exists': `${path} already exists. Choose another name, or confirm that it may be replaced.`,
    'path.outside-allowed': `${path} is outside the folders Edge Wizard may write to from the browser (your home folder, or a folder given to edgewiz serve with --save-dir). Choose a file there.`,
    'path.not-replaceable': `${path} exists and is not a certificate request, so Edge Wizard does not replace it. Choose another name.`,
    'path.disk-full': `The disk is full: ${path} could not be written. Free some space and try again.`,
    'path.write-failed': `${path} could not be written.`,
  };
  return new FileWriteError(reason, messages[reason], path);
}

/** Checks a path before anything is generated, so the admin hears about a bad folder first. */
export async function checkSavePath(path: string, options: SavePathOptions = {}): Promise<SavePathCheck> {
  try {
    const exists = await assertWritable(path, options);
    return { ok: true, exists };
  } catch (error) {
    if (!(error instanceof FileWriteError)) throw error;
    return { ok: false, exists: error.reason === 'path.exists', reason: error.reason, params: pathParams(path), message: error.message };
  }
}

/** Resolves to whether the file exists (and may be replaced); throws FileWriteError otherwise. */
export async function assertWritable(path: string, options: SavePathOptions = {}): Promise<boolean> {
  if (!isAbsolute(path)) throw refusal('path.not-absolute', path);
  if (/[\\/]$/.test(path) || basename(path) === '') throw refusal('path.no-file-name', path);
  if (options.protectedDir && isInside(path, options.protectedDir)) throw refusal('path.in-data-dir', path);
  const folder = dirname(path);
  try {
    if (!(await stat(folder)).isDirectory()) throw refusal('path.folder-missing', path);
  } catch (error) {
    if (error instanceof FileWriteError) throw error;
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') throw refusal('path.folder-missing', path);
    throw refusal('path.folder-not-writable', path);
  }
  if (options.protectedDir) {
    // Through a symlinked folder the path may still lead into the protected one.
    const [realFolder, realProtected] = await Promise.all([
      realpath(folder),
      realpath(options.protectedDir).catch(() => options.protectedDir!),
    ]);
    if (isInside(realFolder, realProtected)) throw refusal('path.in-data-dir', path);
  }
  if (options.allowedRoots) {
    const realFolder = await realpath(folder);
    const roots = await Promise.all(options.allowedRoots.map((root) => realpath(root).catch(() => resolve(root))));
    if (!roots.some((root) => isInside(realFolder, root))) throw refusal('path.outside-allowed', path);
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw refusal('path.folder-not-writable', path);
  }
  try {
    const existing = await lstat(path);
    if (existing.isDirectory()) throw refusal('path.is-directory', path);
    if (!options.overwrite) throw refusal('path.exists', path);
    if (options.replaceable) {
      // A link, device or any other kind of file is never replaced; a regular one only when it passes.
      const head = existing.isFile() ? await readBoundedFile(path, 64 * 1024).catch(() => null) : null;
      if (!head || !options.replaceable(head)) throw refusal('path.not-replaceable', path);
    }
    return true;
  } catch (error) {
    if (error instanceof FileWriteError) throw error;
    if (errno(error) === 'ENOENT') return false;
    throw refusal('path.folder-not-writable', path);
  }
}

function translate(error: unknown, path: string): FileWriteError {
  if (error instanceof FileWriteError) return error;
  const code = errno(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return refusal('path.folder-missing', path);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return refusal('path.folder-not-writable', path);
  if (code === 'ENOSPC' || code === 'EDQUOT') return refusal('path.disk-full', path);
  if (code === 'EISDIR') return refusal('path.is-directory', path);
  if (code === 'EEXIST') return refusal('path.exists', path);
  const failed = refusal('path.write-failed', path);
  return new FileWriteError('path.write-failed', `${failed.message} (${code ?? errorMessage(error)})`, path);
}

export interface AtomicWriteOptions {
  overwrite?: boolean;
  /** File mode of the new file; 0o600 for anything secret. */
  mode?: number;
}

/**
 * Writes the whole file or nothing: a temp file in the same folder is filled, flushed and then
 * moved into place, so a crash or a full disk never leaves a half-written file behind.
 * Without `overwrite` an existing file is never replaced, even one created meanwhile.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let tempCreated = false;
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    tempCreated = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await rename(temp, path);
      tempCreated = false;
    } else {
      await placeWithoutReplacing(temp, path);
    }
  } catch (error) {
    throw translate(error, path);
  } finally {
    if (tempCreated) await unlink(temp).catch(() => {});
  }
}

/** link() fails when the target exists, which rename() would silently replace. */
async function placeWithoutReplacing(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
    return;
  } catch (error) {
    if (errno(error) === 'EEXIST') throw refusal('path.exists', path);
    // Some file systems (FAT, some network shares) have no hard links: check, then rename.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(errno(error) ?? '')) throw error;
  }
  const exists = await lstat(path).then(
    () => true,
    (error: unknown) => (errno(error) === 'ENOENT' ? false : Promise.reject(error)),
  );
  if (exists) throw refusal('path.exists', path);
  await rename(temp, path);
}
