// `slice` selections that need neither sysdig nor ../shared: --around, and a filter's slice keeping the state
// its events need (ours on both sides).
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aroundRange } from '../../src/cli/commands/slice.js';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';
import { readCaptureBuffer, writeCaptureBuffer } from '../helpers/scap.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-slice-'));
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
const ID = '*%evt.num %evt.time %evt.type %evt.dir %thread.tid';

describe('slice --around EVT_NUM --events N', () => {
  it('centres the range on the event, clamped at the first event', () => {
    expect(aroundRange(100, 11)).toEqual({ first: 95, last: 105 });
    expect(aroundRange(100, 10)).toEqual({ first: 96, last: 105 });
    expect(aroundRange(100, 1)).toEqual({ first: 100, last: 100 });
    expect(aroundRange(3, 11)).toEqual({ first: 1, last: 11 });
  });
  it('writes the N events centred on EVT_NUM, as --events A..B does', async () => {
    const capture = fixturePath('recorded', 'demo-payments-api-shell.scap');
    const out = join(tmp, 'around.scap');
    const r = await cli(['slice', capture, '-o', out, '--around', '60', '--events', '21']);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('(numbers 50..70)')]);
    const time = (l: string): string => l.split(' ').slice(1).join(' ');
    const whole = lines((await cli(['events', '-p', ID, capture, 'evt.num >= 50 and evt.num <= 70'])).stdout).map(time);
    expect(whole.length).toBeGreaterThan(10);
    expect(lines((await cli(['events', '-p', ID, out])).stdout).map(time)).toEqual(whole);
  });
  it('reports a bad filter with its column (exit 2)', async () => {
    const capture = fixturePath('recorded', 'demo-payments-api-shell.scap');
    const r = await cli(['slice', capture, '-o', join(tmp, 'bad-filter.scap'), 'proc.name=cat and proc.nme=sh']);
    expect([r.code, r.stderr]).toEqual([2, 'falco-replay: slice: bad filter at column 19: filter_check called with nonexistent field proc.nme\n']);
  });
  it('rejects a range or a bad number with --around', async () => {
    const capture = fixturePath('recorded', 'demo-payments-api-shell.scap');
    const out = join(tmp, 'bad.scap');
    const r = await cli(['slice', capture, '-o', out, '--around', '60', '--events', '1..5']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--events takes a count')]);
    const r2 = await cli(['slice', capture, '-o', out, '--around', 'x']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("'x' is not a positive whole number");
  });
});

describe('slice FILTER keeps the state the kept events need', () => {
  const FIELDS = '*%evt.time %evt.type %evt.dir %thread.tid %proc.name %proc.cmdline %proc.pname %proc.exepath %proc.cwd %fd.num %fd.name %fd.type %user.name %group.name';
  const CASES: [string, string][] = [
    ['demo-payments-api-shell.scap', 'proc.name=cat'],
    ['demo-payments-api-shell.scap', 'evt.type in (read, write) and fd.num >= 0'],
    ['shell-redirect-copy-exec.scap', 'evt.type=write'],
    ['shell-redirect-copy-exec.scap', 'proc.name=cp and evt.dir=<'],
  ];
  for (const [name, filter] of CASES) {
    it(`${name} '${filter}': the kept events have the field values of the whole capture`, async () => {
      const capture = fixturePath('recorded', name);
      const out = join(tmp, `${name}-${filter.replace(/\W+/g, '_')}.scap`);
      const r = await cli(['slice', capture, '-o', out, filter]);
      expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('wrote')]);
      const whole = lines((await cli(['events', '-p', FIELDS, capture, filter])).stdout);
      expect(whole.length).toBeGreaterThan(0);
      expect(lines((await cli(['events', '-p', FIELDS, out, filter])).stdout)).toEqual(whole);
    });
  }
});

