// Bounded state: libsinsp's thread and fd table caps, and the size/depth limits on JSON read from a capture.
// A hostile capture can add threads, fds and metadata without end; what is refused is counted and warned once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CL, Scenario } from '../../helpers/scenario.js';
import { ScapWriter, readCaptureBuffer, type ParamValue } from '../../helpers/scap.js';
import { FieldRegistry, Inspector, type InspectorOptions } from '../../helpers/engine.js';
import { jsonLimitViolation, JSON_MAX_DEPTH, THREAD_TABLE_MAX, FD_TABLE_MAX } from '../../../src/engine/state/limits.js';

const CLONE_X = 223;
const CONTAINER_JSON_E = 272;
const CONTAINER_JSON_2_E = 324;
const OPEN_E = 2;
const OPEN_X = 3;

/** Replay `capture` through a fresh inspector; returns it and the number of events delivered. */
function replay(capture: Uint8Array, opts: InspectorOptions): { ins: Inspector; events: number } {
  const ins = new Inspector(new FieldRegistry(), opts);
  let events = 0;
  const sum = readCaptureBuffer(capture, { ...ins.stateHandler, event: (e) => void (ins.next(e), events++) }, ins.readOptions);
  expect(sum.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { ins, events };
}

/** A capture: one process (pid 100) in the process list, then whatever `body` writes. */
function capture(body: (w: ScapWriter, s: Scenario) => void): Buffer {
  const s = new Scenario();
  const p = s.process({ pid: 100, comm: 'spawner' });
  p.read(0, 'x');
  const chunks: Uint8Array[] = [];
  const w = new ScapWriter((c) => void chunks.push(c));
  s.writeTo(w);
  body(w, s);
  w.end();
  return Buffer.concat(chunks);
}

/** `n` new threads (child-side clone exits, never exiting) of process 100, tids from 1000. */
function clones(n: number): Buffer {
  return capture((w, s) => {
    let ts = s.now + 1_000_000n;
    const flags = CL.CLONE_CHILD_CLEARTID as number;
    for (let i = 0; i < n; i++) {
      const tid = 1000 + i;
      const params: ParamValue[] = [0, '/usr/bin/spawner', [], tid, tid, 100, '/', 1024, 0, 0, 12000, 3000, 0, 'spawner', [], flags, 0, 0, tid, tid, 0];
      w.writeEvent({ ts: ts++, tid, cpu: 0, type: CLONE_X, params });
    }
  });
}

describe('thread table cap', () => {
  it("sysdig-0.29.3: new threads beyond libsinsp's 131072 are refused, counted and warned once", () => {
    const cap = THREAD_TABLE_MAX.legacy;
    const extra = 2000;
    const { ins, events } = replay(clones(cap + extra), { profile: 'sysdig-0.29.3' });
    expect(events).toBeGreaterThanOrEqual(cap + extra);
    expect(ins.state.maxThreads).toBe(cap);
    expect(ins.state.threads.size).toBe(cap);
    // The process-list thread is in the table too, so one more clone than `extra` was refused.
    const w = ins.stateWarnings('clones.scap');
    expect(w.map((d) => [d.code, d.severity])).toEqual([['STATE_THREAD_TABLE_FULL', 'warning']]);
    expect(w[0]?.message).toMatch(new RegExp(`^thread table full: ${extra + 1} new threads not tracked \\(first: tid ${1000 + cap - 1} `));
    expect(w[0]?.location?.file).toBe('clones.scap');
  });

  it('falco: the default is current libsinsp\'s 262144; a configured size is honoured the same way', () => {
    expect(new Inspector(new FieldRegistry()).state.maxThreads).toBe(THREAD_TABLE_MAX.current);
    const { ins } = replay(clones(5000), { profile: 'falco', maxThreads: 3000 });
    expect(ins.state.threads.size).toBe(3000);
    expect(ins.stateWarnings('c')[0]?.message).toMatch(/^thread table full: 2001 new threads not tracked \(first: tid 3999 /);
    // A refused thread's events still get a record for the event itself, and tracked threads keep theirs.
    expect(ins.context.thread?.tid).toBe(5999);
    expect(ins.state.lookup(5999)).toBeUndefined();
    expect(ins.state.lookup(1000)?.comm).toBe('spawner');
  });

  it('no warning when the table never fills', () => {
    const { ins } = replay(clones(100), { profile: 'falco' });
    expect(ins.state.threads.size).toBe(101);
    expect(ins.stateWarnings('x')).toEqual([]);
  });
});

describe('fd table cap', () => {
  it(`a process keeps at most ${FD_TABLE_MAX} fds; replacing an open fd still works`, () => {
    const n = FD_TABLE_MAX + 50;
    const file = capture((w, s) => {
      let ts = s.now + 1_000_000n;
      for (let fd = 10; fd < 10 + n; fd++) {
        w.writeEvent({ ts: ts++, tid: 100, cpu: 0, type: OPEN_E, params: [`/tmp/f${fd}`, 0, 0] });
        w.writeEvent({ ts: ts++, tid: 100, cpu: 0, type: OPEN_X, params: [fd, `/tmp/f${fd}`, 0, 0, 0, 0] });
      }
      // fd 10 is in the table: opening it again replaces the record even though the table is full.
      w.writeEvent({ ts: ts++, tid: 100, cpu: 0, type: OPEN_E, params: ['/tmp/again', 0, 0] });
      w.writeEvent({ ts: ts++, tid: 100, cpu: 0, type: OPEN_X, params: [10, '/tmp/again', 0, 0, 0, 0] });
    });
    for (const profile of ['falco', 'sysdig-0.29.3'] as const) {
      const { ins } = replay(file, { profile });
      const t = ins.state.lookup(100);
      expect(t && ins.state.fdTable(t)?.size).toBe(FD_TABLE_MAX);
      expect(t && ins.state.peekFd(t, 10)?.name).toBe('/tmp/again');
      const w = ins.stateWarnings('fds.scap');
      expect(w.map((d) => d.code)).toEqual(['STATE_FD_TABLE_FULL']);
      // 3 fds (0-2) came from the fd list, so 3 more than 50 opens were refused.
      expect(w[0]?.message).toMatch(/^fd table full: 53 new fds not tracked \(first: fd 4103 of tid 100 /);
    }
  });
});

describe('JSON read from a capture', () => {
  afterEach(() => vi.restoreAllMocks());

  const withContainer = (json: string, type = CONTAINER_JSON_E): Buffer => capture((w, s) => w.writeEvent({ ts: s.now + 1000n, tid: 100, cpu: 0, type, params: [json] }));

  it('a container event of a few MB of nesting is refused with a warning, without parsing it', () => {
    const deep = '['.repeat(3 << 20) + ']'.repeat(3 << 20);
    const file = withContainer(deep, CONTAINER_JSON_2_E);
    const parse = vi.spyOn(JSON, 'parse');
    for (const profile of ['falco', 'sysdig-0.29.3'] as const) {
      const { ins } = replay(file, { profile });
      expect(ins.state.containers.size).toBe(0);
      const w = ins.stateWarnings('deep.scap.gz');
      expect(w.map((d) => d.code)).toEqual(['STATE_METADATA_REJECTED']);
      expect(w[0]?.message).toMatch(/^1 metadata event ignored \(first: container event \d+: 6291456 bytes of JSON exceed the 1048576-byte limit\)$/);
    }
    expect(parse).not.toHaveBeenCalled();
  });

  it('small but deep JSON is refused by depth, without parsing it', () => {
    const deep = `{"container":{"id":"abc","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const parse = vi.spyOn(JSON, 'parse');
    const { ins } = replay(withContainer(deep), { profile: 'falco' });
    expect(parse).not.toHaveBeenCalled();
    expect(ins.state.containers.size).toBe(0);
    expect(ins.stateWarnings('f')[0]?.message).toMatch(new RegExp(`JSON nested deeper than ${JSON_MAX_DEPTH} levels`));
  });

  it('an ordinary container record is still read', () => {
    const json = JSON.stringify({ container: { id: 'abcdef012345', name: 'web', image: 'nginx', labels: { a: '[[[' }, Mounts: [{ Source: '/x', Destination: '/y' }] } });
    const { ins } = replay(withContainer(json), { profile: 'falco' });
    expect(ins.state.containers.get('abcdef012345')?.name).toBe('web');
    expect(ins.stateWarnings('f')).toEqual([]);
  });

  it('the depth scan ignores brackets inside strings and honours escapes', () => {
    expect(jsonLimitViolation(`{"a":"${'['.repeat(500)}\\"${'{'.repeat(500)}"}`)).toBeUndefined();
    expect(jsonLimitViolation('['.repeat(JSON_MAX_DEPTH) + ']'.repeat(JSON_MAX_DEPTH))).toBeUndefined();
    expect(jsonLimitViolation('['.repeat(JSON_MAX_DEPTH + 1))).toMatch(/nested deeper/);
    expect(jsonLimitViolation('"' + 'é'.repeat(600_000) + '"')).toMatch(/^1200002 bytes of JSON exceed/);
  });
});
