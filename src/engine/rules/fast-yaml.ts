// A fast reader for the block-style YAML rules files are written in (docs/rules-language.md#reading-yaml-fast):
// block maps and sequences, plain, quoted and block scalars, flow sequences of scalars, comments. It builds the
// same nodes (kinds, values, styles, source ranges) as eemeli/yaml with the failsafe schema, and gives up
// (returns undefined) on anything outside that subset or anything that may be an error, so yaml.ts then parses
// the text with eemeli/yaml, which reports errors and handles the rest of YAML.

/** eemeli/yaml's node identity: its `isMap`/`isSeq`/`isScalar`/`isPair` check these registered symbols. */
export const NODE_TYPE = Symbol.for('yaml.node.type');
export const MAP = Symbol.for('yaml.map');
export const SEQ = Symbol.for('yaml.seq');
export const SCALAR = Symbol.for('yaml.scalar');
export const PAIR = Symbol.for('yaml.pair');

export type ScalarType = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_FOLDED' | 'BLOCK_LITERAL';

export interface FastScalar {
  readonly [NODE_TYPE]: symbol;
  readonly value: string;
  readonly type: ScalarType;
  readonly range: [number, number, number];
}
export interface FastPair {
  readonly [NODE_TYPE]: symbol;
  readonly key: FastNode;
  readonly value: FastNode;
}
export interface FastCollection {
  readonly [NODE_TYPE]: symbol;
  readonly items: (FastNode | FastPair)[];
  readonly range: [number, number, number];
  readonly flow?: boolean;
}
export type FastNode = FastScalar | FastCollection;

/** One parsed document, shaped like the part of eemeli/yaml's `Document.Parsed` the reader uses. */
export interface FastDocument {
  readonly contents: FastNode;
  readonly errors: readonly never[];
  readonly warnings: readonly never[];
}

/** Thrown inside the parser when the text leaves the subset: the caller falls back to eemeli/yaml. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('outside the fast YAML subset');
const give = (): never => {
  throw UNSUPPORTED;
};

// Nodes are class instances whose kind symbol sits on the prototype: an object literal with a computed (symbol)
// key is built by a slow runtime path, several times slower than a class, and a rules file makes tens of thousands.
class ScalarNode {
  readonly value: string;
  readonly type: ScalarType;
  readonly range: [number, number, number];
  constructor(value: string, type: ScalarType, start: number, end: number) {
    this.value = value;
    this.type = type;
    this.range = [start, end, end];
  }
}
class PairNode {
  readonly key: FastNode;
  readonly value: FastNode;
  constructor(key: FastNode, value: FastNode) {
    this.key = key;
    this.value = value;
  }
}
class CollectionNode {
  readonly items: (FastNode | FastPair)[];
  readonly range: [number, number, number];
  constructor(items: (FastNode | FastPair)[], start: number, end: number) {
    this.items = items;
    this.range = [start, end, end];
  }
}
class MapNode extends CollectionNode {}
class SeqNode extends CollectionNode {}
class FlowSeqNode extends SeqNode {
  readonly flow = true;
}
for (const [cls, kind] of [[ScalarNode, SCALAR], [PairNode, PAIR], [MapNode, MAP], [SeqNode, SEQ]] as const) {
  Object.defineProperty(cls.prototype, NODE_TYPE, { value: kind });
}

const scalar = (value: string, type: ScalarType, start: number, end: number): FastScalar => new ScalarNode(value, type, start, end) as unknown as FastScalar;

/** Characters the reader does not take on (tabs, CR, other controls, C1, BOM, non-characters), and document markers or directives. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const OUTSIDE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\ufffe\uffff]|^(?:---|\.\.\.|%)/m;

/** Nesting the fast reader takes on (rules files nest four or five deep). */
const MAX_DEPTH = 64;

