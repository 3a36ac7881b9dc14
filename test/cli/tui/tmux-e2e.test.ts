// The installed binary in a real terminal (tmux): start the TUI on our recorded demo capture, wait for the
// summary, drill down severity → rule → alert → event, read a field, go back, explain the alert, filter, write a selection as a capture, quit. Needs dist/ (npm test builds it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/paths.js';

const bin = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const capture = join(REPO_ROOT, 'fixtures', 'recorded', 'demo-payments-api-shell.scap');
const rules = join(REPO_ROOT, 'fixtures', 'rules', 'default', 'falco-replay_rules.yaml');
// A server of our own: nothing else's tmux sessions are touched, and afterAll ends all of ours at once.
const socket = `falco-replay-tui-${process.pid}-${Date.now()}`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function start(name: string, env: string, args = `-r ${quote(rules)}`, file = capture): void {
  const cmd = `cd ${quote(REPO_ROOT)} && env ${env} node ${quote(bin)} tui ${quote(file)} ${args}; echo EXIT=$?; sleep 120`;
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', cmd);
}

const screen = (name: string, escapes = false): string => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', name);

/** Poll the pane until `test` holds, or fail with the last screen after the deadline. */
async function waitFor(name: string, test: (screen: string) => boolean, what: string, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = screen(name);
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
}

/** An SGR sequence setting a foreground colour (30–37, 38;…, 90–97). */
// eslint-disable-next-line no-control-regex -- matching terminal escapes is the point
const SGR_COLOUR = /\x1b\[[0-9;]*(3[0-8]|9[0-7])(;[0-9;]*)?m/;

const keys = (name: string, ...k: string[]): void => void tmux('send-keys', '-t', name, ...k);
const crumb = (s: string): string => s.split('\n')[1] ?? '';

const scratch = mkdtempSync(join(tmpdir(), 'falco-replay-tui-'));

afterAll(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server'], { timeout: 10_000 });
  rmSync(scratch, { recursive: true, force: true });
});

