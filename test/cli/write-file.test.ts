// Our own output files: written whole through a rename, but a device or pipe is written into, never replaced.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/write-file.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-write-file-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a regular file whole and leaves no temporary file behind', () => {
    const f = join(tmp, 'summary.json');
    writeFileSync(f, 'old');
    writeFileAtomic(f, 'new text\n');
    expect(readFileSync(f, 'utf8')).toBe('new text\n');
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a symbolic link and replaces the file it points to', () => {
    const target = join(tmp, 'real.json');
    const link = join(tmp, 'link.json');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    writeFileAtomic(link, Buffer.from('bytes'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('bytes');
  });

  it('writes into a FIFO instead of renaming a file over it (as root a rename would replace /dev/stdout or /dev/null)', async () => {
    const fifo = join(tmp, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    const received = new Promise<string>((resolve) => {
      let out = '';
      reader.stdout.on('data', (c: Buffer) => (out += c.toString()));
      reader.on('close', () => resolve(out));
    });
    writeFileAtomic(fifo, 'through the pipe\n');
    expect(await received).toBe('through the pipe\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});

describe('writeFileAtomic through a descriptor or a link', () => {
  it('appends through /dev/stdout (here /proc/self/fd/N) instead of replacing the file the shell redirected to', () => {
    const f = join(tmp, 'redirected.txt');
    writeFileSync(f, 'alerts already printed\n');
    const fd = openSync(f, 'a');
    try {
      const ino = statSync(f).ino;
      writeFileAtomic(`/proc/self/fd/${fd}`, '{"summary":1}\n');
      expect(statSync(f).ino).toBe(ino);
      expect(readFileSync(f, 'utf8')).toBe('alerts already printed\n{"summary":1}\n');
    } finally {
      closeSync(fd);
    }
  });

  it('keeps a dangling symbolic link and creates its target', () => {
    const link = join(tmp, 'dangling.json');
    symlinkSync(join(tmp, 'not-there-yet.json'), link);
    writeFileAtomic(link, 'made');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tmp, 'not-there-yet.json'), 'utf8')).toBe('made');
  });
});
