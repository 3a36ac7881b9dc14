// Field facts (names, types, flags, print formats, order) transcribed from falcosecurity/libs
// @ 48dfd53cd23f95720521d41b89883bbc35c8567f, userspace/libsinsp/sinsp_filtercheck_thread.cpp (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import { EPF } from './types.js';
import type { FieldSpec } from './define.js';

/** Class `process`: the `thread.*` fields. */
export const THREAD_FIELDS: readonly FieldSpec[] = [
  ["thread.cap_permitted", 'CHARBUF', 0, 'NA', "permitted capability set of the thread, as capability names"],
  ["thread.cap_inheritable", 'CHARBUF', 0, 'NA', "inheritable capability set of the thread, as capability names"],
  ["thread.cap_effective", 'CHARBUF', 0, 'NA', "effective capability set of the thread, as capability names"],
  ["thread.pfmajor", 'UINT64', 0, 'DEC', "major page faults since the thread started"],
  ["thread.pfminor", 'UINT64', 0, 'DEC', "minor page faults since the thread started"],
  ["thread.tid", 'INT64', 0, 'ID', "thread id"],
  ["thread.ismain", 'BOOL', 0, 'NA', "true if the thread is the main thread of its process"],
  ["thread.vtid", 'INT64', 0, 'ID', "thread id as seen inside its PID namespace"],
  ["thread.nametid", 'CHARBUF', EPF.TABLE_ONLY, 'NA', "process name and thread id joined"],
  ["thread.exectime", 'RELTIME', 0, 'DEC', "on a switch event, nanoseconds since the previous switch on the same CPU that this field saw (0 on other events)"],
  ["thread.totexectime", 'RELTIME', 0, 'DEC', "sum of thread.exectime over the switch events of the thread that this field saw, in nanoseconds"],
  ["thread.cgroups", 'CHARBUF', 0, 'NA', "all cgroups of the thread in one string"],
  ["thread.cgroup", 'CHARBUF', EPF.ARG_REQUIRED, 'NA', "cgroup of the thread for one subsystem: thread.cgroup.cpuacct", { argSyntax: "cgroup" }],
  ["thread.cpu", 'DOUBLE', 0, 'NA', "on procinfo events, user+system CPU ticks since the thread's previous procinfo, at most 100"],
  ["thread.cpu.user", 'DOUBLE', 0, 'NA', "on procinfo events, user CPU ticks since the thread's previous procinfo, at most 100"],
  ["thread.cpu.system", 'DOUBLE', 0, 'NA', "on procinfo events, system CPU ticks since the thread's previous procinfo, at most 100"],
  ["thread.vmsize", 'UINT64', 0, 'DEC', "virtual memory of the process in KiB (main thread only, else 0)"],
  ["thread.vmrss", 'UINT64', 0, 'DEC', "resident memory of the process in KiB (main thread only, else 0)"],
  ["thread.vmsize.b", 'UINT64', EPF.TABLE_ONLY, 'DEC', "virtual memory of the process in bytes (main thread only, else 0)"],
  ["thread.vmrss.b", 'UINT64', EPF.TABLE_ONLY, 'DEC', "resident memory of the process in bytes (main thread only, else 0)"],
];
