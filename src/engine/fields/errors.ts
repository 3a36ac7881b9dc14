// Errors raised while resolving fields and parsing constant values; messages are libsinsp's.
import { FalcoReplayError } from '../../common/index.js';

/** A field or value problem found while compiling a condition or an output. */
export class FieldError extends FalcoReplayError {
  override readonly name = 'FieldError';
}
