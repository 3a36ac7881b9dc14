/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Spawning the recorded command behind a gate: the child is forked, cleaned up (signal dispositions and mask
 * reset, every inherited fd beyond its own stdio closed) and then blocks until the recorder has started
 * tracking it; only then does it exec. A child of Node inherits SIGPIPE/SIGXFSZ ignored, leaked pipes and
 * non-blocking stdio otherwise (docs/recorder-notes.md#node).
 */
#ifndef FALCO_REPLAY_SPAWN_H
#define FALCO_REPLAY_SPAWN_H
#include <stddef.h>
#include <sys/types.h>

#define SPAWN_STDIO_INHERIT (-1)
#define SPAWN_STDIO_NULL (-2)

struct spawn_req {
	const char *path;  /* resolved executable */
	char *const *argv;
	char *const *envp;
	const char *cwd;   /* NULL: inherit */
	int stdio[3];      /* SPAWN_STDIO_INHERIT, SPAWN_STDIO_NULL or an fd of the parent */
};

struct spawn_child {
	pid_t pid;
	int gate_fd; /* write end: one byte releases the child, closing it aborts the child */
	int err_fd;  /* read end: EOF after a successful exec, else the child's errno (int) */
};

/* Resolve `file` against PATH (as execvp would), into out. Returns 0 or -errno. */
int spawn_resolve(const char *file, const char *path_env, char *out, size_t outlen);
int spawn_gated(const struct spawn_req *req, struct spawn_child *child, char *err, size_t errlen);
/* Release the child and wait for its exec. Returns 0, or -errno of the failed exec. */
int spawn_release(struct spawn_child *child);
/* Abort a gated child (not yet released). */
void spawn_abort(struct spawn_child *child);

#endif
