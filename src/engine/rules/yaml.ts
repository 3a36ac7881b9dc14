// YAML access with yaml-cpp's semantics on top of eemeli/yaml: every scalar is read as its text (`0755`
// stays `0755`), null is decided by the plain text (`~`, `null`, empty), booleans accept yaml-cpp's words,
// duplicate keys resolve to the first one, and every node keeps its source range. Rules files in the usual
// block style are read by fast-yaml.ts into the same nodes; eemeli/yaml (loaded on first need) reads the rest.
import { createRequire } from 'node:module';
import type { Document, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { fastParseYaml, MAP, NODE_TYPE, SCALAR, SEQ } from './fast-yaml.js';

export type YNode = Node;

type YamlLibrary = typeof import('yaml');
let library: YamlLibrary | undefined;
/** eemeli/yaml, loaded when a text needs it (most rules files never do: loading it costs start-up time). */
const yamlLibrary = (): YamlLibrary => (library ??= createRequire(import.meta.url)('yaml') as YamlLibrary);

const ALIAS = Symbol.for('yaml.alias');
const kind = (n: unknown): unknown => (n !== null && typeof n === 'object' ? (n as Record<symbol, unknown>)[NODE_TYPE] : undefined);
// eemeli/yaml's own type guards, which fast-yaml.ts's nodes satisfy too.
const isAlias = (n: unknown): n is { resolve(d: Document.Parsed): unknown; range?: [number, number, number] } => kind(n) === ALIAS;
const isMap = (n: unknown): n is YAMLMap => kind(n) === MAP;
const isSeq = (n: unknown): n is YAMLSeq => kind(n) === SEQ;
const isScalar = (n: unknown): n is Scalar => kind(n) === SCALAR;

/** Parse every document of a rules file, keeping source ranges; returns the documents and the first syntax error. */
export function parseYamlDocuments(text: string): { docs: Document.Parsed[]; error?: { message: string; offset: number } } {
  // The fast reader's documents have what the reader and the schema check use of a parsed document.
  const fast = fastParseYaml(text);
  if (fast) return { docs: fast as unknown as Document.Parsed[] };
  return parseWithLibrary(text);
}

/** The same, always with eemeli/yaml (what fast-yaml.ts is checked against). */
export function parseWithLibrary(text: string): { docs: Document.Parsed[]; error?: { message: string; offset: number } } {
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, lineCounter, prettyErrors: false, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const err = d.errors[0];
    if (err) return { docs: list, error: { message: err.message.split('\n')[0] ?? err.message, offset: err.pos[0] } };
  }
  const budget = Math.max(ALIAS_BUDGET, text.length);
  for (const d of list) {
    const over = aliasOverBudget(d, budget);
    if (over !== undefined) return { docs: list, error: { message: `aliases expand to more than ${budget} characters of YAML (an alias-multiplication "billion laughs" document?)`, offset: over } };
  }
  return { docs: list };
}

/** Characters that aliases may add to a document beyond its own text (scalars and collections alike). */
export const ALIAS_BUDGET = 1 << 20;

/**
 * The offset of the alias at which the text that aliases stand for (scalar characters, plus one per collection
 * node) passes `budget`, or undefined. Sizes are memoised per node: linear even for nested "laughs".
 */
function aliasOverBudget(doc: Document.Parsed, budget: number): number | undefined {
  const sizes = new Map<unknown, number>();
  let expanded = 0;
  let at: number | undefined;
  const size = (n: unknown, depth: number): number => {
    if (at !== undefined || n === null || n === undefined) return 0;
    const known = sizes.get(n);
    if (known !== undefined) return known;
    let total = 1;
    if (isAlias(n)) {
      const target = depth < 64 ? n.resolve(doc) : undefined;
      total = size(target, depth + 1);
      expanded += total;
      if (expanded > budget) at ??= n.range?.[0] ?? 0;
    } else if (isScalar(n)) {
      const v = n.value;
      total = typeof v === 'string' ? v.length : 1;
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items as unknown[]) {
        if (item && typeof item === 'object' && 'key' in item) {
          const pair = item as { key: unknown; value: unknown };
          total += size(pair.key, depth + 1) + size(pair.value, depth + 1);
        } else total += size(item, depth + 1);
        if (total > budget * 2) break;
      }
    }
    total = Math.min(total, budget * 2);
    sizes.set(n, total);
    return total;
  };
  size(doc.contents, 0);
  return at;
}

function resolve(node: unknown, doc: Document.Parsed | undefined): YNode | null {
  let n = node as YNode | null | undefined;
  for (let i = 0; i < 32 && n && isAlias(n); i++) n = doc ? (n.resolve(doc) as YNode | null | undefined) : undefined;
  return n ?? null;
}

/** A map's first value node of each scalar key (duplicate keys resolve to the first), built when first asked. */
const keyIndexes = new WeakMap<YAMLMap, Map<string, unknown>>();

/** Reads nodes of one document. */
export class YamlView {
  readonly doc: Document.Parsed;

  constructor(doc: Document.Parsed) {
    this.doc = doc;
  }

  node(n: unknown): YNode | null {
    return resolve(n, this.doc);
  }

