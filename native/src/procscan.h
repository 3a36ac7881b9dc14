/* SPDX-License-Identifier: Apache-2.0 */
/* Snapshot of the system state written before the first event: SHB, machine, interfaces, users, processes, fds. */
#ifndef FALCO_REPLAY_PROCSCAN_H
#define FALCO_REPLAY_PROCSCAN_H
#include <stdint.h>
#include <sys/types.h>

#include "scap_writer.h"

struct state_opts {
	int mode;                 /* enum rec_mode */
	pid_t child;              /* tree mode: the spawned command (still gated, before its exec) */
	const char *cgroup_rel;   /* cgroup mode: path relative to its hierarchy root, e.g. "/system.slice/x" */
	uint64_t boot_time_ns;    /* ns since the epoch */
};

struct state_stats {
	uint32_t threads;
	uint32_t fds;
	uint32_t users, groups, interfaces;
	uint64_t elapsed_ns;
};

/* Writes SHB, MI, IL, UL, PL and FDL blocks for the processes the mode records. Returns 0 or -errno. */
int state_write(struct scap_writer *w, const struct state_opts *o, struct state_stats *st, char *err, size_t errlen);

#endif
