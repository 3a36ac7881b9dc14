// Rules file texts and positions in them. Falco reports positions as yaml-cpp marks (0-based line and
// column, byte offset); our own diagnostics use 1-based lines and columns. Both are computed here.

/** A loaded rules file. `id` indexes the engine's file table. */
export class SourceFile {
  readonly id: number;
  readonly name: string;
  readonly text: string;
  #lineStarts: number[] | undefined;
  #bytePrefix: Uint32Array | undefined;
  #ascii: boolean | undefined;

  constructor(id: number, name: string, text: string) {
    this.id = id;
    this.name = name;
    this.text = text;
  }

  #starts(): number[] {
    if (!this.#lineStarts) {
      const starts = [0];
      // indexOf, not a loop over every character: this runs before V8 optimises anything.
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }

  /** UTF-8 byte offset of a UTF-16 offset. */
  byteOffset(offset: number): number {
    if (this.#ascii === undefined) this.#ascii = !/[\u0080-\uffff]/.test(this.text);
    if (this.#ascii) return Math.max(0, Math.min(offset, this.text.length));
    if (!this.#bytePrefix) this.#bytePrefix = utf8Prefix(this.text);
    return this.#bytePrefix[Math.max(0, Math.min(offset, this.text.length))] ?? 0;
  }

  /** 1-based line and column (in characters) of an offset. */
  lineColumn(offset: number): { line: number; column: number } {
    const starts = this.#starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  /** The text of the 1-based line `line`, without its newline. */
  lineText(line: number): string {
    const starts = this.#starts();
    const from = starts[line - 1] ?? this.text.length;
    const next = starts[line];
    return this.text.slice(from, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }

  /** A yaml-cpp style mark: 0-based line, 0-based column and offset, both in bytes. */
  mark(offset: number): Mark {
    const { line } = this.lineColumn(offset);
    const lineStart = this.#starts()[line - 1] ?? 0;
    return { line: line - 1, column: this.byteOffset(offset) - this.byteOffset(lineStart), offset: this.byteOffset(offset) };
  }
}

/** yaml-cpp's position of a node: 0-based line and column, byte offset. */
export interface Mark {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

function utf8Prefix(text: string): Uint32Array {
  const out = new Uint32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = n;
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      out[++i] = n - 2;
    } else n += 3;
  }
  out[text.length] = n;
  return out;
}

/** Source offsets of a text's characters, worked out when a position is first asked for (most never are). */
export class LazyOffsets {
  #compute: (() => Int32Array | number[]) | undefined;
  #values: Int32Array | number[] | undefined;

  constructor(compute: () => Int32Array | number[]) {
    this.#compute = compute;
  }

  get values(): Int32Array | number[] {
    if (!this.#values) {
      this.#values = (this.#compute as () => Int32Array | number[])();
      this.#compute = undefined;
    }
    return this.#values;
  }
}

type Offsets = Int32Array | number[] | LazyOffsets;

/** A run of characters of a derived text and where they came from. */
interface Segment {
  /** Start of the run in the derived text. */
  readonly at: number;
  readonly len: number;
  /** File id, or -1 for made-up text. */
  readonly file: number;
  /** Per-character source offsets (indexed from `from`), or undefined when every character maps to `offset`. */
  readonly offsets?: Offsets;
  readonly from: number;
  readonly offset: number;
  /** Made-up text attributed to the origin of another text's character, looked up when first asked for. */
  readonly ref?: OriginRef;
}

/** `sg` at another place (a literal, not a spread: list substitution moves thousands, and spreads are slow before V8 optimises). */
const moved = (sg: Segment, at: number, len: number, from: number): Segment => ({ at, len, file: sg.file, offsets: sg.offsets, from, offset: sg.offset, ref: sg.ref });

/** The origin of character `index` of `text`, resolved once when a position is first asked for. */
class OriginRef {
  readonly #text: MappedText;
  readonly #index: number;
  #resolved = false;
  #origin: { file: number; offset: number } | undefined;

  constructor(text: MappedText, index: number) {
    this.#text = text;
    this.#index = index;
  }

  get origin(): { file: number; offset: number } | undefined {
    if (!this.#resolved) {
      this.#origin = this.#text.origin(this.#index);
      this.#resolved = true;
    }
    return this.#origin;
  }
}

/**
 * Where each character of a derived text (a condition after appends, list substitution and exception
 * clauses) came from: a file id and an offset in that file. Kept as runs, so concatenating and slicing
 * are cheap.
 */
export class MappedText {
  readonly text: string;
  readonly #segs: readonly Segment[];

  private constructor(text: string, segs: readonly Segment[]) {
    this.text = text;
    this.#segs = segs;
  }

  /** A text whose characters all come from `file` at `offsets`. */
  static fromSource(text: string, file: number, offsets: Offsets): MappedText {
    return new MappedText(text, text.length ? [{ at: 0, len: text.length, file, offsets, from: 0, offset: -1 }] : []);
  }

  /** Made-up text (operators and parentheses the loader inserts), attributed to one place. */
  static synthetic(text: string, file = -1, offset = -1): MappedText {
    return new MappedText(text, text.length ? [{ at: 0, len: text.length, file, from: 0, offset }] : []);
  }

  /**
   * Made-up text attributed to wherever character `index` of `text` came from (`synthetic` at `text.origin(index)`),
   * without working that out until a position is asked for: list substitution inserts many, diagnostics read few.
   */
  static syntheticAt(s: string, text: MappedText, index: number): MappedText {
    return new MappedText(s, s.length ? [{ at: 0, len: s.length, file: -1, from: 0, offset: -1, ref: new OriginRef(text, index) }] : []);
  }

  static concat(parts: readonly MappedText[]): MappedText {
    const segs: Segment[] = [];
    let at = 0;
    for (const p of parts) {
      for (const sg of p.#segs) segs.push(moved(sg, at + sg.at, sg.len, sg.from));
      at += p.text.length;
    }
    return new MappedText(parts.map((p) => p.text).join(''), segs);
  }

  slice(from: number, to = this.text.length): MappedText {
    const a = Math.max(0, from);
    const b = Math.min(to, this.text.length);
    const segs: Segment[] = [];
    for (const sg of this.#segs) {
      const s0 = Math.max(a, sg.at);
      const s1 = Math.min(b, sg.at + sg.len);
      if (s1 <= s0) continue;
      segs.push(moved(sg, s0 - a, s1 - s0, sg.from + (s0 - sg.at)));
    }
    return new MappedText(this.text.slice(a, b), segs);
  }

  #at(i: number): { file: number; offset: number } | undefined {
    let lo = 0;
    let hi = this.#segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const sg = this.#segs[mid] as Segment;
      if (i < sg.at) hi = mid - 1;
      else if (i >= sg.at + sg.len) lo = mid + 1;
      else {
        if (sg.ref) return sg.ref.origin;
        if (sg.file < 0) return undefined;
        const offsets = sg.offsets instanceof LazyOffsets ? sg.offsets.values : sg.offsets;
        const off = offsets ? (offsets[sg.from + (i - sg.at)] ?? -1) : sg.offset;
        return off >= 0 ? { file: sg.file, offset: off } : undefined;
      }
    }
    return undefined;
  }

  /** The origin of character `i` (clamped), or of the nearest character before (then after) it that has one. */
  origin(i: number): { file: number; offset: number } | undefined {
    for (let j = Math.min(i, this.text.length - 1); j >= 0; j--) {
      const o = this.#at(j);
      if (o) return o;
    }
    for (let j = Math.max(0, i); j < this.text.length; j++) {
      const o = this.#at(j);
      if (o) return o;
    }
    return undefined;
  }
}

/**
 * libsinsp's parser position after reading `upTo` UTF-16 units of `text`: 1-based line and column counted
 * in bytes, where both CR and LF start a new line, and the byte index.
 */
export function parserPosition(text: string, upTo: number): { idx: number; line: number; col: number } {
  let idx = 0;
  let line = 1;
  let col = 1;
  const bytes = new TextEncoder().encode(text.slice(0, Math.max(0, Math.min(upTo, text.length))));
  for (const b of bytes) {
    col++;
    if (b === 13 || b === 10) {
      col = 1;
      line++;
    }
    idx++;
  }
  return { idx, line, col };
}
