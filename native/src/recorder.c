/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include "recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/types.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "../include/rec.h"
#include "encode.h"
#include "procscan.h"
#include "recorder.skel.h"
#include "scap_writer.h"
#include "spawn.h"

#define DEFAULT_WATERMARK_MS 20
#define DEFAULT_POLL_US 2000
#define FLUSH_INTERVAL_NS 100000000ull
#define CONSUMER_NICE (-10)
#define STATS_EVENT_NAME "falco-replay.recorder-stats"
#define CGROUP_SUPER_MAGIC_ 0x27e0ebL
#define CGROUP2_SUPER_MAGIC_ 0x63677270L

/* ------------------------------------------------------------------------------------------------------ */
/* per-CPU FIFO of raw records, filled by the ring callback, drained by the merge */

struct fifo {
	uint8_t *buf;
	size_t head, tail, cap;
	uint16_t cpu;
	struct recorder *owner;
};

struct pevent {
	uint64_t ts; /* boot-time ns */
	uint64_t seq;
	uint32_t plugin_id;
	size_t len;
	uint8_t *data;
};

struct recorder {
	struct rec_config cfg;
	struct recorder_bpf *skel;
	struct ring_buffer *rb;
	int *ring_fds;
	int ncpus;
	int cgroup_fd;
	struct fifo *fifos;
	struct scap_writer w;
	struct encoder enc;
	uint64_t ts_offset;
	pthread_t thread;
	bool thread_started;
	atomic_bool state_done;
	atomic_bool stopping;
	atomic_bool drained;
	/* plugin events queued from JS */
	pthread_mutex_t lock;
	struct pevent *q;
	size_t qn, qcap;
	uint64_t qseq;
	struct pevent *pend; /* consumer-side sorted pending list */
	size_t pn, pcap, phead;
	/* child */
	struct spawn_child child;
	rec_exit_cb exit_cb;
	void *exit_ctx;
	atomic_bool child_exited;
	atomic_int child_status;
	/* stats */
	struct rec_stats st;
	uint64_t last_emitted_ts;
	pthread_mutex_t stats_lock; /* guards st against readers while the consumer updates */
};

