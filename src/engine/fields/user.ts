// Field facts (names, types, flags, print formats, order) transcribed from falcosecurity/libs
// @ 48dfd53cd23f95720521d41b89883bbc35c8567f, userspace/libsinsp/sinsp_filtercheck_user.cpp (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import type { FieldSpec } from './define.js';

/** Class `user`. */
export const USER_FIELDS: readonly FieldSpec[] = [
  ["user.uid", 'UINT32', 0, 'ID', "effective user id"],
  ["user.name", 'CHARBUF', 0, 'NA', "name of the effective user (<NA> when the uid is unknown)"],
  ["user.homedir", 'CHARBUF', 0, 'NA', "home directory of the effective user"],
  ["user.shell", 'CHARBUF', 0, 'NA', "login shell of the effective user"],
  ["user.loginuid", 'INT64', 0, 'ID', "audit login uid (auid); -1 when unset"],
  ["user.loginname", 'CHARBUF', 0, 'NA', "user name of the audit login uid"],
];
