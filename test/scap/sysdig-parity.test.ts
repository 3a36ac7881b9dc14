// Cross-check against sysdig 0.29.3 itself on every capture in ../shared/captures: counts, numbering,
// timestamps, cpus, threads, types, directions and rendered arguments (fd names need the state engine and
// are compared without their resolution).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCaptureBuffer, SYSDIG_0293_SCHEMA, type ScapEvent } from '../helpers/scap.js';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';
import { stripFdState, sysdig } from '../helpers/sysdig.js';

const captures = readdirSync(sharedPath('captures'))
  .filter((f) => f.endsWith('.scap'))
  .sort();
/** sysdig cannot open the capture with SHB options; it holds the same events as curl_google.scap. */
const oracleFor = (f: string): string => sharedPath('captures', f === 'curl_google_comments.scap' ? 'curl_google.scap' : f);

/** Output lines without the final newline (lines keep sysdig's trailing space). */
const outLines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

const FULL = '*%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.type %evt.dir %evt.args';

describe('sysdig 0.29.3 parity on every shared capture', () => {
  it('covers all eleven captures, including the one sysdig cannot open', () => {
    expect(captures).toHaveLength(11);
    expect(() => sysdig(['-r', sharedPath('captures', 'curl_google_comments.scap'), '-q'])).toThrow();
  });

  for (const file of captures) {
    describe(file, () => {
      it('numbers, timestamps, cpus, threads, types, directions and arguments equal sysdig -D', async () => {
        const expected = sysdig(['-D', '-r', oracleFor(file), '-p', FULL]).map(stripFdState);
        const r = await cli(['events', '--schema', 'sysdig-0.29.3', '-D', '-p', FULL, sharedPath('captures', file)]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const actual = outLines(r.stdout).map(stripFdState);
        expect(actual.length).toBe(expected.length);
        expect(actual).toEqual(expected);
      });

      it('prints the same -p "%evt.num %evt.type %evt.dir" lines as sysdig', async () => {
        const fmt = '%evt.num %evt.type %evt.dir';
        const expected = sysdig(['-r', oracleFor(file), '-p', fmt]);
        const r = await cli(['events', '--schema', 'sysdig-0.29.3', '-p', fmt, sharedPath('captures', file)]);
        expect(outLines(r.stdout)).toEqual(expected);
      });

      it('prints the default sysdig -r line (apart from fd names)', async () => {
        const expected = sysdig(['-r', oracleFor(file)]).map(stripFdState);
        const r = await cli(['events', '--schema', 'sysdig-0.29.3', sharedPath('captures', file)]);
        expect(outLines(r.stdout).map(stripFdState)).toEqual(expected);
      });

      it('events --raw prints exactly the lines of sysdig -r, fd names included', async () => {
        const expected = sysdig(['-r', oracleFor(file)]);
        const r = await cli(['events', '--raw', sharedPath('captures', file)]);
        expect(r.code).toBe(0);
        expect(outLines(r.stdout)).toEqual(expected);
      });

      it('with the current table, reads the same events in the same order (plus those sysdig 0.29.3 cannot know)', () => {
        const expected = sysdig(['-D', '-r', oracleFor(file), '-p', '*%evt.rawtime %evt.cpu %thread.tid %evt.dir %evt.type']);
        const ours: ScapEvent[] = [];
        const sum = readCaptureBuffer(readFileSync(sharedPath('captures', file)), { event: (e) => void ours.push(e.detach()) });
        expect(sum.complete).toBe(true);
        const known = ours.filter((e) => e.type < SYSDIG_0293_SCHEMA.eventMax && ![228, 272, 324].includes(e.type));
        const lines = known.map((e) => `${e.tsText()} ${e.cpu} ${e.tid} ${e.dir} ${e.type === 196 ? 'sysdigevent' : e.typeName}`);
        expect(lines).toEqual(expected);
        // Numbering is dense and 1-based over every event read.
        expect(ours.map((e) => e.num)).toEqual(ours.map((_, i) => i + 1));
      });
    });
  }

  it('events --raw -t and -n print what sysdig -t and -n print', async () => {
    const cat = sharedPath('captures', 'cat_write.scap');
    for (const t of ['h', 'a', 'r', 'd', 'D']) {
      const r = await cli(['events', '--raw', '-t', t, cat]);
      expect([t, outLines(r.stdout)]).toEqual([t, sysdig(['-r', cat, '-t', t])]);
    }
    for (const [n, filter] of [['3', ''], ['150', ''], ['3', 'evt.type=read']] as const) {
      const r = await cli(['events', '--raw', '-n', n, cat, ...(filter ? [filter] : [])]);
      expect([n, filter, outLines(r.stdout)]).toEqual([n, filter, sysdig(['-r', cat, '-n', n, ...(filter ? [filter] : [])])]);
    }
  });

  it('reads the event counts of docs/scap-format.md#the-reference-captures with the current table', () => {
    const expectedCounts: Record<string, number> = {
      'cat_write.scap': 345,
      'connect_localhost.scap': 374,
      'curl_google.scap': 1536,
      'curl_google_comments.scap': 1536,
      'empty.scap': 143,
      'open-multiple-files.scap': 1272,
      'ping_sendto.scap': 1526,
      'sample.scap': 572,
      'single_ipv6_conn.scap': 1728,
      'syscall.scap': 368,
      'test_ipv6_client.scap': 326,
    };
    for (const f of captures) {
      const s = readCaptureBuffer(readFileSync(sharedPath('captures', f)), {});
      expect([f, s.events]).toEqual([f, expectedCounts[f]]);
    }
  });
});
