// ASCII-only case folding, as C `tolower`/`toupper` do in the C locale (libsinsp folds nothing else).
/** ASCII-only lower case, like C `tolower` in the C locale. */
export function asciiLower(s: string): string {
  // An ASCII string folds the same under toLowerCase (one native copy instead of a chain of concatenations).
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return foldLowerMixed(s);
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper ? s.toLowerCase() : s;
}

/** {@link asciiLower} of a string with non-ASCII characters (left as they are). */
function foldLowerMixed(s: string): string {
  let out: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      out ??= s.slice(0, i);
      out += String.fromCharCode(c + 32);
    } else if (out !== undefined) out += s[i];
  }
  return out ?? s;
}

/** ASCII-only upper case. */
export function asciiUpper(s: string): string {
  let out: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      out ??= s.slice(0, i);
      out += String.fromCharCode(c - 32);
    } else if (out !== undefined) out += s[i];
  }
  return out ?? s;
}
