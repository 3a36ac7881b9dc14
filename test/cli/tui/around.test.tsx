// Events around, follow fd and export, on captures we build: a client talking over a socket and a pipe in both
// directions, an fd number reused for a file, hostile names and data, and a capture without data (snaplen 0).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventsAround, followFd, type AroundResult, type FollowResult } from '../../../src/cli/tui/around.js';
import { exportAlerts } from '../../../src/cli/tui/export.js';
import { AlertStore } from '../../../src/cli/tui/model.js';
import { current, followLines, reduce, visibleAlerts, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { TuiView } from '../../../src/cli/tui/view.js';
import { EventIndex, FieldRegistry, Inspector, Replay, type Alert } from '../../../src/engine/index.js';
import { EVENTS, fileChunks } from '../../../src/scap/index.js';
import { Scenario } from '../../helpers/scenario.js';
import { fixedStore, golden, stateOf } from './fixture.js';

afterEach(() => cleanup());

const RULES = `
- rule: Write on a socket
  desc: d
  condition: evt.type=write and evt.dir=< and fd.type=ipv4
  output: "write %fd.name by %proc.name"
  priority: NOTICE
`;

/** Raw control characters and bidi controls a terminal would act on. */
// eslint-disable-next-line no-control-regex -- the point of the test
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const READ_X = EVENTS.findIndex((e) => e?.enumName === 'PPME_SYSCALL_READ_X');

interface Built {
  file: string;
  index: EventIndex;
  alerts: Alert[];
  /** Event numbers by what happened. */
  nums: Map<string, number>;
}

/** The client: socket fd 3 (request →, response ←), pipe fd 5 (both ways), then fd 3 reused for a file. */
function scenario(snaplen0: boolean): Scenario {
  const s = new Scenario({ start: 1_700_000_000_000_000_000n });
  const other = s.process({ pid: 50, comm: 'other' });
  const c = s.process({ pid: 100, comm: 'cli\x1b]0;pwned\x07ent\u202e', args: ['--get', '\x1b[2J'], fds: [{ fd: 5, kind: 'pipe' }] });
  const fd = c.socket();
  c.connect(fd, '203.0.113.10:80');
  other.write(1, 'noise');
  if (snaplen0) {
    // A capture recorded with snap length 0: sizes, no bytes.
    c.write(fd, '');
    s.event({ ts: s.now, tid: 100, cpu: 0, type: READ_X, params: [512, Buffer.alloc(0), fd, 4096] });
    s.advance(1000n);
  } else {
    c.write(fd, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    other.read(0, 'more noise');
    c.read(fd, 'HTTP/1.1 200 OK\r\n\r\n\x1b[31mred\x00\xff');
    c.write(5, 'to pipe');
    c.read(5, 'from pipe');
  }
  c.close(fd);
  const again = c.open('/etc/hosts');
  c.read(again, '127.0.0.1 localhost');
  return s;
}

async function build(snaplen0 = false): Promise<Built> {
  const file = join(mkdtempSync(join(tmpdir(), 'around-')), 'client.scap');
  writeFileSync(file, scenario(snaplen0).toBuffer());
  const registry = new FieldRegistry();
  const index = new EventIndex({ name: file, openAt: (o) => fileChunks(file, 4096, o), inspector: () => new Inspector(registry, { zoneSeconds: 0 }) }, { checkpointEvery: 4 });
  const replay = new Replay({ rules: [{ name: 'r.yaml', content: RULES }], captures: [{ name: file, open: () => fileChunks(file, 4096) }], zoneSeconds: 0, outputFields: true, snapshots: true, index });
  const alerts: Alert[] = [];
  for await (const a of replay.alerts()) alerts.push(a);
  const nums = new Map<string, number>();
  const registry2 = new FieldRegistry();
  const insp = new Inspector(registry2, { zoneSeconds: 0 });
  const { readCaptureFile } = await import('../../../src/scap/index.js');
  await readCaptureFile(file, {
    ...insp.stateHandler,
    event: (e) => {
      insp.next(e);
      if (e.dir !== '<') return;
      const key = `${e.tid} ${e.name} ${insp.context.thread?.lastEventFd ?? -1}`;
      if (!nums.has(key)) nums.set(key, e.num);
    },
  }, insp.readOptions);
  return { file, index, alerts, nums };
}

let built: Built;
beforeAll(async () => {
  built = await build();
});

const texts = (r: FollowResult, hex = false): string[] => followLines(r, hex).map((l) => l.text);

describe('follow fd', () => {
  it('lists the reads and writes on a socket in order, with direction and escaped data', async () => {
    const start = built.nums.get('100 write 3') as number;
    const r = await followFd(built.index, { pid: 100, tid: 100, fd: 3, from: start });
    expect(r.name).toBe('10.0.0.2:43562->203.0.113.10:80');
    expect(r.chunks.map((c) => [c.write, c.res])).toEqual([
      [true, 27],
      [false, 30],
    ]);
    expect(r.noData).toBe(false);
    const lines = texts(r);
    expect(lines[0]).toMatch(/^→ write {2}event \d+ {2}27 bytes$/);
    expect(lines).toContain('GET / HTTP/1.1.');
    expect(lines.some((l) => /^← read {3}event \d+ {2}30 bytes$/.test(l))).toBe(true);
    expect(lines).toContain('.[31mred...');
    // fd 3 reused for /etc/hosts after the close: not part of this stream.
    expect(lines.join('\n')).not.toContain('localhost');
    for (const l of lines) expect(l).not.toMatch(RAW);
  });

  it('shows hex on request', async () => {
    const r = await followFd(built.index, { pid: 100, tid: 100, fd: 3, from: built.nums.get('100 write 3') as number });
    expect(texts(r, true)).toContain('000000  47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a  GET / HTTP/1.1..');
  });

  it('follows a pipe both ways', async () => {
    const r = await followFd(built.index, { pid: 100, tid: 100, fd: 5, from: built.nums.get('100 write 5') as number });
    expect(r.chunks.map((c) => [c.write, Buffer.from(c.data).toString()])).toEqual([
      [true, 'to pipe'],
      [false, 'from pipe'],
    ]);
  });

  it('says so when the capture holds no data (snaplen 0)', async () => {
    const b = await build(true);
    const r = await followFd(b.index, { pid: 100, tid: 100, fd: 3, from: b.nums.get('100 read 3') as number });
    expect(r.noData).toBe(true);
    const lines = texts(r);
    expect(lines[0]).toBe('The capture holds no data for this fd (recorded with snap length 0): sizes only.');
    expect(lines).toContain(`← read   event ${b.nums.get('100 read 3')}  512 bytes, 0 captured`);
  });
});

describe('events around', () => {
  it('lists the events of the thread, the process or all, with the events command line, escaped', async () => {
    const center = built.nums.get('100 write 3') as number;
    const thread = await eventsAround(built.index, center, 'thread');
    const all = await eventsAround(built.index, center, 'all');
    expect(thread.lines[thread.at]?.num).toBe(center);
    expect(thread.lines.every((l) => l.tid === 100)).toBe(true);
    expect(all.lines.some((l) => l.tid === 50)).toBe(true);
    // Every event `events` shows, in order (enter events it hides are not listed).
    const nums = all.lines.map((l) => l.num);
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
    expect(nums.length).toBeGreaterThan(thread.lines.length);
    const line = thread.lines[thread.at]?.text ?? '';
    expect(line).toMatch(new RegExp(`^${center} \\d\\d:\\d\\d:\\d\\d\\.\\d{9} 0 cli\\\\x1b\\]0;pwned\\\\x07ent\\\\u202e \\(100\\) < write res=27 data=GET / HTTP/1\\.1\\.\\.Host: x\\.\\.\\.\\. fd=3\\(<4t>10\\.0\\.0\\.2:43562->203\\.0\\.113\\.10:80\\) size=27$`));
    for (const r of [thread, all]) for (const l of r.lines) expect(l.text).not.toMatch(RAW);
  });

  it('lists the last n events of the thread before the centre and the first n after, as the full list has them', async () => {
    const center = built.nums.get('100 write 3') as number;
    const full = await eventsAround(built.index, center, 'thread');
    expect(full.at).toBeGreaterThan(0);
    const one = await eventsAround(built.index, center, 'thread', 1);
    expect(one.lines.map((l) => l.num)).toEqual(full.lines.slice(full.at - 1, full.at + 2).map((l) => l.num));
    expect(one.lines.map((l) => l.text)).toEqual(full.lines.slice(full.at - 1, full.at + 2).map((l) => l.text));
    expect(one.at).toBe(1);
  });

  it('is empty past the end of the capture, with the centre marked missing', async () => {
    const r = await eventsAround(built.index, 10_000, 'all');
    expect(r.at).toBe(-1);
    expect(r.lines).toEqual([]);
  });
});

describe('export', () => {
  it('writes the alerts as Falco JSON lines, atomically, and never over an input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const out = join(dir, 'alerts.jsonl');
    const opts = { hostname: 'h', zoneSeconds: 0 };
    const res = exportAlerts(out, built.alerts, [built.file], opts);
    expect(res).toEqual({ ok: true, message: `wrote 1 alert to ${out}` });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ hostname: 'h', priority: 'Notice', rule: 'Write on a socket', source: 'syscall' });
    expect(lines[0]?.output_fields).toMatchObject({ 'fd.name': '10.0.0.2:43562->203.0.113.10:80' });
    const before = readFileSync(built.file);
    const refused = exportAlerts(built.file, built.alerts, [built.file], opts);
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('is an input of this run');
    expect(readFileSync(built.file).equals(before)).toBe(true);
  });

  it('asks for a path (default ./falco-replay-alerts.jsonl) and exports the alerts the screen shows', () => {
    const open: Action = { type: 'open' };
    let s = stateOf(fixedStore(), undefined, open, { type: 'move', delta: 1 }, open, { type: 'promptStart', kind: 'export' });
    expect(s.prompt).toEqual({ kind: 'export', text: './falco-replay-alerts.jsonl' });
    s = reduce(s, { type: 'promptCommit' });
    expect(s.exportRequest?.path).toBe('./falco-replay-alerts.jsonl');
    expect(s.exportRequest?.alerts).toEqual(visibleAlerts(s));
    expect(s.exportRequest?.alerts.length).toBeGreaterThan(0);
  });
});

