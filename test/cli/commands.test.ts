import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { O, Scenario } from '../helpers/scenario.js';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-cli-'));
const demo = fixturePath('demo.scap');
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

function file(name: string, data: Uint8Array): string {
  const p = join(tmp, name);
  writeFileSync(p, data);
  return p;
}

describe('inspect', () => {
  it('reports the JSON keys of the issue, with exact nanosecond timestamps', async () => {
    const r = await cli(['inspect', '--json', demo]);
    expect(r.code).toBe(0);
    // first_ts/last_ts are written as exact integers (beyond 2^53), not strings.
    expect(r.stdout).toMatch(/"first_ts": 1715679000000000000,/);
    expect(r.stdout).toMatch(/"last_ts": 1715679013003030000,/);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ events: 113, plugin_ids: [], warnings: [], enter_events: true, processes: 8, users: 3 });
    expect((j.event_types as Record<string, number>)['open <']).toBe(5);
    expect((j.event_types as Record<string, number>)['container >']).toBe(1);
    expect(j.blocks).toEqual({ 'EV v2': 113, 'FDL v2': 8, 'IL v2': 1, MI: 1, 'PL v9': 1, SHB: 1, 'UL v2': 1 });
  });

  it('lists plugin ids and anomalies', async () => {
    const s = new Scenario();
    s.process({ pid: 1, comm: 'init' });
    s.pluginEvent(2, '{"eventName":"ConsoleLogin"}').pluginEvent(999, 'x');
    const r = await cli(['inspect', '--json', file('plugins.scap', s.toBuffer())]);
    expect(JSON.parse(r.stdout)).toMatchObject({ plugin_ids: [2, 999], enter_events: false });
    const c = await cli(['inspect', '--json', sharedPath('captures', 'curl_google_comments.scap')]);
    const warnings = (JSON.parse(c.stdout) as { warnings: { code: string }[] }).warnings.map((w) => w.code);
    expect(warnings).toEqual(['SCAP_SHB_OPTIONS', 'SCAP_EVENT_BLOCK_OPTIONS', 'SCAP_EVENT_BLOCK_OPTIONS', 'SCAP_EVENT_BLOCK_OPTIONS']);
  });

  it('reports truncation with its offset and exits 1, still printing the report', async () => {
    const data = readFileSync(demo);
    const r = await cli(['inspect', file('cut.scap', data.subarray(0, data.length - 100))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^events\s+111$/m);
    expect(r.stdout).toMatch(/error: capture ends inside a EV v2 \(0x216\) block .*\(offset \d+\) \[SCAP_TRUNCATED\]/);
  });

  it('explains an unreadable file on stderr', async () => {
    const r = await cli(['inspect', join(tmp, 'missing.scap')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.scap: error: cannot read capture: .*ENOENT.* \[SCAP_IO\]/);
    const g = await cli(['inspect', file('garbage.scap', Buffer.from('hello world, not a capture'))]);
    expect(g.code).toBe(1);
    expect(g.stderr).toMatch(/offset 0: error: not a scap capture/);
  });

  it('prints a readable text report', async () => {
    const r = await cli(['inspect', sharedPath('captures', 'sample.scap')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^capture\s+.*sample\.scap$/m);
    expect(r.stdout).toMatch(/^format\s+plain, 139584 bytes, 1 section\(s\)$/m);
    expect(r.stdout).toMatch(/^events\s+572$/m);
    expect(r.stdout).toMatch(/^\s+228\s+switch >$/m);
  });
});

describe('events', () => {
  it('stops after N events (-n), not counting the container event sysdig 0.29.3 hides and does not count', async () => {
    // `sysdig -r demo.scap -n 5 -p '%evt.num %evt.type'` prints these five lines (event 1 is the container event).
    const r = await cli(['events', '--raw', '-n', '5', '-p', '%evt.num %evt.type', demo]);
    expect(lines(r.stdout)).toEqual(['2 accept', '3 accept', '4 read', '5 read', '6 write']);
  });

  it('prints JSON lines', async () => {
    const r = await cli(['events', '--raw', '--json', '-n', '3', demo]);
    const first = JSON.parse(lines(r.stdout)[1] ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ num: 3, ts: '1715679000000010000', time: '2024-05-14T09:30:00.000010000Z', proc: 'nginx', type: 'accept', dir: '<', tid: 1201 });
    expect((first.args as Record<string, string>).tuple).toBe('203.0.113.45:51812->10.0.1.15:80');
    const p = await cli(['events', '--raw', '--json', '-p', '%evt.num %evt.res', '-n', '3', demo]);
    // Typed values: numbers and booleans as JSON numbers and booleans, missing values as null.
    expect(lines(p.stdout).map((l) => JSON.parse(l) as unknown)).toEqual([
      { 'evt.num': 2, 'evt.res': null },
      { 'evt.num': 3, 'evt.res': 'SUCCESS' },
      { 'evt.num': 4, 'evt.res': null },
    ]);
  });

  it('merges enter events into exits with --convert, and can keep them', async () => {
    const cat = sharedPath('captures', 'cat_write.scap');
    const raw = await cli(['events', '--raw', '-p', '%evt.type %evt.dir %evt.args', cat]);
    const conv = await cli(['events', '--convert', '-p', '%evt.type %evt.dir %evt.args', cat]);
    const keep = await cli(['events', '--convert', '--keep-enter', '-p', '%evt.type %evt.dir', cat]);
    expect(lines(raw.stdout).some((l) => l.startsWith('read > '))).toBe(true);
    expect(lines(conv.stdout).some((l) => l.startsWith('read > '))).toBe(false);
    // current libs print evt.args without the trailing space of 2022 libsinsp
    expect(lines(conv.stdout).filter((l) => l.startsWith('read < ')).every((l) => / fd=\d+\(<f>[^)]*\) size=\d+$/.test(l))).toBe(true);
    expect(lines(keep.stdout).filter((l) => l === 'read >').length).toBe(lines(raw.stdout).filter((l) => l.startsWith('read >')).length);
  });

  it('shows internal events with -D, and everything with --all', async () => {
    const f = sharedPath('captures', 'open-multiple-files.scap');
    const n = async (...a: string[]): Promise<number> => lines((await cli(['events', '--raw', ...a, '-p', '*%evt.num', f])).stdout).length;
    expect([await n(), await n('-D'), await n('--all')]).toEqual([86, 1269, 1272]);
  });

  it('never lets capture bytes drive the terminal', async () => {
    const s = new Scenario();
    const p = s.process({ pid: 5, comm: 'evil' });
    p.open('/tmp/\u001b[2J\u001b]0;owned\u0007', O.RDONLY);
    const f = file('esc.scap', s.toBuffer());
    // current libs keep the bytes of paths: they are escaped on the way to the terminal
    const r = await cli(['events', '--convert', '-p', '%evt.arg.name %fd.name', f]);
    expect(r.stdout.includes('\u001b')).toBe(false);
    expect(lines(r.stdout)[0]).toBe('/tmp/\\x1b[2J\\x1b]0;owned\\x07 /tmp/\\x1b[2J\\x1b]0;owned\\x07');
    // 2022 libsinsp (sysdig 0.29.3) removes non-printable bytes from paths and fd names itself
    const legacy = await cli(['events', '--raw', '-p', '%evt.arg.name', f]);
    expect(lines(legacy.stdout)[0]).toBe('/tmp/[2J]0;owned');
  });

  it('prints the events before the damage of a truncated capture, warns, and exits 1', async () => {
    const gz = readFileSync(sharedPath('captures', 'ping_sendto.scap'));
    const plain = gunzipSync(gz);
    const cut = file('cut2.scap', plain.subarray(0, plain.length - 500));
    const r = await cli(['events', '--raw', '-D', '-p', '%evt.num', cut]);
    expect(r.code).toBe(1);
    const nums = lines(r.stdout).map(Number);
    expect(nums.length).toBeGreaterThan(1400);
    expect(nums).toEqual(nums.map((_, i) => i + 1));
    expect(r.stderr).toMatch(/cut2\.scap: offset \d+: error: capture ends inside a EV v2 \(0x216\) block .* \[SCAP_TRUNCATED\]/);
  });

  it('stops early in a large gzip capture and still prints what it read (-n)', async () => {
    const big = join(tmp, 'big.scap.gz');
    const { randomBytes } = await import('node:crypto');
    const { writeCaptureFile } = await import('../helpers/scap.js');
    await writeCaptureFile(big, (w) => {
      w.writeSectionHeader();
      for (let i = 0; i < 20000; i++) w.writeEvent({ ts: BigInt(i + 1), tid: 1, type: 9, params: [500, randomBytes(500), 3, 500] });
    }, { gzip: true });
    const r = await cli(['events', '--raw', '-n', '100', '-p', '%evt.num', big]);
    expect([r.code, lines(r.stdout).length, lines(r.stdout)[99]]).toEqual([0, 100, '100']);
  });

  it('rejects bad formats and tables with the usage exit code', async () => {
    const f = await cli(['events', '-p', '%evt.num %no.such.field', demo]);
    expect([f.code, f.stderr]).toEqual([2, "falco-replay: bad --format at column 10: unknown field %no.such.field\n"]);
    const s = await cli(['events', '--schema', '1.0', demo]);
    expect(s.code).toBe(2);
    const n = await cli(['events', '-n', '0', demo]);
    expect(n.code).toBe(2);
  });
});
