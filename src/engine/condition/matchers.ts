// String matchers with libsinsp's semantics: shell globs (fnmatch without flags, `*` crosses `/`),
// path-prefix sets (`pmatch`), ASCII case folding, and fully anchored RE2 regular expressions (re2js, which
// runs in linear time whatever the pattern or input).
import { FalcoReplayError } from '../../common/index.js';
import { RE2JS } from 're2js';

/** ASCII-only lower case, like C `tolower` in the C locale. */
export function asciiLower(s: string): string {
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

const CLASSES: Readonly<Record<string, (c: string) => boolean>> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => /[0-9]/.test(c),
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => /[A-Z]/.test(c),
  lower: (c) => /[a-z]/.test(c),
  space: (c) => /[ \t\n\v\f\r]/.test(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  print: (c) => /[ -~]/.test(c),
  graph: (c) => /[!-~]/.test(c),
  cntrl: (c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f,
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};

/** Match a bracket expression starting after `[` at `p`; returns the index after `]`, or -1 if malformed. */
function bracket(pat: string, p: number, c: string, fold: boolean): { end: number; ok: boolean } {
  let i = p;
  let negate = false;
  if (pat[i] === '!' || pat[i] === '^') {
    negate = true;
    i++;
  }
  let matched = false;
  let first = true;
  const cmp = (x: string): string => (fold ? asciiLower(x) : x);
  const cc = cmp(c);
  while (i < pat.length) {
    let ch = pat[i] as string;
    if (ch === ']' && !first) return { end: i + 1, ok: matched !== negate };
    first = false;
    if (ch === '[' && pat[i + 1] === ':') {
      const close = pat.indexOf(':]', i + 2);
      if (close > 0) {
        const fn = CLASSES[pat.slice(i + 2, close)];
        if (fn && fn(c)) matched = true;
        i = close + 2;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < pat.length) {
      i++;
      ch = pat[i] as string;
    }
    if (pat[i + 1] === '-' && pat[i + 2] !== undefined && pat[i + 2] !== ']') {
      let hi = pat[i + 2] as string;
      let skip = 3;
      if (hi === '\\' && pat[i + 3] !== undefined) {
        hi = pat[i + 3] as string;
        skip = 4;
      }
      if (cmp(ch) <= cc && cc <= cmp(hi)) matched = true;
      else if (fold && ch <= c && c <= hi) matched = true;
      i += skip;
      continue;
    }
    if (cmp(ch) === cc) matched = true;
    i++;
  }
  return { end: -1, ok: false };
}

/** fnmatch(pattern, text) with no flags (or FNM_CASEFOLD): `*` also matches `/`, `\` escapes. */
export function globMatch(pattern: string, text: string, caseFold = false): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  const eq = (a: string, b: string): boolean => (caseFold ? asciiLower(a) === asciiLower(b) : a === b);
  while (t < text.length) {
    const pc = pattern[p];
    const tc = text[t] as string;
    if (pc === '*') {
      while (pattern[p] === '*') p++;
      if (p === pattern.length) return true;
      starP = p;
      starT = t;
      continue;
    }
    let step = 0;
    if (pc === '?') step = 1;
    else if (pc === '[') {
      const b = bracket(pattern, p + 1, tc, caseFold);
      if (b.end < 0) {
        if (tc === '[') step = 1;
      } else if (b.ok) {
        t++;
        p = b.end;
        continue;
      }
    } else if (pc === '\\' && p + 1 < pattern.length) {
      if (eq(pattern[p + 1] as string, tc)) {
        p += 2;
        t++;
        continue;
      }
    } else if (pc !== undefined && eq(pc, tc)) step = 1;
    if (step) {
      p++;
      t++;
      continue;
    }
    if (starP < 0) return false;
    p = starP;
    t = ++starT;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function pathComponents(path: string): string[] {
  return ['root', ...path.split('/').filter((c) => c !== '')];
}

/** A set of path prefixes for `pmatch`: component-wise prefixes, components may be globs. */
export class PathPrefixSet {
  readonly #paths: string[][] = [];

  add(path: string): void {
    this.#paths.push(pathComponents(path));
  }

  match(path: string): boolean {
    const comps = pathComponents(path);
    return this.#paths.some((prefix) => {
      if (prefix.length > comps.length) return false;
      for (let i = 0; i < prefix.length; i++) {
        const pc = prefix[i] as string;
        const vc = comps[i] as string;
        if (pc === vc) continue;
        if (/[?*[]/.test(pc) && globMatch(pc, vc)) continue;
        return false;
      }
      return true;
    });
  }
}

/** A compile problem with a regex constant; the message is RE2's wording where we can match it. */
export class RegexError extends FalcoReplayError {
  override readonly name = 'RegexError';
}

// Perl extensions that RE2's POSIX syntax (which libsinsp uses) rejects.
const PERL_ONLY = /\\[dDsSwWbBAzCpPQE]|\(\?|[*+?}]\?/;

/** Compile a `regex` constant: RE2 POSIX syntax, matched against the whole value. */
export function compileRegex(pattern: string): (value: string) => boolean {
  const perl = PERL_ONLY.exec(pattern);
  if (perl) {
    const what = perl[0];
    if (what.startsWith('\\')) throw new RegexError(`invalid escape sequence: ${what}`);
    if (what === '(?') throw new RegexError('missing argument to repetition operator: ?');
    throw new RegexError(`bad repetition operator: ${what}`);
  }
  let re: ReturnType<typeof RE2JS.compile>;
  try {
    re = RE2JS.compile(pattern, RE2JS.MULTILINE);
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '').replace(/`/g, '').replace('(?m)', '') : String(e);
    throw new RegexError(msg);
  }
  return (value) => re.matches(value);
}
