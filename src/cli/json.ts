// JSON for the terminal and for pipelines: keys sorted (as Falco's nlohmann output is), and every character
// that could move a cursor or reorder text escaped, which keeps the JSON equivalent.

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** JSON text with sorted keys; DEL, C1 controls, line separators and bidi controls are \\u-escaped. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
