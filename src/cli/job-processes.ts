// The child processes of `--jobs` (worker-pool.ts runs jobs on them): how one starts, where its stderr goes, and
// the ones the CLI's entry starts before it has even loaded the commands (docs/architecture.md#jobs). Only node's
// own modules and src/common here: the entry imports this before anything else it needs.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { escapeControl } from '../common/index.js';

/** The longest line of a child's stderr held back waiting for its end; a longer one is written in pieces. */
export const MAX_CHILD_STDERR_LINE = 64 * 1024;

/**
 * A child's stderr made safe for a terminal: complete lines, each with its control characters (C0, C1, bidi)
 * escaped, as they come. What a job process prints (a Node crash message, a warning) may quote a capture.
 */
export function childStderr(write: (text: string) => void): { push(chunk: Buffer): void; end(): void } {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const flush = (text: string): void => {
    const lines = text.split('\n');
    pending = lines.pop() ?? '';
    while (pending.length > MAX_CHILD_STDERR_LINE) {
      // Never between the two halves of a surrogate pair.
      const high = pending.charCodeAt(MAX_CHILD_STDERR_LINE - 1);
      const cut = high >= 0xd800 && high <= 0xdbff ? MAX_CHILD_STDERR_LINE - 1 : MAX_CHILD_STDERR_LINE;
      lines.push(pending.slice(0, cut));
      pending = pending.slice(cut);
    }
    if (lines.length) write(lines.map((l) => `${escapeControl(l)}\n`).join(''));
  };
  return {
    push: (chunk) => flush(pending + decoder.write(chunk)),
    end: () => {
      const rest = pending + decoder.end();
      pending = '';
      if (rest) write(`${escapeControl(rest)}\n`);
    },
  };
}

/** A job's child process: its stderr goes to `stderr` (changeable until the job is sent), escaped. */
export interface JobProcess {
  readonly child: ChildProcess;
  readonly script: string;
  readonly busy: boolean;
  stderr: (text: string) => void;
  /** Set once the process has stopped and its pipes have closed. */
  stopped?: { readonly code: number | null; readonly signal: NodeJS.Signals | null };
}

/** Node flags for a child: this process's, without a debugger port it would fight over. */
const childExecArgv = (busy: boolean): string[] => [...process.execArgv.filter((a) => !/^--(inspect|debug)/.test(a)), ...(busy ? ['--single-threaded-gc'] : [])];

/** Start `script` in a child process (`busy`: the jobs fill the cores, V8 collects garbage on the job's own thread). */
export function spawnJobProcess(script: URL, busy: boolean): JobProcess {
  const child = fork(fileURLToPath(script), [], {
    serialization: 'advanced',
    // stderr through this process, escaped: never a child's raw bytes on the terminal.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: childExecArgv(busy),
  });
  const p: JobProcess = { child, script: script.href, busy, stderr: (t) => void process.stderr.write(t) };
  const errors = childStderr((t) => p.stderr(t));
  child.stderr?.on('data', (d: Buffer) => errors.push(d));
  child.stderr?.on('end', () => errors.end());
  child.once('close', (code, signal) => (p.stopped = { code, signal }));
  return p;
}

/** Job processes started ahead, not yet given a job. */
const spares: JobProcess[] = [];

/** Let this process exit without waiting for `p` (a spare), or wait for it again (a job's). */
function hold(p: JobProcess, held: boolean): void {
  const handles = [p.child, p.child.channel, p.child.stderr] as ({ ref?: () => void; unref?: () => void } | null | undefined)[];
  for (const h of handles) (held ? h?.ref : h?.unref)?.call(h);
}

/**
 * Start `n` processes of `script` before their jobs are known, so that they boot and import while this process
 * loads and parses; {@link takeSpareJobProcess} hands them out. One never taken exits with this process.
 */
