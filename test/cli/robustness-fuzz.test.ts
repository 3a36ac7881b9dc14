// Mutation fuzz: a few hundred seeded mutants of three real captures through the replay, `events` and
// `inspect`, in process. The contract on any bytes: exit 0 or the damage code (1), every error on one line
// (no stack trace, no internal error), no raw control character in any output, memory bounded.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-fuzz-'));
const MUTANTS_PER_CAPTURE = Number(process.env.FUZZ_MUTANTS ?? 100);
const RSS_CAP = 1536 << 20;
// Anything a terminal would act on, newline aside (the outputs are line-oriented).
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** mulberry32: a small seeded generator, so every failure is reproducible from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTREMES = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 8, 12, 24, 26];

/** One mutant of `plain`: flipped bytes, extreme 32-bit values, deleted or duplicated ranges, a truncation. */
function mutate(plain: Buffer, r: () => number): Buffer {
  let b = Buffer.from(plain);
  const at = (): number => Math.floor(r() * b.length);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const kind = Math.floor(r() * 5);
    if (kind === 0) {
      const p = at();
      b[p] = (b[p] as number) ^ (1 << Math.floor(r() * 8));
    } else if (kind === 1 && b.length >= 4) {
      b.writeUInt32LE(EXTREMES[Math.floor(r() * EXTREMES.length)] as number, Math.min(at(), b.length - 4));
    } else if (kind === 2) {
      const p = at();
      b = Buffer.concat([b.subarray(0, p), b.subarray(Math.min(b.length, p + 1 + Math.floor(r() * 64)))]);
    } else if (kind === 3) {
      const p = at();
      b = Buffer.concat([b.subarray(0, p), b.subarray(p, p + Math.floor(r() * 256)), b.subarray(p)]);
    } else {
      b = b.subarray(0, at());
    }
  }
  return b;
}

const CAPTURES = [
  ['cat_write', sharedPath('captures', 'cat_write.scap')],
  ['curl_google (gzip)', sharedPath('captures', 'curl_google.scap')],
  ['demo-payments-api-shell', fixturePath('recorded', 'demo-payments-api-shell.scap')],
] as const;

const RULES = join(tmp, 'rules.yaml');
writeFileSync(
  RULES,
  '- rule: any open\n  desc: d\n  condition: evt.type in (open, openat, openat2) and fd.name != ""\n  output: "%proc.name %proc.cmdline %fd.name %user.name %container.id"\n  priority: WARNING\n' +
    '- rule: any exec\n  desc: d\n  condition: evt.type = execve and evt.dir = <\n  output: "%proc.name %proc.exepath %proc.pname %proc.args"\n  priority: NOTICE\n',
);

describe('mutation fuzz: replay, events and inspect keep their contract on damaged captures', () => {
  it.each(CAPTURES)('%s', async (name, path) => {
    const original = readFileSync(path);
    const gz = original[0] === 0x1f && original[1] === 0x8b;
    const plain = gz ? gunzipSync(original) : original;
    const seed = [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
    const r = rng(seed);
    const codes = new Map<number, number>();
    for (let m = 0; m < MUTANTS_PER_CAPTURE; m++) {
      // Gzip captures: mostly mutate the content and re-compress, sometimes the compressed bytes themselves.
      const bytes = gz ? (m % 4 === 3 ? mutate(original, r) : gzipSync(mutate(plain, r))) : mutate(plain, r);
      const f = join(tmp, `mutant-${m}.scap${gz ? '.gz' : ''}`);
      writeFileSync(f, bytes);
      for (const argv of [[f, '-r', RULES, '--rule-matching', 'all'], ['events', f], ['inspect', f]]) {
        const res = await cli(argv);
        const where = `${name} mutant ${m} (seed ${seed}): ${argv.join(' ')}`;
        codes.set(res.code, (codes.get(res.code) ?? 0) + 1);
        expect([ExitCode.OK, ExitCode.FAILURE], where).toContain(res.code);
        expect(res.stderr, where).not.toMatch(/internal error|TypeError|RangeError|\n\s+at /);
        expect(RAW_CONTROL.test(res.stdout), `${where}: raw control character on stdout`).toBe(false);
        expect(RAW_CONTROL.test(res.stderr), `${where}: raw control character on stderr`).toBe(false);
      }
      expect(process.memoryUsage().rss, `${name} mutant ${m}`).toBeLessThan(RSS_CAP);
    }
    // The mutants really exercise damage, not only clean reads.
    expect(codes.get(ExitCode.FAILURE) ?? 0).toBeGreaterThan(0);
  });
});
