// A literal backslash in a capture string must not make it look like one holding a real control character.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { O, Scenario } from '../helpers/scenario.js';
import { cli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-escape-'));

function capture(hostname: string, name: string): string {
  const s = new Scenario({ machine: { hostname } });
  s.process({ pid: 1, comm: 'init' }).open('/x', O.RDONLY);
  const f = join(tmp, name);
  writeFileSync(f, s.toBuffer());
  return f;
}

describe('inspect: literal backslashes versus real control characters', () => {
  it('a hostname holding the characters \\x1b[31m and one holding a real ESC print differently', async () => {
    const literal = await cli(['inspect', capture('h\\x1b[31m', 'literal.scap')]);
    const real = await cli(['inspect', capture('h\x1b[31m', 'real.scap')]);
    const host = (out: string): string => /^machine {6}(.*), \d+ CPUs/m.exec(out)?.[1] ?? '';
    expect(host(real.stdout)).toBe('h\\x1b[31m');
    expect(host(literal.stdout)).toBe('h\\\\x1b[31m');
    expect(host(literal.stdout)).not.toBe(host(real.stdout));
  });
  it('a hostname with U+061C is escaped in inspect text and JSON', async () => {
    const f = capture('a\u061cb', 'alm.scap');
    expect((await cli(['inspect', f])).stdout).not.toContain('\u061c');
    const j = await cli(['inspect', '--json', f]);
    expect(j.stdout).not.toContain('\u061c');
    expect((JSON.parse(j.stdout) as { machine: { hostname: string } }).machine.hostname).toBe('a\u061cb');
  });
});
