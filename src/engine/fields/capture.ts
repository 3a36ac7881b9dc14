// falco-replay's own field class: which capture an event came from. libsinsp has no such class (Falco reads
// one source at a time); with several captures in one run, alerts can name theirs. Extractors in extract/misc.ts.
import type { FieldSpec } from './define.js';

/** Class `capture`. */
export const CAPTURE_FIELDS: readonly FieldSpec[] = [
  ["capture.file", 'CHARBUF', 0, 'NA', "path of the capture file the event was read from, as given on the command line"],
  ["capture.hostname", 'CHARBUF', 0, 'NA', "host name recorded in the capture's machine info block (the machine it was recorded on)"],
];