describe('slice of a capture without enter events: the kept events have the field values of the whole capture', () => {
  const FIELDS = '*%evt.rawtime %evt.type %thread.tid %proc.name %proc.cmdline %proc.pname %proc.exepath [%proc.cwd] %fd.num %fd.name %fd.type %user.name';
  const current = fixturePath('recorded', 'shell-redirect-copy-exec.current.scap');
  // Its events without its process list: no process's working directory is ever known.
  const noProcessList = join(tmp, 'current-no-process-list.scap');
  writeFileSync(
    noProcessList,
    writeCaptureBuffer((w) => {
      w.writeSectionHeader();
      readCaptureBuffer(readFileSync(current), { event: (e) => void w.writeEvent(e) });
    }),
  );
  const CASES: [string, [number, number][]][] = [
    [current, [[64, 83], [155, 174]]],
    [noProcessList, [[20, 40], [64, 83], [100, 130], [155, 176]]],
  ];
  for (const [capture, cuts] of CASES) {
    for (const [a, b] of cuts) {
      it(`${capture.split('/').pop()} ${a}..${b}`, async () => {
        const out = join(tmp, `${capture.split('/').pop()}-${a}-${b}.scap`);
        const r = await cli(['slice', capture, '-o', out, '--events', `${a}..${b}`]);
        expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('wrote')]);
        const whole = lines((await cli(['events', '-p', FIELDS, capture, `evt.num >= ${a} and evt.num <= ${b}`])).stdout);
        expect(whole.length).toBeGreaterThan(0);
        expect(lines((await cli(['events', '-p', FIELDS, out])).stdout)).toEqual(whole);
      });
    }
  }
  it('a process that never learned its working directory keeps it unknown (not "/"), rebuilt by its own events', async () => {
    const out = join(tmp, 'no-process-list-5-14.scap');
    const r = await cli(['slice', noProcessList, '-o', out, '--events', '5..14']);
    expect(r.stderr).toMatch(/, 0 threads and 0 fds of state/);
    const cwd = lines((await cli(['events', '-p', '*%thread.tid [%proc.cwd]', out])).stdout);
    expect(cwd.length).toBe(10);
    expect(new Set(cwd)).toEqual(new Set(['18749 []']));
    // The events that made it are in the slice, state-only: only --all shows them.
    const all = lines((await cli(['events', '--all', '-p', '*%evt.type', out])).stdout);
    expect(all[0]).toBe('execve');
    expect(all.length).toBeGreaterThan(lines((await cli(['events', '-p', '*%evt.type', out])).stdout).length);
  });
});

describe('slice writes the events as the file holds them, and sockets as the events that made them', () => {
  const capture = fixturePath('recorded', 'demo-payments-api-shell.scap');
  const raw = (s: string): string[] => lines(s).map((l) => l.replace(/^\d+ /, ''));
  it('an accept4 exit keeps its layout (not the converted accept4 v6, code 389, that sysdig 0.29.3 skips)', async () => {
    const out = join(tmp, 'raw-200-400.scap');
    await cli(['slice', capture, '-o', out, '--events', '200..400']);
    const fmt = '*%evt.num %evt.rawtime %evt.type %evt.dir %evt.args';
    const inSlice = raw((await cli(['events', '--raw', '-p', fmt, out, 'evt.type=accept'])).stdout);
    expect(inSlice.length).toBeGreaterThan(1);
    expect(inSlice.some((l) => / < /.test(l))).toBe(true);
    const whole = new Set(raw((await cli(['events', '--raw', '-p', fmt, capture, 'evt.type=accept'])).stdout));
    expect(inSlice.filter((l) => !whole.has(l))).toEqual([]);
  });
  it('a listening socket made before the cut is made again, state-only: its fields as in the whole capture', async () => {
    const out = join(tmp, 'listen-221-300.scap');
    await cli(['slice', capture, '-o', out, '--events', '221..300']);
    const fmt = '*%evt.time %evt.type %fd.num %fd.name %fd.type %fd.sip %fd.sport %fd.cip %fd.cport %fd.is_server %fd.l4proto';
    const whole = lines((await cli(['events', '-p', fmt, capture, 'evt.num >= 221 and evt.num <= 300'])).stdout);
    // (An fd-list entry for the bound socket would read fd.sip <NA>: it has no role.)
    expect(whole).toContain('06:41:51.379145333 listen 4 127.0.0.1:8089 ipv4 127.0.0.1 8089 <NA> <NA> true tcp');
    expect(lines((await cli(['events', '-p', fmt, out])).stdout)).toEqual(whole);
    // The socket and bind events are in the slice, flagged state-only: only --all shows them.
    const all = lines((await cli(['events', '--all', '-p', '*%evt.type %evt.dir %fd.num', out])).stdout);
    expect(all.slice(0, 3)).toEqual(['socket < 4', 'bind < 4', 'listen < 4']);
  });
});

describe('slice -o a device or a pipe', () => {
  it('writes into it instead of replacing it with a file (as a rename over /dev/null would)', async () => {
    const fifo = join(tmp, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const received = new Promise<number>((resolve, reject) => {
      let n = 0;
      createReadStream(fifo)
        .on('data', (c) => (n += c.length))
        .on('end', () => resolve(n))
        .on('error', reject);
    });
    const r = await cli(['slice', fixturePath('recorded', 'shell-redirect-copy-exec.scap'), '-o', fifo, '--events', '1..5']);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('wrote')]);
    expect(await received).toBeGreaterThan(100);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});

describe('slice of many events', () => {
  it('selects 250,000 events without overflowing the stack', async () => {
    const capture = join(tmp, 'many-reads.scap');
    writeFileSync(
      capture,
      writeCaptureBuffer((w) => {
        w.writeSectionHeader();
        for (let i = 0; i < 250_000; i++) w.writeEvent({ ts: 1_000_000 + i, tid: 9, type: 7, params: [3, 'abc', 4, 4096] });
      }),
    );
    const out = join(tmp, 'many-reads-slice.scap');
    const r = await cli(['slice', capture, '-o', out, '--events', '1..250000']);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('250000 events (numbers 1..250000)')]);
  }, 120_000);
});
