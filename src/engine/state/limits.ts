// Bounds on the state a capture can make us build. Capture contents are attacker-controlled, so every table
// grows only to libsinsp's own limits, and every JSON text read from a capture is measured before parsing.
// What was dropped is counted and reported once per capture (Inspector.stateWarnings).
import type { Diagnostic } from '../../common/index.js';

/**
 * Thread table capacity. libsinsp refuses a new thread once its table holds this many (it logs "Thread table
 * full" and counts the drop); current libs default to 262144 entries, 2022 libs (sysdig 0.29.3) to 131072.
 */
export const THREAD_TABLE_MAX = { current: 262_144, legacy: 131_072 } as const;

/** Per-process fd table capacity: libsinsp discards a new fd once the table holds this many (both eras). */
export const FD_TABLE_MAX = 4096;

/** Largest JSON text read from a capture (container metadata events); real records are a few KiB. */
export const JSON_MAX_BYTES = 1 << 20;

/** Deepest nesting of arrays and objects accepted in JSON read from a capture (container records nest 4 deep). */
export const JSON_MAX_DEPTH = 64;

/** Why a JSON text was refused before parsing, or undefined when it is within the limits. */
export function jsonLimitViolation(text: string, maxBytes = JSON_MAX_BYTES, maxDepth = JSON_MAX_DEPTH): string | undefined {
  // UTF-16 length ≤ UTF-8 byte length ≤ 3 × UTF-16 length: the exact byte count is only needed near the cap.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    return `${Buffer.byteLength(text, 'utf8')} bytes of JSON exceed the ${maxBytes}-byte limit`;
  }
  // One linear pass over the text: nesting depth outside string literals.
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return `JSON nested deeper than ${maxDepth} levels (at character ${i})`;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** What kinds of state were refused, counted per capture. */
export const enum StateLimit {
  THREAD_TABLE_FULL = 0,
  FD_TABLE_FULL = 1,
  METADATA_REJECTED = 2,
}

const LIMIT_CODES = ['STATE_THREAD_TABLE_FULL', 'STATE_FD_TABLE_FULL', 'STATE_METADATA_REJECTED'] as const;

/** Counters of refused state, with the first occurrence of each kind described for the warning. */
export class StateWarnings {
  readonly counts = new Float64Array(LIMIT_CODES.length);
  readonly #first: (string | undefined)[] = [];

  /** Count one refusal of `kind`; `first` describes it and is kept only for the first one. */
  note(kind: StateLimit, first: () => string): void {
    const n = this.counts[kind] as number;
    this.counts[kind] = n + 1;
    if (n === 0) this.#first[kind] = first();
  }

  count(kind: StateLimit): number {
    return this.counts[kind] as number;
  }

  /** One warning per kind that was hit, saying how often (none when no limit was reached). */
  diagnostics(file: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (let k = 0; k < LIMIT_CODES.length; k++) {
      const n = this.counts[k] as number;
      if (n === 0) continue;
      const first = this.#first[k] ?? '';
      const kind = k as StateLimit;
      let message: string;
      if (kind === StateLimit.THREAD_TABLE_FULL) message = `thread table full: ${n} new thread${n === 1 ? '' : 's'} not tracked (first: ${first})`;
      else if (kind === StateLimit.FD_TABLE_FULL) message = `fd table full: ${n} new fd${n === 1 ? '' : 's'} not tracked (first: ${first})`;
      else message = `${n} metadata event${n === 1 ? '' : 's'} ignored (first: ${first})`;
      out.push({ code: LIMIT_CODES[k] as string, severity: 'warning', message, location: { file } });
    }
    return out;
  }

  reset(): void {
    this.counts.fill(0);
    this.#first.length = 0;
  }
}
