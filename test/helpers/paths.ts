import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared reference folder: $FALCO_REPLAY_SHARED, or ../shared next to the repository (as on CI). */
export const SHARED_DIR = resolve(process.env.FALCO_REPLAY_SHARED ?? join(REPO_ROOT, '..', 'shared'));

if (!existsSync(join(SHARED_DIR, 'captures'))) {
  throw new Error(`reference folder not found at ${SHARED_DIR}: clone next to ../shared or set FALCO_REPLAY_SHARED`);
}

export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts);
export const fixturePath = (...parts: string[]): string => join(REPO_ROOT, 'fixtures', ...parts);
