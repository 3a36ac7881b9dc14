// The set of event codes for which a condition can be true (docs/rules-language.md#event-type-index): `and`
// intersects, `or` unites, negation is pushed down to the leaves (De Morgan) where evt.type checks are
// complemented; any other check is neutral. `evt.num` checks that can never (or always) hold are resolved.
import { FalcoReplayError } from '../../common/index.js';
import { EVENT_CODE_COUNT, namesToEventCodes } from '../fields/event-names.js';
import { parseUnsigned } from '../fields/numbers.js';
import type { BinaryCheckExpr, Expr } from './ast.js';

const WORDS = Math.ceil(EVENT_CODE_COUNT / 32);
const TAIL_MASK = EVENT_CODE_COUNT % 32 === 0 ? 0xffffffff : (1 << EVENT_CODE_COUNT % 32) - 1;

/** A set of event codes (0 .. PPM_EVENT_MAX-1), as a bitset. */
export class EventCodeSet {
  readonly words: Uint32Array;

  constructor(words?: Uint32Array) {
    this.words = words ?? new Uint32Array(WORDS);
  }

  static all(): EventCodeSet {
    const w = new Uint32Array(WORDS).fill(0xffffffff);
    w[WORDS - 1] = TAIL_MASK >>> 0;
    return new EventCodeSet(w);
  }

  static of(codes: Iterable<number>): EventCodeSet {
    const s = new EventCodeSet();
    for (const c of codes) if (c >= 0 && c < EVENT_CODE_COUNT) s.words[c >>> 5] = ((s.words[c >>> 5] as number) | (1 << (c & 31))) >>> 0;
    return s;
  }

  has(code: number): boolean {
    return code >= 0 && code < EVENT_CODE_COUNT && (((this.words[code >>> 5] as number) >>> (code & 31)) & 1) === 1;
  }

  get size(): number {
    let n = 0;
    for (let v of this.words) {
      while (v) {
        v &= v - 1;
        n++;
      }
    }
    return n;
  }

  intersect(o: EventCodeSet): EventCodeSet {
    const w = new Uint32Array(WORDS);
    for (let i = 0; i < WORDS; i++) w[i] = ((this.words[i] as number) & (o.words[i] as number)) >>> 0;
    return new EventCodeSet(w);
  }

  union(o: EventCodeSet): EventCodeSet {
    const w = new Uint32Array(WORDS);
    for (let i = 0; i < WORDS; i++) w[i] = ((this.words[i] as number) | (o.words[i] as number)) >>> 0;
    return new EventCodeSet(w);
  }

  /** Intersect with `o` in place: only for a set being built, never one already handed out (sets are shared). */
  intersectInPlace(o: EventCodeSet): void {
    for (let i = 0; i < WORDS; i++) this.words[i] = ((this.words[i] as number) & (o.words[i] as number)) >>> 0;
  }

  /** Unite with `o` in place: only for a set being built, never one already handed out (sets are shared). */
  unionInPlace(o: EventCodeSet): void {
    for (let i = 0; i < WORDS; i++) this.words[i] = ((this.words[i] as number) | (o.words[i] as number)) >>> 0;
  }

  complement(): EventCodeSet {
    const w = new Uint32Array(WORDS);
    for (let i = 0; i < WORDS; i++) w[i] = ~(this.words[i] as number) >>> 0;
    w[WORDS - 1] = ((w[WORDS - 1] as number) & TAIL_MASK) >>> 0;
    return new EventCodeSet(w);
  }

  /** The codes in ascending order (word by word: most words of a rule's set are empty). */
  codes(): number[] {
    const out: number[] = [];
    for (let i = 0; i < WORDS; i++) {
      let v = this.words[i] as number;
      while (v !== 0) {
        const bit = 31 - Math.clz32(v & -v);
        out.push((i << 5) + bit);
        v = (v & (v - 1)) >>> 0;
      }
    }
    return out;
  }
}

/** A condition shape the event-code search rejects (Falco reports it as a compile error). */
export class EventTypeSearchError extends FalcoReplayError {
  override readonly name = 'EventTypeSearchError';
}

type Invariant = 'empty' | 'all' | undefined;

function tryU64(text: string): bigint | undefined {
  try {
    return parseUnsigned(text, 64);
  } catch {
    return undefined;
  }
}

/** `evt.num` starts at 1, so a few comparisons with it are statically false or true. */
function evtNumInvariant(e: BinaryCheckExpr): Invariant {
  if (e.left.kind !== 'field' || e.left.field !== 'evt.num' || e.left.arg !== undefined) return undefined;
  if (e.op === 'in') {
    if (e.right.kind !== 'list') return undefined;
    for (const v of e.right.values) if (tryU64(v) !== 0n) return undefined;
    return 'empty';
  }
  if (e.right.kind !== 'value') return undefined;
  const n = tryU64(e.right.value);
  if (n === undefined) return undefined;
  switch (e.op) {
    case '=':
    case '==':
      return n === 0n ? 'empty' : undefined;
    case '!=':
      return n === 0n ? 'all' : undefined;
    case '<':
      return n <= 1n ? 'empty' : undefined;
    case '<=':
      return n === 0n ? 'empty' : undefined;
    case '>':
      return n === 0n ? 'all' : undefined;
    case '>=':
      return n <= 1n ? 'all' : undefined;
    default:
      return undefined;
  }
}