export function prestartJobProcesses(script: URL, n: number, busy: boolean): readonly JobProcess[] {
  const started = Array.from({ length: n }, () => spawnJobProcess(script, busy));
  for (const p of started) {
    // A spare that cannot start (no such script) is never handed out, and no error reaches the user from it.
    p.child.on('error', () => undefined);
    hold(p, false);
  }
  spares.push(...started);
  return started;
}

/** A spare process of `script` in the same GC mode, still running, now held like any job's; or undefined. */
export function takeSpareJobProcess(script: URL, busy: boolean): JobProcess | undefined {
  const i = spares.findIndex((p) => p.script === script.href && p.busy === busy && !p.stopped && p.child.connected);
  if (i < 0) return undefined;
  const [p] = spares.splice(i, 1) as [JobProcess];
  hold(p, true);
  return p;
}

/** Stop the spares no job took (the command knows now how many it needs). */
export function releaseSpareJobProcesses(): void {
  for (const p of spares.splice(0)) p.child.kill('SIGKILL');
}

/** The commands whose captures may replay in job processes, and the module each job process runs. */
const JOB_SCRIPTS: Readonly<Record<string, string>> = { run: './commands/run-worker.js', diff: './commands/diff-worker.js', test: './commands/diff-worker.js', baseline: './commands/diff-worker.js' };

/**
 * The job processes a command line will want, read from `argv` before the commands are even loaded: `run`,
 * `diff`, `baseline save` and `test` (or a first argument that is an existing path: `run`, the default) with
 * `--jobs N`, N ≥ 2, asked explicitly, and no `-M`, `--profile-rules` or `-i`, nor a single capture file (which keep
 * `run` in this process).
 * A guess only: the command line is parsed for real later, and what it does not use is released.
 */
export function jobProcessesFor(argv: readonly string[], cores = availableParallelism()): { script: URL; count: number; busy: boolean } | undefined {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  const first = args[0];
  if (first === undefined) return undefined;
  const command = Object.hasOwn(JOB_SCRIPTS, first) ? first : !first.startsWith('-') && existsSync(first) ? 'run' : undefined;
  if (command === undefined) return undefined;
  if (command === 'run' && args.some((a) => /^-M/.test(a) || a === '--profile-rules' || a === '-i' || a === '--interactive')) return undefined;
  if (command === 'run' && oneCaptureFile(args.slice(first === 'run' ? 1 : 0))) return undefined;
  let jobs: number | undefined;
  args.forEach((a, i) => {
    const v = a === '--jobs' ? args[i + 1] : a.startsWith('--jobs=') ? a.slice('--jobs='.length) : undefined;
    if (v !== undefined && /^\s*[0-9]+\s*$/.test(v)) jobs = Number(v);
  });
  if (jobs === undefined || jobs < 2) return undefined;
  // The cores bound the jobs started ahead: more would only compete with this process for them.
  const count = Math.min(jobs, cores) - 1;
  if (count < 1) return undefined;
  return { script: new URL(JOB_SCRIPTS[command] as string, import.meta.url), count, busy: jobs >= cores };
}

/**
 * Whether `run`'s arguments name exactly one capture and it is a plain file (one capture replays in this process):
 * the arguments that are existing paths, leaving out one right after an option (`-r rules.yaml`). A guess in the
 * cheap direction: when unsure (a directory, several paths, a path after a flag that takes none) it says no.
 */
function oneCaptureFile(args: readonly string[]): boolean {
  const paths = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && (args[i - 1] as string).startsWith('-')) && existsSync(a));
  if (paths.length !== 1) return false;
  try {
    return statSync(paths[0] as string).isFile();
  } catch {
    return false;
  }
}

/** Start the job processes `argv` will want (see {@link jobProcessesFor}); the CLI's entry calls this first. */
export function prestartJobsFor(argv: readonly string[]): void {
  const want = jobProcessesFor(argv);
  if (!want || !existsSync(fileURLToPath(want.script))) return;
  prestartJobProcesses(want.script, want.count, want.busy);
}
