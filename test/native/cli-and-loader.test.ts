// The record command and the TypeScript face with an injected binding: missing addon, missing privileges,
// usage errors, option checks; and the generated C tables staying in sync with shared/data.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDuration, parseSize } from '../../src/cli/commands/record.js';
import { droppedRecordsWarning, parseRecorderStats, setBindingLoader, startRecording, toNativeOptions } from '../../src/native/index.js';
import type { NativeBinding } from '../../src/native/index.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT, SHARED_DIR } from '../helpers/paths.js';

const fakeBinding = (over: Partial<NativeBinding> = {}): NativeBinding => ({
  abiVersion: 1,
  check: () => null,
  syscalls: () => ['read', 'write', 'openat', 'execve'],
  resolveCommand: (f) => (f === 'sh' ? '/usr/bin/sh' : null),
  start: () => Promise.reject(new Error('not in this test')),
  ...over,
});

afterEach(() => setBindingLoader(undefined));

describe('falco-replay record without the native addon', () => {
  it('explains what is missing and fails, while the rest of the CLI keeps working', async () => {
    setBindingLoader(() => {
      throw new Error('the native recorder is not built (clang is missing)');
    });
    const r = await cli(['record', '-o', '/tmp/never.scap', '--', 'true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot record: the native recorder is not built (clang is missing)');
    expect((await cli(['--version'])).code).toBe(0);
  });

  it('reports missing privileges with a hint', async () => {
    setBindingLoader(() => fakeBinding({ check: () => 'recording needs root or ...; missing: CAP_BPF' }));
    const r = await cli(['record', '-o', '/tmp/never.scap', '--', 'sh']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing: CAP_BPF');
    expect(r.stderr).toContain('hint: run as root');
  });

  it('rejects usage errors before touching the addon', async () => {
    setBindingLoader(() => {
      throw new Error('must not be loaded');
    });
    expect((await cli(['record', '-o', 'x.scap'])).code).toBe(2);
    expect((await cli(['record', '-o', 'x.scap', '--all', '--cgroup', 'a'])).code).toBe(2);
    expect((await cli(['record', '-o', 'x.scap', '--all', '--layout', 'new'])).stderr).toContain('--layout must be compat or current');
    expect((await cli(['record', '-o', 'x.scap', '--all', '--duration', 'soon'])).code).toBe(2);
    expect((await cli(['record', '--all'])).code).toBe(2);
  });
});

describe('startRecording options', () => {
  const b = fakeBinding();
  it('resolves the command and passes a clean, explicit environment', () => {
    const o = toNativeOptions({ out: 'out.scap.gz', mode: 'tree', command: ['sh', '-c', 'x'], env: { PATH: '/usr/bin', GONE: undefined } }, b);
    expect(o).toMatchObject({ mode: 'tree', exePath: '/usr/bin/sh', argv: ['sh', '-c', 'x'], env: ['PATH=/usr/bin'], gzip: true, layout: 'compat' });
    expect(o.out).toBe(join(process.cwd(), 'out.scap.gz'));
  });
  it('refuses bad values with RECORD_BAD_OPTION', () => {
    const bad = (opts: Parameters<typeof toNativeOptions>[0]): string | undefined => {
      try {
        toNativeOptions(opts, b);
        return undefined;
      } catch (e) {
        return (e as { diagnostic?: { code: string } }).diagnostic?.code;
      }
    };
    expect(bad({ out: 'x', mode: 'tree', command: ['nope'] })).toBe('RECORD_COMMAND_NOT_FOUND');
    expect(bad({ out: 'x', mode: 'tree' })).toBe('RECORD_BAD_OPTION');
    expect(bad({ out: 'x', mode: 'system', ringBytesPerCpu: 3000 })).toBe('RECORD_BAD_OPTION');
    expect(bad({ out: 'x', mode: 'system', snaplen: 5000 })).toBe('RECORD_BAD_OPTION');
    expect(bad({ out: 'x', mode: 'system', syscalls: ['read', 'frobnicate'] })).toBe('RECORD_BAD_OPTION');
    expect(bad({ out: 'x', mode: 'cgroup' })).toBe('RECORD_BAD_OPTION');
  });
  it('turns addon start failures into diagnostics', async () => {
    const failing = fakeBinding({ start: () => Promise.reject(Object.assign(new Error('the kernel refused the probe'), { code: 'ERECORD' })) });
    await expect(startRecording({ out: 'x', mode: 'system' }, failing)).rejects.toMatchObject({ diagnostic: { code: 'RECORD_FAILED' } });
  });
});

describe('record command helpers', () => {
  it('parses durations and sizes', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2')).toBe(2000);
    expect(parseDuration('x')).toBeNaN();
    expect(parseSize('8M')).toBe(8 << 20);
    expect(parseSize('512k')).toBe(512 << 10);
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('big')).toBeNaN();
  });
});

describe('the trailing stats event', () => {
  it('is parsed defensively and turned into a warning when records were dropped', () => {
    const data = Buffer.from(JSON.stringify({ recorder: 'falco-replay', version: 1, mode: 'tree', layout: 'compat', records: 90, drops: 10, dropsState: 2, dropsByCpu: [4, 6, 'x'] }));
    const s = parseRecorderStats('falco-replay.recorder-stats', data);
    expect(s).toMatchObject({ records: 90, drops: 10, dropsState: 2, dropsByCpu: [4, 6] });
    expect(droppedRecordsWarning(s!)).toBe('the recorder dropped 10 of 100 records, 2 of them changing process or fd state (names and ancestry may be wrong after them)');
    expect(parseRecorderStats('other', data)).toBeUndefined();
    expect(parseRecorderStats('falco-replay.recorder-stats', Buffer.from('{'))).toBeUndefined();
    expect(droppedRecordsWarning({ ...s!, drops: 0 })).toBeUndefined();
  });
});

describe('generated C tables', () => {
  it('match shared/data (npm run gen:native-tables)', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'gen-native-tables.mjs'), SHARED_DIR, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
