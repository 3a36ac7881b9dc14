// Capture contents are attacker-controlled: anything that may reach a terminal goes through here first.

/**
 * Replace C0/C1 control characters, DEL and lone surrogates with visible escapes (`\x1b`, `\u0085`), so a
 * string from a capture or a rules file can never move the cursor, change colours or rewrite the screen.
 * Newline and tab are escaped too unless `keepNewlines` is set.
 */
export function escapeControl(text: string, keepNewlines = false): string {
  let out: string | undefined;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (keepNewlines && (c === 10 || c === 9)) continue;
      rep = c === 10 ? '\\n' : c === 9 ? '\\t' : c === 13 ? '\\r' : c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : '';
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = `\\u${c.toString(16)}`;
    } else if (c === 0x2028 || c === 0x2029 || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      // Line separators and bidi overrides can disguise what a line says.
      rep = `\\u${c.toString(16)}`;
    }
    if (rep !== undefined) {
      out = (out ?? '') + text.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out === undefined ? text : out + text.slice(last);
}

// JSON.stringify escapes C0 controls, quotes, backslashes and lone surrogates, but not these.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text as JSON.stringify writes it, made safe to show in a terminal: DEL, C1 controls, line separators
 * and bidi controls become `\uXXXX` escapes, so the JSON stays equivalent.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
