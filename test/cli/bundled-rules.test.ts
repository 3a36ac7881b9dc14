// The bundled rules: they load cleanly, fire on the stories of the demo captures, and the worked tuning example
// of their README leaves exactly the attack of the recorded demo.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';

const BUNDLED = fixturePath('rules', 'default', 'falco-replay_rules.yaml');
const TUNING = fixturePath('rules', 'default', 'examples', 'payments-api-tuning.yaml');
const DEMO = fixturePath('recorded', 'demo-payments-api-shell.scap');
const ENV = { TZ: 'UTC' };
const rulesFired = (stdout: string): Record<string, number> =>
  Object.fromEntries(
    stdout
      .slice(stdout.indexOf('Triggered rules by rule name:\n') + 30)
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(3, l.lastIndexOf(': ')), Number(l.slice(l.lastIndexOf(': ') + 2))]),
  );

describe('bundled rules', () => {
  it('load without errors or warnings', async () => {
    const r = await cli(['validate', '-r', BUNDLED, '-r', TUNING]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${BUNDLED}: Ok\n${TUNING}: Ok\n`);
  });
  it('untuned, report every class of activity of the recorded demo', async () => {
    const r = await cli([DEMO, '-r', BUNDLED], ENV);
    expect(rulesFired(r.stdout)).toEqual({
      'Shell spawned by a non-shell program': 2,
      'Unexpected process spawned': 6,
      'Sensitive file read': 1,
      'Write below a binary or sensitive directory': 1,
      'Hidden file created': 1,
      'Inbound connection accepted': 2,
      'Outbound connection': 1,
      'Listening socket opened': 1,
    });
  });
  it('untuned, report the web shell, the reverse shell and the container shell of fixtures/demo.scap', async () => {
    const r = await cli([fixturePath('demo.scap'), '-r', BUNDLED], ENV);
    expect(rulesFired(r.stdout)).toEqual({
      'Terminal shell in a container': 1,
      'Shell spawned by a non-shell program': 2,
      'Unexpected process spawned': 5,
      'Sensitive file read': 1,
      'Write below a binary or sensitive directory': 1,
      'Inbound connection accepted': 3,
      'Outbound connection': 1,
    });
  });
  it('tuned with the README example, leave only the attack of the recorded demo', async () => {
    const r = await cli([DEMO, '-r', BUNDLED, '-r', TUNING, '-o', 'append_output.suggested_output=false', '--no-summary'], ENV);
    const lines = r.stdout.trim().split('\n').map((l) => l.replace(/^[\d:.]+: /, ''));
    expect(lines.map((l) => l.slice(0, l.indexOf(' ('))).join('\n')).toBe(
      [
        'Warning Shell spawned by a non-shell program',
        'Notice Process spawned',
        'Notice Process spawned',
        'Warning Sensitive file opened for reading',
        'Error File below a sensitive directory opened for writing',
        'Notice Process spawned',
        'Notice Outbound connection',
        'Notice Hidden file created',
      ].join('\n'),
    );
    expect(lines[0]).toContain('; id; cat /etc/shadow;');
    expect(lines.filter((l) => l.startsWith('Notice Process spawned')).map((l) => /command=(\S+)/.exec(l)?.[1])).toEqual(['id', 'cat', 'curl']);
  });
});
