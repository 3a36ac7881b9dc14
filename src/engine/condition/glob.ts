// Shell globs with fnmatch semantics (no flags, or FNM_CASEFOLD for `iglob`): `*` matches any run of
// characters including `/`, `?` one character, `[...]` a bracket expression (`!` or `^` negates, ranges,
// `[:class:]`, `\` escapes; an unterminated `[` is a literal), `\x` the character x (a trailing `\` is itself).
// A pattern is compiled once into segments between stars; matching is linear in the value: literal segments
// use the engine's substring search, the others a bit-parallel (shift-and) scan, so the cost is
// value length × ⌈segment length / 32⌉ word operations, never value length × pattern length.
import { asciiLower } from './text.js';

/** A glob compiled once: test values against it. */
export type GlobMatcher = (text: string) => boolean;

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

/** One pattern position: which characters it accepts. */
interface Atom {
  /** The literal character (already folded when case-insensitive), if the atom is one. */
  readonly literal?: string;
  readonly accepts: (c: string) => boolean;
}

const ANY: Atom = { accepts: () => true };

function literalAtom(ch: string, fold: boolean): Atom {
  if (!fold) return { literal: ch, accepts: (c) => c === ch };
  const l = asciiLower(ch);
  return { literal: l, accepts: (c) => asciiLower(c) === l };
}

/**
 * Parse a bracket expression whose body starts at `p` (after `[`). Returns the index after its `]` and the
 * atom, or end -1 when the bracket is not terminated. Code units ≥ 128 where membership may change are added
 * to `points` (every class and case fold is ASCII-only, so between two points membership is constant).
 */
function parseBracket(pat: string, p: number, fold: boolean, points: number[], scan: BracketScan): { end: number; atom?: Atom } {
  let i = p;
  const visited: number[] = [];
  const fail = (): { end: number } => {
    for (const v of visited) scan.fails[v] = 1;
    return { end: -1 };
  };
  let negate = false;
  if (pat[i] === '!' || pat[i] === '^') {
    negate = true;
    i++;
  }
  const cmp = (x: string): string => (fold ? asciiLower(x) : x);
  const items: ((c: string, cc: string) => boolean)[] = [];
  const found: number[] = [];
  let first = true;
  while (i < pat.length) {
    if (!first) {
      // From here on the walk depends on `i` alone: a place a walk already failed from fails again.
      if (scan.fails[i]) return fail();
      visited.push(i);
    }
    let ch = pat[i] as string;
    if (ch === ']' && !first) {
      for (const x of found) points.push(x);
      const accepts = (c: string): boolean => {
        const cc = cmp(c);
        let matched = false;
        for (const item of items) {
          if (item(c, cc)) {
            matched = true;
            break;
          }
        }
        return matched !== negate;
      };
      return { end: i + 1, atom: { accepts } };
    }
    first = false;
    if (ch === '[' && pat[i + 1] === ':') {
      const close = i + 2 < pat.length ? (scan.classClose[i + 2] as number) : -1;
      if (close > 0) {
        const fn = CLASSES[pat.slice(i + 2, close)];
        if (fn) items.push((c) => fn(c));
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
      const lo = ch;
      const flo = cmp(lo);
      const fhi = cmp(hi);
      items.push((c, cc) => (flo <= cc && cc <= fhi) || (fold && lo <= c && c <= hi));
      found.push(lo.charCodeAt(0), hi.charCodeAt(0) + 1, flo.charCodeAt(0), fhi.charCodeAt(0) + 1);
      i += skip;
      continue;
    }
    const fch = cmp(ch);
    items.push((_c, cc) => cc === fch);
    found.push(fch.charCodeAt(0), fch.charCodeAt(0) + 1);
    i++;
  }
  return fail();
}

/** Memory shared by the bracket walks of one pattern, so that parsing it stays linear in its length. */
interface BracketScan {
  /** 1 where a walk (past its first item) is known to reach the end without a closing `]`. */
  readonly fails: Uint8Array;
  /** For each index, the next index of `:]` at or after it, or -1. */
  readonly classClose: Int32Array;
}

function bracketScan(pat: string): BracketScan {
  const classClose = new Int32Array(pat.length).fill(-1);
  for (let i = pat.length - 2; i >= 0; i--) classClose[i] = pat[i] === ':' && pat[i + 1] === ']' ? i : (classClose[i + 1] as number);
  return { fails: new Uint8Array(pat.length), classClose };
}

/** A run of atoms between two stars. */
class Segment {
  readonly atoms: readonly Atom[];
  /** The whole segment as a string, when every atom is a literal character. */
  readonly literal: string | undefined;
  readonly #words: number;
  readonly #state: Uint32Array;
  readonly #masks: (Uint32Array | undefined)[] = [];
  readonly #points: readonly number[];

  constructor(atoms: readonly Atom[], points: readonly number[]) {
    this.atoms = atoms;
    this.literal = atoms.every((a) => a.literal !== undefined) ? atoms.map((a) => a.literal).join('') : undefined;
    this.#words = Math.ceil(atoms.length / 32);
    this.#state = new Uint32Array(this.#words);
    this.#points = points;
  }

  get length(): number {
    return this.atoms.length;
  }

  /** Whether the segment matches `text` at `at` exactly (`lower` is `text` folded, for literals under iglob). */
  matchesAt(text: string, lower: string, at: number): boolean {
    if (this.literal !== undefined) return lower.startsWith(this.literal, at);
    const atoms = this.atoms;
    for (let j = 0; j < atoms.length; j++) if (!(atoms[j] as Atom).accepts(text[at + j] as string)) return false;
    return true;
  }

  /** The leftmost start ≥ `from` where the segment matches and ends by `limit`, or -1. */
  find(text: string, lower: string, from: number, limit: number): number {
    const k = this.atoms.length;
    if (this.literal !== undefined) {
      const at = lower.indexOf(this.literal, from);
      return at >= 0 && at + k <= limit ? at : -1;
    }
    const words = this.#words;
    const state = this.#state;
    state.fill(0);
    const topWord = words - 1;
    const topBit = 1 << ((k - 1) & 31);
    for (let i = from; i < limit; i++) {
      const mask = this.#mask(text.charCodeAt(i));
      // state = ((state << 1) | 1) & mask, over `words` 32-bit words.
      let carry = 1;
      for (let w = 0; w < words; w++) {
        const s = state[w] as number;
        state[w] = ((s << 1) | carry) & (mask[w] as number);
        carry = s >>> 31;
      }
      if ((state[topWord] as number) & topBit) return i - k + 1;
    }
    return -1;
  }

  /** Which atoms accept code unit `code`: one mask per class of equivalent characters, built on first use. */
  #mask(code: number): Uint32Array {
    let key: number;
    let rep: number;
    if (code < 128) {
      key = code;
      rep = code;
    } else {
      // Number of breakpoints ≤ code: characters between two breakpoints are accepted by the same atoms.
      const pts = this.#points;
      let lo = 0;
      let hi = pts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((pts[mid] as number) <= code) lo = mid + 1;
        else hi = mid;
      }
      key = 128 + lo;
      rep = lo === 0 ? 128 : (pts[lo - 1] as number);
    }
    let m = this.#masks[key];
    if (!m) {
      m = new Uint32Array(this.#words);
      const c = String.fromCharCode(rep);
      this.atoms.forEach((a, j) => {
        if (a.accepts(c)) (m as Uint32Array)[j >>> 5] = ((m as Uint32Array)[j >>> 5] as number) | (1 << (j & 31));
      });
      this.#masks[key] = m;
    }
    return m;
  }
}

