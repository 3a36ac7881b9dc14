// A bounded JSON reader for plugin payloads, with the lookup and re-serialisation semantics of the JSON
// library the Falco plugins use (fastjson): objects keep key order and duplicates (lookup takes the first),
// numbers keep their source text, arrays are indexed by decimal path segments. Payloads come from a capture,
// so the parser is iterative with a nesting cap, a value-count cap and a size cap: it never recurses and
// never allocates more than a bounded multiple of its input.

/** A parsed JSON value. Numbers keep their text, as the plugins print them verbatim. */
export type JsonValue =
  | { readonly t: 'object'; readonly keys: string[]; readonly vals: JsonValue[] }
  | { readonly t: 'array'; readonly items: JsonValue[] }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'number'; readonly raw: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'null' };

/** Nesting fastjson refuses beyond (its MaxDepth). */
export const JSON_MAX_DEPTH = 300;
/** Values per payload: caps the tree built from one payload (a 4 MiB `[0,0,…]` stays well below). */
export const JSON_MAX_VALUES = 1_000_000;
/** Longest re-indented text `json.obj` produces. */
export const JSON_INDENT_MAX = 16 * 1024 * 1024;

export interface JsonParseError {
  readonly code: 'JSON_SYNTAX' | 'JSON_TOO_DEEP' | 'JSON_TOO_MANY_VALUES';
  /** Offset (UTF-16 code units into the decoded text) where parsing stopped. */
  readonly offset: number;
  readonly message: string;
}

/** `strict` is false when a string needed fastjson's leniency (strict JSON parsers, Go's included, refuse the text). */
export type JsonParseResult = { readonly ok: true; readonly value: JsonValue; readonly strict: boolean } | { readonly ok: false; readonly error: JsonParseError };

