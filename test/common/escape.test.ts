import { describe, expect, it } from 'vitest';
import { escapeControl, escapeJsonText, lineColumn, lineText } from '../../src/common/index.js';

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
