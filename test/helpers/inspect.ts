// libsinsp's sinsp_with_test_input, our way: replay a capture built in memory through an Inspector and read
// fields of the events (rendered as text like outputs, or the typed value), or evaluate conditions.
import { compileFilter, compileValue, FieldRegistry, formatValue, Inspector, parseCondition, parseFieldOrTransformer, SYSCALL_SOURCE, type InspectorOptions } from './engine.js';
import { readCaptureBuffer, type ScapEvent } from './scap.js';

export interface Row {
  num: number;
  type: string;
  dir: string;
  tid: number;
  /** Whether the event reaches the rules. */
  rules: boolean;
  /** Field text by field name; undefined when the value is missing. */
  f: Record<string, string | undefined>;
  /** Condition results by condition text. */
  c: Record<string, boolean>;
}

/** Every event of `capture` with the given fields and conditions evaluated after the inspector parsed it. */
export function inspect(capture: Uint8Array, fields: readonly string[], opts: InspectorOptions = {}, conditions: readonly string[] = []): Row[] {
  const registry = new FieldRegistry();
  const ins = new Inspector(registry, opts);
  const copts = { registry, source: SYSCALL_SOURCE, ...ins.compileOptions };
  const values = fields.map((name) => {
    const v = compileValue(parseFieldOrTransformer(name).expr, copts);
    const def = v.fields[0]?.def;
    return { name, v, print: def?.print ?? 'NA' };
  });
  const preds = conditions.map((c) => ({ c, p: compileFilter(parseCondition(c), copts).predicate }));
  const rows: Row[] = [];
  const sum = readCaptureBuffer(
    capture,
    {
      ...ins.stateHandler,
      event: (e: ScapEvent) => {
        const reaches = ins.next(e) !== undefined;
        const ctx = ins.context;
        const f: Row['f'] = {};
        for (const { name, v, print } of values) {
          const x = v.get(ctx);
          f[name] = x === undefined ? undefined : formatValue(x, v.type, print);
        }
        const c: Row['c'] = {};
        for (const { c: text, p } of preds) c[text] = p(ctx);
        rows.push({ num: e.num, type: e.typeName, dir: e.dir, tid: e.tid, rules: reaches, f, c });
      },
    },
    ins.readOptions,
  );
  if (sum.diagnostics.some((d) => d.severity === 'error')) throw new Error(sum.diagnostics.map((d) => d.message).join('; '));
  return rows;
}

/** The first row of an event type/direction at or after `from` (by number). */
export function find(rows: readonly Row[], type: string, dir: '>' | '<' = '<', from = 0, pred: (r: Row) => boolean = () => true): Row {
  const r = rows.find((x) => x.num >= from && x.type === type && x.dir === dir && pred(x));
  if (!r) throw new Error(`no ${type} ${dir} event`);
  return r;
}

export const PROFILES = [
  ['falco', { profile: 'falco', legacyEnterEvents: true }],
  ['sysdig-0.29.3', { profile: 'sysdig-0.29.3' }],
] as const satisfies readonly (readonly [string, InspectorOptions])[];