const NULL: JsonValue = { t: 'null' };
const TRUE: JsonValue = { t: 'bool', v: true };
const FALSE: JsonValue = { t: 'bool', v: false };

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Fail extends Error {
  constructor(
    readonly code: JsonParseError['code'],
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Open containers while parsing: the container and, for objects, the key awaiting its value. */
interface Frame {
  readonly node: JsonValue & { t: 'object' | 'array' };
  key: string | undefined;
}

/** Parses one JSON document (surrounding whitespace allowed, nothing else after it). */
export function parseJson(text: string): JsonParseResult {
  try {
    const p = new Parser(text);
    const value = p.parse();
    return { ok: true, value, strict: !p.lenient };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: { code: e.code, offset: e.offset, message: e.message } };
    throw e;
  }
}

class Parser {
  /** Set when the text was accepted only thanks to fastjson's leniency in strings. */
  lenient = false;
  #pos = 0;
  #values = 0;
  constructor(readonly text: string) {}

  parse(): JsonValue {
    const stack: Frame[] = [];
    let root: JsonValue | undefined;
    this.#ws();
    for (;;) {
      // Read one value, or open a container.
      const v = this.#scalarOrOpen(stack);
      if (v !== undefined) {
        let done: JsonValue | undefined = v;
        // Attach the finished value and close every container that ends here.
        while (done !== undefined) {
          const top = stack[stack.length - 1];
          if (!top) {
            root = done;
            break;
          }
          if (top.node.t === 'array') top.node.items.push(done);
          else {
            top.node.keys.push(top.key as string);
            top.node.vals.push(done);
          }
          this.#ws();
          const c = this.text.charCodeAt(this.#pos);
          const close = top.node.t === 'array' ? 0x5d : 0x7d;
          if (c === 0x2c) {
            this.#pos++;
            this.#ws();
            if (top.node.t === 'object') top.key = this.#key();
            done = undefined;
          } else if (c === close) {
            this.#pos++;
            stack.pop();
            done = top.node;
          } else throw this.#fail(`expected ',' or '${String.fromCharCode(close)}'`);
        }
        if (root !== undefined) break;
      }
    }
    this.#ws();
    if (this.#pos < this.text.length) throw this.#fail('unexpected data after the JSON value');
    return root;
  }

  /** A scalar value, or undefined after opening a container (pushed, with its first key read). */
  #scalarOrOpen(stack: Frame[]): JsonValue | undefined {
    this.#ws();
    if (++this.#values > JSON_MAX_VALUES) throw new Fail('JSON_TOO_MANY_VALUES', this.#pos, `more than ${JSON_MAX_VALUES} values`);
    const c = this.text.charCodeAt(this.#pos);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= JSON_MAX_DEPTH) throw new Fail('JSON_TOO_DEEP', this.#pos, `nesting deeper than ${JSON_MAX_DEPTH}`);
      this.#pos++;
      this.#ws();
      const obj = c === 0x7b;
      const node: Frame['node'] = obj ? { t: 'object', keys: [], vals: [] } : { t: 'array', items: [] };
      const next = this.text.charCodeAt(this.#pos);
      if (next === (obj ? 0x7d : 0x5d)) {
        this.#pos++;
        return node;
      }
      stack.push({ node, key: obj ? this.#key() : undefined });
      return undefined;
    }
    if (c === 0x22) return { t: 'string', v: this.#string() };
    if (this.text.startsWith('true', this.#pos)) return (this.#pos += 4), TRUE;
    if (this.text.startsWith('false', this.#pos)) return (this.#pos += 5), FALSE;
    if (this.text.startsWith('null', this.#pos)) return (this.#pos += 4), NULL;
    NUMBER.lastIndex = this.#pos;
    const m = NUMBER.exec(this.text);
    if (m && m[0].length > 0) {
      this.#pos += m[0].length;
      return { t: 'number', raw: m[0] };
    }
    throw this.#fail(this.#pos >= this.text.length ? 'unexpected end of input' : 'unexpected character');
  }

  /** `"key" :` of an object member. */
  #key(): string {
    if (this.text.charCodeAt(this.#pos) !== 0x22) throw this.#fail('expected a string key');
    const k = this.#string();
    this.#ws();
    if (this.text.charCodeAt(this.#pos) !== 0x3a) throw this.#fail("expected ':'");
    this.#pos++;
    return k;
  }

  /**
   * A string, unescaped the way fastjson does it: best effort. The parser only looks for the closing quote;
   * an unknown escape stays as written (`\q`), a `\u` without four hex digits stays `\u`, a high surrogate
   * not followed by `\uXXXX` stays as its escape text, and raw control characters are kept. Such text is not
   * strict JSON, which {@link JsonParseResult} reports.
   */
  #string(): string {
    const t = this.text;
    let i = this.#pos + 1;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= t.length) throw new Fail('JSON_SYNTAX', this.#pos, 'unterminated string');
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c !== 0x5c) {
        if (c < 0x20) this.lenient = true;
        i++;
        continue;
      }
      if (i + 1 >= t.length) throw new Fail('JSON_SYNTAX', this.#pos, 'unterminated string');
      out += t.slice(start, i);
      const e = t.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = t.slice(i, i + 4);
          if (!HEX4.test(hex)) {
            this.lenient = true;
            out += '\\u';
            break;
          }
          i += 4;
          const x = parseInt(hex, 16);
          if (x < 0xd800 || x > 0xdfff) {
            out += String.fromCharCode(x);
            break;
          }
          const next = t.slice(i + 2, i + 6);
          if (t.charCodeAt(i) !== 0x5c || t.charCodeAt(i + 1) !== 0x75 || !HEX4.test(next)) {
            out += `\\u${hex}`;
            break;
          }
          const y = parseInt(next, 16);
          // A valid pair decodes; anything else is one replacement character, as Go's utf16.DecodeRune gives.
          out += x < 0xdc00 && y >= 0xdc00 && y <= 0xdfff ? String.fromCharCode(x, y) : '\ufffd';
          i += 6;
          break;
        }
        default:
          this.lenient = true;
          out += t.slice(i - 2, i);
      } // prettier-ignore
      start = i;
    }
    out += t.slice(start, i);
    this.#pos = i + 1;
    return out;
  }

  #ws(): void {
    while (isWs(this.text.charCodeAt(this.#pos))) this.#pos++;
  }

  #fail(message: string): Fail {
    return new Fail('JSON_SYNTAX', this.#pos, message);
  }
}

/** fastjson's `Get(key)`: first member of that name, or the element at a decimal index; undefined if none. */
export function jsonGet(v: JsonValue | undefined, key: string): JsonValue | undefined {
  if (v === undefined) return undefined;
  if (v.t === 'object') {
    const i = v.keys.indexOf(key);
    return i < 0 ? undefined : v.vals[i];
  }
  if (v.t === 'array') {
    // Go's strconv.Atoi: an optional sign, decimal digits.
    if (!/^[+-]?\d{1,18}$/.test(key)) return undefined;
    const n = Number(key);
    return n < 0 ? undefined : v.items[n];
  }
  return undefined;
}

/** `Get(k1, k2, …)` along a path. */
export function jsonPath(v: JsonValue | undefined, ...keys: string[]): JsonValue | undefined {
  let cur = v;
  for (const k of keys) {
    cur = jsonGet(cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** `GetStringBytes`: the text of a string value, undefined for anything else. */
export function jsonStringOf(v: JsonValue | undefined): string | undefined {
  return v?.t === 'string' ? v.v : undefined;
}

/** A string as is, anything else as its compact JSON (the plugins' "value as string"). */
export function jsonText(v: JsonValue): string {
  return v.t === 'string' ? v.v : jsonMarshal(v);
}

/** Compact serialisation in source order, numbers verbatim (fastjson `MarshalTo`), built iteratively. */
export function jsonMarshal(root: JsonValue): string {
  const parts: string[] = [];
  // Work items: a value to write, or a literal piece of text.
  const work: (JsonValue | string)[] = [root];
  while (work.length) {
    const w = work.pop() as JsonValue | string;
    if (typeof w === 'string') {
      parts.push(w);
      continue;
    }
    switch (w.t) {
      case 'string':
        parts.push(quoteString(w.v));
        break;
      case 'number':
        parts.push(w.raw);
        break;
      case 'bool':
        parts.push(w.v ? 'true' : 'false');
        break;
      case 'null':
        parts.push('null');
        break;
      case 'array':
        parts.push('[');
        work.push(']');
        for (let i = w.items.length - 1; i >= 0; i--) {
          work.push(w.items[i] as JsonValue);
          if (i > 0) work.push(',');
        }
        break;
      case 'object':
        parts.push('{');
        work.push('}');
        for (let i = w.keys.length - 1; i >= 0; i--) {
          work.push(w.vals[i] as JsonValue);
          work.push(`${quoteString(w.keys[i] as string)}:`);
          if (i > 0) work.push(',');
        }
        break;
    }
  }
  return parts.join('');
}

// Characters Go's strconv.Quote escapes beyond `"` and `\`: controls, and anything Go does not count as
// printable (format characters such as bidi controls, separators other than ASCII space, private use,
// unassigned code points).
const QUOTE_SPECIAL_G = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Zs}"\\]/gu;
const SHORT: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\', ' ': ' ' };
const hex = (n: number, w: number): string => n.toString(16).padStart(w, '0');

/**
 * A JSON string as fastjson writes it: verbatim between quotes unless it holds `"`, `\` or a control
 * character, in which case Go's `strconv.Quote` form.
 */
export function quoteString(s: string): string {
  let special = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) {
      special = true;
      break;
    }
  }
  if (!special) return `"${s}"`;
  return `"${s.replace(QUOTE_SPECIAL_G, (ch) => {
    const short = SHORT[ch];
    if (short !== undefined) return short;
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) return `\\x${hex(cp, 2)}`;
    return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  })}"`;
}

/**
 * Go's `json.Indent(src, "", "  ")` of a valid JSON text: tokens copied verbatim, one member or element per
 * line, `": "` after keys, empty containers kept as `{}`/`[]`, leading whitespace dropped and trailing
 * whitespace kept. The caller has validated the text (it parsed). Undefined when the result would pass
 * `maxLength` characters (indentation grows with depth: 4 MiB of nested arrays could print as gigabytes).
 */
export function indentJson(text: string, maxLength = JSON_INDENT_MAX): string | undefined {
  const out: string[] = [];
  let length = 0;
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n && isWs(text.charCodeAt(i))) i++;
  let end = n;
  while (end > i && isWs(text.charCodeAt(end - 1))) end--;
  const newline = (): void => {
    out.push('\n', '  '.repeat(depth));
    length += 1 + 2 * depth;
  };
  while (i < end) {
    // Indentation can multiply a deeply nested text's size: give up past the cap.
    if (length > maxLength) return undefined;
    const c = text.charCodeAt(i);
    if (isWs(c)) {
      i++;
      continue;
    }
    if (c === 0x22) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      out.push(text.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      let j = i + 1;
      while (j < end && isWs(text.charCodeAt(j))) j++;
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(j) === close) {
        out.push(c === 0x7b ? '{}' : '[]');
        i = j + 1;
        continue;
      }
      out.push(text[i] as string);
      depth++;
      newline();
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      depth--;
      newline();
      out.push(text[i] as string);
      i++;
      continue;
    }
    if (c === 0x2c) {
      out.push(',');
      newline();
      i++;
      continue;
    }
    if (c === 0x3a) {
      out.push(': ');
      i++;
      continue;
    }
    let j = i;
    while (j < end && !isWs(text.charCodeAt(j)) && !',:]}'.includes(text[j] as string)) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  out.push(text.slice(end));
  return out.join('');
}
