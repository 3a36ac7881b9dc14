// Falco's FileOutputStrict regression test (falcosecurity/testing legacy_test.go): Falco's test configuration
// file_output.yaml, single_rule.yaml over cat_write.scap with ISO 8601 times and the file name given with -o;
// the file must equal Falco's expected single_rule_with_cat_write.txt byte for byte. Reads ../shared.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-file-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The settings of Falco's test/confs/file_output.yaml (its comments left out). */
const FILE_OUTPUT_YAML = `rules_file: /etc/falco_rules.yaml
json_output: false
log_stderr: false
log_syslog: false
syslog_output:
  enabled: false
file_output:
  enabled: true
  filename: /tmp/falco_outputs/file_output.txt
stdout_output:
  enabled: true
program_output:
  enabled: false
  program: mail -s "Falco Notification" someone@example.com
`;

const EXPECTED = readFileSync(sharedPath('falco-tests', 'outputs', 'single_rule_with_cat_write.txt'), 'utf8');

describe("Falco's FileOutputStrict: the file output equals Falco's expected file byte for byte", () => {
  const conf = join(tmp, 'file_output.yaml');
  writeFileSync(conf, FILE_OUTPUT_YAML);
  const run = (out: string, extra: string[] = []) =>
    cli(
      [sharedPath('captures', 'cat_write.scap'), '-c', conf, '-r', sharedPath('falco-tests', 'rules', 'single_rule.yaml'), '-o', 'time_format_iso_8601=true', '-o', `file_output.filename=${out}`, '-o', 'append_output.suggested_output=false', '--legacy-enter-events', ...extra],
      { TZ: 'UTC' },
    );

  it.each([false, true])('Falco <= 0.41 (--legacy-enter-events), keep_alive=%s', async (keepAlive) => {
    const out = join(tmp, `file_output-${keepAlive}.txt`);
    const r = await run(out, ['-o', `file_output.keep_alive=${keepAlive}`]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(EXPECTED);
    // stdout_output is enabled in that configuration: the same lines, then Falco's summary.
    expect(r.stdout).toBe(`${EXPECTED}Events detected: 8\nRule counts by severity:\n   WARNING: 8\nTriggered rules by rule name:\n   open_from_cat: 8\n`);
    // Only the keys that do not apply offline are reported as ignored.
    expect(r.stderr).toBe('falco-replay: configuration keys that do not apply to a replay are ignored: log_stderr, log_syslog\n');
  });
});
