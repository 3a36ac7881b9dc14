// thread.exectime, thread.totexectime, thread.cpu, thread.cpu.user, thread.cpu.system: libsinsp keeps their
// state in the field instance (last switch time per CPU) and in per-thread slots, and updates it only when
// the field is extracted. Values therefore depend on which events a filter lets through to the format.
//
// 1. sysdig 0.29.3 parity: `sysdig -r F [-D] -p FMT FILTER` and `events --schema sysdig-0.29.3` print the
//    same lines on every shared capture, for several filters (the per-CPU clock only sees the events that
//    pass), with and without -D (procinfo events, which carry the CPU counters, are internal: shown with -D).
// 2. Current libs (Falco profile) differ from 2022 libsinsp in documented ways, checked on synthetic
//    captures (no oracle for current libs here):
//    - per-thread state is one dynamic thread field per name, shared by every instance of the field
//      (`thread.totexectime` instances add their deltas into one total; `thread.cpu`, `.user` and `.system`
//      share one previous value), where 2022 gives every instance its own;
//    - only the 6-parameter switch layout counts (older ones are converted to it before parsing);
//    - without CPUs in the machine info, exectime stays 0;
//    - the text formatter stops extracting at the first missing value of a line without `*` (2022 extracts
//      every field of the line first).
//    Not reproduced (documented, not faked): sysdig's `-j` extracts each field twice per event (so it prints
//    thread.exectime 0 on every switch), and a format naming the same field twice shares one extraction in
//    falco-replay (current libs would add the totexectime delta twice).
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../helpers/scenario.js';
import { cli } from '../../helpers/cli.js';
import { inspect, PROFILES } from '../../helpers/inspect.js';
import { sharedPath } from '../../helpers/paths.js';
import { SYSDIG } from '../../helpers/sysdig.js';

const FIELDS = ['thread.exectime', 'thread.totexectime', 'thread.cpu', 'thread.cpu.user', 'thread.cpu.system'];
const STAR = `*%evt.num ${FIELDS.map((f) => `%${f}`).join(' ')}`;
/**
 * Without `*`: lines with a missing value are dropped, but 2022 libsinsp still extracts the whole line, so
 * exectime counts the switches of threadless tid 0 whose lines are dropped (totexectime missing).
 */
const PLAIN = '%evt.num %thread.totexectime %thread.exectime';
const FILTERS = ['', 'evt.type=switch', 'evt.type=switch and evt.cpu=0', 'evt.type in (switch, procinfo, read)', 'evt.type=switch or evt.type=procinfo'];

/** Captures with the file sysdig reads (it cannot open curl_google_comments.scap: SHB options). */
const CAPTURES = readdirSync(sharedPath('captures'))
  .filter((f) => f.endsWith('.scap'))
  .sort()
  .map((f): [string, string] => [sharedPath('captures', f), sharedPath('captures', f === 'curl_google_comments.scap' ? 'curl_google.scap' : f)]);

function sysdigLines(file: string, fmt: string, filter: string, debug: boolean): string[] {
  const args = [...(debug ? ['-D'] : []), '-r', file, '-p', fmt, ...(filter ? [filter] : [])];
  const out = execFileSync(SYSDIG, args, { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }).toString('latin1');
  return out.split('\n').filter((l) => /^\d+ /.test(l));
}

async function ourLines(file: string, fmt: string, filter: string, debug: boolean): Promise<string[]> {
  const r = await cli(['events', '--schema', 'sysdig-0.29.3', ...(debug ? ['-D'] : []), '-p', fmt, file, ...(filter ? [filter] : [])]);
  if (r.code !== 0) throw new Error(r.stderr);
  return Buffer.from(r.stdout, 'utf8').toString('latin1').split('\n').filter((l) => /^\d+ /.test(l));
}

