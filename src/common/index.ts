export type { Diagnostic, Severity, SourceLocation } from './diagnostics.js';
export { FalcoReplayError, isFalcoReplayError, lineColumn, lineText } from './diagnostics.js';
export { escapeControl, escapeJsonText } from './escape.js';
