// Capture directories: every entry named like a capture that cannot be replayed is named in one warning;
// an unreadable capture gets one read error, not a second "capture is empty".
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureStream } from '../../src/scap/index.js';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';

describe('capture directories', () => {
  it('FIFOs, directories, loops and dangling links are skipped with one warning each', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fr-capdir-'));
    copyFileSync(sharedPath('captures', 'cat_write.scap'), join(d, 'a-good.scap'));
    execFileSync('mkfifo', [join(d, 'b-fifo.scap')]);
    mkdirSync(join(d, 'c-dir.scap'));
    symlinkSync(join(d, 'd-loop.scap'), join(d, 'd-loop.scap'));
    symlinkSync(join(d, 'missing'), join(d, 'e-dangling.scap.gz'));
    const r = await cli([d, '--no-summary']);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning: skipping'));
    expect(warnings).toEqual([
      `falco-replay: warning: skipping ${join(d, 'b-fifo.scap')}: a FIFO, not a regular file`,
      `falco-replay: warning: skipping ${join(d, 'c-dir.scap')}: a directory`,
      `falco-replay: warning: skipping ${join(d, 'd-loop.scap')}: a symbolic link loop`,
      `falco-replay: warning: skipping ${join(d, 'e-dangling.scap.gz')}: a dangling symbolic link`,
    ]);
  });

  it('a capture that cannot be opened is one read error, not also "capture is empty"', async () => {
    const source = (async function* (): AsyncGenerator<Uint8Array> {
      yield* [];
      throw Object.assign(new Error("EACCES: permission denied, open 'x.scap'"), { code: 'EACCES' });
    })();
    const s = await readCaptureStream(source, {}, { fileName: 'x.scap' });
    expect(s.diagnostics.map((x) => x.code)).toEqual(['SCAP_IO']);
  });
});
