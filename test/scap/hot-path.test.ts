// The replay's per-event shortcuts (docs/architecture.md#performance-notes) give exactly what the plain code gave:
// interned strings, remembered flag texts, the flags fast path of evt.arg, ASCII folding and icontains' last answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTest } from '../../src/engine/condition/operators.js';
import { asciiLower } from '../../src/engine/condition/text.js';
import { paramDisplay } from '../../src/scap/render.js';
import { decodeUtf8, splitNul, splitNulShared } from '../../src/scap/text.js';
import { collectEvents, FLAG_TABLES, flagNames, renderParam, SYSDIG_0293_SCHEMA, writeCaptureBuffer, type ScapEvent } from '../helpers/scap.js';

describe('splitNulShared', () => {
  it('gives what splitNul gives, for any bytes, again and again', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }).map((a) => a.map((x) => (x % 5 === 0 ? 0 : x))), (bytes) => {
        const want = splitNul(bytes, 0, bytes.length);
        expect(splitNulShared(bytes, 0, bytes.length)).toEqual(want);
        expect(splitNulShared(Buffer.from(bytes), 0, bytes.length)).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('returns the same list for the same bytes, a different one for a one-byte change, and a fresh one past 4 KiB', () => {
    const a = Buffer.from('0::/user.slice\u00001:cpu:/docker/abc\u0000');
    const b = Buffer.from('0::/user.slice\u00001:cpu:/docker/abd\u0000');
    const first = splitNulShared(a, 0, a.length);
    expect(splitNulShared(Buffer.from(a), 0, a.length)).toBe(first);
    const other = splitNulShared(b, 0, b.length);
    expect(other).not.toBe(first);
    expect(other).toEqual(['0::/user.slice', '1:cpu:/docker/abd']);
    expect(splitNulShared(a, 0, a.length)).toEqual(['0::/user.slice', '1:cpu:/docker/abc']);
    const big = Buffer.alloc(5000, 0x61);
    expect(splitNulShared(big, 0, big.length)).not.toBe(splitNulShared(big, 0, big.length));
  });
});

describe('decodeUtf8 with its intern table', () => {
  it('decodes any bytes as Buffer does, again and again, from a Buffer or a plain Uint8Array', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(8), (bytes, pad) => {
        const want = Buffer.from(bytes).toString('utf8');
        const framed = new Uint8Array(bytes.length + 2 * pad);
        framed.set(bytes, pad);
        const buf = Buffer.from(framed);
        expect(decodeUtf8(framed, pad, pad + bytes.length)).toBe(want);
        expect(decodeUtf8(buf, pad, pad + bytes.length)).toBe(want);
        expect(decodeUtf8(buf, pad, pad + bytes.length)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every string its own when many distinct ones share slots', () => {
    const texts = Array.from({ length: 20_000 }, (_, i) => `/proc/${i}/status-${(i * 7919) % 1000}`);
    const enc = texts.map((t) => Buffer.from(t, 'latin1'));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < texts.length; i++) expect(decodeUtf8(enc[i] as Buffer, 0, (enc[i] as Buffer).length)).toBe(texts[i]);
    }
    // Same length, same slot candidates: a one-byte difference is never taken for the interned string.
    const a = Buffer.from('/etc/passwd');
    const b = Buffer.from('/etc/passwe');
    expect(decodeUtf8(a, 0, a.length)).toBe('/etc/passwd');
    expect(decodeUtf8(b, 0, b.length)).toBe('/etc/passwe');
    expect(decodeUtf8(a, 0, a.length)).toBe('/etc/passwd');
  });
});

function openEvent(flags: number, legacy: boolean): ScapEvent {
  const data = writeCaptureBuffer((w) => {
    w.writeSectionHeader();
    w.writeEvent({ ts: 1n, tid: 7, type: 3, params: [3, '/x', flags, 0o644, 0, 0] });
  });
  return collectEvents(data, legacy ? { schema: SYSDIG_0293_SCHEMA } : {}).events[0] as ScapEvent;
}

describe('flag texts', () => {
  it('evt.arg of a flags parameter is the rendered resolution, or the value when none resolves', () => {
    const values = [0, 1, 2, 3, 4097, 0x40 | 0x200, 0x80000, 0xffffffff, 1 << 30];
    for (const legacy of [false, true]) {
      for (const v of values) {
        const e = openEvent(v, legacy);
        const p = renderParam(e, 2, { legacy });
        expect(paramDisplay(e, 2, { legacy })).toBe(p.resolved || p.value);
        expect(paramDisplay(e, 2, { legacy })).toBe(p.resolved || p.value);
      }
    }
  });

  it('remembered texts are the texts computed the first time, per exact/legacy variant', () => {
    const t = FLAG_TABLES['file_flags'] ?? [];
    const first = [4097, 0, 3, 7].map((v) => [flagNames(t, v, false, false), flagNames(t, v, false, true), flagNames(t, v, true, false)]);
    const again = [4097, 0, 3, 7].map((v) => [flagNames(t, v, false, false), flagNames(t, v, false, true), flagNames(t, v, true, false)]);
    expect(again).toEqual(first);
    expect(first[0]?.[0]).toBe('O_RDONLY|O_CLOEXEC');
  });
});

describe('ASCII folding', () => {
  const reference = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

  it('folds A-Z only, whatever else the string holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(asciiLower(s)).toBe(reference(s));
      }),
    );
    expect(asciiLower('PATH=/USR/BIN İ Σ')).toBe('path=/usr/bin İ Σ');
  });

  it('icontains answers for each value, also when the same value comes back', () => {
    const test = constantTest('CHARBUF', false, 'icontains', undefined, ['GLIBC_TUNABLES'], ['GLIBC_TUNABLES']);
    const env = 'HOME=/root glibc_tunables=x';
    expect(test(env)).toBe(true);
    expect(test(env)).toBe(true);
    expect(test('HOME=/root')).toBe(false);
    expect(test(env)).toBe(true);
    expect(test('HOME=/root')).toBe(false);
  });
});
