// The installed entry point (dist/cli/main.js, built by `npm test` and by `npm ci`'s prepare step) as a user runs it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.js';

const bin = join(REPO_ROOT, 'dist', 'cli', 'main.js');

describe('bin', () => {
  it('stops quietly with status 0 when its reader goes away (| head)', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node "${bin}" fields --json | head -n 1`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|internal error/);
  });
});
