// A recording killed with SIGKILL leaves a file readable up to its last complete block: the writer only ever
// hands whole blocks to write(2) (and, with gzip, ends every flush at a zlib sync point), flushing every 100 ms.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultAddonPath } from '../../src/native/index.js';
import { sysdig, tempDir, walkBlocks } from './helpers.js';

async function recordThenKill(out: string, gzip: boolean): Promise<void> {
  const addon = defaultAddonPath();
  expect(existsSync(addon), `native addon missing at ${addon}: npm run build:native`).toBe(true);
  const child = spawn(process.execPath, [fileURLToPath(new URL('fixtures/record-until-killed.mjs', import.meta.url)), addon, out, gzip ? 'gz' : ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((res, rej) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) res(buf.split('\n')[0]!);
    });
    child.on('exit', (code) => rej(new Error(`recorder exited early (${code})`)));
  });
  const { pid } = JSON.parse(line) as { pid: number };
  try {
    const deadline = Date.now() + 20_000;
    while ((!existsSync(out) || statSync(out).size < 256 * 1024) && Date.now() < deadline) await sleep(50);
    expect(statSync(out).size).toBeGreaterThanOrEqual(256 * 1024);
    const exited = new Promise((res) => child.on('exit', res));
    child.kill('SIGKILL');
    await exited;
  } finally {
    try {
      process.kill(pid, 'SIGKILL'); // the recorded shell loop outlives its recorder
    } catch {
      /* already gone */
    }
  }
}

describe('a recording killed with SIGKILL', () => {
  const tmp = tempDir('sigkill');
  afterAll(() => tmp.cleanup());

  it('plain: ends on a block boundary and sysdig reads every event in it', async () => {
    const out = join(tmp.dir, 'killed.scap');
    await recordThenKill(out, false);
    const walk = walkBlocks(out);
    expect(walk.events.length).toBeGreaterThan(1000);
    const r = sysdig(out, ['evt.num']);
    expect(r.rows.length).toBe(walk.events.length);
    if (walk.trailing === 0) {
      expect(r.status).toBe(0);
    } else {
      // SIGKILL can cut a write(2) between pages; then the reader still gets every complete block first
      expect(r.stderr).toMatch(/truncated/);
    }
  });

  it('gzip: every flushed block is readable; only the missing gzip trailer is reported', async () => {
    const out = join(tmp.dir, 'killed.scap.gz');
    await recordThenKill(out, true);
    const walk = walkBlocks(out);
    expect(walk.events.length).toBeGreaterThan(1000);
    const r = sysdig(out, ['evt.num']);
    expect(r.rows.length).toBe(walk.events.length);
    expect(r.stderr).toMatch(/unexpected end of file|truncated/);
  });
});
