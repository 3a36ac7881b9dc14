// The one diagnostic shape shared by every layer: scap decoding, rule loading, the CLI.
// Offsets are kept internally; line and column are computed only when a diagnostic is printed.

export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  /** File name as the user gave it (or a synthetic name such as `<stdin>`). */
  file: string;
  /** Byte offset (captures) or character offset (text) where the problem starts. */
  offset?: number;
  /** Length of the offending range, when known. */
  length?: number;
  /** 1-based line and column, when already known (otherwise computed from the source text on print). */
  line?: number;
  column?: number;
}

export interface Diagnostic {
  /** Stable code, e.g. `SCAP_TRUNCATED` or Falco's `LOAD_ERR_COMPILE_CONDITION`. */
  code: string;
  severity: Severity;
  message: string;
  location?: SourceLocation;
  /** Context chain from innermost to outermost, e.g. ['condition', 'rule "X"', 'file rules.yaml']. */
  context?: string[];
  notes?: string[];
  suggestion?: string;
}

/**
 * The base of every error the project throws on purpose (each layer's error classes derive from it): a
 * message, a stable code when the thrower has one, and the offset where the problem starts in the input being
 * read (characters of a text, bytes of a capture). Thrown at API edges with the full diagnostic that explains
 * why an operation cannot continue.
 */
export class FalcoReplayError extends Error {
  override readonly name: string = 'FalcoReplayError';
  /** Stable code (see {@link Diagnostic.code}), when the thrower has one. */
  readonly code?: string;
  /** Offset of the problem in the input being read, when known. */
  readonly offset?: number;
  readonly #diagnostic: Diagnostic | undefined;
  constructor(diagnostic: Diagnostic);
  constructor(message: string, details?: { readonly code?: string; readonly offset?: number });
  constructor(what: Diagnostic | string, details?: { readonly code?: string; readonly offset?: number }) {
    super(typeof what === 'object' ? what.message : what);
    if (typeof what !== 'object') {
      this.#diagnostic = undefined;
      if (details?.code !== undefined) this.code = details.code;
      if (details?.offset !== undefined) this.offset = details.offset;
    } else {
      this.#diagnostic = what;
      this.code = what.code;
      if (what.location?.offset !== undefined) this.offset = what.location.offset;
    }
  }

  /** The diagnostic given, or one made of the message, code (else the class name) and offset. */
  get diagnostic(): Diagnostic {
    return this.#diagnostic ?? { code: this.code ?? this.name, severity: 'error', message: this.message };
  }
}

export function isFalcoReplayError(err: unknown): err is FalcoReplayError {
  return err instanceof FalcoReplayError;
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The full text of the line containing `offset`, without its newline. */
export function lineText(text: string, offset: number): string {
  const at = Math.min(Math.max(offset, 0), text.length);
  const from = text.lastIndexOf('\n', at - 1) + 1;
  const to = text.indexOf('\n', at);
  return text.slice(from, to === -1 ? text.length : to);
}