static uint64_t now_ns(clockid_t clk)
{
	struct timespec t;
	clock_gettime(clk, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static uint64_t realtime_minus_boottime(void)
{
	/* tightest of a few samples: the probe stamps with bpf_ktime_get_boot_ns() */
	uint64_t best = 0, best_gap = UINT64_MAX;
	for (int i = 0; i < 5; i++) {
		uint64_t b0 = now_ns(CLOCK_BOOTTIME), r = now_ns(CLOCK_REALTIME), b1 = now_ns(CLOCK_BOOTTIME);
		if (b1 - b0 < best_gap) {
			best_gap = b1 - b0;
			best = r - (b0 + (b1 - b0) / 2);
		}
	}
	return best;
}

static void fifo_push(struct fifo *f, const void *data, size_t size)
{
	size_t need = 8 + ((size + 7) & ~(size_t)7);
	if (f->tail + need > f->cap) {
		if (f->head) {
			memmove(f->buf, f->buf + f->head, f->tail - f->head);
			f->tail -= f->head;
			f->head = 0;
		}
		if (f->tail + need > f->cap) {
			size_t cap = f->cap ? f->cap : (1u << 20);
			while (f->tail + need > cap)
				cap *= 2;
			f->buf = realloc(f->buf, cap);
			if (!f->buf)
				abort();
			f->cap = cap;
		}
	}
	uint64_t sz = size;
	memcpy(f->buf + f->tail, &sz, 8);
	memcpy(f->buf + f->tail + 8, data, size);
	f->tail += need;
}

static inline bool fifo_peek(const struct fifo *f, const uint8_t **rec, size_t *size, uint64_t *ts)
{
	if (f->head >= f->tail)
		return false;
	uint64_t sz;
	memcpy(&sz, f->buf + f->head, 8);
	*size = sz;
	*rec = f->buf + f->head + 8;
	memcpy(ts, *rec, 8);
	return true;
}

static inline void fifo_pop(struct fifo *f, size_t size)
{
	f->head += 8 + ((size + 7) & ~(size_t)7);
	if (f->head == f->tail)
		f->head = f->tail = 0;
}

static int on_sample(void *ctx, void *data, size_t size)
{
	fifo_push(ctx, data, size);
	return 0;
}

/* ------------------------------------------------------------------------------------------------------ */

static void take_plugin_queue(struct recorder *r)
{
	pthread_mutex_lock(&r->lock);
	size_t n = r->qn;
	if (n) {
		if (r->pn + n > r->pcap) {
			size_t cap = r->pcap ? r->pcap : 64;
			while (r->pn + n > cap)
				cap *= 2;
			r->pend = realloc(r->pend, cap * sizeof(*r->pend));
			if (!r->pend)
				abort();
			r->pcap = cap;
		}
		memcpy(r->pend + r->pn, r->q, n * sizeof(*r->q));
		r->pn += n;
		r->qn = 0;
	}
	pthread_mutex_unlock(&r->lock);
	if (!n)
		return;
	/* insertion sort on (ts, seq): plugin events are few and mostly in order */
	for (size_t i = r->phead + 1; i < r->pn; i++)
		for (size_t j = i; j > r->phead; j--) {
			struct pevent *a = &r->pend[j - 1], *b = &r->pend[j];
			if (a->ts < b->ts || (a->ts == b->ts && a->seq < b->seq))
				break;
			struct pevent t = *a;
			*a = *b;
			*b = t;
		}
}

/* Emit everything with ts <= watermark, in timestamp order across CPUs and plugin events. */
static uint64_t merge(struct recorder *r, uint64_t watermark)
{
	uint64_t emitted = 0;
	for (;;) {
		int best = -1;
		uint64_t best_ts = UINT64_MAX;
		const uint8_t *best_rec = NULL;
		size_t best_size = 0;
		for (int i = 0; i < r->ncpus; i++) {
			const uint8_t *rec;
			size_t size;
			uint64_t ts;
			if (fifo_peek(&r->fifos[i], &rec, &size, &ts) && ts < best_ts) {
				best = i;
				best_ts = ts;
				best_rec = rec;
				best_size = size;
			}
		}
		bool plugin = false;
		if (r->phead < r->pn && r->pend[r->phead].ts <= best_ts) {
			plugin = true;
			best_ts = r->pend[r->phead].ts;
		}
		if ((best < 0 && !plugin) || best_ts > watermark)
			break;
		if (best_ts < r->last_emitted_ts)
			r->st.out_of_order++;
		else
			r->last_emitted_ts = best_ts;
		if (plugin) {
			struct pevent *p = &r->pend[r->phead++];
			encode_plugin_event(&r->enc, p->ts + r->ts_offset, p->plugin_id, p->data, p->len);
			free(p->data);
			r->st.plugin_events++;
			if (r->phead == r->pn)
				r->phead = r->pn = 0;
		} else {
			encode_record(&r->enc, best_rec, best_size, (uint16_t)best);
			fifo_pop(&r->fifos[best], best_size);
		}
		emitted++;
	}
	return emitted;
}

static void read_drops(struct recorder *r, uint64_t *drops, uint64_t *drops_state)
{
	uint64_t d = 0, ds = 0;
	for (int i = 0; i < r->ncpus && i < REC_MAX_CPUS; i++) {
		d += __atomic_load_n(&r->skel->bss->cpu_stats[i].drops, __ATOMIC_RELAXED);
		ds += __atomic_load_n(&r->skel->bss->cpu_stats[i].drops_state, __ATOMIC_RELAXED);
	}
	*drops = d;
	*drops_state = ds;
}

static void update_stats(struct recorder *r)
{
	pthread_mutex_lock(&r->stats_lock);
	r->st.records = r->enc.records;
	r->st.bad_records = r->enc.bad_records;
	r->st.events = r->w.events;
	r->st.bytes_raw = r->w.bytes_raw;
	r->st.bytes_written = r->w.bytes_written;
	r->st.encode_errors = r->w.encode_errors;
	if (r->w.last_error[0])
		snprintf(r->st.last_error, sizeof(r->st.last_error), "%s", r->w.last_error);
	read_drops(r, &r->st.drops, &r->st.drops_state);
	pthread_mutex_unlock(&r->stats_lock);
}

static void check_child(struct recorder *r)
{
	if (r->child.pid <= 0 || atomic_load(&r->child_exited))
		return;
	int status;
	pid_t p = waitpid(r->child.pid, &status, WNOHANG);
	if (p == r->child.pid) {
		atomic_store(&r->child_status, status);
		atomic_store(&r->child_exited, true);
		if (r->exit_cb)
			r->exit_cb(r->exit_ctx, r->child.pid, status);
	}
}

static void *consumer_main(void *arg)
{
	struct recorder *r = arg;
	uint64_t watermark_ns = (uint64_t)(r->cfg.watermark_ms ? r->cfg.watermark_ms : DEFAULT_WATERMARK_MS) * 1000000ull;
	useconds_t poll_us = r->cfg.poll_us ? r->cfg.poll_us : DEFAULT_POLL_US;
	uint64_t last_flush = now_ns(CLOCK_MONOTONIC);
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	/* a starved consumer means dropped records: ask for a better share of the CPU (best effort; needs
	 * CAP_SYS_NICE, which root has) */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), CONSUMER_NICE);
	while (!atomic_load(&r->stopping)) {
		int got = ring_buffer__consume(r->rb);
		check_child(r);
		if (atomic_load_explicit(&r->state_done, memory_order_acquire)) {
			take_plugin_queue(r);
			merge(r, now_ns(CLOCK_BOOTTIME) - watermark_ns);
			uint64_t now = now_ns(CLOCK_MONOTONIC);
			if (now - last_flush >= FLUSH_INTERVAL_NS) {
				sw_flush(&r->w);
				last_flush = now;
			}
			update_stats(r);
		}
		/* sleep between polls (no wakeups from the probe), unless the rings are busy enough to need us */
		if (got < 1024)
			usleep(poll_us);
	}
	return NULL;
}