describe('thread CPU-time fields equal sysdig 0.29.3 -p', () => {
  const seen = { lines: 0, exectime: 0, totexectime: 0, cpu: 0, user: 0, system: 0 };

  for (const [file, oracle] of CAPTURES) {
    const name = file.split('/').pop() as string;
    it(`${name}: every filter, with and without -D`, async () => {
      for (const debug of [false, true]) {
        for (const filter of FILTERS) {
          const s = sysdigLines(oracle, STAR, filter, debug);
          const o = await ourLines(file, STAR, filter, debug);
          expect(o, `${name} -p '${STAR}' '${filter}'${debug ? ' -D' : ''}`).toEqual(s);
          for (const l of s) {
            const [, exec, tot, cpu, user, system] = l.split(' ');
            seen.lines++;
            if (exec !== '0') seen.exectime++;
            if (tot !== '0' && tot !== '<NA>') seen.totexectime++;
            if (cpu !== '0.0' && cpu !== '<NA>') seen.cpu++;
            if (user !== '0.0' && user !== '<NA>') seen.user++;
            if (system !== '0.0' && system !== '<NA>') seen.system++;
          }
        }
        for (const filter of ['evt.type=switch', 'evt.type=switch or evt.type=procinfo']) {
          expect(await ourLines(file, PLAIN, filter, debug), `${name} -p '${PLAIN}' '${filter}'${debug ? ' -D' : ''}`).toEqual(sysdigLines(oracle, PLAIN, filter, debug));
        }
      }
    });
  }

  it('the comparison covers non-zero values of every field', () => {
    // Counts over all captures and filters above (the tests of this block run in order).
    expect(seen.lines).toBeGreaterThan(10_000);
    expect(seen.exectime).toBeGreaterThan(500);
    expect(seen.totexectime).toBeGreaterThan(100);
    expect(seen.cpu).toBeGreaterThan(50);
    expect(seen.user).toBeGreaterThan(20);
    expect(seen.system).toBeGreaterThan(20);
  });

  it('sample.scap: exectime is the time since the previous switch on the same CPU, totexectime its sum per thread', async () => {
    const o = await ourLines(sharedPath('captures', 'sample.scap'), '*%evt.num %evt.cpu %thread.tid %thread.exectime %thread.totexectime', 'evt.type=switch', false);
    // sysdig 0.29.3 prints these lines (events 2-6 of sample.scap, all on CPU 3; tid 0 has no thread).
    expect(o.slice(0, 5)).toEqual(['2 3 2987 0 0', '3 3 0 49875 <NA>', '4 3 2987 60104 60104', '5 3 0 1074774 <NA>', '6 3 2987 11382 71486']);
  });
});

describe('current libs formatter (events --convert)', () => {
  it('stops extracting at the first missing value of a line without *: dropped lines do not move exectime', async () => {
    const run = async (fmt: string): Promise<string[]> => {
      const r = await cli(['events', '--convert', '-p', fmt, sharedPath('captures', 'sample.scap'), 'evt.type=switch']);
      expect(r.code).toBe(0);
      return r.stdout.split('\n').filter((l) => l !== '').slice(0, 3);
    };
    // With `*` every line is printed: tid 0 (no thread) switches on CPU 3 between those of tid 2987.
    expect(await run('*%evt.num %thread.tid %thread.totexectime %thread.exectime')).toEqual(['97 2987 0 0', '98 0 <NA> 49875', '99 2987 60104 60104']);
    // Without `*` the tid-0 line stops at totexectime, so exectime of event 99 spans both slices
    // (sysdig 0.29.3 prints 60104 there: 2022 libsinsp extracted exectime on the dropped line too).
    expect(await run('%evt.num %thread.totexectime %thread.exectime')).toEqual(['97 0 0', '99 60104 109979', '101 71486 1086156']);
  });
});

// --- current libs vs 2022 libsinsp on synthetic captures ---

const SWITCH = 152;
const SWITCH_OLD = 146;
const PROCINFO = 234;

function switches(numCpus = 2, oldLayout = false): Buffer {
  const s = new Scenario({ machine: { numCpus } });
  const a = s.process({ pid: 100, ppid: 1, comm: 'a', exepath: '/bin/a' });
  const b = s.process({ pid: 200, ppid: 1, comm: 'b', exepath: '/bin/b' });
  const sw = (tid: number, cpu: number, next: number): void => {
    s.event({ ts: s.now, tid, cpu, type: oldLayout ? SWITCH_OLD : SWITCH, params: oldLayout ? [next] : [next, 0, 0, 0, 0, 0] });
  };
  sw(a.tid, 0, b.tid); // first switch on CPU 0: 0
  s.advance(1000);
  sw(b.tid, 1, a.tid); // first switch on CPU 1: 0
  s.advance(500);
  sw(a.tid, 0, b.tid); // CPU 0: 1500 since the first
  s.advance(250);
  sw(b.tid, 1, 0); // CPU 1: 750
  s.advance(100);
  s.event({ ts: s.now, tid: a.tid, cpu: 0, type: PROCINFO, params: [5, 7] }); // not a switch: 0
  return s.toBuffer();
}

function procinfos(): Buffer {
  const s = new Scenario();
  const a = s.process({ pid: 100, ppid: 1, comm: 'a', exepath: '/bin/a' });
  for (const [usr, sys] of [
    [10, 20],
    [13, 20],
    [13, 25],
    [500, 25],
    [400, 25], // counters going backwards: the u64 difference wraps, clamped to 100
  ] as const) {
    s.event({ ts: s.now, tid: a.tid, cpu: 0, type: PROCINFO, params: [usr, sys] });
    s.advance(1_000_000_000);
  }
  s.event({ ts: s.now, tid: 4242, cpu: 0, type: PROCINFO, params: [1, 1] }); // unknown thread: missing
  return s.toBuffer();
}

