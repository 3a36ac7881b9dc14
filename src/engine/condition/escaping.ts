// String escapes of the condition language: how quoted strings are read, and how values are printed back.
import { FalcoReplayError } from '../../common/index.js';

/** A malformed escape in a quoted string; the message is libsinsp's. */
export class EscapeError extends FalcoReplayError {
  override readonly name = 'EscapeError';
}

/**
 * Un-escape a quoted token including its quotes. `\b \f \n \r \t \\ \/`, the quote of the same kind, and
 * `\xHH` are understood; `\ ` (backslash blank) yields a single backslash, a quirk stock rules rely on.
 */
export function unescapeQuoted(token: string): string {
  const quote = token[0];
  let out = '';
  let escaped = false;
  const end = token.length - 1;
  for (let i = 1; i < end; i++) {
    const c = token[i] as string;
    if (!escaped) {
      if (c === '\\') escaped = true;
      else out += c;
      continue;
    }
    switch (c) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case ' ':
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case '"':
        if (quote !== c) throw new EscapeError(`invalid \\" escape in '-quoted string`);
        out += '"';
        break;
      case "'":
        if (quote !== c) throw new EscapeError(`invalid \\' escape in "-quoted string`);
        out += "'";
        break;
      case 'x': {
        if (i + 2 >= end) throw new EscapeError('truncated hex char escape sequence');
        const hex = token.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new EscapeError(`invalid hex char escape sequence: ${hex}`);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
        break;
      }
      default:
        throw new EscapeError(`unsupported string escape sequence: \\${c}`);
    }
    escaped = false;
  }
  return out;
}

/**
 * Print a value the way libsinsp's AST printer does: wrapped in double quotes, with `\b \f \n \r \t \\ \"`
 * escaped, when it contains a blank, `=`, a quote, a backslash, a control escape or NUL; otherwise bare.
 */
export function escapeFalco(value: string): string {
  let out = '';
  let quote = false;
  for (const c of value) {
    switch (c) {
      case '\b':
        out += '\\b';
        quote = true;
        break;
      case '\f':
        out += '\\f';
        quote = true;
        break;
      case '\n':
        out += '\\n';
        quote = true;
        break;
      case '\r':
        out += '\\r';
        quote = true;
        break;
      case '\t':
        out += '\\t';
        quote = true;
        break;
      case '\\':
        out += '\\\\';
        quote = true;
        break;
      case '"':
        out += '\\"';
        quote = true;
        break;
      case ' ':
      case '=':
      case "'":
      case '\0':
        out += c;
        quote = true;
        break;
      default:
        out += c;
    }
  }
  return quote ? `"${out}"` : out;
}
