import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared reference folder: $FALCO_REPLAY_SHARED, or ../shared next to the repository (as on CI). */
export const SHARED_DIR = resolve(process.env.FALCO_REPLAY_SHARED ?? join(REPO_ROOT, '..', 'shared'));

let sharedChecked = false;

/** A path in the shared reference folder; only tests of a tier that needs it (test/helpers/tiers.ts) may ask. */
export function sharedPath(...parts: string[]): string {
  if (!sharedChecked) {
    if (!existsSync(join(SHARED_DIR, 'captures'))) {
      throw new Error(`reference folder not found at ${SHARED_DIR}: a test that reads it belongs to a tier that needs 'shared' in test/helpers/tiers.ts`);
    }
    sharedChecked = true;
  }
  return join(SHARED_DIR, ...parts);
}

export const fixturePath = (...parts: string[]): string => join(REPO_ROOT, 'fixtures', ...parts);

/** Every shared capture, every recorded fixture and the demo capture, sorted: the corpus of the equality suites. */
export const allCaptures = (): string[] =>
  [
    ...readdirSync(sharedPath('captures'))
      .filter((f) => f.endsWith('.scap'))
      .map((f) => sharedPath('captures', f)),
    ...readdirSync(fixturePath('recorded'))
      .filter((f) => f.endsWith('.scap'))
      .map((f) => fixturePath('recorded', f)),
    fixturePath('demo.scap'),
  ].sort();