  /** Null in yaml-cpp's sense: no node, or a plain scalar `~`/`null`/`Null`/`NULL`/empty. */
  isNull(n: YNode | null | undefined): boolean {
    if (!n) return true;
    if (!isScalar(n)) return false;
    const s = n;
    return s.type === 'PLAIN' && (s.value === '' || s.value === '~' || s.value === 'null' || s.value === 'Null' || s.value === 'NULL') && !s.tag;
  }

  isMap(n: YNode | null | undefined): n is YAMLMap {
    return !!n && isMap(n);
  }

  isSeq(n: YNode | null | undefined): n is YAMLSeq {
    return !!n && isSeq(n);
  }

  isScalar(n: YNode | null | undefined): n is Scalar {
    return !!n && isScalar(n) && !this.isNull(n);
  }

  /** The scalar text of a node (undefined for collections). */
  text(n: YNode | null | undefined): string | undefined {
    if (!n || !isScalar(n)) return undefined;
    const v = n.value;
    return typeof v === 'string' ? v : String(v);
  }

  /** `map[key]`: the value node, `null` when the key is present without a value, `undefined` when absent. */
  get(map: YAMLMap, key: string): YNode | null | undefined {
    // The reader asks an item for each key it knows: index a map's keys once instead of scanning it every time.
    let index = keyIndexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const k = this.node(pair.key);
        if (!k || !isScalar(k)) continue;
        const name = String(k.value);
        if (!index.has(name)) index.set(name, pair.value);
      }
      keyIndexes.set(map, index);
    }
    return index.has(key) ? this.node(index.get(key)) : undefined;
  }

  has(map: YAMLMap, key: string): boolean {
    return this.get(map, key) !== undefined;
  }

  /** The pairs of a map with scalar keys, in source order. */
  entries(map: YAMLMap): { key: string; keyNode: YNode; value: YNode | null }[] {
    const out: { key: string; keyNode: YNode; value: YNode | null }[] = [];
    for (const pair of map.items) {
      const k = this.node(pair.key);
      if (!k) continue;
      out.push({ key: this.text(k) ?? '', keyNode: k, value: this.node(pair.value) });
    }
    return out;
  }

  items(seq: YAMLSeq): (YNode | null)[] {
    return seq.items.map((i) => this.node(i));
  }
}

/** Start offset of a node (yaml-cpp's mark): the first key of a block map, the indicator of a block scalar. */
export function nodeStart(n: YNode | null | undefined, fallback: number): number {
  return n?.range ? n.range[0] : fallback;
}

/** yaml-cpp's boolean words, in lower, upper or capitalised case. */
export function decodeBool(text: string): boolean | undefined {
  const flexible = text === text.toLowerCase() || text === text.toUpperCase() || text === text[0]?.toUpperCase() + text.slice(1).toLowerCase();
  if (!flexible) return undefined;
  const t = text.toLowerCase();
  if (t === 'true' || t === 'yes' || t === 'on' || t === 'y') return true;
  if (t === 'false' || t === 'no' || t === 'off' || t === 'n') return false;
  return undefined;
}

/** An unsigned integer as a C++ stream reads it with automatic base (0x hex, leading-0 octal). */
export function decodeUnsigned(text: string, max: bigint): bigint | undefined {
  const m = /^\+?(?:(0[xX][0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))[ \t\n\v\f\r]*$/.exec(text);
  if (!m) return undefined;
  const v = m[1] ? BigInt(m[1]) : m[2] ? BigInt(`0o${m[2].slice(1) || '0'}`) : BigInt(m[3] ?? '0');
  return v <= max ? v : undefined;
}

/**
 * Offsets in the file of every character of a scalar's value: folded line breaks, indentation, quotes and
 * escapes are skipped so a position in a condition maps back to the character a user sees in the file.
 */
export function scalarOffsets(node: YNode, fileText: string): number[] {
  const s = node as Scalar;
  const value = typeof s.value === 'string' ? s.value : String(s.value);
  const [start, end] = s.range ?? [0, 0];
  const out = new Array<number>(value.length);
  let p = start;
  if (s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') p++;
  if (s.type === 'BLOCK_FOLDED' || s.type === 'BLOCK_LITERAL') {
    const nl = fileText.indexOf('\n', start);
    p = nl < 0 ? end : nl + 1;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let q = p;
    while (q < end) {
      const ch = fileText[q];
      if (ch === c) break;
      if (s.type === 'QUOTE_DOUBLE' && ch === '\\') break;
      if (ch === '\n' && (c === ' ' || c === '\n')) break;
      q++;
    }
    if (q >= end) {
      out[i] = Math.min(p, Math.max(start, end - 1));
      continue;
    }
    out[i] = q;
    if (s.type === 'QUOTE_DOUBLE' && fileText[q] === '\\' && c !== '\\') {
      const e = fileText[q + 1];
      p = q + (e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2);
    } else if (s.type === 'QUOTE_DOUBLE' && fileText[q] === '\\') {
      p = q + 2;
    } else if (s.type === 'QUOTE_SINGLE' && c === "'" && fileText[q + 1] === "'") {
      p = q + 2;
    } else {
      p = q + 1;
    }
  }
  return out;
}
