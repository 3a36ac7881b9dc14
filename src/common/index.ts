export type { Diagnostic, Severity, SourceLocation } from './diagnostics.js';
export { FalcoReplayError, isFalcoReplayError, lineColumn, lineText } from './diagnostics.js';
export { escapeControl, escapeJsonText, escapeText, isUnsafeCodeUnit, type EscapeStyle } from './escape.js';
