// JSON for the terminal and for pipelines: keys sorted (as Falco's nlohmann output is), and every character
// that could move a cursor or reorder text escaped, which keeps the JSON equivalent.
import { escapeJsonText } from '../common/index.js';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out = Object.create(null) as Record<string, unknown>; // keys may come from input: `__proto__` stays a key
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** JSON text with sorted keys; DEL, C1 controls, line separators and bidi controls are \\u-escaped. */
export function toJson(value: unknown, indent?: number): string {
  return escapeJsonText(JSON.stringify(sortKeys(value), null, indent));
}
