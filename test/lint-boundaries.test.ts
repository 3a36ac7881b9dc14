import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.js';

// The snippets are linted under names that are not on disk, where the type-aware rules have no program to
// consult; the boundary rules under test need no types.
const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries (docs/architecture.md#layers-and-import-rules) are enforced by lint', () => {
  it('forbids scap importing engine', async () => {
    expect(await ruleIds('src/scap/x.ts', "import { a } from '../engine/index.js';\nexport const b = a;\n")).toContain('no-restricted-imports');
  });
  it('forbids engine importing cli', async () => {
    expect(await ruleIds('src/engine/x.ts', "import { a } from '../cli/program.js';\nexport const b = a;\n")).toContain('no-restricted-imports');
  });
  it('forbids deep imports across layers', async () => {
    expect(await ruleIds('src/engine/x.ts', "import { a } from '../scap/reader.js';\nexport const b = a;\n")).toContain('no-restricted-imports');
  });
  it('forbids file I/O in the engine', async () => {
    expect(await ruleIds('src/engine/x.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n")).toContain('no-restricted-imports');
  });
  it('forbids printing outside the cli', async () => {
    expect(await ruleIds('src/engine/x.ts', "export function f(): void { console.log('x'); }\n")).toContain('no-console');
    expect(await ruleIds('src/scap/x.ts', "export function f(): void { process.exit(1); }\n")).toContain('no-restricted-properties');
  });
  it('allows a layer to use the index of the layers to its left', async () => {
    expect(await ruleIds('src/engine/x.ts', "import { PT } from '../scap/index.js';\nimport { escapeControl } from '../common/index.js';\nexport const b = [PT, escapeControl];\n")).toEqual([]);
    expect(await ruleIds('src/cli/x.ts', "import { PT } from '../scap/index.js';\nexport const b = PT;\n")).toEqual([]);
  });
});
