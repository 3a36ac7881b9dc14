// A small, fixed run for TUI tests: three rules, a handful of alerts with output fields and state snapshots.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Alert } from '../../../src/engine/index.js';
import { AlertStore } from '../../../src/cli/tui/model.js';
import { initialState, reduce, type Action, type TuiState } from '../../../src/cli/tui/state.js';

export const RULES = [
  { id: 0, name: 'Terminal shell in container', priority: 5 },
  { id: 1, name: 'Write below etc', priority: 3 },
  { id: 2, name: 'Read sensitive file untrusted', priority: 4 },
  { id: 3, name: 'Never fires', priority: 4 },
];

const T0 = 1_700_000_000_000_000_000n;

type Snapshot = NonNullable<Alert['snapshot']>;
type Thread = NonNullable<Snapshot['thread']>;

export function thread(pid: number, comm: string, args: string[], ptid = 1): Thread {
  return { tid: pid, pid, ptid, comm, exe: comm, exepath: `/usr/bin/${comm}`, args, cwd: '/root/', uid: 0, gid: 0, user: 'root', loginuid: -1 >>> 0, tty: 34816, containerId: '' };
}

export function alert(i: number, ruleId: number, t: Thread, extra: Partial<Alert> = {}): Alert {
  const rule = RULES[ruleId] as (typeof RULES)[number];
  return {
    capture: 0,
    evtNum: 100 + i * 7,
    ts: T0 + BigInt(i) * 1_000_123n,
    rule: rule.name,
    ruleId,
    priority: rule.priority,
    source: 'syscall',
    tags: [],
    message: `${rule.name} (proc=${t.comm} cmdline=${[t.comm, ...t.args].join(' ')})`,
    outputFields: { 'proc.name': t.comm, 'proc.pid': t.pid, 'proc.cmdline': [t.comm, ...t.args].join(' '), 'fd.name': i % 2 ? '/etc/shadow' : null, 'user.name': 'root', 'container.id': 'host' },
    snapshot: {
      evtNum: 100 + i * 7,
      ts: String(T0 + BigInt(i)),
      type: 'execve',
      dir: '<',
      fdNum: 3,
      thread: t,
      ancestors: [thread(900, 'sshd', ['-D'], 1), thread(1, 'systemd', [], 0)],
      fds: [
        { fd: 0, type: 'file', typechar: 'f', name: '/dev/pts/0' },
        { fd: 3, type: 'ipv4', typechar: '4', name: '10.0.0.2:43562->203.0.113.10:443' },
      ],
    },
    ...extra,
  };
}

/** The store of the fixed run: 6 alerts of three rules, replay finished. */
export function fixedStore(opts: { done?: boolean } = {}): AlertStore {
  const store = new AlertStore(RULES, { title: 'fixed.scap', totalBytes: 123_456, zoneSeconds: 0 });
  const bash = thread(4242, 'bash', ['-i']);
  const cat = thread(4243, 'cat', ['/etc/shadow']);
  store.add(alert(0, 0, bash));
  store.add(alert(1, 2, cat));
  store.add(alert(2, 0, bash));
  store.add(alert(3, 1, thread(4244, 'tee', ['-a', '/etc/hosts'])));
  store.add(alert(4, 0, thread(4250, 'zsh', [])));
  store.add(alert(5, 2, cat));
  store.progress({ bytes: 61_728, events: 5000, alerts: 6 }, 500);
  if (opts.done !== false) store.finish({ events: 10_000 }, 1000);
  return store;
}

export function stateOf(store: AlertStore, size = { cols: 80, rows: 24 }, ...actions: Action[]): TuiState {
  return actions.reduce(reduce, initialState(store.snapshot(), size, false));
}

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** Compare a frame with test/cli/tui/golden/NAME.txt; UPDATE_GOLDEN=1 rewrites the file instead. */
export function golden(name: string, frame: string): { actual: string; expected: string } {
  const file = join(GOLDEN, `${name}.txt`);
  const actual = `${frame.replace(/[ \t]+$/gm, '')}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`golden file missing: ${file} (UPDATE_GOLDEN=1 writes it)`);
  return { actual, expected: readFileSync(file, 'utf8') };
}
