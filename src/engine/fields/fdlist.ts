// Field facts (names, types, flags, print formats, order) transcribed from falcosecurity/libs
// @ 48dfd53cd23f95720521d41b89883bbc35c8567f, userspace/libsinsp/sinsp_filtercheck_fdlist.cpp (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import type { FieldSpec } from './define.js';

/** Class `fdlist` (poll events). */
export const FDLIST_FIELDS: readonly FieldSpec[] = [
  ["fdlist.nums", 'CHARBUF', 0, 'ID', "comma-separated fd numbers of a poll event"],
  ["fdlist.names", 'CHARBUF', 0, 'NA', "comma-separated fd names of a poll event"],
  ["fdlist.cips", 'CHARBUF', 0, 'NA', "comma-separated client IP addresses of a poll event"],
  ["fdlist.sips", 'CHARBUF', 0, 'NA', "comma-separated server IP addresses of a poll event"],
  ["fdlist.cports", 'CHARBUF', 0, 'DEC', "comma-separated client ports of a poll event"],
  ["fdlist.sports", 'CHARBUF', 0, 'DEC', "comma-separated server ports of a poll event"],
];
