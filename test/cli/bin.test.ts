// The installed entry point (dist/cli/main.js, built by `npm test` and by `npm ci`'s prepare step) as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
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

  it('detaches no ArrayBuffer while replaying with a reader thread, plain or gzip (V8 protector kept)', () => {
    // The first buffer detached in an isolate (a transfer does it) slows typed-array code there for good
    // (src/scap/pipeline-batch.ts, Batch); the batches are shared between the threads instead.
    const dir = mkdtempSync(join(tmpdir(), 'falco-replay-bin-'));
    try {
      const gz = join(dir, 'demo.scap.gz');
      writeFileSync(gz, gzipSync(readFileSync(join(REPO_ROOT, 'fixtures', 'demo.scap'))));
      for (const capture of [join(REPO_ROOT, 'fixtures', 'demo.scap'), gz]) {
        const r = spawnSync(process.execPath, ['--trace-protector-invalidation', bin, 'run', capture, '--threads', '2', '--json'], { encoding: 'utf8' });
        expect(r.status).toBe(0);
        expect(r.stdout).toContain('"rule":');
        expect(r.stdout).not.toContain('Invalidating protector cell ArrayBufferDetaching');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
