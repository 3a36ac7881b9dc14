// YAML aliases are counted against a budget, scalars as well as collections: a small rules file cannot
// multiply into hundreds of megabytes of conditions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-yaml-'));

describe('YAML alias budget', () => {
  it('a 5,000-term condition aliased by 2,000 rules is refused at once with a YAML parse error at the alias', async () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `proc.name = p${i}`).join(' or ');
    let text = `- macro: big\n  condition: &c "${terms}"\n`;
    for (let i = 0; i < 2000; i++) text += `- rule: r${i}\n  desc: d\n  condition: *c\n  output: o\n  priority: WARNING\n`;
    const f = join(tmp, 'scalar-laughs.yaml');
    writeFileSync(f, text);
    const t0 = Date.now();
    const r = await cli(['validate', '-r', f]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('LOAD_ERR_YAML_PARSE (YAML parse error): aliases expand to more than 1048576 characters of YAML');
    expect(r.stdout).toMatch(/at .*scalar-laughs\.yaml:\d+:14/);
  });

  it('nested collection aliases ("billion laughs") are refused the same way', async () => {
    let text = '- list: l0\n  items: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let i = 1; i < 10; i++) text += `- list: l${i}\n  items: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
    const f = join(tmp, 'laughs.yaml');
    writeFileSync(f, text);
    const r = await cli(['validate', '-r', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('aliases expand to more than');
  });

  it('ordinary alias use stays valid', async () => {
    const f = join(tmp, 'ok.yaml');
    writeFileSync(f, '- macro: m\n  condition: &c evt.type = open\n- rule: r\n  desc: d\n  condition: *c\n  output: o\n  priority: WARNING\n');
    const r = await cli(['validate', '-r', f]);
    expect(r.code).toBe(0);
  });
});
