// A hand-written scanner and recursive-descent parser for Falco conditions, producing the AST of ast.ts.
// It follows libsinsp's grammar token for token (see docs/rules-language.md#grammar), so it accepts and rejects the
// same inputs, reports the same messages and stops at the same offsets.
import { FalcoReplayError } from '../../common/index.js';
import type { Expr, FieldExpr, ListExpr, ValueExpr } from './ast.js';
import { EscapeError, unescapeQuoted } from './escaping.js';

/** A syntax error at `offset` (UTF-16 index into the condition text); messages are libsinsp's. */
export class ConditionSyntaxError extends FalcoReplayError {
  override readonly name = 'ConditionSyntaxError';
  override readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export interface ParseOptions {
  /** Maximum nesting of parser calls (libsinsp's default is 100; Falco sets 1000). */
  maxDepth?: number;
}

const NOT_BLANK = /not[ \t\n\v\f\r]+/y;
const IDENTIFIER = /[a-zA-Z]+[a-zA-Z0-9_]*/y;
/** A field name as Falco's grammar lexes it (sticky: read at a position). */
export const FIELD_NAME = /[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+/y;
const FIELD_ARG_BARE = /[^\][" '\t\n\v\f\r]+/y;
const HEX_NUM = /0[xX][0-9a-fA-F]+/y;
const NUMBER = /[+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?/y;
const BARE_STR = /[^()"' \t\n\v\f\r=,]+/y;

const UNARY_OPS = ['exists'];
const NUM_OPS = ['<=', '<', '>=', '>'];
// A trailing blank marks word operators that must be followed by a blank.
const STR_OPS = ['==', '=', '!=', 'glob ', 'iglob ', 'contains ', 'icontains ', 'bcontains ', 'startswith ', 'bstartswith ', 'endswith ', 'regex '];
const STR_MODIFIERS = ['oneof ', 'anyof ', 'allof '];
const LIST_OPS = ['intersects', 'in', 'pmatch'];
const TRANSFORMERS = ['tolower(', 'toupper(', 'b64(', 'basename(', 'len(', 'join(', 'concat(', 'getopt('];

/** Every comparison operator, in libsinsp's listing order. */
export const OPERATORS: readonly string[] = [...UNARY_OPS, ...NUM_OPS, ...STR_OPS, ...LIST_OPS].map((o) => o.trim());
/** Operators whose right-hand side is a list. */
export const LIST_OPERATORS: readonly string[] = LIST_OPS;
/** Operators that accept an `oneof`/`anyof`/`allof` modifier. */
export const MODIFIABLE_OPERATORS: readonly string[] = STR_OPS.map((o) => o.trim());
export const MODIFIERS: readonly string[] = STR_MODIFIERS.map((o) => o.trim());
/** Transformer names, `val` first. */
export const TRANSFORMER_NAMES: readonly string[] = ['val', ...TRANSFORMERS.map((t) => t.slice(0, -1))];

const quotedList = (items: readonly string[]): string => items.map((i) => `'${i}'`).join(', ');

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 8 || c === 13 || c === 10;

class Parser {
  readonly #input: string;
  readonly #maxDepth: number;
  #offset = 0;
  #last = '';
  #depth = 0;

  constructor(input: string, maxDepth: number) {
    this.#input = input;
    this.#maxDepth = maxDepth;
  }

  get offset(): number {
    return this.#offset;
  }

  fail(message: string): never {
    throw new ConditionSyntaxError(message, this.#offset);
  }

  #enter(): void {
    this.#depth++;
    if (this.#depth >= this.#maxDepth) this.fail(`exceeded max depth limit of ${this.#maxDepth}`);
  }

  parse(): Expr {
    if (this.#input.length === 0) this.fail('filter input string is empty');
    const res = this.#parseOr();
    if (this.#offset !== this.#input.length) this.fail(`unexpected token after '${this.#last}', expecting 'or', 'and'`);
    return res;
  }

  /** A field or transformer alone (output tokens); stops at the end of it. */
  parseFieldOrTransformer(): Expr {
    this.#enter();
    try {
      const offset = this.#offset;
      if (this.#lexRegex(FIELD_NAME)) return this.#parseFieldRemainder(this.#last, offset);
      if (this.#lexList(TRANSFORMERS)) {
        this.#lexBlank();
        return this.#parseTransformerRemainder(this.#last.slice(0, -1), offset);
      }
      this.fail(`unexpected token after '${this.#last}`);
    } finally {
      this.#depth--;
    }
  }

  #parseOr(): Expr {
    this.#enter();
    try {
      const offset = this.#offset;
      const children: Expr[] = [];
      this.#lexBlank();
      children.push(this.#parseAnd());
      this.#lexBlank();
      while (this.#lexString('or')) {
        if (!this.#lexBlank()) {
          if (this.#lexString('(')) children.push(this.#parseEmbeddedRemainder());
          else this.fail("expected blank or '(' after 'or'");
        } else {
          children.push(this.#parseAnd());
        }
        this.#lexBlank();
      }
      return children.length > 1 ? { kind: 'or', children, offset } : (children[0] as Expr);
    } finally {
      this.#depth--;
    }
  }

  #parseAnd(): Expr {
    this.#enter();
    try {
      const offset = this.#offset;
      const children: Expr[] = [];
      this.#lexBlank();
      children.push(this.#parseNot());
      this.#lexBlank();
      while (this.#lexString('and')) {
        if (!this.#lexBlank()) {
          if (this.#lexString('(')) children.push(this.#parseEmbeddedRemainder());
          else this.fail("expected blank or '(' after 'and'");
        } else {
          children.push(this.#parseNot());
        }
        this.#lexBlank();
      }
      return children.length > 1 ? { kind: 'and', children, offset } : (children[0] as Expr);
    } finally {
      this.#depth--;
    }
  }

  #parseNot(): Expr {
    this.#enter();
    try {
      const offset = this.#offset;
      let negate = false;
      this.#lexBlank();
      while (this.#lexRegex(NOT_BLANK)) negate = !negate;
      let child: Expr;
      if (this.#lexString('not(')) {
        negate = !negate;
        child = this.#parseEmbeddedRemainder();
      } else {
        child = this.#parseCheck();
      }
      return negate ? { kind: 'not', child, offset } : child;
    } finally {
      this.#depth--;
    }
  }

  #parseEmbeddedRemainder(): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      const child = this.#parseOr();
      this.#lexBlank();
      if (!this.#lexString(')')) this.fail("expected a ')' token");
      return child;
    } finally {
      this.#depth--;
    }
  }

  #parseCheck(): Expr {
    this.#enter();
    try {
      const offset = this.#offset;
      this.#lexBlank();
      if (this.#lexString('(')) return this.#parseEmbeddedRemainder();
      if (this.#lexRegex(FIELD_NAME)) {
        const left = this.#parseFieldRemainder(this.#last, offset);
        return this.#parseCondition(left, offset);
      }
      if (this.#lexList(TRANSFORMERS)) {
        this.#lexBlank();
        const left = this.#parseTransformerRemainder(this.#last.slice(0, -1), offset);
        return this.#parseCondition(left, offset);
      }
      if (this.#lexRegex(IDENTIFIER)) return { kind: 'identifier', name: this.#last, offset };
      this.fail("expected a '(' token, a field check, or an identifier");
    } finally {
      this.#depth--;
    }
  }

  #parseFieldRemainder(field: string, offset: number): FieldExpr {
    this.#enter();
    try {
      const arg = this.#parseOptionalFieldArg();
      return arg === undefined ? { kind: 'field', field, offset } : { kind: 'field', field, arg, offset };
    } finally {
      this.#depth--;
    }
  }

  #parseOptionalFieldArg(): string | undefined {
    if (!this.#lexString('[')) return undefined;
    if (!this.#lexQuoted() && !this.#lexRegex(FIELD_ARG_BARE)) this.fail('expected a valid field argument: a quoted string or a bare string');
    const arg = this.#last;
    if (!this.#lexString(']')) this.fail("expected a ']' token");
    return arg;
  }

  #parseTransformerRemainder(transformer: string, offset: number): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      const args: Expr[] = [];
      do {
        args.push(this.#parseTransformerArg(this.#offset));
        this.#lexBlank();
      } while (this.#lexString(','));
      this.#lexBlank();
      if (!this.#lexString(')')) this.fail("expected a ')' token closing the transformer");
      const arg = this.#parseOptionalFieldArg();
      return arg === undefined ? { kind: 'transformer', transformer, args, offset } : { kind: 'transformer', transformer, args, arg, offset };
    } finally {
      this.#depth--;
    }
  }

  #parseTransformerArg(offset: number): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      if (this.#lexRegex(HEX_NUM) || this.#lexRegex(NUMBER)) return this.#value(offset);
      if (this.#lexQuoted()) return this.#value(offset);
      if (this.#lexString('(')) return this.#parseTransformerList(offset);
      if (this.#lexList(TRANSFORMERS)) return this.#parseTransformerRemainder(this.#last.slice(0, -1), offset);
      if (this.#lexRegex(FIELD_NAME)) return this.#parseFieldRemainder(this.#last, offset);
      this.fail('expected field transformer argument: field, transformer, quoted string, number, or transformer list');
    } finally {
      this.#depth--;
    }
  }

  #parseTransformerList(offset: number): Expr {
    const children: Expr[] = [];
    this.#lexBlank();
    if (this.#lexString(')')) return { kind: 'tlist', children, offset };
    children.push(this.#parseTransformerListArg(offset));
    this.#lexBlank();
    while (this.#lexString(',')) {
      this.#lexBlank();
      children.push(this.#parseTransformerListArg(offset));
      this.#lexBlank();
    }
    if (!this.#lexString(')')) this.fail("expected ')'");
    return { kind: 'tlist', children, offset };
  }

  #parseTransformerListArg(offset: number): Expr {
    if (this.#lexRegex(FIELD_NAME)) return this.#parseFieldRemainder(this.#last, offset);
    if (this.#lexList(TRANSFORMERS)) {
      this.#lexBlank();
      return this.#parseTransformerRemainder(this.#last.slice(0, -1), offset);
    }
    if (this.#lexQuoted()) return this.#value(offset);
    if (this.#lexRegex(HEX_NUM) || this.#lexRegex(NUMBER)) return this.#value(offset);
    this.fail('expected transformer list argument: field, transformer, quoted string, or number');
  }

  #parseCondition(left: Expr, offset: number): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      if (this.#lexOperator(UNARY_OPS)) return { kind: 'unary', left, op: this.#last.trim(), offset };
      this.#lexBlank();
      let op: string;
      let right: Expr;
      if (this.#lexOperator(NUM_OPS)) {
        op = this.#last;
        right = this.#parseNumValueOrTransformer();
      } else if (this.#lexOperator(STR_OPS)) {
        op = this.#last;
        // Word operators consumed their blank already; symbol operators take an optional one here.
        const hadBlank = /^[a-z]/.test(op) || this.#lexBlank();
        const savedPos = this.#offset;
        const savedLast = this.#last;
        if (hadBlank && this.#lexOperator(STR_MODIFIERS) && this.#listValueFollows() && !this.#boolKeywordFollows()) {
          op = `${op.trim()} ${this.#last.trim()}`;
          right = this.#parseListValue();
        } else {
          this.#offset = savedPos;
          this.#last = savedLast;
          right = this.#parseStrValueOrTransformer(false);
        }
      } else if (this.#lexOperator(LIST_OPS)) {
        op = this.#last;
        right = this.#parseListValueOrTransformer();
      } else {
        this.fail(`expected a valid check operator: one of ${quotedList(OPERATORS)}`);
      }
      return { kind: 'binary', left, op: op.trim(), right, offset };
    } finally {
      this.#depth--;
    }
  }

  #parseNumValueOrTransformer(): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      const offset = this.#offset;
      const t = this.#tryParseTransformerOrVal();
      if (t) return t;
      if (this.#lexRegex(HEX_NUM) || this.#lexRegex(NUMBER)) return this.#value(offset);
      this.fail(`expected a number value or a field with a valid transformer: ${quotedList(TRANSFORMER_NAMES)}`);
    } finally {
      this.#depth--;
    }
  }

  #parseStrValueOrTransformer(noTransformer: boolean): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      const offset = this.#offset;
      if (!noTransformer) {
        const t = this.#tryParseTransformerOrVal();
        if (t) return t;
      }
      if (this.#lexQuoted() || this.#lexRegex(BARE_STR)) return this.#value(offset);
      if (noTransformer) this.fail('expected a string value');
      this.fail(`expected a string value or a field with a valid transformer: ${quotedList(TRANSFORMER_NAMES)}`);
    } finally {
      this.#depth--;
    }
  }

  #tryParseList(): ListExpr | undefined {
    const offset = this.#offset;
    if (!this.#lexString('(')) return undefined;
    const values: string[] = [];
    this.#lexBlank();
    // libsinsp reads the first item as a string value and takes any failure (a bad escape included) for an
    // empty list; tested without throwing, since empty lists are common after list substitution.
    let first: string | undefined;
    try {
      if (this.#lexQuoted() || this.#lexRegex(BARE_STR)) first = this.#last;
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
    }
    if (first !== undefined) {
      values.push(first);
      this.#lexBlank();
      while (this.#lexString(',')) {
        values.push((this.#parseStrValueOrTransformer(true) as ValueExpr).value);
        this.#lexBlank();
      }
    }
    if (!this.#lexString(')')) this.fail("expected a ')' token");
    return { kind: 'list', values, offset };
  }

  #parseListValue(): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      const offset = this.#offset;
      const list = this.#tryParseList();
      if (list) return list;
      if (this.#lexRegex(IDENTIFIER)) return this.#value(offset);
      this.fail('expected a list or an identifier');
    } finally {
      this.#depth--;
    }
  }

  #parseListValueOrTransformer(): Expr {
    this.#enter();
    try {
      this.#lexBlank();
      const offset = this.#offset;
      const list = this.#tryParseList();
      if (list) return list;
      const t = this.#tryParseTransformerOrVal();
      if (t) return t;
      if (this.#lexRegex(IDENTIFIER)) return this.#value(offset);
      this.fail(`expected a list, an identifier, or a field with a valid transformer: ${quotedList(TRANSFORMER_NAMES)}`);
    } finally {
      this.#depth--;
    }
  }

  #tryParseTransformerOrVal(): Expr | undefined {
    this.#enter();
    try {
      this.#lexBlank();
      const offset = this.#offset;
      if (this.#lexString('val(')) {
        this.#lexBlank();
        const fieldPos = this.#offset;
        if (!this.#lexRegex(FIELD_NAME)) this.fail("expected a field within 'val' transformer");
        const field = this.#parseFieldRemainder(this.#last, fieldPos);
        this.#lexBlank();
        if (!this.#lexString(')')) this.fail("expected a ')' token closing the transformer");
        const arg = this.#parseOptionalFieldArg();
        return arg === undefined
          ? { kind: 'transformer', transformer: 'val', args: [field], offset }
          : { kind: 'transformer', transformer: 'val', args: [field], arg, offset };
      }
      if (this.#lexList(TRANSFORMERS)) {
        this.#lexBlank();
        return this.#parseTransformerRemainder(this.#last.slice(0, -1), offset);
      }
      return undefined;
    } finally {
      this.#depth--;
    }
  }

  #value(offset: number): ValueExpr {
    return { kind: 'value', value: this.#last, offset };
  }

  // --- lexer: each method consumes a token at the cursor or leaves the cursor alone ---

  /** Blanks between tokens; the only lexer method that leaves the last token alone. */
  #lexBlank(): boolean {
    const input = this.#input;
    const start = this.#offset;
    let i = start;
    while (i < input.length && isBlank(input.charCodeAt(i))) i++;
    this.#offset = i;
    return i > start;
  }

  #lexString(s: string): boolean {
    if (!this.#input.startsWith(s, this.#offset)) return false;
    this.#last = s;
    this.#offset += s.length;
    return true;
  }

  #lexList(list: readonly string[]): boolean {
    // Compared by first character before anything else: most checks name no transformer.
    const c = this.#input.charCodeAt(this.#offset);
    for (const s of list) if (s.charCodeAt(0) === c && this.#lexString(s)) return true;
    return false;
  }

  #lexRegex(re: RegExp): boolean {
    re.lastIndex = this.#offset;
    const m = re.exec(this.#input);
    if (!m) return false;
    this.#last = m[0];
    this.#offset += m[0].length;
    return true;
  }

  #lexOperator(list: readonly string[]): boolean {
    const c = this.#input.charCodeAt(this.#offset);
    for (const op of list) {
      if (op.charCodeAt(0) !== c) continue;
      if (!op.endsWith(' ')) {
        if (this.#lexString(op)) return true;
        continue;
      }
      const savedPos = this.#offset;
      const savedLast = this.#last;
      if (this.#lexString(op.trimEnd())) {
        if (this.#lexBlank()) return true;
        this.#offset = savedPos;
        this.#last = savedLast;
      }
    }
    return false;
  }

  /** A quoted string ends at the next same quote not preceded by a backslash (or at NUL). */
  #lexQuoted(): boolean {
    const input = this.#input;
    const quote = input.charCodeAt(this.#offset);
    if (quote !== 34 && quote !== 39) return false;
    let prev = 92;
    for (let i = this.#offset; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c === 0) break;
      if (c === quote && prev !== 92) {
        const token = this.#input.slice(this.#offset, i + 1);
        this.#offset = i + 1;
        try {
          this.#last = unescapeQuoted(token);
        } catch (e) {
          if (e instanceof EscapeError) this.fail(e.message);
          throw e;
        }
        return true;
      }
      prev = c;
    }
    return false;
  }

  #listValueFollows(): boolean {
    if (this.#input[this.#offset] === '(') return true;
    IDENTIFIER.lastIndex = this.#offset;
    return IDENTIFIER.test(this.#input);
  }

  #boolKeywordFollows(): boolean {
    for (const kw of ['and', 'or', 'not']) {
      if (!this.#input.startsWith(kw, this.#offset)) continue;
      const next = this.#input[this.#offset + kw.length];
      if (next === undefined || !/[A-Za-z0-9]/.test(next)) return true;
    }
    return false;
  }
}

/** Parse a whole condition; throws {@link ConditionSyntaxError}. */
export function parseCondition(text: string, options: ParseOptions = {}): Expr {
  return new Parser(text, options.maxDepth ?? 1000).parse();
}

/**
 * Parse a field or transformer at the start of `text` (output tokens) and report how many characters it
 * used; throws {@link ConditionSyntaxError}.
 */
export function parseFieldOrTransformer(text: string, options: ParseOptions = {}): { expr: Expr; length: number } {
  const p = new Parser(text, options.maxDepth ?? 100);
  const expr = p.parseFieldOrTransformer();
  return { expr, length: p.offset };
}
