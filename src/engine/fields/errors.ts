// Errors raised while resolving fields and parsing constant values; messages are libsinsp's.

/** A field or value problem found while compiling a condition or an output. */
export class FieldError extends Error {
  override readonly name = 'FieldError';
}
