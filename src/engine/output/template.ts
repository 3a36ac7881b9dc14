// Output templates: a rule's output parsed once into literal text and field tokens, exactly as libsinsp's
// formatter reads it (`%field`, `%field[arg]`, `%10field` widths, transformers; no `%(field)` form and no
// escape for a literal `%`). Rendering values is the replay engine's job; each field token carries a
// compiled getter and the field's type for it.
import { FalcoReplayError } from '../../common/index.js';
import { compileValue, CompileError, type CompiledValue, type FieldBinder } from '../condition/compile.js';
import type { ExtractionCache } from '../condition/cache.js';
import type { Expr } from '../condition/ast.js';
import { ConditionSyntaxError, FIELD_NAME, parseFieldOrTransformer, TRANSFORMER_NAMES } from '../condition/parser.js';
import { printFalco } from '../condition/printer.js';
import type { FieldRegistry } from '../fields/registry.js';

/** Literal text of an output. */
export interface OutputText {
  readonly kind: 'text';
  readonly text: string;
}

/** A `%field` token. */
export interface OutputField {
  readonly kind: 'field';
  /** The token as written after `%` (width digits included). */
  readonly raw: string;
  /** Fixed width: the rendered value is truncated or right-padded to it; 0 when none. */
  readonly width: number;
  readonly expr: Expr;
  /** The canonical text of the expression (`proc.aname[2]`, `tolower(proc.name)`). */
  readonly name: string;
  readonly value: CompiledValue;
  /** Offset of the `%` in the output text (after a leading `*` was removed, as in libsinsp). */
  readonly offset: number;
}

export type OutputToken = OutputText | OutputField;

/** A parsed output format. */
export interface OutputFormat {
  readonly format: string;
  /** False when the format starts with `*`: render even with missing values (Falco always formats so). */
  readonly requireAll: boolean;
  readonly tokens: readonly OutputToken[];
  /**
   * The names Falco resolves for this format (`get_field_names`): every field, and every transformer
   * expression (whose inner fields come first). JSON `output_fields` keys are the untransformed ones.
   */
  readonly fieldNames: readonly string[];
  /** Which of {@link fieldNames} are transformer expressions (left out of JSON `output_fields`). */
  readonly transformed: readonly boolean[];
}

