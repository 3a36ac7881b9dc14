// Field facts (names, types, flags, print formats, order) transcribed from falcosecurity/libs
// @ 48dfd53cd23f95720521d41b89883bbc35c8567f, userspace/libsinsp/sinsp_filtercheck_group.cpp (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import type { FieldSpec } from './define.js';

/** Class `group`. */
export const GROUP_FIELDS: readonly FieldSpec[] = [
  ["group.gid", 'UINT32', 0, 'ID', "effective group id"],
  ["group.name", 'CHARBUF', 0, 'NA', "name of the effective group"],
];
