// Every document a comment, test or README cites exists in the repository, and so does the section it names.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['src', 'test', 'scripts', 'bench', 'native', 'fixtures', 'docs', 'README.md', 'eslint.config.js', '.ci'];
const TEXT = /\.(ts|tsx|mjs|js|c|cc|h|md|py|gyp)$|^run$/;

function files(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return [];
  if (st.isFile()) return TEXT.test(path.split('/').pop() ?? '') ? [path] : [];
  const name = path.split('/').pop();
  if (name === 'build' || name === 'node_modules' || name === 'gen') return [];
  return readdirSync(path).flatMap((n) => files(join(path, n)));
}

/** GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
const anchor = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchors(doc: string): Set<string> {
  const out = new Set<string>();
  for (const m of readFileSync(join(ROOT, doc), 'utf8').matchAll(/^#{1,6} (.+)$/gm)) out.add(anchor(m[1] as string));
  return out;
}

const sources = SCANNED.flatMap((p) => files(join(ROOT, p))).filter((f) => f !== fileURLToPath(import.meta.url));

describe('document citations', () => {
  it('cite only documents of the repository, by docs/<name>.md#<anchor>', () => {
    const stale: string[] = [];
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      if (/shared\/docs|sinsp-semantics\.md §|spec §|\.md §/.test(text)) stale.push(relative(ROOT, f));
    }
    expect(stale).toEqual([]);
  });

  it('name documents and sections that exist', () => {
    const cache = new Map<string, Set<string> | undefined>();
    const missing: string[] = [];
    let checked = 0;
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      // `docs/x.md#a` and, in the same parenthesis, follow-up anchors `, #b`.
      for (const m of text.matchAll(/docs\/([a-z-]+\.md)((?:#[a-z0-9-]+)?(?:, #[a-z0-9-]+)*)/g)) {
        const doc = `docs/${m[1] as string}`;
        if (!cache.has(doc)) {
          const exists = statSync(join(ROOT, doc), { throwIfNoEntry: false }) !== undefined;
          cache.set(doc, exists ? anchors(doc) : undefined);
        }
        const known = cache.get(doc);
        checked++;
        if (!known) {
          missing.push(`${relative(ROOT, f)}: ${doc}`);
          continue;
        }
        for (const a of (m[2] as string).match(/#[a-z0-9-]+/g) ?? []) {
          if (!known.has(a.slice(1))) missing.push(`${relative(ROOT, f)}: ${doc}${a}`);
        }
      }
      // In-document links `](#anchor)` of the docs themselves.
      if (relative(ROOT, f).startsWith('docs/')) {
        const own = anchors(relative(ROOT, f));
        for (const m of text.matchAll(/\]\(#([a-z0-9-]+)\)/g)) if (!own.has(m[1] as string)) missing.push(`${relative(ROOT, f)}: #${m[1] as string}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});
