// Falco users' habits: Falco's short flags, mistakes reported rather than swallowed, validate's report, and
// Falco's message for an unknown output field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'falco-cli-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const BAD_OUTPUT = file(
  'bad-output.yaml',
  `- rule: rule_with_invalid_output
  desc: A rule with an invalid output field
  condition: evt.type=open
  output: "An open was seen %not_a_real_field"
  priority: WARNING
`,
);
const SKIPPED_OUTPUT = file(
  'skipped-output.yaml',
  `- rule: skipped
  desc: x
  condition: evt.type=open
  output: "x %tolower(not_a_real_field)"
  priority: WARNING
  skip-if-unknown-filter: true
`,
);

describe('an output with an unknown field', () => {
  it("fails with Falco's code and libsinsp's message", async () => {
    const r = await cli(['validate', '-r', BAD_OUTPUT, '--json']);
    expect(r.code).toBe(1);
    const res = (JSON.parse(r.stdout) as { falco_load_results: { errors: { code: string; message: string }[] }[] }).falco_load_results[0];
    expect(res?.errors.map((e) => [e.code, e.message])).toEqual([['LOAD_ERR_COMPILE_OUTPUT', 'invalid formatting token not_a_real_field']]);
  });
  it('is a LOAD_UNKNOWN_FILTER warning with the same text when the rule has skip-if-unknown-filter', async () => {
    const r = await cli(['validate', '-r', SKIPPED_OUTPUT, '--json']);
    expect(r.code).toBe(0);
    const res = (JSON.parse(r.stdout) as { falco_load_results: { warnings: { code: string; message: string }[] }[] }).falco_load_results[0];
    expect(res?.warnings.map((e) => [e.code, e.message])).toContainEqual(['LOAD_UNKNOWN_FILTER', 'invalid formatting token not_a_real_field)']);
  });
});

const GOOD = file(
  'good.yaml',
  `- macro: unused_a
  condition: proc.name = a
- macro: unused_b
  condition: proc.name = b
- macro: unused_c
  condition: proc.name = c
- rule: shell in tmp
  desc: d
  condition: evt.type = execve and proc.name = sh
  output: "shell %proc.cmdline"
  priority: WARNING
  tags: [shell]
`,
);
const INVALID = file('invalid.yaml', `- rule: broken\n  desc: d\n  condition: evt.type = execve and\n  output: x\n  priority: WARNING\n`);

describe("Falco's short flags", () => {
  it('-V FILE validates the file (and fails on an invalid one), as falco -V does', async () => {
    const bad = await cli(['-V', INVALID]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${INVALID}: Invalid`);
    const ok = await cli(['-V', GOOD, '-V', BAD_OUTPUT]);
    expect(ok.code).toBe(1);
    expect(ok.stdout).toContain(`${GOOD}: Ok, with warnings`);
    expect(ok.stdout).toContain('LOAD_ERR_COMPILE_OUTPUT');
  });
  it('-V with json_output prints falco_load_results', async () => {
    const r = await cli(['-V', GOOD, '-o', 'json_output=true']);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(['falco_load_results']);
  });
  it('prints the version with --version only', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('-L describes every rule and -l RULE one rule', async () => {
    const all = await cli(['-L', '-r', GOOD]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Rule: shell in tmp');
    expect(all.stdout).toContain('1 rules (1 enabled)');
    const one = await cli(['-r', GOOD, '-l', 'shell in tmp', '-o', 'json_output=true']);
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as { rules: { info: { name: string } }[] }).rules.map((x) => x.info.name)).toEqual(['shell in tmp']);
  });
  it('--list [SOURCE] lists fields, -N only their names', async () => {
    const r = await cli(['--list', 'syscall', '-N']);
    expect(r.code).toBe(0);
    const names = r.stdout.trim().split('\n');
    expect(names).toContain('proc.name');
    expect(names).not.toContain('ka.verb');
    const eq = await cli(['--list=k8s_audit', '-N']);
    expect(eq.stdout.trim().split('\n')).toContain('ka.verb');
  });
  it('-A is accepted with a note', async () => {
    const r = await cli(['-A', '-r', GOOD, '--no-summary']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('-A has no effect here: every event of the capture is evaluated');
  });
  it.each([
    [['-t', 'shell'], '--enable-tag shell'],
    [['-T', 'shell'], '--disable-tag shell'],
    [['-D', 'shell'], "--disable-rule '*shell*'"],
    [['-p', '%proc.pid'], "append_output[].extra_output='%proc.pid'"],
    [['-pc'], 'append_output'],
    [['-k', 'http://x'], 'no API server'],
    [['--dry-run'], 'falco-replay validate'],
    [['-P', 'x.pid'], 'daemon'],
  ])('Falco flag %j names its equivalent', async (args, hint) => {
    const r = await cli([...args, '-r', GOOD]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(hint);
    expect(r.stderr).not.toContain('unknown option');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('validate takes files positionally', async () => {
    const r = await cli(['validate', GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${GOOD}: Ok, with warnings`);
  });
});

