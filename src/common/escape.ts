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