/* ------------------------------------------------------------------------------------------------------ */

static const char *const g_names[] = {
	"read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2",
	"sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "copy_file_range", "sendfile",
	"open", "openat", "openat2", "creat", "close", "close_range", "dup", "dup2", "dup3", "fcntl", "pipe", "pipe2",
	"eventfd", "eventfd2", "signalfd", "signalfd4", "timerfd_create", "inotify_init", "inotify_init1",
	"epoll_create", "epoll_create1", "memfd_create", "socket", "socketpair", "bind", "listen", "connect", "accept",
	"accept4", "shutdown", "chdir", "fchdir", "mkdir", "mkdirat", "rmdir", "rename", "renameat", "renameat2",
	"unlink", "unlinkat", "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "mount",
	"umount2", "execve", "execveat", "clone", "fork", "vfork", "clone3", "setuid", "setgid", "setresuid",
	"setresgid", "setreuid", "setregid", "ptrace", NULL,
};

const char *const *recorder_syscall_names(void) { return g_names; }

static bool has_cap(const struct __user_cap_data_struct *d, int cap) { return (d[cap / 32].effective >> (cap % 32)) & 1; }

int recorder_check(char *msg, size_t len)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct data[2] = { 0 };
	msg[0] = 0;
	if (syscall(SYS_capget, &hdr, data) != 0) {
		snprintf(msg, len, "cannot read the process capabilities: %s", strerror(errno));
		return -EPERM;
	}
	char missing[160] = "";
	bool bpf_ok = (has_cap(data, 39 /* CAP_BPF */) && has_cap(data, 38 /* CAP_PERFMON */)) || has_cap(data, 21 /* SYS_ADMIN */);
	if (!bpf_ok) {
		if (!has_cap(data, 39))
			strcat(missing, " CAP_BPF");
		if (!has_cap(data, 38))
			strcat(missing, " CAP_PERFMON");
	}
	if (!has_cap(data, 19))
		strcat(missing, " CAP_SYS_PTRACE");
	if (!has_cap(data, 2))
		strcat(missing, " CAP_DAC_READ_SEARCH");
	if (missing[0]) {
		snprintf(msg, len,
			 "recording needs root or the capabilities CAP_BPF and CAP_PERFMON (load the probe) plus CAP_SYS_PTRACE "
			 "and CAP_DAC_READ_SEARCH (read /proc); missing:%s",
			 missing);
		return -EPERM;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		snprintf(msg, len, "the kernel exposes no BTF (/sys/kernel/btf/vmlinux): the probe needs a kernel built with "
				   "CONFIG_DEBUG_INFO_BTF (5.17 or later)");
		return -ENOTSUP;
	}
	return 0;
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	if (getenv("FALCO_REPLAY_LIBBPF_VERBOSE"))
		return vfprintf(stderr, fmt, args);
	return 0;
}