/** An invalid output format; `offset` is where the offending `%` is. Messages are libsinsp's. */
export class OutputFormatError extends FalcoReplayError {
  override readonly name = 'OutputFormatError';
  override readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export interface OutputOptions {
  readonly registry: FieldRegistry;
  readonly source: string;
  readonly cache?: ExtractionCache;
  readonly bind?: FieldBinder;
}

function resolutionNames(e: Expr, names: string[], transformed: boolean[]): void {
  let lastWasTransformer = false;
  const visit = (n: Expr): void => {
    if (n.kind === 'field') {
      names.push(printFalco(n));
      transformed.push(false);
      lastWasTransformer = false;
    } else if (n.kind === 'transformer') {
      for (const c of n.args) visit(c);
      if (lastWasTransformer) {
        names.pop();
        transformed.pop();
      }
      names.push(printFalco(n));
      transformed.push(true);
      lastWasTransformer = true;
    } else if (n.kind === 'tlist') {
      for (const c of n.children) visit(c);
    }
  };
  visit(e);
}

/** libsinsp names a bad token by the rest of the format from the field on, past any transformer openings. */
function fieldStart(rest: string): string {
  let s = rest;
  for (let again = true; again; ) {
    again = false;
    for (const t of TRANSFORMER_NAMES) {
      if (s.startsWith(`${t}(`)) {
        s = s.slice(t.length + 1);
        again = true;
      }
    }
  }
  return s;
}

/** The parser's field-name pattern, an object of our own (its position is set per use). */
const PLAIN_FIELD = new RegExp(FIELD_NAME.source, 'y');

/** Plain `%field` tokens compiled so far, per extraction cache (one per rules compile): outputs repeat the same fields. */
interface PlainField {
  readonly expr: Expr;
  /** `printFalco(expr)`: the field's name. */
  readonly name: string;
  readonly value: CompiledValue;
  readonly registry: FieldRegistry;
  readonly bind: FieldBinder | undefined;
}
const plainFields = new WeakMap<ExtractionCache, Map<string, PlainField>>();

/**
 * The token at `at` when it is a plain field name (no argument, no transformer) that compiles: what the parser and
 * compiler below give for it, remembered per cache. Undefined otherwise: the general path then decides, errors too.
 */
function plainField(fmt: string, at: number, opts: OutputOptions): { expr: Expr; name: string; value: CompiledValue; length: number } | undefined {
  if (!opts.cache) return undefined;
  PLAIN_FIELD.lastIndex = at;
  const m = PLAIN_FIELD.exec(fmt);
  if (!m || fmt[at + m[0].length] === '[') return undefined;
  const name = m[0];
  let memo = plainFields.get(opts.cache);
  if (!memo) plainFields.set(opts.cache, (memo = new Map<string, PlainField>()));
  const key = `${opts.source}\u0000${name}`;
  const hit = memo.get(key);
  if (hit && hit.registry === opts.registry && hit.bind === opts.bind) return { expr: hit.expr, name, value: hit.value, length: name.length };
  const expr: Expr = { kind: 'field', field: name, offset: 0 };
  let value: CompiledValue;
  try {
    value = compileValue(expr, opts);
  } catch (e) {
    if (e instanceof CompileError) return undefined;
    throw e;
  }
  memo.set(key, { expr, name, value, registry: opts.registry, bind: opts.bind });
  return { expr, name, value, length: name.length };
}

/** Parse and validate an output format; throws {@link OutputFormatError}. */
export function parseOutputFormat(format: string, opts: OutputOptions): OutputFormat {
  if (format === '') throw new OutputFormatError('empty formatting token', 0);
  let fmt = format;
  let requireAll = true;
  if (fmt[0] === '*') {
    requireAll = false;
    fmt = fmt.slice(1);
  }
  const tokens: OutputToken[] = [];
  const fieldNames: string[] = [];
  const transformed: boolean[] = [];
  const n = fmt.length;
  let literalStart = 0;
  let j = 0;
  for (j = fmt.indexOf('%'); j !== -1 && j < n; j = fmt.indexOf('%', j + 1)) {
    const at = j;
    if (literalStart !== j) tokens.push({ kind: 'text', text: fmt.slice(literalStart, j) });
    if (j === n - 1) throw new OutputFormatError('invalid formatting syntax: formatting cannot end with a %', at);
    let width = 0;
    if (/[0-9]/.test(fmt[j + 1] as string)) {
      width = Number(/^[0-9]+/.exec(fmt.slice(j + 1))?.[0] ?? '0');
      while (true) {
        if (j === n - 1) throw new OutputFormatError('invalid formatting syntax: formatting cannot end with a number', at);
        if (/[0-9]/.test(fmt[j + 1] as string)) j++;
        else break;
      }
    }
    let size = n - (j + 1);
    let parsed: { expr: Expr; name?: string; value: CompiledValue; length: number } | undefined = plainField(fmt, j + 1, opts);
    while (!parsed) {
      try {
        const r = parseFieldOrTransformer(fmt.slice(j + 1, j + 1 + size));
        const value = compileValue(r.expr, opts);
        parsed = { expr: r.expr, value, length: r.length };
      } catch (e) {
        if (!(e instanceof ConditionSyntaxError || e instanceof CompileError)) throw e;
        size--;
        if (size <= 0) throw new OutputFormatError(`invalid formatting token ${fieldStart(fmt.slice(j + 1))}`, at);
      }
    }
    // A plain field resolves as itself (what resolutionNames gives for a field node).
    if (parsed.name !== undefined) {
      fieldNames.push(parsed.name);
      transformed.push(false);
    } else resolutionNames(parsed.expr, fieldNames, transformed);
    const raw = fmt.slice(at + 1, j + 1 + parsed.length);
    tokens.push({ kind: 'field', raw, width, expr: parsed.expr, name: parsed.name ?? printFalco(parsed.expr), value: parsed.value, offset: at });
    j += parsed.length;
    literalStart = j + 1;
  }
  if (literalStart < n) tokens.push({ kind: 'text', text: fmt.slice(literalStart) });
  return { format, requireAll, tokens, fieldNames, transformed };
}
