import { describe, expect, it } from 'vitest';
import { escapeControl, escapeJsonText, escapeText, isUnsafeCodeUnit, lineColumn, lineText } from '../../src/common/index.js';
import { escapeAlertText } from '../../src/engine/index.js';

describe('escapeControl', () => {
  it('leaves printable text, including non-ASCII, untouched', () => {
    expect(escapeControl('cat /etc/shadow — ünïcode 日本')).toBe('cat /etc/shadow — ünïcode 日本');
  });
  it('escapes terminal control sequences so they cannot act', () => {
    expect(escapeControl('a\x1b[2Jb\x07c\x00')).toBe('a\\x1b[2Jb\\x07c\\x00');
  });
  it('escapes C1 controls, DEL, lone surrogates and bidi overrides', () => {
    expect(escapeControl('\x7f\x9b\u202e\ud800x')).toBe('\\x7f\\x9b\\u202e\\ud800x');
  });
  it('keeps surrogate pairs', () => {
    expect(escapeControl('😀')).toBe('😀');
  });
  it('escapes newlines and tabs unless asked to keep them', () => {
    expect(escapeControl('a\nb\tc\r')).toBe('a\\nb\\tc\\r');
    expect(escapeControl('a\nb\tc\r', true)).toBe('a\nb\tc\\r');
  });
});

describe('escapeJsonText', () => {
  it('escapes what JSON.stringify leaves but a terminal acts on, and the JSON still parses to the same value', () => {
    const value = { s: 'a\x7f\x85\u2028\u202e\u2066b — ü' };
    const text = escapeJsonText(JSON.stringify(value));
    expect(text).toBe('{"s":"a\\u007f\\u0085\\u2028\\u202e\\u2066b — ü"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('positions', () => {
  const text = 'first\nsecond line\n\nfourth';
  it('computes 1-based line and column from an offset', () => {
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 6)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(text, 13)).toEqual({ line: 2, column: 8 });
    expect(lineColumn(text, 18)).toEqual({ line: 3, column: 1 });
    expect(lineColumn(text, 20)).toEqual({ line: 4, column: 2 });
  });
  it('returns the text of the line holding an offset', () => {
    expect(lineText(text, 0)).toBe('first');
    expect(lineText(text, 8)).toBe('second line');
    expect(lineText(text, 18)).toBe('');
    expect(lineText(text, 17)).toBe('second line');
    expect(lineText(text, 19)).toBe('fourth');
    expect(lineText(text, 22)).toBe('fourth');
  });
});

describe('one escaping table for every output', () => {
  const C0 = Array.from({ length: 0x20 }, (_, i) => i);
  const C1 = Array.from({ length: 0x21 }, (_, i) => 0x7f + i); // DEL and 0x80–0x9f
  const BIDI = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029];
  const table = [...C0.map((c) => ['C0', c] as const), ...C1.map((c) => ['C1', c] as const), ...BIDI.map((c) => ['bidi', c] as const)];

  it.each(table)('%s U+%s is escaped in reports, alert text and JSON text, and JSON stays equivalent', (_set, c) => {
    const ch = String.fromCharCode(c);
    const s = `a${ch}b`;
    expect(isUnsafeCodeUnit(c)).toBe(true);
    for (const style of ['report', 'line', 'alert'] as const) {
      const out = escapeText(s, style);
      expect(out).not.toContain(ch);
      expect(out.startsWith('a\\') && out.endsWith('b')).toBe(true);
    }
    const json = escapeJsonText(JSON.stringify({ s }));
    expect(json).not.toContain(ch);
    expect((JSON.parse(json) as { s: string }).s).toBe(s);
    expect(escapeAlertText(s)).toBe(escapeText(s, 'alert'));
  });

  it('leaves every other BMP code unit below U+3000 alone (no over-escaping of normal text)', () => {
    for (let c = 0x20; c < 0x3000; c++) {
      if (isUnsafeCodeUnit(c) || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) continue;
      const ch = String.fromCharCode(c);
      expect(escapeText(ch, 'report')).toBe(ch);
      expect(escapeText(ch, 'alert')).toBe(ch);
    }
  });

  it('U+061C (Arabic Letter Mark) is escaped like the other bidi controls', () => {
    expect(escapeControl('x\u061cy')).toBe('x\\u61cy');
    expect(escapeAlertText('x\u061cy')).toBe('x\\u061cy');
    expect(escapeJsonText('"x\u061cy"')).toBe('"x\\u061cy"');
  });

  it('in reports a literal backslash that would read as an escape is doubled; alert text keeps it as Falco prints it', () => {
    const literal = '\\x1b[31m'; // four characters: backslash, x, 1, b
    expect(escapeControl(literal)).toBe('\\\\x1b[31m');
    expect(escapeControl('\x1b[31m')).toBe('\\x1b[31m');
    expect(escapeControl(literal)).not.toBe(escapeControl('\x1b[31m'));
    expect(escapeControl('C:\\Windows \\d+')).toBe('C:\\Windows \\d+');
    expect(escapeAlertText(literal)).toBe(literal);
    // events lines equal sysdig's: backslashes as sysdig prints them, controls still escaped.
    expect(escapeText(`${literal}\x1b`, 'line')).toBe('\\x1b[31m\\x1b');
  });
});