static bool pow2(uint32_t v) { return v && !(v & (v - 1)); }

/* cgroup directory -> its path relative to the root of its hierarchy (for the /proc snapshot) */
static void cgroup_relpath(const char *dir, char *out, size_t len)
{
	char real[4096];
	snprintf(out, len, "/");
	if (!realpath(dir, real))
		return;
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return;
	char line[4096];
	size_t best = 0;
	while (fgets(line, sizeof(line), f)) {
		char mp[2048];
		if (sscanf(line, "%*d %*d %*s %*s %2047s", mp) != 1)
			continue;
		char *dash = strstr(line, " - ");
		if (!dash || strncmp(dash + 3, "cgroup", 6) != 0)
			continue;
		size_t n = strlen(mp);
		if (n > best && strncmp(real, mp, n) == 0 && (real[n] == '/' || real[n] == 0)) {
			best = n;
			snprintf(out, len, "%s", real[n] ? real + n : "/");
		}
	}
	fclose(f);
}

static void cleanup(struct recorder *r)
{
	if (r->thread_started) {
		atomic_store(&r->stopping, true);
		pthread_join(r->thread, NULL);
		r->thread_started = false;
	}
	if (r->child.gate_fd >= 0 || r->child.err_fd >= 0)
		spawn_abort(&r->child);
	if (r->rb)
		ring_buffer__free(r->rb);
	r->rb = NULL;
	if (r->ring_fds) {
		for (int i = 0; i < r->ncpus; i++)
			if (r->ring_fds[i] >= 0)
				close(r->ring_fds[i]);
		free(r->ring_fds);
		r->ring_fds = NULL;
	}
	if (r->skel)
		recorder_bpf__destroy(r->skel);
	r->skel = NULL;
	if (r->cgroup_fd >= 0)
		close(r->cgroup_fd);
	r->cgroup_fd = -1;
}

