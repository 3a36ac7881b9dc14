// `falco-replay run` (the default command) end to end in process: argument handling, exit codes, diagnostics,
// Falco's summary and the summary file. Alert contents are covered by run-falco-tests.test.ts.
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';

const CAT_WRITE = sharedPath('captures', 'cat_write.scap');
const rules = (name: string) => sharedPath('falco-tests', 'rules', name);
const tmp = () => mkdtempSync(join(tmpdir(), 'fr-run-'));
const ZERO_SUMMARY = 'Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n';

describe('run: arguments and exit codes', () => {
  it('is the default command: CAPTURE -r RULES works without "run"', async () => {
    const r = await cli([CAT_WRITE, '-r', rules('empty_rules.yaml'), '-r', rules('single_rule_enabled_flag.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith(ZERO_SUMMARY)).toBe(true);
  });
  it('prints Falco-style diagnostics and exits 1 for invalid rules (nothing on stdout)', async () => {
    const r = await cli(['run', CAT_WRITE, '-r', rules('invalid_rule_output.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${rules('invalid_rule_output.yaml')}: Invalid`);
    expect(r.stderr).toContain('LOAD_ERR_COMPILE_OUTPUT (Error compiling output): invalid formatting token');
    expect(r.stderr).toMatch(/at .*invalid_rule_output\.yaml:5:29/);
  });
  it('stops at the first invalid file of several, as Falco does', async () => {
    const r = await cli([CAT_WRITE, '-r', rules('invalid_base_rule.yaml'), '-r', rules('invalid_overwrite_rule.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Undefined macro 'bar' used in filter.");
  });
  it('exits 1 with a clear message when a capture cannot be read', async () => {
    const r = await cli([sharedPath('captures', 'no-such.scap'), '-r', rules('single_rule.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read capture .*no-such\.scap: no such file or directory/);
    expect(r.stdout).toBe('');
  });
  it('exits 1 when a rules file cannot be read, and when -r names no rules files', async () => {
    expect((await cli([CAT_WRITE, '-r', '/nonexistent/rules.yaml'])).stderr).toContain('Could not open file /nonexistent/rules.yaml for reading');
    const dir = tmp();
    const r = await cli([CAT_WRITE, '-r', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no rules files');
  });
  it('exits 2 for bad options and configuration values', async () => {
    expect((await cli([CAT_WRITE, '-o', 'json_output'])).code).toBe(2);
    const p = await cli([CAT_WRITE, '-r', rules('single_rule.yaml'), '--min-priority', 'loud']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('unknown priority');
    expect((await cli([CAT_WRITE, '-r', rules('single_rule.yaml'), '--rule-matching', 'most'])).code).toBe(2);
    expect((await cli([CAT_WRITE, '-r', rules('single_rule.yaml'), '--plugins', 'nosuch'])).code).toBe(2);
  });
  it('says which configuration keys do not apply to a replay', async () => {
    const r = await cli([CAT_WRITE, '-r', rules('empty_rules.yaml'), '-o', 'grpc_output.enabled=true', '-o', 'base_syscalls.all=true']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('configuration keys that do not apply to a replay are ignored: base_syscalls, grpc_output');
  });
  it("takes the capture from Falco's engine.replay.capture_file and the rules from a falco.yaml", async () => {
    const dir = tmp();
    const conf = join(dir, 'falco.yaml');
    writeFileSync(conf, `rules_files:\n  - ${rules('empty_rules.yaml')}\njson_output: true\n`);
    const r = await cli(['-c', conf, '-o', 'engine.kind=replay', '-o', `engine.replay.capture_file=${CAT_WRITE}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ZERO_SUMMARY);
  });
  it('prints the summary with zero alerts; --no-summary leaves stdout empty', async () => {
    expect((await cli([CAT_WRITE, '-r', rules('empty_rules.yaml')])).stdout).toBe(ZERO_SUMMARY);
    expect((await cli([CAT_WRITE, '-r', rules('empty_rules.yaml'), '--no-summary'])).stdout).toBe('');
  });
  it('writes the summary file', async () => {
    const out = join(tmp(), 'summary.json');
    const r = await cli([CAT_WRITE, '-r', rules('empty_rules.yaml'), '--summary-file', out, '--rule-matching', 'all']);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(s)).toEqual(['events', 'alerts', 'by_priority', 'by_rule', 'rule_matching', 'rules_files', 'captures', 'elapsed_s', 'events_per_s', 'skipped_events', 'damaged_captures', 'events_by_source', 'alerts_by_source', 'unknown_plugin_events']);
    expect(s).toMatchObject({ alerts: 0, by_priority: {}, by_rule: {}, rule_matching: 'all', rules_files: [rules('empty_rules.yaml')], captures: [CAT_WRITE] });
    expect(s.events).toBeGreaterThan(300);
    expect(s).toMatchObject({ events_by_source: { syscall: s.events }, alerts_by_source: {}, unknown_plugin_events: {} });
  });
  it('reads directories of captures (*.scap, *.scap.gz) in sorted order', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    copyFileSync(CAT_WRITE, join(dir, 'b.scap'));
    copyFileSync(fixturePath('demo.scap'), join(dir, 'a.scap'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const out = join(tmp(), 's.json');
    const r = await cli([dir, '-r', rules('empty_rules.yaml'), '--summary-file', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).captures).toEqual([join(dir, 'a.scap'), join(dir, 'b.scap')]);
    expect((await cli([join(dir, 'sub'), '-r', rules('empty_rules.yaml')])).stderr).toContain('no capture files');
  });
});
