// `falco-replay tui` and `run -i` on the command line: the options of run, and a one-line refusal without a terminal.
import { describe, expect, it } from 'vitest';
import { NOT_A_TERMINAL } from '../../../src/cli/tui/run-tui.js';
import { cli } from '../../helpers/cli.js';

describe('tui command', () => {
  it('refuses with one line naming run and --json when stdout is not a terminal (exit 2)', async () => {
    const r = await cli(['tui', 'x.scap', '-r', 'rules.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${NOT_A_TERMINAL}\n`);
    expect(r.stderr).toMatch(/`falco-replay run`.*`falco-replay run --json`/);
  });

  it('is also reached as run -i / --interactive', async () => {
    for (const flag of ['-i', '--interactive']) {
      const r = await cli([flag, 'x.scap']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${NOT_A_TERMINAL}\n`);
    }
  });

  it("takes run's options: rules, captures, configuration, selection, profile, plugins", async () => {
    const r = await cli(['tui', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['-r, --rules', '-e, --capture', '-c, --config', '-o, --option', '--iso8601', '--min-priority', '--rule-matching', '--enable-tag', '--disable-rule', '--legacy-enter-events', '--profile', '--plugins', '-v, --verbose']) {
      expect(r.stdout, opt).toContain(opt);
    }
    expect(r.stdout).not.toContain('--json');
  });

  it('rejects a bad -o like run does', async () => {
    const r = await cli(['tui', '-o', 'novalue']);
    expect(r.code).toBe(2);
  });

  it('takes --base and --head together for diff mode, and neither with -r', async () => {
    const help = await cli(['tui', '--help']);
    expect(help.stdout).toContain('--base <path>');
    expect(help.stdout).toContain('--head <path>');
    const one = await cli(['tui', 'x.scap', '--base', 'a.yaml']);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('diff mode needs both --base <path> and --head <path>');
    const withR = await cli(['tui', 'x.scap', '--base', 'a.yaml', '--head', 'b.yaml', '-r', 'c.yaml']);
    expect(withR.code).toBe(2);
    expect(withR.stderr).toContain('-r does not go with --base/--head');
  });
});