int recorder_start(const struct rec_config *cfg, rec_exit_cb cb, void *cb_ctx, struct recorder **out, char *err,
		   size_t errlen)
{
	int e;
	*out = NULL;
	if ((e = recorder_check(err, errlen)))
		return e;
	uint32_t ring = cfg->ring_bytes ? cfg->ring_bytes : (8u << 20);
	if (!pow2(ring) || ring < 4096) {
		snprintf(err, errlen, "ring size %u is not a power of two of at least 4096 bytes", ring);
		return -EINVAL;
	}
	if (cfg->snaplen > REC_SNAPLEN_MAX) {
		snprintf(err, errlen, "snaplen %u is above the maximum of %u", cfg->snaplen, REC_SNAPLEN_MAX);
		return -EINVAL;
	}
	if (cfg->mode == REC_MODE_TREE && !cfg->exe_path) {
		snprintf(err, errlen, "tree mode needs a command");
		return -EINVAL;
	}
	if (cfg->mode == REC_MODE_CGROUP && !cfg->cgroup_path) {
		snprintf(err, errlen, "cgroup mode needs a cgroup path");
		return -EINVAL;
	}

	struct recorder *r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->cfg = *cfg;
	r->cgroup_fd = -1;
	r->child.pid = -1;
	r->child.gate_fd = r->child.err_fd = -1;
	r->exit_cb = cb;
	r->exit_ctx = cb_ctx;
	pthread_mutex_init(&r->lock, NULL);
	pthread_mutex_init(&r->stats_lock, NULL);
	uint64_t t0 = now_ns(CLOCK_MONOTONIC);

	libbpf_set_print(libbpf_quiet);
	r->ncpus = libbpf_num_possible_cpus();
	if (r->ncpus <= 0 || r->ncpus > REC_MAX_CPUS) {
		snprintf(err, errlen, "unsupported number of CPUs (%d, at most %d)", r->ncpus, REC_MAX_CPUS);
		free(r);
		return -ENOTSUP;
	}
	r->st.ncpus = (uint32_t)r->ncpus;
	r->ts_offset = realtime_minus_boottime();

	if ((e = sw_open(&r->w, cfg->out_path, cfg->gzip, cfg->layout))) {
		snprintf(err, errlen, "cannot create %s: %s", cfg->out_path, strerror(-e));
		free(r);
		return e;
	}
	r->enc.w = &r->w;
	r->enc.layout = cfg->layout;
	r->enc.ts_offset = r->ts_offset;

	r->skel = recorder_bpf__open();
	if (!r->skel) {
		e = -errno;
		snprintf(err, errlen, "cannot open the probe: %s", strerror(errno));
		goto fail;
	}
	r->skel->rodata->cfg_mode = (uint32_t)cfg->mode;
	r->skel->rodata->cfg_self_tgid = (uint32_t)getpid();
	r->skel->rodata->cfg_snaplen = cfg->snaplen;
	for (unsigned h = 1; h < H__COUNT; h++) {
		const char *name = handler_name(h);
		bool want = cfg->syscalls == NULL;
		for (size_t i = 0; !want && i < cfg->nsyscalls; i++)
			want = name && !strcmp(cfg->syscalls[i], name);
		/* process lifecycle events are always recorded: without them no reader can keep its state */
		if (h == H_EXECVE || h == H_EXECVEAT || h == H_CLONE || h == H_FORK || h == H_VFORK || h == H_CLONE3)
			want = true;
		int nr = handler_syscall_nr(h);
		if (want && nr >= 0 && nr < REC_MAX_SYSCALL_NR)
			r->skel->rodata->handler_of[nr] = (uint8_t)h;
	}
	for (size_t i = 0; cfg->syscalls && i < cfg->nsyscalls; i++) {
		if (handler_by_name(cfg->syscalls[i]) == H_NONE) {
			snprintf(err, errlen, "unknown or unsupported syscall '%s'", cfg->syscalls[i]);
			e = -EINVAL;
			goto fail;
		}
	}

	bpf_map__set_max_entries(r->skel->maps.rings, (uint32_t)r->ncpus);
	bpf_map__set_max_entries(r->skel->maps.scratch, (uint32_t)r->ncpus);
	/* libbpf 1.1 cannot resize an inner map in place: give it a template of the right size */
	int tmpl = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "fr_rb_tmpl", 0, 0, ring, NULL);
	if (tmpl < 0) {
		e = -errno;
		snprintf(err, errlen, "cannot create a ring buffer: %s", strerror(errno));
		goto fail;
	}
	bpf_map__set_inner_map_fd(r->skel->maps.rings, tmpl);
	e = recorder_bpf__load(r->skel);
	close(tmpl);
	if (e) {
		snprintf(err, errlen, "the kernel refused the probe (%s); set FALCO_REPLAY_LIBBPF_VERBOSE=1 for the verifier log",
			 strerror(-e));
		goto fail;
	}
	r->ring_fds = calloc((size_t)r->ncpus, sizeof(int));
	r->fifos = calloc((size_t)r->ncpus, sizeof(struct fifo));
	if (!r->ring_fds || !r->fifos)
		abort();
	for (int i = 0; i < r->ncpus; i++)
		r->ring_fds[i] = -1;
	for (int i = 0; i < r->ncpus; i++) {
		int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "fr_rb", 0, 0, ring, NULL);
		if (fd < 0) {
			e = -errno;
			snprintf(err, errlen, "cannot create the ring buffer of CPU %d: %s", i, strerror(errno));
			goto fail;
		}
		r->ring_fds[i] = fd;
		uint32_t key = (uint32_t)i;
		if (bpf_map_update_elem(bpf_map__fd(r->skel->maps.rings), &key, &fd, BPF_ANY)) {
			e = -errno;
			snprintf(err, errlen, "cannot install the ring buffer of CPU %d: %s", i, strerror(errno));
			goto fail;
		}
		r->fifos[i].cpu = (uint16_t)i;
		r->fifos[i].owner = r;
		if (i == 0)
			r->rb = ring_buffer__new(fd, on_sample, &r->fifos[i], NULL);
		else if (r->rb && ring_buffer__add(r->rb, fd, on_sample, &r->fifos[i]))
			r->rb = NULL;
		if (!r->rb) {
			e = -errno ? -errno : -EINVAL;
			snprintf(err, errlen, "cannot poll the ring buffers: %s", strerror(-e));
			goto fail;
		}
	}
	char cg_rel[4096] = "/";
	if (cfg->mode == REC_MODE_CGROUP) {
		r->cgroup_fd = open(cfg->cgroup_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (r->cgroup_fd < 0) {
			e = -errno;
			snprintf(err, errlen, "cannot open cgroup %s: %s", cfg->cgroup_path, strerror(errno));
			goto fail;
		}
		struct statfs sfs;
		if (fstatfs(r->cgroup_fd, &sfs) == 0 && sfs.f_type != CGROUP2_SUPER_MAGIC_) {
			e = -ENOTSUP;
			if (sfs.f_type == CGROUP_SUPER_MAGIC_)
				snprintf(err, errlen,
					 "cgroup v1 is not supported: %s is in a cgroup v1 hierarchy; the probe filters on cgroup v2 "
					 "only (give the same cgroup under the unified hierarchy, or record with --all)",
					 cfg->cgroup_path);
			else
				snprintf(err, errlen, "%s is not a cgroup directory (not on a cgroup2 file system)", cfg->cgroup_path);
			goto fail;
		}
		uint32_t key = 0;
		if (bpf_map_update_elem(bpf_map__fd(r->skel->maps.cgroup_filter), &key, &r->cgroup_fd, BPF_ANY)) {
			e = -errno;
			snprintf(err, errlen, "%s is not a cgroup the probe can filter on: %s", cfg->cgroup_path, strerror(errno));
			goto fail;
		}
		cgroup_relpath(cfg->cgroup_path, cg_rel, sizeof(cg_rel));
	}

	/* attach first, then spawn and scan /proc: nothing can happen between the snapshot and the first event */
	e = recorder_bpf__attach(r->skel);
	if (e) {
		snprintf(err, errlen, "cannot attach the probe: %s", strerror(-e));
		goto fail;
	}
	r->st.load_ns = now_ns(CLOCK_MONOTONIC) - t0;

	if (cfg->mode == REC_MODE_TREE) {
		struct spawn_req req = { .path = cfg->exe_path, .argv = cfg->argv, .envp = cfg->envp, .cwd = cfg->cwd };
		memcpy(req.stdio, cfg->stdio, sizeof(req.stdio));
		if ((e = spawn_gated(&req, &r->child, err, errlen)))
			goto fail;
		uint32_t key = (uint32_t)r->child.pid, val = REC_TRACK_PENDING_EXEC;
		if (bpf_map_update_elem(bpf_map__fd(r->skel->maps.tracked), &key, &val, BPF_ANY)) {
			e = -errno;
			snprintf(err, errlen, "cannot track the command: %s", strerror(errno));
			goto fail;
		}
		r->st.child_pid = r->child.pid;
	}

	if (pthread_create(&r->thread, NULL, consumer_main, r)) {
		e = -EAGAIN;
		snprintf(err, errlen, "cannot start the consumer thread");
		goto fail;
	}
	r->thread_started = true;

	struct state_opts so = { .mode = cfg->mode, .child = r->child.pid, .cgroup_rel = cg_rel,
				 .boot_time_ns = r->ts_offset };
	struct state_stats ss;
	if ((e = state_write(&r->w, &so, &ss, err, errlen)))
		goto fail;
	r->st.state_threads = ss.threads;
	r->st.state_fds = ss.fds;
	r->st.state_ns = ss.elapsed_ns;
	if ((e = sw_flush(&r->w))) {
		snprintf(err, errlen, "cannot write %s: %s", cfg->out_path, strerror(-e));
		goto fail;
	}
	r->st.start_ts = now_ns(CLOCK_REALTIME);
	atomic_store_explicit(&r->state_done, true, memory_order_release);

	if (cfg->mode == REC_MODE_TREE) {
		e = spawn_release(&r->child);
		if (e) {
			snprintf(err, errlen, "cannot run %s: %s", cfg->exe_path, strerror(-e));
			goto fail;
		}
	}
	*out = r;
	return 0;

fail:
	cleanup(r);
	sw_close(&r->w);
	unlink(cfg->out_path);
	if (r->child.pid > 0) {
		kill(r->child.pid, SIGKILL);
		waitpid(r->child.pid, NULL, 0);
	}
	for (int i = 0; r->fifos && i < r->ncpus; i++)
		free(r->fifos[i].buf);
	free(r->fifos);
	pthread_mutex_destroy(&r->lock);
	pthread_mutex_destroy(&r->stats_lock);
	free(r);
	return e ? e : -EIO;
}

