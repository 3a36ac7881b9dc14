// Falco's advisory schema check of rules documents (`falco --rule-schema`). It never fails a load; it only
// reports `schema_valid`/`schema_warnings`. Messages follow the layout Falco prints ("failed for
// <root>[0][priority]: ..."); the wording of each problem is ours where Falco's validator library differs.
import type { Document } from 'yaml';
import { YamlView, type YNode } from './yaml.js';

type Check = (y: YamlView, n: YNode | null, path: string, out: string[]) => boolean;

const fail = (out: string[], path: string, msg: string): boolean => {
  out.push(`failed for ${path}: ${msg}`);
  return false;
};

const typed =
  (want: 'string' | 'boolean' | 'integer' | 'array' | 'object' | 'any'): Check =>
  (y, n, path, out) => {
    const ok = ((): boolean => {
      switch (want) {
        case 'any':
          return true;
        case 'string':
          return y.isScalar(n);
        case 'boolean':
          return y.isScalar(n) && (y.text(n) === 'true' || y.text(n) === 'false');
        case 'integer':
          return y.isScalar(n) && /^-?\d+$/.test(y.text(n) ?? '');
        case 'array':
          return y.isSeq(n);
        case 'object':
          return y.isMap(n);
      }
    })();
    return ok || fail(out, path, "Value type not permitted by 'type' constraint.");
  };

const enumOf =
  (values: readonly string[]): Check =>
  (y, n, path, out) =>
    (y.isScalar(n) && values.includes(y.text(n) ?? '')) || fail(out, path, 'Failed to match against any enum values.');

const arrayOf =
  (item: Check): Check =>
  (y, n, path, out) => {
    if (!typed('array')(y, n, path, out)) return false;
    let ok = true;
    y.items(n as never).forEach((v, i) => {
      if (!item(y, v, `${path}[${i}]`, out)) {
        fail(out, path, `Failed to validate item #${i} in array.`);
        ok = false;
      }
    });
    return ok;
  };

const objectOf =
  (props: Readonly<Record<string, Check>>, required: readonly string[] = [], minProperties = 0): Check =>
  (y, n, path, out) => {
    if (!typed('object')(y, n, path, out)) return false;
    let ok = true;
    const entries = y.entries(n as never);
    for (const { key, value } of entries) {
      const check = Object.hasOwn(props, key) ? props[key] : undefined;
      if (!check) {
        ok = fail(out, path, `Object contains a property that could not be validated using 'properties' or 'additionalProperties' constraints: '${key}'.`);
        continue;
      }
      if (!check(y, value, `${path}[${key}]`, out)) {
        ok = fail(out, path, `Failed to validate against schema associated with property name '${key}'.`);
      }
    }
    for (const r of required) if (!entries.some((e) => e.key === r)) ok = fail(out, path, `Missing required property '${r}'.`);
    if (entries.length < minProperties) ok = fail(out, path, `Object should have no fewer than ${minProperties} properties.`);
    return ok;
  };

const overridden = enumOf(['append', 'replace']);
const PRIORITY = enumOf(['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'INFORMATIONAL', 'DEBUG']);
const ALTERNATIVE = objectOf({ name: typed('string'), version: typed('string') }, ['name', 'version']);
const PLUGIN_VERSION = objectOf({ name: typed('string'), version: typed('string'), alternatives: arrayOf(ALTERNATIVE) }, ['name', 'version']);
const EXCEPTION = objectOf({ name: typed('string'), fields: typed('any'), comps: typed('any'), values: typed('any') }, ['name']);
const OVERRIDE = objectOf(
  Object.fromEntries(
    ['items', 'desc', 'condition', 'output', 'priority', 'enabled', 'exceptions', 'capture', 'capture_duration', 'tags', 'warn_evttypes', 'skip-if-unknown-filter'].map((k) => [
      k,
      overridden,
    ]),
  ),
  [],
  1,
);
const ITEM: Check = (y, n, path, out) => y.isScalar(n) || fail(out, path, 'Failed to validate against any child schemas allowed by anyOf constraint.');
const FALCO_RULE = objectOf({
  required_engine_version: typed('string'),
  required_plugin_versions: arrayOf(PLUGIN_VERSION),
  macro: typed('string'),
  condition: typed('string'),
  list: typed('string'),
  items: arrayOf(ITEM),
  rule: typed('string'),
  desc: typed('string'),
  enabled: typed('boolean'),
  output: typed('string'),
  append: typed('boolean'),
  priority: PRIORITY,
  capture: typed('boolean'),
  capture_duration: typed('integer'),
  source: typed('string'),
  exceptions: arrayOf(EXCEPTION),
  override: OVERRIDE,
  tags: arrayOf(typed('string')),
  warn_evttypes: typed('boolean'),
  'skip-if-unknown-filter': typed('boolean'),
});
const RULES_FILE = arrayOf(FALCO_RULE);

/**
 * Falco's per-document schema statuses: `ok` for a valid document, else its problems. Falco reports the
 * file as schema-valid when the first status is `ok` (documents after the first do not change that).
 */
export function schemaStatuses(docs: readonly Document.Parsed[]): string[] {
  const statuses: string[] = [];
  for (const doc of docs) {
    const y = new YamlView(doc);
    if (y.isNull(y.node(doc.contents))) continue;
    const out: string[] = [];
    if (RULES_FILE(y, y.node(doc.contents), '<root>', out)) statuses.push('ok');
    else statuses.push(...out);
  }
  return statuses;
}
