// Field facts (names, types, flags, print formats, order) transcribed from falcosecurity/libs
// @ 48dfd53cd23f95720521d41b89883bbc35c8567f, userspace/libsinsp/sinsp_filtercheck_fspath.cpp (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import type { FieldSpec } from './define.js';

/** Class `fs.path`. */
export const FS_PATH_FIELDS: readonly FieldSpec[] = [
  ["fs.path.name", 'CHARBUF', 0, 'NA', "absolute path a filesystem syscall acts on (e.g. mkdir, unlink)"],
  ["fs.path.nameraw", 'CHARBUF', 0, 'NA', "path a filesystem syscall acts on, as passed to it"],
  ["fs.path.source", 'CHARBUF', 0, 'NA', "absolute source path of a two-path syscall (rename, link...)"],
  ["fs.path.sourceraw", 'CHARBUF', 0, 'NA', "source path of a two-path syscall, as passed to it"],
  ["fs.path.target", 'CHARBUF', 0, 'NA', "absolute target path of a two-path syscall (rename, link...)"],
  ["fs.path.targetraw", 'CHARBUF', 0, 'NA', "target path of a two-path syscall, as passed to it"],
];