int recorder_plugin_event(struct recorder *r, uint32_t plugin_id, const void *data, size_t len, uint64_t ts_ns)
{
	if (atomic_load(&r->stopping))
		return -ESHUTDOWN;
	if (plugin_id == 0)
		return -EINVAL; /* readers reject plugin events without an id */
	uint64_t ts = ts_ns ? ts_ns - r->ts_offset : now_ns(CLOCK_BOOTTIME);
	uint8_t *copy = malloc(len ? len : 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, len);
	pthread_mutex_lock(&r->lock);
	if (r->qn == r->qcap) {
		size_t cap = r->qcap ? r->qcap * 2 : 64;
		struct pevent *q = realloc(r->q, cap * sizeof(*q));
		if (!q) {
			pthread_mutex_unlock(&r->lock);
			free(copy);
			return -ENOMEM;
		}
		r->q = q;
		r->qcap = cap;
	}
	r->q[r->qn++] = (struct pevent){ .ts = ts, .seq = r->qseq++, .plugin_id = plugin_id, .len = len, .data = copy };
	pthread_mutex_unlock(&r->lock);
	return 0;
}

void recorder_stats(struct recorder *r, struct rec_stats *st)
{
	pthread_mutex_lock(&r->stats_lock);
	*st = r->st;
	pthread_mutex_unlock(&r->stats_lock);
	st->child_exited = atomic_load(&r->child_exited);
	st->child_status = atomic_load(&r->child_status);
	if (!atomic_load(&r->drained))
		read_drops(r, &st->drops, &st->drops_state);
}