const col = (rows: ReturnType<typeof inspect>, type: string, field: string): (string | undefined)[] => rows.filter((r) => r.type === type).map((r) => r.f[field]);

describe('thread.exectime / thread.totexectime semantics', () => {
  for (const [name, opts] of PROFILES) {
    it(`${name}: per-CPU delta between the switches an instance sees; 0 on other events; totals per thread`, () => {
      const rows = inspect(switches(), ['thread.exectime', 'thread.totexectime'], opts);
      expect(col(rows, 'switch', 'thread.exectime')).toEqual(['0', '0', '1500', '750']);
      expect(col(rows, 'switch', 'thread.totexectime')).toEqual(['0', '0', '1500', '750']);
      expect(col(rows, 'procinfo', 'thread.exectime')).toEqual(['0']);
      expect(col(rows, 'procinfo', 'thread.totexectime')).toEqual(['1500']);
    });
  }

  it('both profiles count the 1-parameter switch layout (2022 directly, current libs after conversion)', () => {
    for (const [, opts] of PROFILES) {
      const rows = inspect(switches(2, true), ['thread.exectime'], opts);
      expect(col(rows, 'switch', 'thread.exectime')).toEqual(['0', '0', '1500', '750']);
    }
  });

  it('two instances of thread.totexectime: one total each in 2022, one shared total in current libs', () => {
    // inspect() compiles every listed field separately (two instances); the row keeps the second's value.
    const [falco, sysdig] = PROFILES.map(([, opts]) => inspect(switches(), ['thread.totexectime', 'thread.totexectime'], opts));
    expect(col(sysdig as never, 'switch', 'thread.totexectime')).toEqual(['0', '0', '1500', '750']);
    expect(col(falco as never, 'switch', 'thread.totexectime')).toEqual(['0', '0', '3000', '1500']);
  });

  it('without CPUs in the machine info current libs give 0; 2022 libsinsp (out of bounds there) gets the deltas', () => {
    const [falco, sysdig] = PROFILES.map(([, opts]) => inspect(switches(0), ['thread.exectime'], opts));
    expect(col(falco as never, 'switch', 'thread.exectime')).toEqual(['0', '0', '0', '0']);
    expect(col(sysdig as never, 'switch', 'thread.exectime')).toEqual(['0', '0', '1500', '750']);
  });
});

describe('thread.cpu / thread.cpu.user / thread.cpu.system semantics', () => {
  it('each alone: 0 the first time, then the tick difference clamped to 100; missing off procinfo or without a thread', () => {
    for (const [, opts] of PROFILES) {
      for (const [field, want] of [
        ['thread.cpu', ['0.0', '3.0', '5.0', '100.0', '100.0', undefined]],
        ['thread.cpu.user', ['0.0', '3.0', '0.0', '100.0', '100.0', undefined]],
        ['thread.cpu.system', ['0.0', '0.0', '5.0', '0.0', '0.0', undefined]],
      ] as const) {
        const rows = inspect(procinfos(), [field], opts);
        expect(col(rows, 'procinfo', field), `${field}`).toEqual(want);
      }
      const sw = inspect(switches(), ['thread.cpu'], opts);
      expect(col(sw, 'switch', 'thread.cpu')).toEqual([undefined, undefined, undefined, undefined]);
    }
  });

  it('together: separate previous values in 2022, one shared previous value in current libs', () => {
    const fields = ['thread.cpu', 'thread.cpu.user'];
    const [falco, sysdig] = PROFILES.map(([, opts]) => inspect(procinfos(), fields, opts));
    expect(col(sysdig as never, 'procinfo', 'thread.cpu')).toEqual(['0.0', '3.0', '5.0', '100.0', '100.0', undefined]);
    expect(col(sysdig as never, 'procinfo', 'thread.cpu.user')).toEqual(['0.0', '3.0', '0.0', '100.0', '100.0', undefined]);
    // Current libs, per event: thread.cpu compares usr+sys with the last value (written by .user on the
    // previous event), then .user compares usr with usr+sys (a negative difference: wraps, clamped to 100).
    expect(col(falco as never, 'procinfo', 'thread.cpu')).toEqual(['0.0', '23.0', '25.0', '100.0', '100.0', undefined]);
    expect(col(falco as never, 'procinfo', 'thread.cpu.user')).toEqual(['100.0', '100.0', '100.0', '100.0', '100.0', undefined]);
  });
});

describe('catalogue', () => {
  it('`fields --json` marks the five fields as extracted', async () => {
    const r = await cli(['fields', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { fieldclasses: { fields: { name: string; falco_replay_extracts: boolean }[] }[] };
    const byName = new Map(j.fieldclasses.flatMap((c) => c.fields).map((f) => [f.name, f.falco_replay_extracts]));
    for (const f of FIELDS) expect(byName.get(f), f).toBe(true);
  });
});
