// One damage policy for every command reading captures: what can be read is delivered, and the exit code (1)
// says the capture was damaged — cut short, a gzip error, or malformed events skipped.
import { existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEventBlock } from '../../src/scap/format.js';
import { O, Scenario } from '../helpers/scenario.js';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-damage-'));
const gz = readFileSync(sharedPath('captures', 'curl_google.scap'));

function scenarioCapture(): Buffer {
  const s = new Scenario();
  const p = s.process({ pid: 7, comm: 'cat', exepath: '/bin/cat', args: ['/etc/shadow'], cwd: '/' });
  for (let i = 0; i < 5; i++) p.open(`/etc/f${i}`, O.RDONLY);
  return s.toBuffer();
}

/** The capture with its `nth` event made longer than its block (the reader skips it with a warning). */
function withMalformedEvent(buf: Buffer, nth: number): Buffer {
  const out = Buffer.from(buf);
  let seen = 0;
  for (let off = 0; off + 8 <= out.length; ) {
    const bt = out.readUInt32LE(off);
    const len = out.readUInt32LE(off + 4);
    if (isEventBlock(bt) && seen++ === nth) {
      const evOff = off + 8 + 16; // after ts and tid: the event length
      out.writeUInt32LE(0xffff, evOff);
      return out;
    }
    off += len;
  }
  throw new Error('no such event');
}

describe('damage exit code', () => {
  const noTrailer = join(tmp, 'no-trailer.scap.gz');
  writeFileSync(noTrailer, gz.subarray(0, gz.length - 8));

  it('a gzip capture missing its trailer: run, events and inspect all exit 1 after delivering every event', async () => {
    const run = await cli([noTrailer, '--no-summary']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is damaged; every event before the damage was replayed (1536 events read)');
    const ev = await cli(['events', '--raw', '--all', noTrailer]);
    expect(ev.code).toBe(1);
    expect(ev.stdout.split('\n').length - 1).toBeGreaterThan(1200);
    expect((await cli(['inspect', noTrailer])).code).toBe(1);
  });

  it('malformed events in an intact capture: delivered around, counted, exit 1 for every command', async () => {
    const f = join(tmp, 'bad-event.scap');
    const good = scenarioCapture();
    writeFileSync(f, withMalformedEvent(good, 3));
    const summary = join(tmp, 'summary.json');
    const run = await cli([f, '--summary-file', summary]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 malformed event skipped');
    // Falco's own stdout summary is unchanged.
    expect(run.stdout).toMatch(/^Events detected: \d+\nRule counts by severity:\n/m);
    const j = JSON.parse(readFileSync(summary, 'utf8')) as { skipped_events: number; damaged_captures: string[] };
    expect(j.skipped_events).toBe(1);
    expect(j.damaged_captures).toEqual([f]);
    const ev = await cli(['events', '--all', f]);
    expect(ev.code).toBe(1);
    expect(ev.stderr).toContain('1 malformed event skipped');
    expect((await cli(['inspect', f])).code).toBe(1);
    // The same capture undamaged exits 0 everywhere, and its summary file says so.
    const g = join(tmp, 'good.scap');
    writeFileSync(g, good);
    expect((await cli([g, '--summary-file', summary])).code).toBe(0);
    expect(JSON.parse(readFileSync(summary, 'utf8'))).toMatchObject({ skipped_events: 0, damaged_captures: [] });
    expect((await cli(['events', g])).code).toBe(0);
    expect((await cli(['inspect', g])).code).toBe(0);
  });

  it('events -n stops early without calling the capture damaged', async () => {
    const g = join(tmp, 'good-n.scap');
    writeFileSync(g, scenarioCapture());
    expect((await cli(['events', '-n', '2', g])).code).toBe(0);
  });
});

describe('--summary-file', () => {
  it('refuses to overwrite an input (capture, rules or config, also through a symlink) and leaves it intact', async () => {
    const cap = join(tmp, 'in.scap');
    writeFileSync(cap, scenarioCapture());
    const before = readFileSync(cap);
    const link = join(tmp, 'link-to-in.json');
    symlinkSync(cap, link);
    for (const target of [cap, link]) {
      const r = await cli([cap, '--summary-file', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^Error: --summary-file .* is one of the inputs/);
      expect(readFileSync(cap).equals(before)).toBe(true);
    }
  });

  it('writes atomically: no temporary file is left behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fr-sumdir-'));
    const cap = join(tmp, 'in2.scap');
    writeFileSync(cap, scenarioCapture());
    const out = join(dir, 'summary.json');
    writeFileSync(out, 'old');
    expect((await cli([cap, '--summary-file', out])).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['summary.json']);
    expect(existsSync(out) && JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('events');
  });
});