static void write_stats_event(struct recorder *r)
{
	char json[2048];
	size_t n = 0;
	const char *mode = r->cfg.mode == 1 ? "tree" : r->cfg.mode == 2 ? "cgroup" : "system";
	n += (size_t)snprintf(json + n, sizeof(json) - n,
			      "{\"recorder\":\"falco-replay\",\"version\":1,\"mode\":\"%s\",\"layout\":\"%s\",\"snaplen\":%u,"
			      "\"records\":%llu,\"drops\":%llu,\"dropsState\":%llu,\"pluginEvents\":%llu,\"cpus\":%d,"
			      "\"startTs\":%llu,\"endTs\":%llu,\"dropsByCpu\":[",
			      mode, r->cfg.layout ? "current" : "compat", r->cfg.snaplen, (unsigned long long)r->st.records,
			      (unsigned long long)r->st.drops, (unsigned long long)r->st.drops_state,
			      (unsigned long long)r->st.plugin_events, r->ncpus, (unsigned long long)r->st.start_ts,
			      (unsigned long long)r->st.end_ts);
	for (int i = 0; i < r->ncpus && i < REC_MAX_CPUS && n < sizeof(json) - 32; i++)
		n += (size_t)snprintf(json + n, sizeof(json) - n, "%s%llu", i ? "," : "",
				      (unsigned long long)r->skel->bss->cpu_stats[i].drops);
	n += (size_t)snprintf(json + n, sizeof(json) - n, "]}");
	uint64_t ts = r->st.end_ts > r->w.last_ts ? r->st.end_ts : r->w.last_ts;
	encode_async_event(&r->enc, ts, 0, STATS_EVENT_NAME, json, n);
}

