import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export type BoundedReadFailure = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

/** Why a file named by the user was not read; `size` is known for too-large regular files. */
export class BoundedReadError extends Error {
  constructor(
    readonly failure: BoundedReadFailure,
    readonly path: string,
    readonly detail: string,
    readonly size?: number,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'BoundedReadError';
  }
}

/**
 * Reads a user-named file of at most `cap` bytes. The file is opened once and checked through
 * that handle: devices and FIFOs report a size of 0 to stat(), so only a regular file is read,
 * and never more than `cap` bytes of it (a file that grows meanwhile is refused, not followed).
 * O_NONBLOCK keeps the open of a FIFO from waiting for a writer.
 */
export async function readBoundedFile(path: string, cap: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BoundedReadError('missing', path, 'does not exist');
    if (code === 'EISDIR') throw new BoundedReadError('not-a-file', path, 'is a folder');
    throw new BoundedReadError('unreadable', path, `cannot be read (${code ?? String(error)})`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new BoundedReadError('not-a-file', path, 'is a folder');
    if (!info.isFile()) throw new BoundedReadError('not-a-file', path, 'is not a regular file (a device, pipe or socket)');
    if (info.size > cap) throw new BoundedReadError('too-large', path, `is ${info.size} bytes, more than the ${cap} allowed`, info.size);
    const buffer = Buffer.alloc(cap + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > cap) throw new BoundedReadError('too-large', path, `is more than the ${cap} bytes allowed`, length);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof BoundedReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BoundedReadError('unreadable', path, `cannot be read (${code ?? String(error)})`);
  } finally {
    await handle.close();
  }
}
