// A capture whose process names, paths and command lines carry ESC/CSI/OSC sequences, C1 controls and bidi
// overrides, and rules whose names do too: the TUI tests check that every screen shows them escaped.
import { AlertStore, type TuiData } from '../../src/cli/tui/model.js';
import { Aggregator, observingInspector } from '../../src/cli/tui/views-data.js';
import { Inspector, Replay, type Alert } from '../../src/engine/index.js';
import { Scenario } from './scenario.js';

export const HOSTILE_RULES = `
- rule: "Exec \\e[5mblink\\u202e rule"
  desc: any program started
  condition: evt.type=execve and evt.dir=<
  output: "exec %proc.name cmdline=%proc.cmdline parent=%proc.pname exe=%proc.exepath"
  priority: WARNING
- rule: Open anything
  desc: any file opened
  condition: evt.type in (open, openat) and evt.dir=<
  output: "open %fd.name by %proc.name"
  priority: ERROR
`;

/** Raw control characters and bidi controls a terminal would act on. */
// eslint-disable-next-line no-control-regex -- the point of the tests
export const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** A shell (hostile name and arguments) clones a child that execs a hostile program and opens a hostile path. */
export function hostileCapture(): Buffer {
  const s = new Scenario({ start: 1_700_000_000_000_000_000n });
  const sh = s.process({ pid: 100, comm: 'sh\x1b]0;pwned\x07', exepath: '/bin/sh', args: ['-c', 'x\x9b31my\u2066z'] });
  const child = sh.clone();
  child.execve('/tmp/\x1b[31mevil', ['\x1b]8;;http://x\x07link', '\u202etxt.exe'], { comm: 'evil\x1b[H\x1b[2J' });
  child.open('/etc/\x1b[2Kshadow\u202e');
  return s.toBuffer();
}

export interface HostileRun {
  readonly buf: Buffer;
  readonly replay: Replay;
  readonly alerts: readonly Alert[];
  /** The TUI's data after the replay, with the views' counts. */
  readonly data: TuiData;
}

/** The hostile capture replayed as the TUI does (output fields, state snapshots, the views' aggregates). */
export async function hostileRun(title = 'evil.scap'): Promise<HostileRun> {
  const buf = hostileCapture();
  const agg = new Aggregator();
  const replay = new Replay({
    rules: [{ name: 'evil.yaml', content: HOSTILE_RULES }],
    captures: [{ name: 'evil.scap', open: () => [buf] }],
    outputFields: true,
    snapshots: true,
    zoneSeconds: 0,
    inspector: (reg, o) => observingInspector(new Inspector(reg, o), agg),
  });
  if (!replay.ok) throw new Error('the hostile rules did not load');
  const store = new AlertStore(replay.rules, { title, totalBytes: buf.length, zoneSeconds: 0, facts: () => agg.facts() });
  const alerts: Alert[] = [];
  for await (const a of replay.alerts()) {
    alerts.push(a);
    store.add(a);
  }
  store.finish(replay.summary, 1);
  return { buf, replay, alerts, data: store.snapshot() };
}