int recorder_stop(struct recorder *r, struct rec_stats *st, char *err, size_t errlen)
{
	err[0] = 0;
	if (atomic_load(&r->drained)) {
		recorder_stats(r, st);
		return 0;
	}
	/* no new records after this point; then drain what the rings and FIFOs still hold */
	recorder_bpf__detach(r->skel);
	atomic_store(&r->stopping, true);
	if (r->thread_started) {
		pthread_join(r->thread, NULL);
		r->thread_started = false;
	}
	ring_buffer__consume(r->rb);
	check_child(r);
	take_plugin_queue(r);
	merge(r, UINT64_MAX);
	r->st.end_ts = now_ns(CLOCK_REALTIME);
	update_stats(r);
	write_stats_event(r);
	update_stats(r);
	int e = sw_close(&r->w);
	pthread_mutex_lock(&r->stats_lock);
	r->st.bytes_written = r->w.bytes_written;
	r->st.bytes_raw = r->w.bytes_raw;
	r->st.events = r->w.events;
	pthread_mutex_unlock(&r->stats_lock);
	atomic_store(&r->drained, true);
	recorder_stats(r, st);
	cleanup(r);
	if (e)
		snprintf(err, errlen, "cannot write %s: %s", r->cfg.out_path, strerror(-e));
	return e;
}

void recorder_free(struct recorder *r)
{
	if (!r)
		return;
	if (!atomic_load(&r->drained)) {
		char err[256];
		struct rec_stats st;
		recorder_stop(r, &st, err, sizeof(err));
	}
	if (r->child.pid > 0 && !atomic_load(&r->child_exited))
		waitpid(r->child.pid, NULL, WNOHANG);
	for (int i = 0; r->fifos && i < r->ncpus; i++)
		free(r->fifos[i].buf);
	free(r->fifos);
	for (size_t i = r->phead; i < r->pn; i++)
		free(r->pend[i].data);
	for (size_t i = 0; i < r->qn; i++)
		free(r->q[i].data);
	free(r->pend);
	free(r->q);
	pthread_mutex_destroy(&r->lock);
	pthread_mutex_destroy(&r->stats_lock);
	free(r);
}
