#!/usr/bin/env node
// Regenerates fixtures/demo.scap from test/helpers/demo-story.ts (`npm run fixtures`). The story and its scenario
// builder are test support, not part of the package: they are compiled to a throw-away folder under tmp/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'tmp'), { recursive: true });
// Inside the repository, so the compiled modules find the package's type and its node_modules.
const outDir = mkdtempSync(join(root, 'tmp', 'demo-story-'));
try {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'scripts', 'tsconfig.demo.json'), '--outDir', outDir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`compiling test/helpers/demo-story.ts failed (tsc exited with ${r.status})`);
  const { buildDemoCapture } = await import(pathToFileURL(join(outDir, 'test', 'helpers', 'demo-story.js')).href);
  const out = join(root, 'fixtures', 'demo.scap');
  const bytes = buildDemoCapture();
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
