// Loading rules files in tests: shared reference files, our fixtures, or inline YAML.
import { readFileSync } from 'node:fs';
import { RulesEngine, type LoadItem, type LoadResult, type RulesEngineOptions } from '../../src/engine/index.js';
import { fixturePath, sharedPath } from './paths.js';

export interface Loaded {
  engine: RulesEngine;
  results: LoadResult[];
  last: LoadResult;
}

/** Load texts (name → content) in order into one engine. */
export function loadTexts(files: readonly [name: string, content: string][], opts: RulesEngineOptions = {}): Loaded {
  const engine = new RulesEngine(opts);
  const results = files.map(([name, content]) => engine.load(content, name));
  return { engine, results, last: results[results.length - 1] as LoadResult };
}

/** Load files of ../shared/falco-tests/rules by base name. */
export function loadFalcoTests(names: readonly string[], opts: RulesEngineOptions = {}): Loaded {
  return loadTexts(
    names.map((n) => [n, readFileSync(sharedPath('falco-tests', 'rules', `${n}.yaml`), 'utf8')]),
    opts,
  );
}

/** Load our own fixture rules files (fixtures/rules/...). */
export function loadFixtures(names: readonly string[], opts: RulesEngineOptions = {}): Loaded {
  return loadTexts(
    names.map((n) => [n, readFileSync(fixturePath('rules', n), 'utf8')]),
    opts,
  );
}

/** Load one inline rules text. */
export function loadYaml(text: string, opts: RulesEngineOptions = {}): Loaded {
  return loadTexts([['rules.yaml', text]], opts);
}

/** A compact view of a load item for assertions. */
export function summarize(i: LoadItem): { code: string; message: string; itemTypes: string[]; itemNames: string[] } {
  return {
    code: i.code,
    message: i.message,
    itemTypes: i.context.locations.map((l) => l.itemType),
    itemNames: i.context.locations.map((l) => l.itemName).filter(Boolean),
  };
}

/** Exact 1-based line and column of an item in its file. */
export function exactPosition(i: LoadItem): { file: string; line: number; column: number } | undefined {
  for (let k = i.context.locations.length - 1; k >= 0; k--) {
    const s = i.context.locations[k]?.source;
    if (s) return { file: s.file.name, ...s.file.lineColumn(s.offset) };
  }
  return undefined;
}
