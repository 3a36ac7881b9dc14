// `falco-replay tui` end to end in process (a fake terminal): the final status line says how much of the capture
// the replay read: all of it, or, when -M stopped it, as far as it read (as the progress counts: the file's chunks
// taken by the reader), never the whole file.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { runTui } from '../../../src/cli/tui/run-tui.js';
import { Replay, type ReplaySummary } from '../../../src/engine/index.js';
import { fileChunks } from '../../../src/scap/index.js';
import { Scenario } from '../../helpers/scenario.js';

const RULES = '- rule: Open tmp\n  desc: d\n  condition: evt.type in (open, openat) and evt.dir=< and fd.name startswith /tmp/f\n  output: open %fd.name\n  priority: INFO\n';

/** A worker opens, reads and closes 2,000 files, one a millisecond of capture time (about 800 kB, 3 of the reader's 256 KiB chunks). */
function files(): { capture: string; rules: string; size: number } {
  const s = new Scenario({ start: 1_700_000_000_000_000_000n });
  const w = s.process({ pid: 300, comm: 'worker', args: [] });
  for (let i = 0; i < 2000; i++) {
    const fd = w.open(`/tmp/f${i}`);
    w.read(fd, 'x');
    w.close(fd);
    s.advance(1_000_000n);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tui-done-'));
  const capture = join(dir, 'worker.scap');
  writeFileSync(capture, s.toBuffer());
  const rules = join(dir, 'rules.yaml');
  writeFileSync(rules, RULES);
  return { capture, rules, size: statSync(capture).size };
}

class Screen extends Writable {
  text = '';
  isTTY = true;
  columns = 140;
  rows = 30;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** Run the TUI until its status line says done, quit with `q`; the last done line drawn and the exit code. */
async function doneLine(capture: string, rules: string, maxSeconds?: number): Promise<{ line: string; code: number; stdout: string }> {
  const screen = new Screen();
  const stderr = new Screen();
  const io: CliIo = { stdout: screen, stderr, env: { NO_COLOR: '1' }, exitCode: 0 };
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin }) as unknown as NodeJS.ReadStream;
  const running = runTui({ rules: [rules], capture: [capture], ops: [], summary: false, progress: false, threads: 1, ...(maxSeconds !== undefined ? { maxSeconds } : {}) }, io, { stdin });
  const deadline = Date.now() + 20_000;
  while (!screen.text.includes('done:') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  // ink draws at most every 33 ms: let the frame with the index's read settle, then quit.
  await new Promise((r) => setTimeout(r, 100));
  stdin.write('q');
  const code = await running;
  // The frame's lines end at a newline or an escape sequence.
  const lines = screen.text.split('\n').flatMap((l) => l.split('\u001b')).filter((l) => l.startsWith('done: '));
  return { line: lines.at(-1) ?? '', code, stdout: screen.text };
}

const kB = (n: number): string => `${(n / 1e3).toFixed(1)} kB`;

async function summaryOf(capture: string, maxSeconds?: number): Promise<ReplaySummary> {
  const replay = new Replay({ rules: [{ name: 'r.yaml', content: RULES }], captures: [{ name: capture, open: () => fileChunks(capture) }], zoneSeconds: 0, ...(maxSeconds !== undefined ? { stopAfterNanos: maxSeconds * 1e9 } : {}) });
  for await (const _ of replay.alerts()) {
    // Counting only.
  }
  return replay.summary as ReplaySummary;
}

describe('the final status line of tui', () => {
  it('shows the whole capture after a full replay', async () => {
    const { capture, rules, size } = files();
    const r = await doneLine(capture, rules);
    expect(r.code).toBe(0);
    expect(r.line).toMatch(new RegExp(`^done: [\\d,]+ events, ${kB(size).replace('.', '\\.')} in `));
    expect(r.line).not.toContain(' of ');
    expect(r.line).toContain('2,000 alerts');
  });

  it('shows how far a replay stopped by -M read, not the whole file', async () => {
    const { capture, rules, size } = files();
    const full = await summaryOf(capture);
    // -M 0.5: half a second of capture time, about a quarter of the events.
    const bounded = await summaryOf(capture, 0.5);
    expect(bounded.events).toBeLessThan(full.events / 3);
    const r = await doneLine(capture, rules, 0.5);
    expect(r.code).toBe(0);
    const m = new RegExp(`^done: ${bounded.events.toLocaleString('en-US')} events, ([\\d.]+) kB of ${kB(size).replace('.', '\\.')} in `).exec(r.line);
    expect(m, r.line).not.toBeNull();
    // The reader took whole chunks up to where the replay stopped: one or two of the three.
    const read = Number(m?.[1]) * 1e3;
    expect(read).toBeGreaterThanOrEqual(262_100);
    expect(read).toBeLessThan(size);
    expect(r.line).toMatch(new RegExp(`, ${bounded.alerts} alerts$`));
    expect(bounded.alerts).toBeGreaterThan(400);
  });
});
