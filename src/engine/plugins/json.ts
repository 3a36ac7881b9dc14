// Field extraction for the json plugin (fields for events of any source: `json.*` and the `jevt.*` aliases),
// with the plugin's semantics as found in falcosecurity/plugins @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26,
// plugins/json/pkg/json/json.go (Apache-2.0); the code here is our own. Every field is CHARBUF. A payload whose
// first byte is not `{` or `[`, or that is not JSON, has no json fields.
import type { FieldArg } from '../fields/types.js';
import { indentJson, jsonGet, jsonMarshal, type JsonValue } from './json-value.js';
import { normalize, type PayloadExtractor, type PluginPayload } from './payload.js';

const isJsonStart = (p: PluginPayload): boolean => p.firstByte === 0x7b || p.firstByte === 0x5b;

/**
 * `json.value[/a/b]`: the value at a JSON pointer (RFC 6901, `~1` → `/`, `~0` → `~`; array elements by
 * decimal index); strings as they are, anything else as compact JSON. An empty pointer gives the whole event.
 */
function value(p: PluginPayload, arg: FieldArg | undefined): string | undefined {
  const root = p.json;
  if (root === undefined || !isJsonStart(p)) return undefined;
  let ptr = arg?.key ?? arg?.raw ?? '';
  if (ptr === '') return jsonMarshal(root);
  if (ptr.startsWith('/')) ptr = ptr.slice(1);
  let v: JsonValue | undefined = root;
  for (const seg of ptr.split('/')) {
    v = jsonGet(v, seg.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (v === undefined) return undefined;
  }
  return v.t === 'string' ? v.v : jsonMarshal(v);
}

/** `json.obj`: the event re-indented by two spaces per level, tokens as written; only for strict JSON (Go's indenter validates). */
function obj(p: PluginPayload): string | undefined {
  if (!isJsonStart(p) || !p.strictJson) return undefined;
  return indentJson(p.text);
}

/** `json.rawtime`: the event timestamp in nanoseconds, as text. */
const rawtime = (p: PluginPayload): string | undefined => (isJsonStart(p) && p.json !== undefined ? String(p.ts) : undefined);

const FIELDS: readonly [string, (p: PluginPayload, arg: FieldArg | undefined) => string | undefined][] = [
  ['json.value', value],
  ['json.obj', obj],
  ['json.rawtime', rawtime],
  ['jevt.value', value],
  ['jevt.obj', obj],
  ['jevt.rawtime', rawtime],
];

/** Extractors of every json plugin field, by name. */
export const JSON_EXTRACTORS: ReadonlyMap<string, PayloadExtractor> = new Map(FIELDS.map(([name, f]) => [name, (p, arg) => normalize(f(p, arg))]));