/** Compile `pattern` (fnmatch syntax; `caseFold` for FNM_CASEFOLD) into a matcher. */
export function compileGlob(pattern: string, caseFold = false): GlobMatcher {
  const points: number[] = [];
  const segments: Atom[][] = [[]];
  const scan = bracketScan(pattern);
  for (let p = 0; p < pattern.length; ) {
    const pc = pattern[p] as string;
    let atom: Atom;
    if (pc === '*') {
      while (pattern[p] === '*') p++;
      segments.push([]);
      continue;
    } else if (pc === '?') {
      atom = ANY;
      p++;
    } else if (pc === '[') {
      const b = parseBracket(pattern, p + 1, caseFold, points, scan);
      if (b.atom) {
        atom = b.atom;
        p = b.end;
      } else {
        atom = literalAtom('[', false);
        p++;
      }
    } else if (pc === '\\' && p + 1 < pattern.length) {
      atom = literalAtom(pattern[p + 1] as string, caseFold);
      p += 2;
    } else {
      atom = literalAtom(pc, caseFold);
      p++;
    }
    (segments[segments.length - 1] as Atom[]).push(atom);
  }
  for (const a of segments.flat()) if (a.literal !== undefined && a.literal.charCodeAt(0) >= 128) points.push(a.literal.charCodeAt(0), a.literal.charCodeAt(0) + 1);
  const sorted = [...new Set(points.filter((x) => x >= 128))].sort((a, b) => a - b);
  const segs = segments.map((atoms) => new Segment(atoms, sorted));
  const fold = caseFold;
  const lowerOf = (text: string): string => (fold ? asciiLower(text) : text);

  const head = segs[0] as Segment;
  if (segs.length === 1) {
    return (text) => text.length === head.length && head.matchesAt(text, lowerOf(text), 0);
  }
  const tail = segs[segs.length - 1] as Segment;
  const middle = segs.slice(1, -1).filter((s) => s.length > 0);
  const fixed = head.length + tail.length;
  return (text) => {
    const n = text.length;
    if (n < fixed) return false;
    const lower = lowerOf(text);
    if (!head.matchesAt(text, lower, 0) || !tail.matchesAt(text, lower, n - tail.length)) return false;
    // Each middle segment at its leftmost place after the previous one: if any placement exists, this one does.
    let at = head.length;
    const limit = n - tail.length;
    for (const s of middle) {
      const found = s.find(text, lower, at, limit);
      if (found < 0) return false;
      at = found + s.length;
    }
    return true;
  };
}

/** `compileGlob(pattern, caseFold)(text)`, for patterns known only with the value (field-to-field checks). */
export function globMatch(pattern: string, text: string, caseFold = false): boolean {
  return compileGlob(pattern, caseFold)(text);
}