describe('-M SECONDS', () => {
  const alerts = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('{'));
  it('stops after that much capture time, as a complete replay (exit 0)', async () => {
    const full = await cli(['--json', '--no-summary']);
    const cut = await cli(['--json', '--no-summary', '-M', '0.02']);
    const all = await cli(['--json', '--no-summary', '-M', '100000']);
    expect(full.code).toBe(0);
    expect(cut.code).toBe(0);
    expect(cut.stderr).not.toContain('could not be read');
    const n = alerts(full.stdout).length;
    expect(n).toBeGreaterThan(2);
    const kept = alerts(cut.stdout);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(n);
    expect(kept).toEqual(alerts(full.stdout).slice(0, kept.length));
    expect(alerts(all.stdout)).toEqual(alerts(full.stdout));
  });
  it('rejects a value that is not a number of seconds', async () => {
    const r = await cli(['-M', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected a number of seconds, got 'soon'");
  });
});

describe('validate report', () => {
  it('shows repeated warnings of one code once with a count, every one with -v, and a count per code at the end', async () => {
    const r = await cli(['validate', GOOD]);
    expect(r.stderr.match(/LOAD_UNUSED_MACRO \(/g)).toHaveLength(1);
    expect(r.stderr).toContain('(and 2 more LOAD_UNUSED_MACRO like this; -v shows every one)');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('LOAD_UNUSED_MACRO: 3');
    const v = await cli(['validate', GOOD, '-v']);
    expect(v.stderr.match(/LOAD_UNUSED_MACRO \(/g)).toHaveLength(3);
  });
  it('--quiet prints errors only', async () => {
    const ok = await cli(['validate', '--quiet', GOOD]);
    expect(ok.code).toBe(0);
    expect(ok.stdout + ok.stderr).toBe('');
    const bad = await cli(['validate', '-q', GOOD, BAD_OUTPUT]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).not.toContain('LOAD_UNUSED_MACRO');
    expect(bad.stdout).toContain(`${BAD_OUTPUT}: Invalid`);
    expect(bad.stdout.trim().split('\n').at(-1)).toBe('LOAD_ERR_COMPILE_OUTPUT: 1');
  });
  it('keeps --json as falco_load_results', async () => {
    const r = await cli(['validate', GOOD, '--json']);
    const res = (JSON.parse(r.stdout) as { falco_load_results: { warnings: unknown[] }[] }).falco_load_results;
    expect(res[0]?.warnings).toHaveLength(3);
  });
});

describe('mistakes are reported, not swallowed', () => {
  it('an -o key Falco does not know is an error naming the closest key', async () => {
    const r = await cli(['-r', GOOD, '-o', 'json_ouput=true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`'json_ouput' is not a Falco configuration key (did you mean 'json_output'?)`);
    expect(r.stdout).toBe('');
  });
  it('keys Falco knows that mean nothing offline are listed once on stderr', async () => {
    const r = await cli(['-r', GOOD, '--no-summary', '-o', 'log_level=debug', '-o', 'webserver.enabled=false']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/configuration keys that do not apply to a replay are ignored: log_level, webserver/g)).toHaveLength(1);
  });
  it('--enable-rule, --disable-rule and rules[] names that match no rule warn with the closest names', async () => {
    const r = await cli(['-r', GOOD, '--no-summary', '--disable-rule', 'shell in tpm', '-o', 'rules[].enable.rule=nothing*', '--enable-tag', 'shel']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: disable.rule 'shell in tpm' matches no rule (closest: 'shell in tmp')");
    expect(r.stderr).toContain("warning: enable.rule 'nothing*' matches no rule");
    expect(r.stderr).toContain("warning: enable.tag 'shel' matches no rule (closest tags: 'shell')");
    const ok = await cli(['-r', GOOD, '--no-summary', '--disable-rule', 'shell*']);
    expect(ok.stderr).not.toContain('matches no rule');
  });
  it('-r a.yaml b.yaml: b.yaml is named as a rules file, not read as a capture', async () => {
    const r = await cli(['-r', GOOD, INVALID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${INVALID} is a rules file, not a capture; use -r for each rules file`);
    const noExt = file('rules-no-extension', '# my rules\n- rule: x\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n');
    expect((await cli([noExt, '-r', GOOD])).stderr).toContain('is a rules file, not a capture');
  });
  it('-r after the captures works as in Falco', async () => {
    const r = await cli([join(process.cwd(), 'fixtures', 'recorded', 'demo-payments-api-shell.scap'), '-r', GOOD, '--no-summary']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('no rules given');
  });
});
