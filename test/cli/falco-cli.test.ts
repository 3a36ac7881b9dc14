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