describe('falco-replay tui in tmux', () => {
  it('replays, drills down to an event field, goes back and quits with the summary', async () => {
    const name = 'drill';
    start(name, 'NO_COLOR=1 FORCE_COLOR=1');
    let s = await waitFor(name, (x) => x.includes('done:') && x.includes('15 alerts'), 'the end of the replay');
    expect(s).toMatch(/› All severities\s+15\s+8/);
    expect(s).toMatch(/Error\s+1\s+Write below a binary or sensitive directory/);
    // No colour with NO_COLOR, even where FORCE_COLOR would allow it.
    expect(screen(name, true)).not.toMatch(SGR_COLOUR);

    keys(name, 'Down', 'Down', 'Enter');
    s = await waitFor(name, (x) => crumb(x).trim() === 'Severities › Warning', 'the Warning rules');
    expect(s).toMatch(/› Warning\s+2\s+Shell spawned by a non-shell program/);

    keys(name, 'Enter');
    s = await waitFor(name, (x) => crumb(x).endsWith('› Shell spawned by a non-shell program'), "the rule's alerts");
    expect(s).toMatch(/› 06:41:51\.416500626\s+sh\[16373\]\s+Shell spawned by a non-shell program/);

    keys(name, 'Down', 'Enter');
    s = await waitFor(name, (x) => /› event \d+\s*$/.test(crumb(x)), 'the event view');
    expect(s).toMatch(/^\s+proc\.pid\s+16375$/m);
    expect(s).toMatch(/^\s+proc\.pname\s+payments-api$/m);

    keys(name, 'G');
    s = await waitFor(name, (x) => x.includes('open fds of the thread'), 'the ancestry and fds');
    expect(s).toMatch(/└─ payments-api\[16369\]\s+payments-api -S \/opt\/payments-api\/payments-api/);

    // The events of the thread around it, read again from the capture, as `events` prints them.
    keys(name, 'a');
    s = await waitFor(name, (x) => crumb(x).trimEnd().endsWith('› around 350 (thread)') && x.includes('events of its thread around it ('), 'the events around');
    expect(s).toMatch(/^› 350 06:41:51\.419469589 0 sh \(16375\) < execve res=0 exe=sh/m);
    keys(name, '/');
    await waitFor(name, (x) => x.includes('Enter find'), 'the search prompt');
    keys(name, 'read');
    await waitFor(name, (x) => x.includes('/read▏'), 'the query typed');
    keys(name, 'Enter');
    await waitFor(name, (x) => /^› 356 .* < read res=832/m.test(x), 'the first read selected');

    // Follow its fd: the reads in order; this capture was recorded without data.
    keys(name, 'F');
    s = await waitFor(name, (x) => x.includes('← read   event 358'), 'the followed fd');
    expect(s).toContain('fd 3 of pid 16375 (/lib/x86_64-linux-gnu/libc.so.6): reads and writes');
    expect(s).toContain('The capture holds no data for this fd (recorded with snap length 0): sizes only.');
    expect(s).toMatch(/← read {3}event 356 {2}832 bytes, 0 captured/);

    keys(name, 'Escape');
    await waitFor(name, (x) => crumb(x).trimEnd().endsWith('› around 350 (thread)'), 'back to the events around');
    keys(name, 'Escape');
    await waitFor(name, (x) => /› event \d+\s*$/.test(crumb(x)), 'back to the event view');

    keys(name, 'Escape');
    s = await waitFor(name, (x) => crumb(x).endsWith('› Shell spawned by a non-shell program'), 'back to the alerts');
    expect(s).toMatch(/› 06:41:51\.419469589\s+sh\[16375\]/);

    // Explain the alert: its rule is chosen, and a check shows the field's value on the event.
    keys(name, 'x');
    s = await waitFor(name, (x) => crumb(x).endsWith('› explain') && x.includes('⟵'), 'the explain screen');
    expect(s).toMatch(/▶ ✓ Shell spawned by a non-shell program\s+matched/);
    expect(s).toMatch(/✗ proc\.pname in \(fr_shell_binaries\) {3}⟵ proc\.pname = payments-api/);
    keys(name, 'Escape');
    await waitFor(name, (x) => crumb(x).endsWith('› Shell spawned by a non-shell program'), 'back from explain');

    // Filter the alerts with a Falco expression: validated as typed, applied, shown in the breadcrumb, dropped by Esc.
    keys(name, 'f');
    await waitFor(name, (x) => x.includes('filter: ▏'), 'the filter prompt');
    keys(name, '-l', 'proc.pid = 16373 and fr_spawned_procss');
    s = await waitFor(name, (x) => x.includes('^'), 'the error caret');
    expect(s).toMatch(/^ {2}filter: proc\.pid = 16373 and fr_spawned_procss▏\n {31}\^\n {2}column 22: Undefined macro 'fr_spawned_procss' used in filter\./m);
    // One key at a time: keys arriving together reach the UI as one input.
    for (let k = 'procss'.length; k > 0; k--) {
      keys(name, 'BSpace');
      await waitFor(name, (x) => x.includes(`fr_spawned_${'procss'.slice(0, k - 1)}▏`), 'an erased character');
    }
    keys(name, '-l', 'process');
    await waitFor(name, (x) => x.includes('fr_spawned_process▏') && x.includes('valid'), 'a valid filter');
    keys(name, 'Enter');
    s = await waitFor(name, (x) => x.includes('sh[16373]') && !x.includes('sh[16375]'), 'the filtered alerts');
    expect(crumb(s)).toMatch(/› Shell spawned by a non-shell program › filter: proc\.pid = 16373 and fr_spawn/);
    expect(s).toMatch(/› 06:41:51\.416500626\s+sh\[16373\]/);
    keys(name, 'Escape');
    s = await waitFor(name, (x) => crumb(x).endsWith('› Shell spawned by a non-shell program'), 'the filter dropped');
    expect(s).toContain('sh[16375]');

    keys(name, 'q');
    s = await waitFor(name, (x) => x.includes('EXIT='), 'the exit');
    expect(s).toContain('EXIT=0');
    expect(s).toContain('Events detected: 15');
    expect(s).toContain('   Shell spawned by a non-shell program: 2');
  });

  it('draws in colour without NO_COLOR, and redraws at a new size', async () => {
    const name = 'colour';
    start(name, 'FORCE_COLOR=1');
    await waitFor(name, (x) => x.includes('done:'), 'the end of the replay');
    expect(screen(name, true)).toMatch(SGR_COLOUR);
    tmux('resize-window', '-t', name, '-x', '80', '-y', '24');
    const s = await waitFor(name, (x) => x.split('\n')[0]?.trimEnd().length === 80, 'a redraw at 80 columns');
    expect(s.split('\n')[0]).toMatch(/^falco-replay {2}demo-payments-api-shell\.scap +15 alerts$/);
    keys(name, 'q');
    await waitFor(name, (x) => x.includes('EXIT=0'), 'the exit');
  });

  it('switches to the processes view with v, drills into a process, shows the filter in the breadcrumb and writes its events as a capture', async () => {
    const name = 'views';
    // A copy, so that the capture export's default path (next to the capture) is in the scratch directory.
    const copy = join(scratch, 'demo.scap');
    copyFileSync(capture, copy);
    start(name, 'NO_COLOR=1', `-r ${quote(rules)}`, copy);
    await waitFor(name, (x) => x.includes('done:') && x.includes('15 alerts'), 'the end of the replay');
    keys(name, 'v');
    await waitFor(name, (x) => crumb(x).trim() === 'Severities › Views', 'the view picker');
    keys(name, 'Enter');
    // With one capture the events are counted by the index's read after the replay: wait for it to finish.
    let s = await waitFor(name, (x) => crumb(x).trim() === 'Severities › Processes' && !x.includes('counting'), 'the processes view');
    expect(s).toMatch(/›\s+16369\s+\d+\s+4\s+15\s+payments-api/);
    expect(s).toMatch(/16375\s+\d+\s+2\s+9\s+└ sh/);
    keys(name, 'Enter');
    s = await waitFor(name, (x) => crumb(x).trim() === 'Severities › Processes › Alerts [proc.pid=16369]', 'the alerts of the process');
    expect(s).toMatch(/payments-api\[16369\]/);

    // W: the events of the selection (proc.pid=16369) as a capture, at the default path next to the capture.
    keys(name, 'W');
    const out = join(scratch, 'demo-selection.scap');
    await waitFor(name, (x) => x.includes(`write capture to: ${out}▏`), 'the capture prompt');
    keys(name, 'Enter');
    s = await waitFor(name, (x) => x.includes(`to ${out}`), 'the capture written');
    const wrote = /wrote (\d+) events/.exec(s);
    expect(existsSync(out)).toBe(true);
    // `events` lists the selected events, with the field values the whole capture gives them.
    const events = (file: string, ...filter: string[]): string[] => {
      const r = spawnSync('node', [bin, 'events', '-p', '%evt.time %evt.type %evt.dir %proc.pid %thread.tid %proc.name %proc.cmdline %proc.exepath', file, ...filter], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(0);
      return r.stdout.trimEnd().split('\n');
    };
    const sliced = events(out);
    expect(sliced.length).toBe(Number(wrote?.[1]));
    expect(sliced).toEqual(events(copy, 'proc.pid=16369'));

    keys(name, 't');
    await waitFor(name, (x) => crumb(x).endsWith('› Timeline'), 'the timeline');
    keys(name, 'Enter');
    s = await waitFor(name, (x) => crumb(x).startsWith('[time +0.000s…'), 'a time window in the breadcrumb');
    keys(name, 'q');
    await waitFor(name, (x) => x.includes('EXIT=0'), 'the exit');
  });

  it('diff mode: per-rule deltas of --base and --head, then the changed alerts', async () => {
    const extra = join(scratch, 'head-extra.yaml');
    writeFileSync(extra, '- rule: Shell spawned by a non-shell program\n  enabled: false\n');
    const name = 'diff';
    start(name, 'NO_COLOR=1', `--base ${quote(rules)} --head ${quote(rules)} --head ${quote(extra)}`);
    let s = await waitFor(name, (x) => x.includes('done:') && x.includes('15 → 15 alerts'), 'the end of the comparison');
    expect(crumb(s).trim()).toBe('Rule deltas');
    expect(s).toMatch(/Warning\s+2\s+0\s+-2\s+Shell spawned by a non-shell program/);
    expect(s).toMatch(/Notice\s+6\s+8\s+\+2\s+Unexpected process spawned/);
    keys(name, 'Enter');
    s = await waitFor(name, (x) => crumb(x).trim() === 'Rule deltas › All changes', 'the changed alerts');
    expect(s).toMatch(/› \+ 06:41:51\.416500626\s+sh\[16373\]/);
    expect(s).toMatch(/- 06:41:51\.416500626\s+sh\[16373\]\s+Shell spawned/);
    keys(name, 'Enter');
    s = await waitFor(name, (x) => /› event \d+\s*$/.test(crumb(x)), 'the event of an added alert');
    expect(s).toMatch(/^\s+proc\.pid\s+16373$/m);
    keys(name, 'q');
    s = await waitFor(name, (x) => x.includes('EXIT='), 'the exit');
    expect(s).toContain('falco-replay diff: base 15 alerts, head 15 alerts: 2 added, 2 removed, 0 changed');
    expect(s).toContain('EXIT=0');
  });
});
