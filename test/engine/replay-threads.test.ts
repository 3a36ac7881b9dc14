// `threads` > 1 (the worker pipeline, src/scap/pipeline.ts) gives the replay of --threads 1 byte for byte: the
// same alerts in the same order, the same summary and the same diagnostics, on every shared capture and every
// recorded fixture, alone and merged, plain and gzip, cut short, with concatenated sections, and stopped by -M.
// The workers run the compiled script (dist/, built by `npm test`); the test checks that they really ran.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { alertLine, Replay, type ReplayOptions } from '../helpers/engine.js';
import { fileChunks, pipelineStats, prestartPipeline, readCapturePipelined } from '../helpers/scap.js';
import { fixturePath, REPO_ROOT, sharedPath } from '../helpers/paths.js';

const WORKER = join(REPO_ROOT, 'dist', 'scap', 'pipeline-worker.js');
const STOCK = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].map((f) => ({ name: f, content: readFileSync(sharedPath('rules', f), 'utf8') }));
const BUNDLED = [{ name: 'falco-replay_rules.yaml', content: readFileSync(fixturePath('rules', 'default', 'falco-replay_rules.yaml'), 'utf8') }];

const dir = mkdtempSync(join(tmpdir(), 'falco-replay-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shared = readdirSync(sharedPath('captures'))
  .filter((f) => f.endsWith('.scap'))
  .sort()
  .map((f) => sharedPath('captures', f));
const recorded = readdirSync(fixturePath('recorded'))
  .filter((f) => f.endsWith('.scap'))
  .sort()
  .map((f) => fixturePath('recorded', f));

function made(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
/** A capture's bytes, decompressed when the file is gzip (some shared captures and fixtures are). */
const plain = (p: string): Buffer => {
  const b = readFileSync(p);
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
};
const curl = plain(sharedPath('captures', 'curl_google.scap'));
const demo = plain(fixturePath('recorded', 'demo-payments-api-shell.scap'));
const gz = made('curl_google.scap.gz', gzipSync(curl));
const demoGz = made('demo.scap.gz', gzipSync(demo));
// Cut inside an event block, well after the start: alerts before the damage, then the same warning and offset.
const truncated = made('curl_google-cut.scap', curl.subarray(0, Math.floor(curl.length * 0.7) + 3));
const truncatedGz = made('demo-cut.scap.gz', gzipSync(demo).subarray(0, Math.floor(gzipSync(demo).length * 0.8)));
// Two captures back to back: a second section header after the first capture's events.
const concatenated = made('concatenated.scap', Buffer.concat([demo, plain(fixturePath('recorded', 'shell-redirect-copy-exec.current.scap'))]));

/** What a run prints and reports, everything but its duration. */
async function outcome(captures: readonly string[], threads: number, extra: Partial<ReplayOptions> = {}): Promise<{ alerts: string[]; summary: string }> {
  const replay = new Replay({
    rules: STOCK,
    captures: captures.map((c) => ({ name: basename(c), open: () => fileChunks(c), path: c })),
    zoneSeconds: 0,
    hostname: 'test',
    outputFields: true,
    threads,
    pipelineWorker: WORKER,
    ...extra,
  });
  expect(replay.ok).toBe(true);
  const alerts: string[] = [];
  for await (const a of replay.alerts()) alerts.push(`${alertLine(a, { zoneSeconds: 0 })} ${JSON.stringify(a.outputFields ?? {})}`);
  const { seconds: _seconds, ...summary } = replay.summary ?? { seconds: 0 };
  return { alerts, summary: JSON.stringify(summary, (_k, v: unknown) => (v instanceof Uint32Array ? [...v] : typeof v === 'bigint' ? `${v}n` : v)) };
}

/** Threads 1 against the given counts; the pipeline must have read `pipelined` captures per threaded run. */
async function same(captures: readonly string[], counts: readonly number[], extra: Partial<ReplayOptions> = {}, pipelined = 1): Promise<{ alerts: string[]; summary: string }> {
  const one = await outcome(captures, 1, extra);
  for (const n of counts) {
    const before = { ...pipelineStats };
    const got = await outcome(captures, n, extra);
    expect(pipelineStats.reads - before.reads).toBe(pipelined === -1 ? Math.min(n - 1, captures.length) : pipelined);
    expect(pipelineStats.batches - before.batches).toBeGreaterThan(0);
    expect(got.alerts).toEqual(one.alerts);
    expect(got.summary).toBe(one.summary);
  }
  return one;
}

describe('replay on worker threads equals --threads 1', () => {
  it('fails loudly when the compiled worker is missing (npm test builds it)', () => {
    expect(readdirSync(join(REPO_ROOT, 'dist', 'scap'))).toContain('pipeline-worker.js');
  });

  for (const c of [...shared, ...recorded]) {
    it(`${basename(c)}`, async () => {
      await same([c], [2]);
    });
  }

  it('the bundled demo with the bundled rules, alerts and all', async () => {
    const r = await same([fixturePath('recorded', 'demo-payments-api-shell.scap')], [2, 3], { rules: BUNDLED });
    expect(r.alerts.length).toBeGreaterThan(10);
  });

  it('gzip captures', async () => {
    const r = await same([gz], [2]);
    expect(r.summary).toContain('"gzip":true');
    await same([demoGz], [2], { rules: BUNDLED });
  });

  it('a truncated capture: the alerts before the damage, the same warning at the same offset', async () => {
    const r = await same([truncated], [2]);
    expect(r.summary).toContain('SCAP_TRUNCATED');
    const g = await same([truncatedGz], [2], { rules: BUNDLED });
    expect(g.summary).toContain('SCAP_GZIP');
    expect(g.alerts.length).toBeGreaterThan(0);
  });

  it('a capture of concatenated sections', async () => {
    const r = await same([concatenated], [2], { rules: BUNDLED });
    expect(r.summary).toContain('"sections":2');
  });

  it('several captures merged in time order (some lanes on workers, some here, all on workers)', async () => {
    const all = [...shared, ...recorded, gz, truncated];
    const r = await same(all, [3, all.length + 1], {}, -1);
    expect(JSON.parse(r.summary).captures).toHaveLength(all.length);
    await same([demoGz, fixturePath('recorded', 'shell-redirect-copy-exec.scap'), concatenated], [2, 4], { rules: BUNDLED, matching: 'all' }, -1);
  });

  it('-M stops every lane at the same event, with the same counts', async () => {
    const r = await same([sharedPath('captures', 'curl_google.scap')], [2], { stopAfterNanos: 200_000_000 });
    expect(r.summary).toContain('"stopped":"handler"');
    await same([fixturePath('recorded', 'demo-payments-api-shell.scap'), gz], [3], { stopAfterNanos: 50_000_000, rules: BUNDLED }, -1);
  });

  it('a worker started ahead of the read (as `run` starts it before compiling the rules) is the one that reads', async () => {
    prestartPipeline(1, WORKER);
    const before = { ...pipelineStats };
    await same([fixturePath('recorded', 'demo-payments-api-shell.scap')], [2], { rules: BUNDLED });
    expect(pipelineStats.prestarted - before.prestarted).toBe(1);
  });

  it('a worker stays within its bytes ahead while the consumer waits, and delivers the same events', async () => {
    const file = fixturePath('demo.scap');
    const read = async (aheadBytes?: number): Promise<{ events: number; queued: number }> => {
      pipelineStats.maxQueued = 0;
      let events = 0;
      let paused = false;
      await readCapturePipelined(file, { event: () => void events++ }, {
        worker: WORKER,
        chunkSize: 1024,
        ...(aheadBytes === undefined ? {} : { aheadBytes }),
        // The consumer stops for a while after its first chunk (as when its output is paused).
        onChunk: async () => {
          if (paused) return;
          paused = true;
          await new Promise((res) => setTimeout(res, 300));
        },
      });
      return { events, queued: pipelineStats.maxQueued };
    };
    const bounded = await read(1);
    const free = await read();
    expect(bounded.events).toBe(free.events);
    expect(bounded.events).toBeGreaterThan(100);
    // Over its bytes the worker sends one more batch and waits; with the default it runs up to 16 batches ahead.
    expect(bounded.queued).toBeLessThanOrEqual(2);
    expect(free.queued).toBeGreaterThan(2);
  });

  it('the sysdig-0.29.3 profile (events as in the file, its event table) and legacy enter events', async () => {
    await same([sharedPath('captures', 'curl_google.scap'), fixturePath('recorded', 'shell-redirect-copy-exec.scap')], [3], { profile: 'sysdig-0.29.3' }, -1);
    await same([fixturePath('recorded', 'demo-payments-api-shell.scap')], [2], { legacyEnterEvents: true, rules: BUNDLED });
  });
});
