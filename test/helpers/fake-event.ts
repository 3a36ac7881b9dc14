// A fake event for predicate tests: field values by name (`proc.name`, `proc.aname[2]`, `evt.arg[flags]`),
// bound to compiled conditions through the compiler's extractor binder.
import { compileFilter, parseCondition, FieldRegistry, type EvalContext, type FieldValue, type ResolvedField } from './engine.js';

let epoch = 0;

export interface FakeEvent extends EvalContext {
  readonly values: Readonly<Record<string, FieldValue | undefined>>;
}

/** The key a field reference is looked up by: its name, plus `[arg]` when it has one. */
export const fieldKey = (r: ResolvedField): string => (r.arg ? `${r.def.name}[${r.arg.raw}]` : r.def.name);

const registry = new FieldRegistry();

/** Compile `condition` for `source` and return a function evaluating it on field values. */
export function evaluator(condition: string, source = 'syscall', opts: { netListFirstOnly?: boolean; addresses2022?: boolean } = {}): (values: Record<string, FieldValue | undefined>) => boolean {
  const { predicate } = compileFilter(parseCondition(condition), {
    registry,
    source,
    ...opts,
    bind: (r) => (ctx) => (ctx as FakeEvent).values[fieldKey(r)],
  });
  return (values) => predicate({ epoch: ++epoch, values } as FakeEvent);
}

/** The compile error message of `condition`, or undefined if it compiles. */
export function compileErrorOf(condition: string, source = 'syscall'): string | undefined {
  try {
    compileFilter(parseCondition(condition), { registry, source });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function warningsOf(condition: string, source = 'syscall'): string[] {
  return compileFilter(parseCondition(condition), { registry, source }).warnings.map((w) => w.message);
}
