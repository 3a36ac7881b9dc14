// The scenario builder and the demo story are test support (test/helpers), not part of the package. Scripts
// that need them (`npm run fixtures`, the clone-memory benchmark) compile them with scripts/tsconfig.demo.json
// into a throw-away folder under tmp/ and import the compiled modules from there.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Compile the test support, run `fn(load)` where `load('test/helpers/x.js')` imports a compiled module, then clean up. */
export async function withTestSupport(fn) {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  // Inside the repository, so the compiled modules find the package's type and its node_modules.
  const outDir = mkdtempSync(join(root, 'tmp', 'test-support-'));
  try {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'scripts', 'tsconfig.demo.json'), '--outDir', outDir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`compiling the test support in test/helpers failed (tsc exited with ${r.status})`);
    return await fn((rel) => import(pathToFileURL(join(outDir, rel)).href));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
