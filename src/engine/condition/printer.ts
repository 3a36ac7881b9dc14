// Printing conditions back as text. `printFalco` reproduces libsinsp's AST printer (what `describe` shows
// as the compiled condition, and what Falco's own tests compare against); `printCanonical` is the same
// form but quotes every value that would not read back as itself, so parse(printCanonical(ast)) == ast.
import type { Expr } from './ast.js';
import { escapeFalco } from './escaping.js';

type ValuePrinter = (value: string) => string;

function print(e: Expr, value: ValuePrinter): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${e.children.map((c) => print(c, value)).join(` ${e.kind} `)})`;
    case 'not':
      return `not ${print(e.child, value)}`;
    case 'identifier':
      return e.name;
    case 'value':
      return value(e.value);
    case 'list':
      return `(${e.values.map(value).join(', ')})`;
    case 'tlist':
      return `(${e.children.map((c) => print(c, value)).join(',')})`;
    case 'unary':
      return `${print(e.left, value)} ${e.op}`;
    case 'binary':
      return `${print(e.left, value)} ${e.op} ${print(e.right, value)}`;
    case 'field':
      return e.field + fieldArg(e.arg, value);
    case 'transformer':
      return `${e.transformer}(${e.args.map((c) => print(c, value)).join(',')})${fieldArg(e.arg, value)}`;
  }
}

function fieldArg(arg: string | undefined, value: ValuePrinter): string {
  if (arg === undefined) return '';
  if (arg === '') return '[""]';
  return `[${value(arg)}]`;
}

/** The condition as libsinsp prints it: `(evt.type = open and not proc.name in (cat, "a b"))`. */
export function printFalco(e: Expr): string {
  return print(e, escapeFalco);
}

const SAFE_BARE = /^[^()"' \t\n\v\f\r=,[\]]+$/;
const KEYWORD_LIKE = /^(?:and|or|not|exists|oneof|anyof|allof|in|intersects|pmatch)$/;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?)$/;
const LOOKS_LIKE_FIELD_OR_CALL = /^(?:[a-zA-Z]+[a-zA-Z0-9_]*(?:\.[a-zA-Z]+[a-zA-Z0-9_]*)+|(?:val|tolower|toupper|b64|basename|len|join|concat|getopt)\()/;
const NUM_OPS = new Set(['<', '<=', '>', '>=']);

function quote(v: string): string {
  let out = '';
  for (const c of v) {
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  // A quote right after a backslash does not close a string: spell a trailing backslash as \x5c.
  if (out.endsWith('\\\\')) out = `${out.slice(0, -2)}\\x5c`;
  return `"${out}"`;
}

/** Quote a constant unless it reads back as the same bare string. */
function canonicalValue(v: string): string {
  const bare = SAFE_BARE.test(v) && !KEYWORD_LIKE.test(v) && !NUMBER.test(v) && !LOOKS_LIKE_FIELD_OR_CALL.test(v) && !v.endsWith('\\');
  return bare ? v : quote(v);
}

function printCanon(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${e.children.map(printCanon).join(` ${e.kind} `)})`;
    case 'not':
      return `not ${printCanon(e.child)}`;
    case 'identifier':
      return e.name;
    case 'value':
      return canonicalValue(e.value);
    case 'list':
      return `(${e.values.map(canonicalValue).join(', ')})`;
    case 'tlist':
      return `(${e.children.map(printTransformerArg).join(',')})`;
    case 'unary':
      return `${printCanon(e.left)} ${e.op}`;
    case 'binary': {
      // After numeric operators only numbers are read, after list operators and modifiers only identifiers.
      const bareRight = e.right.kind === 'value' && (NUM_OPS.has(e.op) || e.op.includes(' ') || LIST_OPS.has(e.op));
      return `${printCanon(e.left)} ${e.op} ${bareRight ? (e.right as { value: string }).value : printCanon(e.right)}`;
    }
    case 'field':
      return e.field + canonicalArg(e.arg);
    case 'transformer':
      return `${e.transformer}(${e.args.map(printTransformerArg).join(',')})${canonicalArg(e.arg)}`;
  }
}

const LIST_OPS = new Set(['in', 'intersects', 'pmatch']);

function printTransformerArg(e: Expr): string {
  if (e.kind !== 'value') return printCanon(e);
  return NUMBER.test(e.value) ? e.value : quote(e.value);
}

function canonicalArg(arg: string | undefined): string {
  if (arg === undefined) return '';
  return `[${/^[^\][" '\t\n\v\f\r]+$/.test(arg) && !arg.endsWith('\\') ? arg : quote(arg)}]`;
}

/** A printed form that parses back to the same AST (values quoted whenever bare text would be ambiguous). */
export function printCanonical(e: Expr): string {
  return printCanon(e);
}
