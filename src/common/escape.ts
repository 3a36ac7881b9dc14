// Capture and rules contents are attacker-controlled: anything that may reach a terminal goes through here
// first. One table says which code points a terminal could act on; one function escapes them in the style
// each output needs (our reports, Falco-style alert text, JSON text).

/** Bidi controls and line separators: they reorder or break what a line appears to say. */
const INVISIBLE_FORMAT = new Set([0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/** True for the UTF-16 code units that must never reach a terminal raw: C0, DEL, C1, bidi controls, separators. */
export function isUnsafeCodeUnit(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || INVISIBLE_FORMAT.has(c);
}

export type EscapeStyle =
  /** Our own reports: `\x1b`, `\n`, `\u202e`; a backslash that would read as one of these is doubled. */
  | 'report'
  /** `events` lines, which equal `sysdig -r`'s: as `report`, but backslashes are left as sysdig prints them. */
  | 'line'
  /** Falco-style alert text: JSON string escapes (`\n`, `\t`, `\u001b`); backslashes left as Falco prints them. */
  | 'alert'
  /** Text already in JSON syntax: only what JSON.stringify leaves raw becomes `\uXXXX`; C0 and `\` are JSON's. */
  | 'json';

const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
const ALERT_SHORT: Readonly<Record<number, string>> = { 10: '\\n', 9: '\\t', 13: '\\r', 8: '\\b', 12: '\\f' };

function replacement(c: number, style: EscapeStyle): string {
  if (style === 'json') return hex4(c);
  if (style === 'alert') return ALERT_SHORT[c] ?? hex4(c);
  if (c === 10) return '\\n';
  if (c === 9) return '\\t';
  if (c === 13) return '\\r';
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16)}`;
}

/** Anything but printable ASCII other than the backslash. */
const MAY_NEED_ESCAPE = /[^\x20-\x5b\x5d-\x7e]/;

// After a backslash, these would make a literal backslash in the data read as one of our escapes.
const ESCAPE_LEAD = new Set([0x78 /* x */, 0x75 /* u */, 0x6e /* n */, 0x74 /* t */, 0x72 /* r */, 0x5c /* \ */]);

/**
 * The one escaping function: every unsafe code unit (see {@link isUnsafeCodeUnit}) and every lone surrogate
 * becomes a visible escape in `style`. `keepNewlines` keeps newline and tab (multi-line reports). In the
 * `report` style a backslash followed by `x`, `u`, `n`, `t`, `r` or `\` is doubled, so a name holding the
 * four characters `\x1b` never looks like one holding a real ESC.
 */
export function escapeText(text: string, style: EscapeStyle, keepNewlines = false): string {
  // Most text is printable ASCII without a backslash: nothing to escape, found by one regex scan.
  if (!MAY_NEED_ESCAPE.test(text)) return text;
  let out: string | undefined;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Printable ASCII other than the backslash is never escaped: the common case, decided without a lookup.
    if (c >= 0x20 && c < 0x7f && c !== 0x5c) continue;
    let rep: string | undefined;
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = style === 'report' || style === 'line' ? `\\u${c.toString(16)}` : hex4(c);
    } else if (c === 0x5c) {
      if (style === 'report' && ESCAPE_LEAD.has(text.charCodeAt(i + 1))) rep = '\\\\';
    } else if (isUnsafeCodeUnit(c)) {
      if (keepNewlines && (c === 10 || c === 9)) continue;
      // In JSON text, JSON.stringify already escaped C0 controls inside strings: a raw one is layout whitespace.
      if (style === 'json' && c < 0x20) continue;
      rep = replacement(c, style);
    }
    if (rep !== undefined) {
      out = (out ?? '') + text.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out === undefined ? text : out + text.slice(last);
}

/**
 * Our own reports (events, inspect, diagnostics): C0/C1 controls, DEL, bidi controls, separators and lone
 * surrogates as `\x1b`, `\u202e`; newline and tab too unless `keepNewlines` is set.
 */
export function escapeControl(text: string, keepNewlines = false): string {
  return escapeText(text, 'report', keepNewlines);
}

/**
 * JSON text as JSON.stringify writes it, made safe to show in a terminal: DEL, C1 controls, line separators
 * and bidi controls become `\uXXXX` escapes, so the JSON stays equivalent.
 */
export function escapeJsonText(json: string): string {
  return escapeText(json, 'json');
}
