// One plugin event's payload as the extractors see it: the bytes the plugin stored, the event's timestamp,
// and the JSON parsed from them at most once (per parsing flavour) however many fields are extracted.
import type { FieldArg, FieldValue } from '../fields/types.js';
import { parseJson, type JsonParseError, type JsonValue } from './json-value.js';

/** Largest payload the extractors parse; larger ones extract nothing (k8s audit events are capped far lower upstream). */
export const PLUGIN_PAYLOAD_MAX = 4 * 1024 * 1024;

export interface PayloadError {
  readonly code: JsonParseError['code'] | 'PAYLOAD_TOO_LARGE';
  readonly offset: number;
  readonly message: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class PluginPayload {
  readonly bytes: Uint8Array;
  /** Event timestamp in nanoseconds (what `json.rawtime` prints). */
  readonly ts: bigint | number;
  #text: string | undefined;
  #json: JsonValue | null | undefined;
  #jsonError: PayloadError | undefined;
  #strict = false;
  #trimmed: JsonValue | null | undefined;

  constructor(bytes: Uint8Array, ts: bigint | number = 0) {
    this.bytes = bytes;
    this.ts = ts;
  }

  get tooLarge(): boolean {
    return this.bytes.length > PLUGIN_PAYLOAD_MAX;
  }

  /** The payload decoded as UTF-8 (invalid sequences become U+FFFD). */
  get text(): string {
    if (this.#text === undefined) this.#text = this.tooLarge ? '' : utf8.decode(this.bytes);
    return this.#text;
  }

  /** First byte, or -1 for an empty payload. */
  get firstByte(): number {
    return this.bytes.length ? (this.bytes[0] as number) : -1;
  }

  /** The payload parsed as one JSON document, or undefined when it is not one (see {@link error}). */
  get json(): JsonValue | undefined {
    if (this.#json === undefined) {
      if (this.tooLarge) {
        this.#json = null;
        this.#jsonError = { code: 'PAYLOAD_TOO_LARGE', offset: PLUGIN_PAYLOAD_MAX, message: `plugin payload of ${this.bytes.length} bytes exceeds ${PLUGIN_PAYLOAD_MAX}` };
      } else {
        const r = parseJson(this.text);
        this.#json = r.ok ? r.value : null;
        if (r.ok) this.#strict = r.strict;
        else this.#jsonError = r.error;
      }
    }
    return this.#json ?? undefined;
  }

  /** The payload is strict JSON (it parsed without the leniency fastjson allows in strings). */
  get strictJson(): boolean {
    return this.json !== undefined && this.#strict;
  }

  /** Why {@link json} is undefined. */
  get error(): PayloadError | undefined {
    void this.json;
    return this.#jsonError;
  }

  /** The JSON of the payload with NUL bytes at either end removed first (how the CloudTrail plugin reads it). */
  get jsonNulTrimmed(): JsonValue | undefined {
    if (this.#trimmed === undefined) {
      const b = this.bytes;
      let s = 0;
      let e = b.length;
      while (s < e && b[s] === 0) s++;
      while (e > s && b[e - 1] === 0) e--;
      if (s === 0 && e === b.length) this.#trimmed = this.json ?? null;
      else if (this.tooLarge) this.#trimmed = null;
      else {
        const r = parseJson(utf8.decode(b.subarray(s, e)));
        this.#trimmed = r.ok ? r.value : null;
      }
    }
    return this.#trimmed ?? undefined;
  }
}

/**
 * Hands out the same {@link PluginPayload} for as long as the event epoch does not change, so every field
 * extracted from one event shares one parse.
 */
export class PluginPayloadCache {
  #epoch = Number.NaN;
  #payload: PluginPayload | undefined;

  get(epoch: number, bytes: Uint8Array, ts: bigint | number): PluginPayload {
    if (epoch !== this.#epoch || !this.#payload) {
      this.#payload = new PluginPayload(bytes, ts);
      this.#epoch = epoch;
    }
    return this.#payload;
  }
}

/** Extracts one plugin field from a payload: the plugin's typed value, or undefined when it has none. */
export type PayloadExtractor = (p: PluginPayload, arg: FieldArg | undefined) => FieldValue | undefined;

/** Raw result of a plugin field function before normalisation. */
export type RawValue = string | number | bigint | readonly string[] | undefined;

/**
 * What libsinsp keeps of a plugin's answer: strings end at their first NUL (they cross the plugin API as C
 * strings) and a list with no element is no value.
 */
export function normalize(v: RawValue): FieldValue | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return cutNul(v);
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v.length === 0) return undefined;
  return v.map(cutNul);
}

function cutNul(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}