const EVTTYPE_OPS = new Set(['==', '=', '!=', 'in']);

/** Every code: what a check other than evt.type gives (shared; sets are never changed once built). */
const ALL = EventCodeSet.all();

/**
 * The codes of and/or subtrees by whether they sit under a negation, per set of async names: macro bodies are
 * shared nodes, so `spawned_process` or `open_write` is searched once, not once per rule naming it. The answer
 * depends only on the subtree and the negation (every leaf sets the state it reads).
 */
const subtreeCodes = new WeakMap<ReadonlySet<string>, WeakMap<Expr, [EventCodeSet | undefined, EventCodeSet | undefined]>>();
const NO_ASYNC_NAMES: ReadonlySet<string> = new Set();

/** The event codes a condition can match; `asyncNames` are the async event names of loaded plugins. */
export function conditionEventCodes(expr: Expr, asyncNames: ReadonlySet<string> = NO_ASYNC_NAMES): EventCodeSet {
  let memo = subtreeCodes.get(asyncNames);
  if (!memo) subtreeCodes.set(asyncNames, (memo = new WeakMap()));
  const known = memo;
  let isEvttypeField = false;
  let isFieldOrTransformer = true;
  let negated = false;
  let hasCodes = false;
  let codes = new EventCodeSet();

  const invert = (s: EventCodeSet): EventCodeSet => (hasCodes ? s.complement() : s);
  const maybeInvert = (s: EventCodeSet): EventCodeSet => (negated ? invert(s) : s);

  const combine = (children: readonly Expr[], conj: boolean): void => {
    // A fresh set, built in place (a typed array per child was most of the search's allocations).
    const acc = conj ? EventCodeSet.all() : new EventCodeSet();
    for (const c of children) {
      visit(c);
      if (conj) acc.intersectInPlace(codes);
      else acc.unionInPlace(codes);
    }
    codes = acc;
    isEvttypeField = false;
  };

  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'and':
      case 'or': {
        const slot = negated ? 1 : 0;
        let entry = known.get(e);
        const hit = entry?.[slot];
        if (hit) {
          codes = hit;
          isEvttypeField = false;
          return;
        }
        combine(e.children, e.kind === 'and' ? !negated : negated);
        if (!entry) known.set(e, (entry = [undefined, undefined]));
        entry[slot] = codes;
        return;
      }
      case 'not': {
        codes = new EventCodeSet();
        const saved = negated;
        negated = !negated;
        visit(e.child);
        negated = saved;
        isEvttypeField = false;
        return;
      }
      case 'binary': {
        hasCodes = false;
        const inv = evtNumInvariant(e);
        if (inv) {
          codes = inv === 'empty' ? new EventCodeSet() : ALL;
          hasCodes = true;
          isEvttypeField = false;
          codes = maybeInvert(codes);
          return;
        }
        if (EVTTYPE_OPS.has(e.op)) {
          visit(e.left);
          if (isEvttypeField) {
            isFieldOrTransformer = false;
            visit(e.right);
            if (isFieldOrTransformer) {
              throw new EventTypeSearchError('right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by event code search');
            }
            if (e.op === '!=') codes = invert(codes);
            isEvttypeField = false;
            return;
          }
        }
        codes = ALL;
        isEvttypeField = false;
        codes = maybeInvert(codes);
        return;
      }
      case 'unary':
        visit(e.left);
        hasCodes = isEvttypeField && e.op === 'exists';
        codes = ALL;
        isEvttypeField = false;
        codes = maybeInvert(codes);
        return;
      case 'identifier':
        hasCodes = false;
        codes = ALL;
        isEvttypeField = false;
        codes = maybeInvert(codes);
        return;
      case 'value':
      case 'list':
        hasCodes = true;
        codes = EventCodeSet.of(namesToEventCodes(e.kind === 'value' ? [e.value] : e.values, asyncNames));
        isEvttypeField = false;
        codes = maybeInvert(codes);
        return;
      case 'tlist':
        for (const c of e.children) visit(c);
        return;
      case 'field':
        hasCodes = false;
        isFieldOrTransformer = true;
        isEvttypeField = (e.field === 'evt.type' || e.field === 'syscall.type') && e.arg === undefined;
        codes = ALL;
        return;
      case 'transformer':
        for (const c of e.args) {
          visit(c);
          if (isEvttypeField) throw new EventTypeSearchError('event code search does not support `evt.type` checks with transformers');
        }
        isFieldOrTransformer = true;
        return;
    }
  };

  visit(expr);
  return codes;
}
