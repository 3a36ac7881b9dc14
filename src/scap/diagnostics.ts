// Stable diagnostic codes of the scap reader and writer, each with its one-line explanation.
import type { Diagnostic, Severity } from '../common/index.js';

export const SCAP_CODES = {
  SCAP_EMPTY: 'The capture is empty.',
  SCAP_NOT_SCAP: 'The data does not start with a scap section header block.',
  SCAP_BAD_MAGIC: 'The section header has the wrong byte-order magic.',
  SCAP_BIG_ENDIAN: 'The capture was written big-endian, which no scap reader supports.',
  SCAP_VERSION: 'The capture format major version is newer than 1.',
  SCAP_BAD_SECTION_HEADER: 'The section header block is malformed.',
  SCAP_SHB_OPTIONS: 'The section header carries pcapng options, which sysdig 0.29.3 and libs < 0.21 cannot read.',
  SCAP_TRUNCATED: 'The capture ends in the middle of a block.',
  SCAP_BAD_BLOCK_LENGTH: 'A block length is impossible (too small or beyond the cap for its type).',
  SCAP_BLOCK_TOO_LARGE: 'A block is larger than its type allows; it was skipped.',
  SCAP_TRAILER_MISMATCH: 'A block trailer disagrees with its header length.',
  SCAP_UNKNOWN_BLOCK: 'A block of unknown type was skipped.',
  SCAP_UNEXPECTED_BLOCK: 'A metadata block appears after event blocks without a new section header; it was skipped.',
  SCAP_NO_EVENTS: 'A section has no event blocks (sysdig refuses such files).',
  SCAP_BAD_MACHINE_INFO: 'The machine info block has the wrong size.',
  SCAP_BAD_PROCLIST: 'A process list entry is malformed; the rest of its block was skipped.',
  SCAP_BAD_FDLIST: 'An fd list entry is malformed; the rest of its block was skipped.',
  SCAP_BAD_IFLIST: 'An interface list entry is malformed; the rest of its block was skipped.',
  SCAP_BAD_USERLIST: 'A user list entry is malformed; the rest of its block was skipped.',
  SCAP_FD_UNKNOWN_TID: 'An fd list names a thread that is not in the process list (sysdig 0.29.3 refuses this).',
  SCAP_BAD_EVENT: 'An event does not fit its own length or its block; it was skipped.',
  SCAP_BAD_NPARAMS: 'The parameter count of a v1 event could not be recovered; the event was skipped.',
  SCAP_UNKNOWN_EVENT: 'Events with codes unknown to the event table were skipped (and not numbered), as libscap does.',
  SCAP_EVENT_BLOCK_OPTIONS: 'An event block carries bytes after its event (pcapng options); they were ignored.',
  SCAP_CONVERT: 'An old event could not be converted to its current layout; it was delivered as stored.',
  SCAP_GZIP: 'The gzip stream is corrupt or cut short.',
  SCAP_IO: 'The capture could not be read.',
  SCAP_TOO_MANY_DIAGNOSTICS: 'Further diagnostics were counted but not reported.',
  SCAP_WRITE: 'The writer was given an event or record it cannot encode.',
} as const;

export type ScapCode = keyof typeof SCAP_CODES;

export function scapDiagnostic(code: ScapCode, severity: Severity, message: string, file: string, offset?: number, notes?: string[]): Diagnostic {
  const d: Diagnostic = { code, severity, message, location: offset === undefined ? { file } : { file, offset } };
  if (notes && notes.length) d.notes = notes;
  return d;
}
