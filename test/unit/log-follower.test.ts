import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogFollower, readTail } from '../../electron/gateway/driver';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function logFile(text: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'edgewiz-log-'));
  folders.push(folder);
  const file = join(folder, 'prosody.log');
  writeFileSync(file, text);
  return file;
}

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

describe('following a log after its last lines', () => {
  it('gives the tail, then every line after it once, a line being written when it started included whole', () => {
    const file = logFile(`${numbered(1, 10).join('\n')}\nline 11 beg`);
    const follower = new LogFollower(file, 60_000);
    const batches: string[][] = [];
    const off = follower.subscribe((lines) => batches.push(lines), 3);
    expect(batches).toEqual([['line 8', 'line 9', 'line 10']]);

    appendFileSync(file, 'un\nline 12\nline 13 beg');
    follower.poll();
    appendFileSync(file, 'un\n');
    follower.poll();
    expect(batches.slice(1)).toEqual([['line 11 begun', 'line 12'], ['line 13 begun']]);
    off();
  });

  it('a second follower joining mid-line gets the lines the first saw before it, and the rest once', () => {
    const file = logFile(`${numbered(1, 5).join('\n')}\n`);
    const follower = new LogFollower(file, 60_000);
    const first: string[][] = [];
    const second: string[][] = [];
    const offFirst = follower.subscribe((lines) => first.push(lines));
    appendFileSync(file, 'line 6\nline 7 beg');
    follower.poll();
    const offSecond = follower.subscribe((lines) => second.push(lines), 2);
    appendFileSync(file, 'un\nline 8\n');
    follower.poll();
    expect(first).toEqual([['line 6'], ['line 7 begun', 'line 8']]);
    expect(second).toEqual([
      ['line 5', 'line 6'],
      ['line 7 begun', 'line 8'],
    ]);
    offFirst();
    offSecond();
  });

  it('a tail longer than the file gives the whole file, and a missing file nothing', () => {
    const file = logFile(`${numbered(1, 3).join('\n')}\n`);
    const batches: string[][] = [];
    new LogFollower(file, 60_000).subscribe((lines) => batches.push(lines), 200)();
    expect(batches).toEqual([numbered(1, 3)]);
    expect(readTail(file, 2)).toEqual(['line 2', 'line 3']);
    const none: string[][] = [];
    new LogFollower(join(folders[0], 'absent.log'), 60_000).subscribe((lines) => none.push(lines), 5)();
    expect(none).toEqual([]);
  });

  it('reads the tail of a log far larger than one read', () => {
    const lines = numbered(1, 20_000);
    const file = logFile(`${lines.join('\n')}\n`);
    const batches: string[][] = [];
    new LogFollower(file, 60_000).subscribe((batch) => batches.push(batch), 5000)();
    expect(batches).toEqual([lines.slice(-5000)]);
    expect(readTail(file, 5000)).toEqual(lines.slice(-5000));
  });
});
