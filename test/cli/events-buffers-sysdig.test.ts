// `events -A` / `events -X` print I/O buffers as `sysdig -A` / `sysdig -X` do, byte for byte, and nothing from
// the capture reaches the terminal but printable ASCII and line breaks.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';
import { Scenario } from '../helpers/scenario.js';
import { sysdig } from '../helpers/sysdig.js';

// sysdig 0.29.3 cannot open this one ("Is the file truncated?"); the others it reads whole.
const UNREADABLE_BY_SYSDIG = new Set(['curl_google_comments.scap']);

async function ours(file: string, flag: string): Promise<string[]> {
  const r = await cli(['events', '--raw', flag, file]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n');
}

/** Bytes a hostile program could write: escape sequences, bidi overrides, CR/LF pairs, NULs and high bytes. */
function hostileCapture(): string {
  const s = new Scenario();
  const p = s.process({ pid: 900, comm: 'writer', exe: '/usr/bin/writer' });
  const fd = p.open('/tmp/out', 1);
  p.write(fd, Buffer.from('\x1b]0;pwned\x07\x1b[2J\u202eevil\r\nline two\nline three\r\r\n\x00\xff\x9b tail', 'latin1'));
  p.write(fd, Buffer.from('\nstarts with a newline', 'latin1'));
  p.write(fd, Buffer.from([0x41, 0x42, 0x43]));
  p.write(fd, Buffer.alloc(0));
  p.read(fd, Buffer.from('0123456789abcdef0123456789abcdef!', 'latin1'));
  const f = join(mkdtempSync(join(tmpdir(), 'falco-replay-bufs-')), 'hostile.scap');
  writeFileSync(f, s.toBuffer());
  return f;
}

describe('events --raw -n N equals sysdig -n N', () => {
  it('a container event (the demo capture starts with one) is neither shown nor counted', async () => {
    const demo = fixturePath('demo.scap');
    for (const n of ['1', '2', '5']) {
      for (const debug of [[], ['-D']]) {
        const want = sysdig(['-r', demo, '-n', n, ...debug]);
        expect(want).toHaveLength(Number(n));
        const r = await cli(['events', '--raw', '-n', n, ...debug, demo]);
        expect(r.stdout.replace(/\n$/, '').split('\n')).toEqual(want);
      }
    }
  });
});

describe('events -A and -X equal sysdig -A and -X', () => {
  const captures = readdirSync(sharedPath('captures')).filter((c) => c.endsWith('.scap') && !UNREADABLE_BY_SYSDIG.has(c));
  for (const flag of ['-A', '-X']) {
    it(`${flag}: every shared capture`, async () => {
      let lines = 0;
      for (const c of captures) {
        const file = sharedPath('captures', c);
        const want = sysdig(['-r', file, flag], false);
        const got = await ours(file, flag);
        expect([c, got]).toEqual([c, want]);
        lines += want.length;
      }
      expect(lines).toBeGreaterThan(1500);
    });
  }

  it('on hostile buffers: the same text as sysdig, and only printable ASCII, newlines and tabs', async () => {
    const file = hostileCapture();
    for (const flag of ['-A', '-X']) {
      const got = await ours(file, flag);
      expect(got).toEqual(sysdig(['-r', file, flag], false));
      const text = got.join('\n');
      expect(text).toMatch(flag === '-A' ? /line two\nline three\n\n/ : /0x0010: 3031 3233 3435 3637 3839 6162 6364 6566 {2}0123456789abcdef\n\t0x0020: 21 +!\n/);
      expect(text).not.toMatch(/[^\x20-\x7e\n\t]/);
    }
  });

  it('-A and -X together are a usage error', async () => {
    const r = await cli(['events', '-A', '-X', hostileCapture()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-A and -X');
  });
});
