// Keys from rules files are data: `__proto__` is an ordinary key everywhere (no TypeError, no lost rule).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-proto-'));
const file = (name: string, text: string): string => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
};

describe('__proto__ in rules files', () => {
  const inItem = file('in-item.yaml', '- rule: r\n  __proto__: x\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: WARNING\n');
  const topLevel = file('top-level.yaml', '- __proto__:\n    a: 1\n');
  const named = file('named.yaml', '- rule: __proto__\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: WARNING\n');

  it.each([
    ['a key in a rule item', inItem],
    ['a top-level item', topLevel],
  ])('%s: validate, describe and a replay report warnings, never an internal error', async (_what, f) => {
    for (const argv of [['validate', '-r', f], ['validate', '--json', '-r', f], ['describe', '-r', f], ['describe', '--json', '-r', f], [sharedPath('captures', 'cat_write.scap'), '-r', f]]) {
      const r = await cli(argv);
      expect(r.stderr).not.toContain('TypeError');
      expect(r.code).toBe(0);
    }
  });

  it('a rule named __proto__ keeps its count in --summary-file and its entry in describe --json', async () => {
    const out = join(tmp, 'summary.json');
    const r = await cli([sharedPath('captures', 'cat_write.scap'), '-r', named, '--summary-file', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('   __proto__: 4\n');
    const s = JSON.parse(readFileSync(out, 'utf8')) as { by_rule: Record<string, number> };
    expect(Object.entries(s.by_rule)).toEqual([['__proto__', 4]]);
    const d = JSON.parse((await cli(['describe', '--json', '-r', named])).stdout) as { rules: { info: { name: string } }[] };
    expect(d.rules.map((x) => x.info.name)).toEqual(['__proto__']);
  });
});

describe('--summary-file escapes like every other JSON output', () => {
  it('a rule name with U+009B and U+202E is \\u-escaped in the file and still decodes to the name', async () => {
    const name = 'evil\u009b31m\u202eeman';
    const f = file('evil-name.yaml', `- rule: "${name}"\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: WARNING\n`);
    const out = join(tmp, 'evil-summary.json');
    expect((await cli([sharedPath('captures', 'cat_write.scap'), '-r', f, '--summary-file', out])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/[\u009b\u202e]/);
    expect(text).toContain('evil\\u009b31m\\u202eeman');
    expect(Object.keys((JSON.parse(text) as { by_rule: object }).by_rule)).toEqual([name]);
  });
});
