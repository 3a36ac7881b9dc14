// A standard output that fails (ENOSPC on /dev/full) ends every command with one line and exit 1, no stack.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sharedPath } from '../helpers/paths.js';

const main = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const cap = sharedPath('captures', 'cat_write.scap');

describe('stdout write errors', () => {
  it.each([
    ['events', ['events', cap]],
    ['replay', [cap, '--no-progress']],
    ['inspect', ['inspect', cap]],
    ['fields', ['fields']],
  ])('%s > /dev/full: one line naming standard output, exit 1', (_name, argv) => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [main, ...argv], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      const errors = r.stderr.split('\n').filter((l) => !l.startsWith('falco-replay: no rules given'));
      expect(errors).toEqual(['falco-replay: cannot write to standard output: ENOSPC: no space left on device, write', '']);
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});
