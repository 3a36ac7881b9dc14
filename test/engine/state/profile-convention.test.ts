// The state engine's house rules: modules stay small, and every 2022-libsinsp difference goes through the one
// `legacy` predicate with `profile-2022` notes (described in src/engine/state/parsers/core.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'src', 'engine', 'state');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.ts') ? [p] : [];
  });
}

const sources = files(ROOT).map((p) => ({ name: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

describe('state engine layout', () => {
  it('has the modules along libsinsp seams', () => {
    const names = sources.map((s) => s.name).sort();
    for (const m of ['thread-table.ts', 'fd-table.ts', 'users.ts', 'interfaces.ts', 'containers.ts', 'limits.ts']) expect(names).toContain(m);
    for (const f of ['core', 'clone', 'process', 'files', 'sockets', 'io', 'fds', 'misc']) expect(names).toContain(join('parsers', `${f}.ts`));
  });

  it('no module is over 500 lines', () => {
    const big = sources.filter((s) => s.text.split('\n').length > 500).map((s) => `${s.name}: ${s.text.split('\n').length}`);
    expect(big).toEqual([]);
  });
});

describe('profile convention', () => {
  it('only the inspector maps a profile name to the legacy predicate', () => {
    const code = (t: string): string => t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const naming = sources.filter((s) => /'sysdig-0\.29\.3'/.test(code(s.text))).map((s) => s.name);
    // types.ts declares the profile names; the inspector derives `legacy` from them; nothing else looks.
    expect(naming.sort()).toEqual(['inspector.ts', 'types.ts']);
  });

  it('2022 notes use the one tag (no older L22 marker in comments)', () => {
    const old = sources.flatMap((s) => s.text.split('\n').flatMap((l, i) => (/(\/\/|^\s*\*).*\bL22\b/.test(l) ? [`${s.name}:${i + 1}`] : [])));
    expect(old).toEqual([]);
    expect(sources.some((s) => s.text.includes('profile-2022'))).toBe(true);
  });
});
