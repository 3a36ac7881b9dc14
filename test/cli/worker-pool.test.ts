// The job pool's child processes: what a child prints on stderr reaches the terminal through this process, line
// by line, with its control characters escaped; a child that stops without a reply is a plain error; processes
// started ahead (from the command line, before the commands load) are given the jobs, and stopped when unused.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isUnsafeCodeUnit } from '../../src/common/index.js';
import { childStderr, jobProcessesFor, MAX_CHILD_STDERR_LINE, prestartJobProcesses } from '../../src/cli/job-processes.js';
import { captureWork, partition, startedAllWorkers, startWorker } from '../../src/cli/worker-pool.js';

/** Feed `chunks` to a childStderr and collect what it writes. */
function through(chunks: readonly Buffer[]): string {
  let out = '';
  const s = childStderr((t) => (out += t));
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

describe('childStderr', () => {
  it('escapes C0, C1 and bidi controls and keeps the line breaks', () => {
    const out = through([Buffer.from('red \x1b[31malert\x1b[0m\nbell\x07 csi\u009b2J rlo\u202etxt.exe\nlast')]);
    expect(out).toBe('red \\x1b[31malert\\x1b[0m\nbell\\x07 csi\\x9b2J rlo\\u202etxt.exe\nlast\n');
    expect([...out].filter((ch) => ch !== '\n' && isUnsafeCodeUnit(ch.charCodeAt(0)))).toEqual([]);
  });

  it('joins a line and a UTF-8 character split across chunks', () => {
    const bytes = Buffer.from('FATAL ERROR: caf\u00e9 \u202e\n');
    const at = bytes.indexOf(0xc3) + 1;
    expect(through([bytes.subarray(0, 3), bytes.subarray(3, at), bytes.subarray(at)])).toBe('FATAL ERROR: caf\u00e9 \\u202e\n');
  });

  it('writes a line longer than its cap in pieces instead of holding it', () => {
    let out = '';
    const s = childStderr((t) => (out += t));
    s.push(Buffer.from('x'.repeat(MAX_CHILD_STDERR_LINE * 2 + 10)));
    expect(out).toBe(`${'x'.repeat(MAX_CHILD_STDERR_LINE)}\n${'x'.repeat(MAX_CHILD_STDERR_LINE)}\n`);
    s.end();
    expect(out.endsWith(`\n${'x'.repeat(10)}\n`)).toBe(true);
  });

  it('never cuts a long line between the halves of a surrogate pair', () => {
    let out = '';
    const s = childStderr((t) => (out += t));
    s.push(Buffer.from(`${'x'.repeat(MAX_CHILD_STDERR_LINE - 1)}\u{1F600}${'y'.repeat(MAX_CHILD_STDERR_LINE)}`));
    s.end();
    expect(out.split('\n')).toEqual(['x'.repeat(MAX_CHILD_STDERR_LINE - 1), `\u{1F600}${'y'.repeat(MAX_CHILD_STDERR_LINE - 2)}`, 'yy', '']);
  });
});

describe('startWorker', () => {
  it("routes a dying child's stderr through this process escaped, then fails naming its captures", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fr-pool-'));
    const script = join(dir, 'crash.mjs');
    writeFileSync(script, "process.stderr.write('boom \\x1b]0;owned\\x07 \\u202eexe\\n'); process.stderr.write('no newline \\x9b'); process.exit(7);\n");
    let err = '';
    const run = startWorker(pathToFileURL(script), { any: 1 }, { busy: false, captures: ['/caps/a.scap'], stderr: (t) => (err += t) });
    await expect(run.result).rejects.toThrow('a replay job process (replaying /caps/a.scap) stopped before it finished (exit code 7)');
    expect(err).toBe('boom \\x1b]0;owned\\x07 \\u202eexe\nno newline \\x9b\n');
  });
});

describe('job processes started ahead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-spare-'));
  const script = join(dir, 'pid.mjs');
  // The job protocol at its smallest: answer the job with this process's id.
  writeFileSync(script, "process.once('disconnect', () => process.exit(1)); process.once('message', () => process.send({ reply: { ok: true, result: process.pid } }, () => process.exit(0)));\n");
  const url = pathToFileURL(script);

  it('gives a job to a process started ahead for the same script and GC mode, and starts one otherwise', async () => {
    const [spare] = prestartJobProcesses(url, 1, true);
    const other = startWorker<object, number>(url, {}, { busy: false });
    const taken = startWorker<object, number>(url, {}, { busy: true });
    expect(await taken.result).toBe(spare?.child.pid);
    expect(await other.result).not.toBe(spare?.child.pid);
  });

  it('stops the processes no job took once every job has started', async () => {
    const [spare] = prestartJobProcesses(url, 1, false);
    const closed = new Promise((res) => spare?.child.once('close', (_code, signal) => res(signal)));
    startedAllWorkers();
    expect(await closed).toBe('SIGKILL');
    const fresh = startWorker<object, number>(url, {}, { busy: false });
    expect(await fresh.result).not.toBe(spare?.child.pid);
  });
});