describe('screens', () => {
  const small = { cols: 80, rows: 24 };
  const frame = (s: TuiState): string => render(<TuiView s={s} />).lastFrame() ?? '';
  const open: Action = { type: 'open' };
  const toEvent: Action[] = [open, open, open];
  /** The fixed store's event view (alert on event 100, pid 4242, fd 3), then the screen the actions lead to. */
  const at = (...a: Action[]): TuiState => stateOf(fixedStore(), small, ...toEvent, ...a);
  const fixed = (r: AroundResult): AroundResult => ({ ...r, ms: 5 });

  it('opens around on the event with `a`, loads, toggles the scope and goes to a number', async () => {
    let s = at({ type: 'around' });
    let sc = current(s);
    expect(sc).toMatchObject({ kind: 'around', center: 100, scope: 'thread' });
    const center = built.nums.get('100 write 3') as number;
    const r = fixed(await eventsAround(built.index, center, 'thread'));
    // A result for another centre (a stale read) is ignored.
    expect(reduce(s, { type: 'aroundLoaded', center: 100, scope: 'all', result: r })).toBe(s);
    s = reduce(s, { type: 'aroundLoaded', center: 100, scope: 'thread', result: { ...r, center: 100 } });
    sc = current(s);
    expect(sc.kind === 'around' && sc.cursor).toBe(r.at);
    const g = golden('around', frame(s));
    expect(g.actual).toBe(g.expected);
    s = reduce(s, { type: 'scope' });
    expect(current(s)).toMatchObject({ kind: 'around', scope: 'process' });
    expect((current(s) as { result?: unknown }).result).toBeUndefined();
    s = [{ type: 'promptStart', kind: 'goto' } as Action, { type: 'promptInput', text: '42' } as Action, { type: 'promptCommit' } as Action].reduce(reduce, s);
    expect(current(s)).toMatchObject({ kind: 'around', center: 42, scope: 'process' });
    s = [{ type: 'promptStart', kind: 'goto' } as Action, { type: 'promptInput', text: 'x' } as Action, { type: 'promptCommit' } as Action].reduce(reduce, s);
    expect(s.notice).toBe('not an event number: "x"');
  });

  it('follows the event’s fd with `F`, toggles hex with `h`, and goes back', async () => {
    let s = at({ type: 'follow' });
    expect(current(s)).toMatchObject({ kind: 'follow', target: { pid: 4242, fd: 3, from: 100 }, hex: false });
    const sc = current(s);
    if (sc.kind !== 'follow') throw new Error('not on the follow screen');
    const r = await followFd(built.index, { pid: 100, tid: 100, fd: 3, from: built.nums.get('100 write 3') as number });
    s = reduce(s, { type: 'followLoaded', target: sc.target, result: r });
    let g = golden('follow-text', frame(s));
    expect(g.actual).toBe(g.expected);
    s = reduce(s, { type: 'hex' });
    g = golden('follow-hex', frame(s));
    expect(g.actual).toBe(g.expected);
    s = reduce(s, { type: 'back' });
    expect(current(s).kind).toBe('event');
  });

  it('says when the event uses no fd or the run keeps no index', () => {
    const store = new AlertStore([{ id: 0, name: 'r', priority: 4 }], { title: 't', totalBytes: 1, zoneSeconds: 0 });
    store.add({ capture: 0, evtNum: 7, ts: 1n, rule: 'r', ruleId: 0, priority: 4, source: 'syscall', tags: [], message: 'm' });
    store.finish({ events: 7 }, 1);
    const s = stateOf(store, small, ...toEvent, { type: 'follow' });
    expect(s.notice).toBe('event 7 uses no fd');
    const none = { ...stateOf(fixedStore(), small, ...toEvent), canReread: false };
    expect(reduce(none, { type: 'around' }).notice).toContain('one capture');
  });
});