const SP = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
}; // prettier-ignore
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Parse `text` as one document of the subset, or undefined when eemeli/yaml must read it. */
export function fastParseYaml(text: string): FastDocument[] | undefined {
  if (OUTSIDE.test(text)) return undefined;
  try {
    return [new FastParser(text).document()];
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

class FastParser {
  readonly #t: string;
  readonly #n: number;
  #p = 0;
  /** Collections open around the current position: deep nesting is left to eemeli/yaml (no deep recursion here). */
  #depth = 0;

  constructor(text: string) {
    this.#t = text;
    this.#n = text.length;
  }

  document(): FastDocument {
    this.#skipBlank();
    if (this.#p >= this.#n) give();
    const t = this.#t;
    const n = this.#n;
    const p = this.#p;
    // Rules files are a sequence (or a map, for the shape errors the reader reports); anything else goes to eemeli/yaml.
    if (!(t.charCodeAt(p) === DASH && this.#sep(p + 1)) && this.#keyEnd(p) < 0) give();
    const contents = this.#blockNode(-1);
    this.#skipBlank();
    if (this.#p < n) give();
    return { contents, errors: [], warnings: [] };
  }

  #col(p: number): number {
    return p - (this.#t.lastIndexOf('\n', p - 1) + 1);
  }

  /** End of text, space or line break at `i`. */
  #sep(i: number): boolean {
    if (i >= this.#n) return true;
    const c = this.#t.charCodeAt(i);
    return c === SP || c === NL;
  }

  /** From a line start: past blank lines and comment lines, to the first character of the next content line. */
  #skipBlank(): void {
    const t = this.#t;
    const n = this.#n;
    for (;;) {
      let q = this.#p;
      while (q < n && t.charCodeAt(q) === SP) q++;
      if (q >= n) {
        this.#p = q;
        return;
      }
      const c = t.charCodeAt(q);
      if (c === NL) {
        this.#p = q + 1;
        continue;
      }
      if (c === HASH) {
        const nl = t.indexOf('\n', q);
        this.#p = nl < 0 ? n : nl + 1;
        continue;
      }
      this.#p = q;
      return;
    }
  }

  /** The rest of a line after a value: spaces, a comment after a space, the line break. */
  #endLine(): void {
    const t = this.#t;
    const n = this.#n;
    let p = this.#p;
    while (p < n && t.charCodeAt(p) === SP) p++;
    if (p < n && t.charCodeAt(p) === HASH) {
      if (t.charCodeAt(p - 1) !== SP) give();
      const nl = t.indexOf('\n', p);
      p = nl < 0 ? n : nl;
    }
    if (p < n) {
      if (t.charCodeAt(p) !== NL) give();
      p++;
    }
    this.#p = p;
  }

  /** The offset of the `:` ending a plain implicit key that starts at `p`, or -1 when the line holds none. */
  #keyEnd(p: number): number {
    const t = this.#t;
    const n = this.#n;
    if (isIndicator(t.charCodeAt(p)) || (t.charCodeAt(p) === DASH && this.#sep(p + 1))) return -1;
    for (let i = p; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === NL) return -1;
      if (c === HASH && t.charCodeAt(i - 1) === SP) return -1;
      if (c === COLON && this.#sep(i + 1)) {
        if (t.charCodeAt(i - 1) === SP) give();
        return i;
      }
    }
    return -1;
  }

  /** A node starting at the current content position; `parent` is the indentation it must exceed. */
  #blockNode(parent: number): FastNode {
    if (this.#depth > MAX_DEPTH) give();
    const t = this.#t;
    const p = this.#p;
    const c = this.#col(p);
    if (t.charCodeAt(p) === DASH && this.#sep(p + 1)) return this.#blockSeq(c);
    if (this.#keyEnd(p) >= 0) return this.#blockMap(c);
    return this.#inlineValue(parent);
  }

  #blockMap(c: number): FastCollection {
    if (++this.#depth > MAX_DEPTH) give();
    const t = this.#t;
    const n = this.#n;
    const start = this.#p;
    const items: FastPair[] = [];
    let end = start;
    for (;;) {
      const ks = this.#p;
      const ke = this.#keyEnd(ks);
      if (ke < 0) give();
      const key = scalar(t.slice(ks, ke), 'PLAIN', ks, ke);
      this.#p = ke + 1;
      const value = this.#mapValue(c, ke);
      items.push(new PairNode(key, value) as unknown as FastPair);
      end = value.range[1];
      this.#skipBlank();
      if (this.#p >= n) break;
      const cc = this.#col(this.#p);
      if (cc < c) break;
      if (cc > c) give();
    }
    this.#depth--;
    return new MapNode(items, start, end) as unknown as FastCollection;
  }

  #mapValue(c: number, colon: number): FastNode {
    const t = this.#t;
    const n = this.#n;
    let p = this.#p;
    while (p < n && t.charCodeAt(p) === SP) p++;
    this.#p = p;
    if (p >= n || t.charCodeAt(p) === NL || t.charCodeAt(p) === HASH) {
      if (p > colon + 1) give();
      this.#endLine();
      this.#skipBlank();
      if (this.#p < n) {
        const cc = this.#col(this.#p);
        if (cc > c) return this.#blockNode(c);
        if (cc === c && t.charCodeAt(this.#p) === DASH && this.#sep(this.#p + 1)) return this.#blockSeq(c);
      }
      return scalar('', 'PLAIN', colon + 1, colon + 1);
    }
    return this.#inlineValue(c);
  }

  #blockSeq(c: number): FastCollection {
    if (++this.#depth > MAX_DEPTH) give();
    const t = this.#t;
    const n = this.#n;
    const start = this.#p;
    const items: FastNode[] = [];
    let end = start;
    for (;;) {
      this.#p++;
      let p = this.#p;
      while (p < n && t.charCodeAt(p) === SP) p++;
      this.#p = p;
      let item: FastNode;
      if (p >= n || t.charCodeAt(p) === NL || t.charCodeAt(p) === HASH) {
        this.#endLine();
        this.#skipBlank();
        if (this.#p >= n || this.#col(this.#p) <= c) give();
        item = this.#blockNode(c);
      } else if (t.charCodeAt(p) === DASH && this.#sep(p + 1)) {
        item = this.#blockSeq(this.#col(p));
      } else if (this.#keyEnd(p) >= 0) {
        item = this.#blockMap(this.#col(p));
      } else {
        item = this.#inlineValue(c);
      }
      items.push(item);
      end = item.range[1];
      this.#skipBlank();
      if (this.#p >= n) break;
      const cc = this.#col(this.#p);
      if (cc < c) break;
      if (cc > c) give();
      if (!(t.charCodeAt(this.#p) === DASH && this.#sep(this.#p + 1))) break;
    }
    this.#depth--;
    return new SeqNode(items, start, end) as unknown as FastCollection;
  }

  /** A scalar or flow sequence on the current line, then the rest of that line. */
  #inlineValue(parent: number): FastNode {
    const t = this.#t;
    const ch = t[this.#p];
    let node: FastNode;
    if (ch === '"') node = this.#quoted(parent, true);
    else if (ch === "'") node = this.#quoted(parent, false);
    else if (ch === '[') node = this.#flowSeq(parent);
    else if (ch === '|' || ch === '>') return this.#blockScalar(parent);
    else if (isIndicator(t.charCodeAt(this.#p)) || (ch === '-' && this.#sep(this.#p + 1))) return give();
    else return this.#plain(parent);
    this.#endLine();
    return node;
  }

  /** One line of a plain scalar from `p`: where its text ends (trailing spaces trimmed) and whether a comment follows. */
  #plainLine(p: number): { end: number; lineEnd: number; comment: boolean } {
    const t = this.#t;
    const n = this.#n;
    let i = p;
    let comment = false;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === NL) break;
      if (c === COLON && this.#sep(i + 1)) give();
      if (c === HASH && t.charCodeAt(i - 1) === SP) {
        comment = true;
        break;
      }
    }
    let end = i;
    while (end > p && t.charCodeAt(end - 1) === SP) end--;
    return { end, lineEnd: i, comment };
  }

  /** A plain scalar in block context: continuation lines fold into spaces, empty lines into line breaks. */
  #plain(parent: number): FastScalar {
    const t = this.#t;
    const n = this.#n;
    const start = this.#p;
    let line = this.#plainLine(start);
    let value = t.slice(start, line.end);
    let last = line.end;
    while (!line.comment) {
      let q = line.lineEnd + 1;
      let blank = 0;
      let content = -1;
      while (q < n) {
        const ls = q;
        while (q < n && t.charCodeAt(q) === SP) q++;
        if (q < n && t.charCodeAt(q) === NL) {
          blank++;
          q++;
          continue;
        }
        if (q < n && t.charCodeAt(q) !== HASH && q - ls > parent) content = q;
        break;
      }
      if (content < 0) break;
      const c0 = t.charCodeAt(content);
      if (c0 === DASH || c0 === COLON || c0 === 63 /* ? */) give();
      line = this.#plainLine(content);
      value += blank ? '\n'.repeat(blank) : ' ';
      value += t.slice(content, line.end);
      last = line.end;
    }
    this.#p = line.lineEnd;
    this.#endLine();
    return scalar(value, 'PLAIN', start, last);
  }

  /**
   * A double- or single-quoted scalar from its opening quote to its closing one, folding line breaks; the
   * continuation lines must be indented past `parent`.
   */
  #quoted(parent: number, double: boolean): FastScalar {
    const t = this.#t;
    const n = this.#n;
    const start = this.#p;
    const quote = double ? '"' : "'";
    let out = '';
    // Length of `out` before the spaces it ends with, when they are literal spaces (trimmed at a line break).
    let rawSpaces = -1;
    let i = start + 1;
    for (;;) {
      if (i >= n) give();
      const ch = t[i] as string;
      if (ch === quote) {
        if (!double && t[i + 1] === "'") {
          out += "'";
          rawSpaces = -1;
          i += 2;
          continue;
        }
        break;
      }
      if (double && ch === '\\') {
        const e = t[i + 1] ?? '';
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else {
          const digits = HEX_DIGITS[e];
          if (digits === undefined) give();
          const hex = t.slice(i + 2, i + 2 + (digits as number));
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) give();
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) give();
          out += String.fromCodePoint(cp);
          i += 2 + (digits as number);
        }
        rawSpaces = -1;
        continue;
      }
      if (ch === '\n') {
        if (rawSpaces >= 0) out = out.slice(0, rawSpaces);
        let blank = 0;
        let q = i + 1;
        for (;;) {
          const ls = q;
          while (q < n && t.charCodeAt(q) === SP) q++;
          if (q >= n) give();
          if (t.charCodeAt(q) === NL) {
            blank++;
            q++;
            continue;
          }
          if (q - ls <= parent) give();
          break;
        }
        out += blank ? '\n'.repeat(blank) : ' ';
        rawSpaces = -1;
        i = q;
        continue;
      }
      if (ch === ' ') {
        if (rawSpaces < 0) rawSpaces = out.length;
        out += ' ';
        i++;
        continue;
      }
      rawSpaces = -1;
      // A run of ordinary characters at once.
      let j = i + 1;
      while (j < n) {
        const d = t[j];
        if (d === quote || d === '\n' || d === ' ' || (double && d === '\\')) break;
        j++;
      }
      out += t.slice(i, j);
      i = j;
    }
    this.#p = i + 1;
    const next = this.#p < n ? t.charCodeAt(this.#p) : NL;
    if (next !== SP && next !== NL && next !== 44 /* , */ && next !== 93 /* ] */) give();
    return scalar(out, double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', start, this.#p);
  }

  /** A `|` or `>` block scalar (clip or strip chomping, no indentation indicator, folded lines not more indented). */
  #blockScalar(parent: number): FastScalar {
    const t = this.#t;
    const n = this.#n;
    const start = this.#p;
    const folded = t[start] === '>';
    let i = start + 1;
    let strip = false;
    if (t[i] === '-') {
      strip = true;
      i++;
    } else if (t[i] === '+') give();
    if (i < n && t.charCodeAt(i) !== SP && t.charCodeAt(i) !== NL) give();
    this.#p = i;
    this.#endLine();
    let pos = this.#p;
    if (pos >= n) give();
    let m = -1;
    let value = '';
    let blank = 0;
    let lastEnd = -1;
    let lastSpaced = false;
    while (pos < n) {
      const ls = pos;
      let q = ls;
      while (q < n && t.charCodeAt(q) === SP) q++;
      const nl = t.indexOf('\n', q);
      const le = nl < 0 ? n : nl;
      const sp = q - ls;
      if (q === le) {
        if (m < 0 || sp > m) give();
        if (nl < 0) break;
        blank++;
        pos = le + 1;
        continue;
      }
      if (m < 0) {
        if (sp <= parent) give();
        m = sp;
      }
      if (sp < m) break;
      if (nl < 0) give();
      // Folding joins two lines that are not more indented; other line breaks are kept.
      const spaced = sp > m;
      const text = t.slice(ls + m, le);
      if (lastEnd < 0) value = text;
      else if (folded && !spaced && !lastSpaced) value += (blank ? '\n'.repeat(blank) : ' ') + text;
      else value += '\n'.repeat(blank + 1) + text;
      lastSpaced = spaced;
      blank = 0;
      lastEnd = le;
      pos = le + 1;
    }
    if (lastEnd < 0) give();
    if (!strip) value += '\n';
    this.#p = lastEnd + 1;
    return scalar(value, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', start, lastEnd + 1);
  }

  /**
   * Spaces, line breaks and comments inside a flow sequence; lines must stay indented past `parent` (the closing
   * bracket may be at `parent`, as eemeli/yaml accepts).
   */
  #flowSpace(parent: number): void {
    const t = this.#t;
    const n = this.#n;
    let p = this.#p;
    for (;;) {
      const c = p < n ? t.charCodeAt(p) : -1;
      if (c === SP) p++;
      else if (c === NL) {
        p++;
        const ls = p;
        while (p < n && t.charCodeAt(p) === SP) p++;
        if (p < n && t.charCodeAt(p) !== NL && t.charCodeAt(p) !== HASH) {
          const col = p - ls;
          if (col < parent || (col === parent && t.charCodeAt(p) !== 93) /* ] */) give();
        }
      } else if (c === HASH) {
        const prev = t.charCodeAt(p - 1);
        if (prev !== SP && prev !== NL) give();
        const nl = t.indexOf('\n', p);
        if (nl < 0) give();
        p = nl;
      } else break;
    }
    this.#p = p;
  }

  #flowSeq(parent: number): FastCollection {
    if (++this.#depth > MAX_DEPTH) give();
    const t = this.#t;
    const n = this.#n;
    const start = this.#p;
    const items: FastNode[] = [];
    this.#p++;
    for (;;) {
      this.#flowSpace(parent);
      if (this.#p >= n) give();
      const ch = t[this.#p];
      if (ch === ']') break;
      let item: FastNode;
      if (ch === '"') item = this.#quoted(parent, true);
      else if (ch === "'") item = this.#quoted(parent, false);
      else if (ch === '[') item = this.#flowSeq(parent);
      else item = this.#flowPlain(parent);
      items.push(item);
      this.#flowSpace(parent);
      if (this.#p >= n) give();
      const after = t[this.#p];
      if (after === ']') break;
      if (after !== ',') give();
      this.#p++;
    }
    this.#p++;
    this.#depth--;
    return new FlowSeqNode(items, start, this.#p) as unknown as FastCollection;
  }

  /** One line of a plain scalar inside a flow sequence from `p`: where its text ends and where the line part ends. */
  #flowPlainLine(p: number): { end: number; stop: number } {
    const t = this.#t;
    const n = this.#n;
    let i = p;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === NL || c === 44 /* , */ || c === 93 /* ] */) break;
      if (c === 91 /* [ */ || c === 123 /* { */ || c === 125 /* } */) give();
      if (c === COLON && (this.#sep(i + 1) || t.charCodeAt(i + 1) === 44 || t.charCodeAt(i + 1) === 93)) give();
      if (c === HASH && t.charCodeAt(i - 1) === SP) break;
    }
    let end = i;
    while (end > p && t.charCodeAt(end - 1) === SP) end--;
    return { end, stop: i };
  }

  /** A plain scalar inside a flow sequence; lines fold as in block context. */
  #flowPlain(parent: number): FastScalar {
    const t = this.#t;
    const n = this.#n;
    const start = this.#p;
    const c0 = t.charCodeAt(start);
    if (isIndicator(c0) || (c0 === DASH && this.#sep(start + 1))) give();
    let line = this.#flowPlainLine(start);
    if (line.end === start) give();
    let value = t.slice(start, line.end);
    let last = line.end;
    // A line break (not a comment) may continue the scalar on the next line that is not blank.
    while (line.stop < n && t.charCodeAt(line.stop) === NL) {
      let q = line.stop + 1;
      let blank = 0;
      let ls = q;
      for (;;) {
        ls = q;
        while (q < n && t.charCodeAt(q) === SP) q++;
        if (q < n && t.charCodeAt(q) === NL) {
          blank++;
          q++;
          continue;
        }
        break;
      }
      if (q >= n) give();
      const c = t.charCodeAt(q);
      if (c === 44 || c === 93 || c === HASH) break;
      if (q - ls <= parent || isIndicator(c) || c === DASH) give();
      line = this.#flowPlainLine(q);
      value += blank ? '\n'.repeat(blank) : ' ';
      value += t.slice(q, line.end);
      last = line.end;
    }
    this.#p = last;
    return scalar(value, 'PLAIN', start, last);
  }
}

/** Characters that cannot start a plain scalar (or start something the reader leaves to eemeli/yaml). */
function isIndicator(c: number): boolean {
  switch (c) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case COLON:
      return true;
    default:
      return false;
  }
}