describe('jobProcessesFor (the guess made before the commands load)', () => {
  const exists = mkdtempSync(join(tmpdir(), 'fr-guess-'));
  const file = join(exists, 'one.scap');
  const file2 = join(exists, 'two.scap');
  writeFileSync(file, '');
  writeFileSync(file2, '');
  const want = (argv: string[], cores = 2) => {
    const w = jobProcessesFor(argv, cores);
    return w && { script: w.script.pathname.split('/').pop(), count: w.count, busy: w.busy };
  };

  it('starts cores − 1 processes at most, of the command\'s job script, for an explicit --jobs of 2 or more', () => {
    expect(want(['run', 'caps', '-r', 'r.yaml', '--jobs', '2'])).toEqual({ script: 'run-worker.js', count: 1, busy: true });
    expect(want(['run', 'caps', '--jobs=8'], 4)).toEqual({ script: 'run-worker.js', count: 3, busy: true });
    expect(want(['run', 'caps', '--jobs', '2'], 4)).toEqual({ script: 'run-worker.js', count: 1, busy: false });
    expect(want(['diff', 'caps', '--base', 'a', '--head', 'b', '--jobs', '3'])).toEqual({ script: 'diff-worker.js', count: 1, busy: true });
    expect(want(['baseline', 'save', 'dir', 'caps', '--jobs', '2'])?.script).toBe('diff-worker.js');
    expect(want(['test', 'dir', '--jobs', '2'])?.script).toBe('diff-worker.js');
    // `run` is the default command: a first argument that is a path.
    expect(want([exists, '-r', 'r.yaml', '--jobs', '2'])?.script).toBe('run-worker.js');
    // Two capture files, or a directory (`exists`), may replay in job processes.
    expect(want(['run', file, file2, '-r', file, '--jobs', '2'])?.count).toBe(1);
    expect(want(['run', exists, '-r', file, '--jobs', '2'])?.count).toBe(1);
  });

  it('starts none when the command line will not replay in job processes', () => {
    expect(want(['run', 'caps', '--jobs', '1'])).toBeUndefined();
    expect(want(['run', 'caps'])).toBeUndefined();
    expect(want(['run', 'caps', '--jobs', '2'], 1)).toBeUndefined();
    expect(want(['run', 'caps', '--jobs', 'two'])).toBeUndefined();
    expect(want(['run', 'caps', '--jobs', '2', '-M', '5'])).toBeUndefined();
    expect(want(['run', 'caps', '--jobs', '2', '-M5'])).toBeUndefined();
    expect(want(['run', 'caps', '--jobs', '2', '-i'])).toBeUndefined();
    expect(want(['run', 'caps', '--jobs', '2', '--interactive'])).toBeUndefined();
    // One capture file replays in this process; the rules file after -r is not a capture.
    expect(want(['run', file, '-r', file, '--jobs', '2'])).toBeUndefined();
    expect(want([file, '--jobs', '2'])).toBeUndefined();
    expect(want(['run', 'caps', '--jobs', '2', '--profile-rules'])).toBeUndefined();
    expect(want(['run', 'caps', '--', '--jobs', '2'])).toBeUndefined();
    expect(want(['validate', '-r', 'r.yaml', '--jobs', '2'])).toBeUndefined();
    expect(want(['toString', '--jobs', '2'])).toBeUndefined();
    expect(want(['/no/such/path', '--jobs', '2'])).toBeUndefined();
    expect(want([])).toBeUndefined();
  });
});

describe('captureWork (what balances the jobs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-work-'));
  const write = (name: string, data: Uint8Array): string => {
    const f = join(dir, name);
    writeFileSync(f, data);
    return f;
  };
  // Compressible like a capture: a gzip file is several times smaller than what it inflates to.
  const events = Buffer.alloc(200_000, 'open /etc/passwd ');

  it('counts a plain file by its size and a gzip file by the size it inflates to', () => {
    expect(captureWork(write('plain.scap', events))).toBe(events.length);
    const gz = gzipSync(events);
    expect(gz.length).toBeLessThan(events.length / 10);
    expect(captureWork(write('c.scap.gz', gz))).toBe(events.length);
  });

  it('takes the trailer as a hint: never below the compressed size nor above what deflate can expand it to', () => {
    const gz = gzipSync(events);
    gz.writeUInt32LE(5, gz.length - 4);
    expect(captureWork(write('small-trailer.scap.gz', gz))).toBe(gz.length);
    // 18 bytes claiming 4 GiB.
    const tiny = gzipSync(Buffer.alloc(0));
    tiny.writeUInt32LE(0xffffffff, tiny.length - 4);
    expect(captureWork(write('tiny-claims.scap.gz', tiny))).toBe(tiny.length * 1032);
    // Zero padding after the member (the reader accepts it): the "trailer" read is the padding.
    const padded = Buffer.concat([gz, Buffer.alloc(8)]);
    expect(captureWork(write('padded.scap.gz', padded))).toBe(padded.length);
    const short = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]);
    expect(captureWork(write('short.gz', short))).toBe(short.length);
    expect(() => captureWork(join(dir, 'missing.scap'))).toThrow(/ENOENT/);
  });

  it('splits a plain and three gzip copies of a capture two and two, where their file sizes would split them one and three', () => {
    const gz = gzipSync(events);
    const files = [write('a.scap', events), write('b.scap.gz', gz), write('c.scap.gz', gz), write('d.scap.gz', gz)];
    const name = (f: string): string => f.slice(dir.length + 1);
    expect(partition(files, 2, captureWork).map((g) => g.map(name))).toEqual([
      ['a.scap', 'c.scap.gz'],
      ['b.scap.gz', 'd.scap.gz'],
    ]);
    const bySize = partition(files, 2, (f) => statSync(f).size).map((g) => g.map(name));
    expect(bySize).toEqual([['a.scap'], ['b.scap.gz', 'c.scap.gz', 'd.scap.gz']]);
  });
});
