/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The recorder: loads and attaches the probe, spawns the command (tree mode), writes the state snapshot, and
 * runs the consumer thread that polls the per-CPU rings, merges them by timestamp behind a watermark together
 * with plugin events queued from JavaScript, and encodes everything into the scap file.
 */
#ifndef FALCO_REPLAY_RECORDER_H
#define FALCO_REPLAY_RECORDER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rec_config {
	int mode;                /* enum rec_mode */
	const char *out_path;
	bool gzip;
	int layout;              /* enum scap_layout */
	uint32_t ring_bytes;     /* per CPU; power of two, >= 4096 */
	uint32_t snaplen;        /* I/O data bytes kept (0..4096) */
	const char *cgroup_path; /* cgroup mode: cgroup directory */
	/* tree mode: the command (already resolved) */
	const char *exe_path;
	char *const *argv;
	char *const *envp;
	const char *cwd;
	int stdio[3];
	/* syscall selection: handler names; NULL = everything the probe knows */
	const char *const *syscalls;
	size_t nsyscalls;
	uint32_t watermark_ms;   /* 0: default (20 ms) */
	uint32_t poll_us;        /* 0: default (2000 us) */
};

struct rec_stats {
	uint64_t records;        /* records received from the probe */
	uint64_t events;         /* scap events written (all kinds) */
	uint64_t plugin_events;
	uint64_t bytes_raw;      /* uncompressed scap bytes */
	uint64_t bytes_written;  /* bytes in the file */
	uint64_t drops;          /* records the probe could not deliver (ring full) */
	uint64_t drops_state;    /* of which state-changing records */
	uint64_t encode_errors;  /* events that did not match the event table (should be 0) */
	uint64_t bad_records;    /* malformed records (should be 0) */
	uint64_t out_of_order;   /* records emitted with a timestamp below an already written one */
	uint32_t ncpus;
	uint32_t state_threads;
	uint32_t state_fds;
	uint64_t state_ns;       /* /proc snapshot duration */
	uint64_t load_ns;        /* probe load + attach duration */
	uint64_t start_ts;       /* ns since the epoch */
	uint64_t end_ts;
	int child_pid;           /* tree mode: the command (0 otherwise) */
	bool child_exited;
	int child_status;        /* wait status */
	char last_error[160];
};

struct recorder;

/* Called once, on the consumer thread, when the spawned command exits. */
typedef void (*rec_exit_cb)(void *ctx, int pid, int status);

/* 0 if the process may record; otherwise a message naming what is missing (capabilities, BTF). */
int recorder_check(char *msg, size_t len);
int recorder_start(const struct rec_config *cfg, rec_exit_cb cb, void *cb_ctx, struct recorder **out, char *err,
		   size_t errlen);
/* Queue a plugin event; ts_ns = 0 means now. Thread-safe. */
int recorder_plugin_event(struct recorder *r, uint32_t plugin_id, const void *data, size_t len, uint64_t ts_ns);
void recorder_stats(struct recorder *r, struct rec_stats *st);
/* Detach, drain, write the trailing stats event and close the file. Returns 0 or -errno. */
int recorder_stop(struct recorder *r, struct rec_stats *st, char *err, size_t errlen);
void recorder_free(struct recorder *r);
/* Names of the syscalls the probe knows, NULL-terminated. */
const char *const *recorder_syscall_names(void);

#ifdef __cplusplus
}
#endif
#endif
