/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int spawn_resolve(const char *file, const char *path_env, char *out, size_t outlen)
{
	if (!file || !*file)
		return -ENOENT;
	if (strchr(file, '/')) {
		if (access(file, X_OK) != 0)
			return -errno;
		snprintf(out, outlen, "%s", file);
		return 0;
	}
	const char *p = path_env && *path_env ? path_env : "/usr/local/bin:/usr/bin:/bin";
	int last = -ENOENT;
	while (*p) {
		const char *c = strchr(p, ':');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		char cand[4096];
		if (n == 0)
			snprintf(cand, sizeof(cand), "%s", file);
		else
			snprintf(cand, sizeof(cand), "%.*s/%s", (int)n, p, file);
		struct stat sb;
		if (stat(cand, &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (access(cand, X_OK) == 0) {
				snprintf(out, outlen, "%s", cand);
				return 0;
			}
			last = -EACCES;
		}
		if (!c)
			break;
		p = c + 1;
	}
	return last;
}

/* Everything below runs in the forked child of a multi-threaded process: async-signal-safe calls only. */
static void child_fail(int err_fd, int e)
{
	ssize_t r = write(err_fd, &e, sizeof(e));
	(void)r;
	_exit(127);
}

static int reopen_blocking(int fd)
{
	/* Node may have made a pipe or tty non-blocking; give the child its own blocking file description */
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || !(fl & O_NONBLOCK))
		return 0;
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !(S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode)))
		return 0;
	char path[32] = "/proc/self/fd/";
	path[14] = (char)('0' + fd);
	path[15] = 0;
	int nfd = open(path, (fl & O_ACCMODE) | O_NOCTTY);
	if (nfd < 0)
		return 0; /* keep the inherited one */
	if (dup2(nfd, fd) < 0)
		return -errno;
	close(nfd);
	return 0;
}

static void child_main(const struct spawn_req *req, int gate_rd, int err_wr)
{
	/* reset signal mask and dispositions */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	struct sigaction dfl;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			sigaction(s, &dfl, NULL);

	/* move our two pipes out of the way, then set up 0-2 */
	int g = fcntl(gate_rd, F_DUPFD_CLOEXEC, 10);
	int e = fcntl(err_wr, F_DUPFD_CLOEXEC, 10);
	if (g < 0 || e < 0)
		_exit(127);
	int src[3];
	for (int i = 0; i < 3; i++) {
		int s = req->stdio[i];
		if (s == SPAWN_STDIO_NULL) {
			s = open("/dev/null", i == 0 ? O_RDONLY : O_WRONLY);
			if (s < 0)
				child_fail(e, errno);
		}
		if (s >= 0) {
			int d = fcntl(s, F_DUPFD, 10);
			if (d < 0)
				child_fail(e, errno);
			s = d;
		}
		src[i] = s;
	}
	for (int i = 0; i < 3; i++) {
		if (src[i] >= 0 && dup2(src[i], i) < 0)
			child_fail(e, errno);
		if (src[i] < 0) {
			if (reopen_blocking(i) < 0)
				child_fail(e, errno);
			/* Node marks its own stdio close-on-exec: an inherited 0-2 must survive our exec */
			int fdfl = fcntl(i, F_GETFD);
			if (fdfl >= 0 && (fdfl & FD_CLOEXEC))
				fcntl(i, F_SETFD, fdfl & ~FD_CLOEXEC);
		}
	}
	/* close everything else but the gate and the error pipe */
	int lo = g < e ? g : e, hi = g < e ? e : g;
	if (syscall(SYS_close_range, 3, lo - 1, 0) != 0 || (hi - lo > 1 && syscall(SYS_close_range, lo + 1, hi - 1, 0) != 0) ||
	    syscall(SYS_close_range, hi + 1, ~0U, 0) != 0) {
		/* old kernel without close_range: close what we can see */
		for (int fd = 3; fd < 65536; fd++)
			if (fd != g && fd != e)
				close(fd);
	}
	if (req->cwd && chdir(req->cwd) != 0)
		child_fail(e, errno);

	/* the gate: wait until the recorder tracks us */
	char go = 0;
	ssize_t r;
	do
		r = read(g, &go, 1);
	while (r < 0 && errno == EINTR);
	if (r != 1)
		_exit(127);
	close(g);
	execve(req->path, req->argv, req->envp);
	child_fail(e, errno);
}

int spawn_gated(const struct spawn_req *req, struct spawn_child *child, char *err, size_t errlen)
{
	int gate[2], errp[2];
	child->pid = -1;
	child->gate_fd = child->err_fd = -1;
	if (pipe2(gate, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -errno;
	}
	if (pipe2(errp, O_CLOEXEC) != 0) {
		int e = errno;
		close(gate[0]);
		close(gate[1]);
		snprintf(err, errlen, "pipe: %s", strerror(e));
		return -e;
	}
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(gate[0]);
		close(gate[1]);
		close(errp[0]);
		close(errp[1]);
		snprintf(err, errlen, "fork: %s", strerror(e));
		return -e;
	}
	if (pid == 0)
		child_main(req, gate[0], errp[1]);
	close(gate[0]);
	close(errp[1]);
	child->pid = pid;
	child->gate_fd = gate[1];
	child->err_fd = errp[0];
	return 0;
}

int spawn_release(struct spawn_child *child)
{
	char go = 1;
	ssize_t r;
	do
		r = write(child->gate_fd, &go, 1);
	while (r < 0 && errno == EINTR);
	close(child->gate_fd);
	child->gate_fd = -1;
	int code = 0;
	do
		r = read(child->err_fd, &code, sizeof(code));
	while (r < 0 && errno == EINTR);
	close(child->err_fd);
	child->err_fd = -1;
	if (r == (ssize_t)sizeof(code))
		return -code;
	return 0;
}

void spawn_abort(struct spawn_child *child)
{
	if (child->gate_fd >= 0)
		close(child->gate_fd);
	if (child->err_fd >= 0)
		close(child->err_fd);
	child->gate_fd = child->err_fd = -1;
	if (child->pid > 0) {
		kill(child->pid, SIGKILL);
		waitpid(child->pid, NULL, 0);
		child->pid = -1;
	}
}
