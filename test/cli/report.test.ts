// End-of-run reports: Falco's summary text, the terminal table (colours only on a TTY, never with NO_COLOR),
// the progress bar, and in-process runs on a pretend terminal.
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { ProgressBar } from '../../src/cli/report/progress.js';
import { chalkFor, falcoSummaryText, ruleTable, type RunCounts } from '../../src/cli/report/summary.js';
import type { CompiledRule } from '../../src/engine/index.js';
import { sharedPath } from '../helpers/paths.js';

const rule = (id: number, name: string, priority: number) => ({ id, name, priority }) as CompiledRule;
const counts: RunCounts = {
  total: 12,
  byPriority: [0, 0, 1, 0, 8, 0, 3, 0],
  byRule: [
    { rule: rule(0, 'open_from_cat', 4), count: 8 },
    { rule: rule(2, 'Rule: with\tspecial', 2), count: 1 },
    { rule: rule(5, 'info rule', 6), count: 3 },
  ],
};

describe("Falco's summary", () => {
  it('lists non-zero severities most severe first and rules in rule order, three-space indented', () =>
    expect(falcoSummaryText(counts)).toBe(
      'Events detected: 12\nRule counts by severity:\n   CRITICAL: 1\n   WARNING: 8\n   INFO: 3\nTriggered rules by rule name:\n   open_from_cat: 8\n   Rule: with\\tspecial: 1\n   info rule: 3\n',
    ));
});

describe('terminal table', () => {
  it('shows one row per rule, most severe first, and a total; colours only on a TTY without NO_COLOR', () => {
    const plain = ruleTable(counts, chalkFor({ isTTY: true }, { NO_COLOR: '1' }), 100);
    expect(plain).not.toContain('\u001b[');
    const rows = plain.split('\n').filter((l) => l.includes('│') && !l.includes('Priority'));
    expect(rows.slice(0, 3).map((l) => l.split('│').map((c) => c.trim()).slice(1, 4))).toEqual([['Critical', 'Rule: with\\tspecial', '1'], ['Warning', 'open_from_cat', '8'], ['Informational', 'info rule', '3']]);
    expect(rows[3]).toMatch(/Total {2}\(CRITICAL 1 {2}WARNING 8 {2}INFO 3\) +│ +12 │/);
    expect(ruleTable(counts, chalkFor({ isTTY: true }, {}), 100)).toContain('\u001b[');
    expect(ruleTable(counts, chalkFor({ isTTY: false }, {}), 100)).not.toContain('\u001b[');
  });
});

class Tty extends Writable {
  text = '';
  isTTY = true;
  columns = 100;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('progress bar', () => {
  it('stays hidden for short runs, then draws one line and erases it', () => {
    vi.useFakeTimers();
    try {
      const s = new Tty();
      const bar = new ProgressBar(s, 1000);
      bar.update({ bytes: 10, events: 100, alerts: 0 });
      bar.clear();
      expect(s.text).toBe('');
      vi.advanceTimersByTime(1000);
      bar.update({ bytes: 500, events: 2_500_000, alerts: 3 });
      // eslint-disable-next-line no-control-regex
      expect(s.text).toMatch(/^\r\u001b\[Kreplaying \[#+-+\] {2}50% {2}2\.5M events {2}3 alerts {2}/);
      expect(s.text).not.toContain('\n');
      bar.update({ bytes: 600, events: 2_600_000, alerts: 3 });
      expect(s.text.match(/replaying/g)).toHaveLength(1);
      bar.clear();
      expect(s.text.endsWith('\r\u001b[K')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('run on a terminal', () => {
  it('adds the table after the summary on a TTY and keeps alert lines free of colour codes', async () => {
    const stdout = new Tty();
    const stderr = new Tty();
    const io: CliIo = { stdout, stderr, env: {}, exitCode: 0 };
    const code = await runCli([sharedPath('captures', 'cat_write.scap'), '-r', sharedPath('falco-tests', 'rules', 'empty_rules.yaml')], io);
    expect(code).toBe(0);
    expect(stdout.text.startsWith('Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n')).toBe(true);
    expect(stdout.text).toContain('Priority');
    expect(stdout.text).toContain('Total');
  });
  it('puts the table on stderr when stdout is piped, so stdout stays machine-readable', async () => {
    const stdout = new Tty();
    stdout.isTTY = false;
    const stderr = new Tty();
    const io: CliIo = { stdout, stderr, env: { NO_COLOR: '1' }, exitCode: 0 };
    await runCli([sharedPath('captures', 'cat_write.scap'), '-r', sharedPath('falco-tests', 'rules', 'empty_rules.yaml')], io);
    expect(stdout.text).toBe('Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n');
    expect(stderr.text).toContain('Total');
    expect(stderr.text).not.toContain('\u001b[');
  });
});
