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
