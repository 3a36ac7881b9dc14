// SPDX-License-Identifier: (MIT OR GPL-2.0)
/*
 * falco-replay recorder probe: CO-RE eBPF programs that turn syscall exits and scheduler process events into
 * compact records (native/include/rec.h) on per-CPU ring buffers. All scap encoding happens in user space.
 *
 * Programs: tp_btf/sys_exit (every syscall of interest), tp_btf/sched_process_exec (successful exec),
 * tp_btf/sched_process_fork (tree-mode tracking), tp_btf/sched_process_exit (procexit).
 * Target: x86_64, kernel >= 5.17 with BTF.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "../include/rec.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* Configuration, fixed before load (rodata). */
const volatile __u32 cfg_mode = REC_MODE_SYSTEM;
const volatile __u32 cfg_self_tgid = 0;
const volatile __u32 cfg_snaplen = 0;
const volatile __u8 handler_of[REC_MAX_SYSCALL_NR] = {};

/* Drop counters, one cache line per CPU (read by user space through the mmapped .bss). */
struct rec_cpu_stats cpu_stats[REC_MAX_CPUS] = {};

/* Per-CPU ring buffers: an array of ring-buffer maps indexed by CPU (inner template set by user space). */
struct ringbuf_inner {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 23);
};
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1); /* resized to the number of possible CPUs before load */
	__type(key, __u32);
	__array(values, struct ringbuf_inner);
} rings SEC(".maps");

/* Scratch space for variable-size records: an ARRAY with one entry per CPU (PERCPU values cap at 32 KiB). */
struct scratch_buf {
	__u8 b[REC_SCRATCH_SIZE];
};
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* resized to the number of possible CPUs before load */
	__type(key, __u32);
	__type(value, struct scratch_buf);
} scratch SEC(".maps");

/* Tree mode: thread-group ids being recorded (value: enum rec_track). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} tracked SEC(".maps");

/* Cgroup mode: the cgroup (v2) whose subtree is recorded. */
struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroup_filter SEC(".maps");

/* Force a bound the verifier can see; clang may otherwise drop a mask it thinks redundant. */
#define BOUND(v, mask)                                                                             \
	({                                                                                         \
		__u64 __b = (__u64)(v);                                                            \
		asm volatile("%0 &= " #mask : "+r"(__b));                                          \
		__b;                                                                               \
	})
#define OFF(o) BOUND(o, 32767)

#define S_IFMT_ 00170000
#define S_IFSOCK_ 0140000
#define AF_UNIX_ 1
#define AF_INET_ 2
#define AF_INET6_ 10

/* ----------------------------------------------------------------------------------------------------
 * Filtering
 */

static __always_inline bool is_handler_state_changing(__u32 hid)
{
	switch (hid) {
	case H_OPEN: case H_OPENAT: case H_OPENAT2: case H_CREAT: case H_CLOSE: case H_CLOSE_RANGE:
	case H_DUP: case H_DUP2: case H_DUP3: case H_FCNTL: case H_PIPE: case H_PIPE2:
	case H_EVENTFD: case H_EVENTFD2: case H_SIGNALFD: case H_SIGNALFD4: case H_TIMERFD_CREATE:
	case H_INOTIFY_INIT: case H_INOTIFY_INIT1: case H_EPOLL_CREATE: case H_EPOLL_CREATE1: case H_MEMFD_CREATE:
	case H_SOCKET: case H_SOCKETPAIR: case H_BIND: case H_LISTEN: case H_CONNECT: case H_ACCEPT: case H_ACCEPT4:
	case H_CHDIR: case H_FCHDIR: case H_EXECVE: case H_EXECVEAT: case H_CLONE: case H_FORK: case H_VFORK:
	case H_CLONE3: case H_SETUID: case H_SETGID: case H_SETRESUID: case H_SETRESGID: case H_SETREUID:
	case H_SETREGID:
		return true;
	}
	return false;
}

static __always_inline void count_drop(__u32 cpu, bool state)
{
	cpu &= REC_MAX_CPUS - 1;
	__sync_fetch_and_add(&cpu_stats[cpu].drops, 1);
	if (state)
		__sync_fetch_and_add(&cpu_stats[cpu].drops_state, 1);
}

/* Returns the tree-mode state of the current thread group (0 = not recorded). */
static __always_inline __u32 track_state(__u32 tgid)
{
	if (tgid == cfg_self_tgid)
		return 0;
	if (cfg_mode == REC_MODE_SYSTEM)
		return REC_TRACK_ACTIVE;
	if (cfg_mode == REC_MODE_CGROUP)
		return bpf_current_task_under_cgroup(&cgroup_filter, 0) == 1 ? REC_TRACK_ACTIVE : 0;
	__u32 *v = bpf_map_lookup_elem(&tracked, &tgid);
	return v ? *v : 0;
}

/* ----------------------------------------------------------------------------------------------------
 * Kernel structure helpers
 */

static __always_inline struct file *fd_to_file(struct task_struct *t, long fd)
{
	if (fd < 0)
		return NULL;
	struct files_struct *files = BPF_CORE_READ(t, files);
	if (!files)
		return NULL;
	struct fdtable *fdt = BPF_CORE_READ(files, fdt);
	if (!fdt)
		return NULL;
	unsigned int max = BPF_CORE_READ(fdt, max_fds);
	if ((unsigned long)fd >= max)
		return NULL;
	struct file **arr = BPF_CORE_READ(fdt, fd);
	struct file *f = NULL;
	bpf_probe_read_kernel(&f, sizeof(f), &arr[fd]);
	return f;
}

static __always_inline struct socket *file_to_socket(struct file *f)
{
	if (!f)
		return NULL;
	umode_t mode = BPF_CORE_READ(f, f_inode, i_mode);
	if ((mode & S_IFMT_) != S_IFSOCK_)
		return NULL;
	return (struct socket *)BPF_CORE_READ(f, private_data);
}

static __always_inline void unix_bound_path(struct unix_sock *us, char *dst)
{
	struct unix_address *addr = BPF_CORE_READ(us, addr);
	if (!addr)
		return;
	bpf_probe_read_kernel(dst, REC_UNIX_PATH, &addr->name[0].sun_path);
}

/* Fill a rec_sock for fd; returns its size, or 0 when fd is not a socket we understand. */
static __always_inline __u32 fill_sock(struct task_struct *t, long fd, struct rec_sock *rs)
{
	struct socket *sock = file_to_socket(fd_to_file(t, fd));
	if (!sock)
		return 0;
	struct sock *sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return 0;
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	rs->family = family;
	rs->type = BPF_CORE_READ(sk, sk_type);
	rs->sk = (__u64)sk;
	if (family == AF_INET_) {
		__u32 l = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__u32 r = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__builtin_memcpy(rs->laddr, &l, 4);
		__builtin_memcpy(rs->raddr, &r, 4);
		rs->lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		rs->rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	} else if (family == AF_INET6_) {
		BPF_CORE_READ_INTO(&rs->laddr, sk, __sk_common.skc_v6_rcv_saddr);
		BPF_CORE_READ_INTO(&rs->raddr, sk, __sk_common.skc_v6_daddr);
		rs->lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		rs->rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	} else if (family == AF_UNIX_) {
		struct unix_sock *us = (struct unix_sock *)sk;
		struct sock *peer = BPF_CORE_READ(us, peer);
		rs->peer = (__u64)peer;
		unix_bound_path(us, rs->lpath);
		if (peer)
			unix_bound_path((struct unix_sock *)peer, rs->rpath);
	}
	return sizeof(struct rec_sock);
}

static __always_inline __u32 task_vnr(struct pid *pid, __u32 level)
{
	struct upid up = {};
	if (!pid)
		return 0;
	BPF_CORE_READ_INTO(&up, pid, numbers[level & 31]);
	return up.nr;
}

static __always_inline struct pid_namespace *task_active_pidns(struct task_struct *t, __u32 *level)
{
	struct pid *pid = BPF_CORE_READ(t, thread_pid);
	*level = BPF_CORE_READ(pid, level);
	return BPF_CORE_READ(pid, numbers[*level & 31].ns);
}

static __always_inline __u32 task_tty(struct task_struct *t)
{
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	if (!tty)
		return 0;
	int index = BPF_CORE_READ(tty, index);
	int major = BPF_CORE_READ(tty, driver, major);
	int minor_start = BPF_CORE_READ(tty, driver, minor_start);
	__u32 minor = minor_start + index;
	/* new_encode_dev(MKDEV(major, minor)), as /proc/PID/stat reports tty_nr */
	return (minor & 0xff) | ((__u32)major << 8) | ((minor & ~0xffu) << 12);
}

static __always_inline __u64 mm_counter(struct mm_struct *mm, int idx)
{
	/* rss_stat is an array of percpu_counter since 6.2; the central count is close enough. */
	s64 v = 0;
	if (bpf_core_field_exists(mm->rss_stat[0].count))
		BPF_CORE_READ_INTO(&v, mm, rss_stat[idx].count);
	return v > 0 ? (__u64)v : 0;
}

struct inode___ctime_ts {
	struct timespec64 i_ctime;
	struct timespec64 i_mtime;
};
struct inode___ctime_sec {
	time64_t i_ctime_sec;
	time64_t i_mtime_sec;
	u32 i_ctime_nsec;
	u32 i_mtime_nsec;
};

static __always_inline void exe_facts(struct task_struct *t, struct rec_proc *p)
{
	struct file *exe = BPF_CORE_READ(t, mm, exe_file);
	if (!exe)
		return;
	struct inode *ino = BPF_CORE_READ(exe, f_inode);
	if (!ino)
		return;
	p->exe_ino = BPF_CORE_READ(ino, i_ino);
	struct inode___ctime_sec *s = (void *)ino;
	struct inode___ctime_ts *ts = (void *)ino;
	if (bpf_core_field_exists(s->i_ctime_sec)) {
		p->exe_ctime = BPF_CORE_READ(s, i_ctime_sec) * 1000000000ull + BPF_CORE_READ(s, i_ctime_nsec);
		p->exe_mtime = BPF_CORE_READ(s, i_mtime_sec) * 1000000000ull + BPF_CORE_READ(s, i_mtime_nsec);
	} else if (bpf_core_field_exists(ts->i_ctime)) {
		p->exe_ctime = BPF_CORE_READ(ts, i_ctime.tv_sec) * 1000000000ull + BPF_CORE_READ(ts, i_ctime.tv_nsec);
		p->exe_mtime = BPF_CORE_READ(ts, i_mtime.tv_sec) * 1000000000ull + BPF_CORE_READ(ts, i_mtime.tv_nsec);
	}
	/* Writable by the task: owner, else group/other write bits, or CAP_DAC_OVERRIDE. */
	umode_t mode = BPF_CORE_READ(ino, i_mode);
	__u32 iuid = BPF_CORE_READ(ino, i_uid.val);
	__u32 igid = BPF_CORE_READ(ino, i_gid.val);
	const struct cred *cred = BPF_CORE_READ(t, cred);
	__u32 fsuid = BPF_CORE_READ(cred, fsuid.val);
	__u32 fsgid = BPF_CORE_READ(cred, fsgid.val);
	bool w;
	if (fsuid == iuid)
		w = true;
	else if (fsgid == igid)
		w = mode & 0020;
	else
		w = mode & 0002;
	if (!w && (p->cap_eff & (1ull << 1 /* CAP_DAC_OVERRIDE */)))
		w = true;
	p->exe_writable = w;
}

/* Everything about the current task that clone and exec events carry. */
static __always_inline void proc_facts(struct task_struct *t, struct rec_proc *p)
{
	struct task_struct *parent = BPF_CORE_READ(t, real_parent);
	p->ptid = BPF_CORE_READ(parent, pid);
	__u32 level = 0;
	struct pid_namespace *ns = task_active_pidns(t, &level);
	p->vtid = task_vnr(BPF_CORE_READ(t, thread_pid), level);
	p->vpid = task_vnr(BPF_CORE_READ(t, group_leader, thread_pid), level);
	struct pid *pgrp = BPF_CORE_READ(t, signal, pids[PIDTYPE_PGID]);
	struct pid *sess = BPF_CORE_READ(t, signal, pids[PIDTYPE_SID]);
	p->pgid = task_vnr(pgrp, 0);
	p->vpgid = task_vnr(pgrp, level);
	p->sid = task_vnr(sess, 0);
	struct pid_namespace *child_ns = BPF_CORE_READ(t, nsproxy, pid_ns_for_children);
	p->in_pidns = level != 0 || (child_ns && child_ns != ns);

	const struct cred *cred = BPF_CORE_READ(t, cred);
	p->uid = BPF_CORE_READ(cred, euid.val);
	p->gid = BPF_CORE_READ(cred, egid.val);
	bpf_probe_read_kernel(&p->cap_inh, 8, &cred->cap_inheritable);
	bpf_probe_read_kernel(&p->cap_prm, 8, &cred->cap_permitted);
	bpf_probe_read_kernel(&p->cap_eff, 8, &cred->cap_effective);
	p->loginuid = 0xffffffff;
	if (bpf_core_field_exists(t->loginuid))
		p->loginuid = BPF_CORE_READ(t, loginuid.val);
	p->tty = task_tty(t);
	p->fdlimit = BPF_CORE_READ(t, signal, rlim[7 /* RLIMIT_NOFILE */].rlim_cur);
	p->maj_flt = BPF_CORE_READ(t, maj_flt);
	p->min_flt = BPF_CORE_READ(t, min_flt);
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	if (mm) {
		p->vm_size_kb = BPF_CORE_READ(mm, total_vm) << 2;
		p->vm_rss_kb = (mm_counter(mm, 0) + mm_counter(mm, 1) + mm_counter(mm, 3)) << 2;
		p->vm_swap_kb = mm_counter(mm, 2) << 2;
	}
	bpf_probe_read_kernel_str(p->comm, sizeof(p->comm), &t->comm);
	exe_facts(t, p);
}

struct kernfs_node___old {
	struct kernfs_node *parent;
};

static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	struct kernfs_node___old *old = (void *)kn;
	if (bpf_core_field_exists(old->parent))
		return BPF_CORE_READ(old, parent);
	return BPF_CORE_READ(kn, __parent);
}

#define CGROUP_DEPTH 10
#define CGROUPS_MAX 8192

struct cgroup_walk {
	__u32 cpu;
	__u32 off;
	__u32 start;
	struct css_set *cs;
};

static __always_inline int subsys_id(__u32 i)
{
#define CGID(e) (bpf_core_enum_value_exists(enum cgroup_subsys_id, e) ? (int)bpf_core_enum_value(enum cgroup_subsys_id, e) : -1)
	switch (i) {
	case 0: return CGID(cpuset_cgrp_id);
	case 1: return CGID(cpu_cgrp_id);
	case 2: return CGID(cpuacct_cgrp_id);
	case 3: return CGID(io_cgrp_id);
	case 4: return CGID(memory_cgrp_id);
	case 5: return CGID(devices_cgrp_id);
	case 6: return CGID(freezer_cgrp_id);
	case 7: return CGID(net_cls_cgrp_id);
	case 8: return CGID(perf_event_cgrp_id);
	case 9: return CGID(net_prio_cgrp_id);
	case 10: return CGID(hugetlb_cgrp_id);
	case 11: return CGID(pids_cgrp_id);
	}
#undef CGID
	return -1;
}

/*
 * bpf_loop callback for controller i: "subsys\0", a component count byte, then the path components from the
 * task's cgroup up to (not including) the hierarchy root, each NUL-terminated. User space reverses them into
 * "subsys=/a/b" (walking up is cheap for the verifier; writing top-down is not).
 */
static long append_cgroup(__u32 i, void *arg)
{
	struct cgroup_walk *cw = arg;
	int id = subsys_id(i);
	__u32 off = cw->off;
	if (id < 0 || off - cw->start > CGROUPS_MAX - (CGROUP_DEPTH * 256 + 64))
		return 0;
	__u32 cpu = cw->cpu;
	__u8 *buf = bpf_map_lookup_elem(&scratch, &cpu);
	if (!buf)
		return 1;
	struct cgroup_subsys_state *css = NULL;
	bpf_probe_read_kernel(&css, sizeof(css), &cw->cs->subsys[id & 15]);
	if (!css)
		return 0;
	long n = bpf_probe_read_kernel_str(&buf[OFF(off)], 32, BPF_CORE_READ(css, ss, name));
	if (n <= 1)
		return 0;
	off += n;
	__u32 count_at = off;
	off++;
	__u8 count = 0;
	struct kernfs_node *kn = BPF_CORE_READ(css, cgroup, kn);
	for (int k = 0; k < CGROUP_DEPTH; k++) {
		struct kernfs_node *parent = kn ? kn_parent(kn) : NULL;
		if (!parent)
			break;
		n = bpf_probe_read_kernel_str(&buf[OFF(off)], 256, BPF_CORE_READ(kn, name));
		if (n <= 0)
			break;
		off += n;
		count++;
		kn = parent;
	}
	buf[OFF(count_at)] = count;
	cw->off = off;
	return 0;
}

/* The task's cgroups, one "subsys=path" per controller; bpf_loop keeps the verifier's work small. */
static __always_inline __u32 copy_cgroups(__u32 cpu, __u32 off, struct task_struct *t)
{
	struct cgroup_walk cw = { .cpu = cpu, .off = off, .start = off, .cs = BPF_CORE_READ(t, cgroups) };
	if (!cw.cs)
		return 0;
	bpf_loop(12, append_cgroup, &cw, 0);
	return cw.off - off;
}

#define DPATH_DEPTH 64

struct dpath_walk {
	__u32 cpu;
	__u32 off;
	__u32 start;
	__u8 done;
	struct dentry *d;
	struct mount *mnt;
};

static __always_inline int dpath_name(struct dpath_walk *w, struct dentry *d)
{
	if (w->off - w->start > REC_STR_MAX - 256)
		return -1;
	__u32 cpu = w->cpu;
	__u8 *buf = bpf_map_lookup_elem(&scratch, &cpu);
	if (!buf)
		return -1;
	long n = bpf_probe_read_kernel_str(&buf[OFF(w->off)], 256, BPF_CORE_READ(d, d_name.name));
	if (n <= 0)
		return -1;
	w->off += n;
	return 0;
}

/* bpf_loop callback: one path component, or one step across a mount point, per call (as d_path walks). */
static long dpath_cb(__u32 i, void *arg)
{
	struct dpath_walk *w = arg;
	struct dentry *d = w->d;
	struct mount *mnt = w->mnt;
	if (!d || !mnt)
		return 1;
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	struct dentry *mnt_root = BPF_CORE_READ(mnt, mnt.mnt_root);
	if (d == mnt_root) {
		struct mount *up = BPF_CORE_READ(mnt, mnt_parent);
		if (up == mnt) {
			w->done = 1; /* the root of the mount tree */
			return 1;
		}
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = up;
		return 0;
	}
	if (d == parent) {
		/* a file-system root that is no mount's root (memfd and other pseudo files): its name alone */
		if (!dpath_name(w, d))
			w->done = 1;
		return 1;
	}
	if (dpath_name(w, d))
		return 1;
	w->d = parent;
	return 0;
}

/* The path of `f` from the root of the mount tree, as components bottom-up; 0 if it could not be walked. */
static __always_inline __u32 copy_file_path(__u32 cpu, __u32 off, struct file *f)
{
	if (!f)
		return 0;
	struct vfsmount *vm = BPF_CORE_READ(f, f_path.mnt);
	if (!vm)
		return 0;
	struct dpath_walk w = { .cpu = cpu, .off = off, .start = off, .d = BPF_CORE_READ(f, f_path.dentry),
				.mnt = (struct mount *)((void *)vm - bpf_core_field_offset(struct mount, mnt)) };
	bpf_loop(DPATH_DEPTH, dpath_cb, &w, 0);
	return w.done ? w.off - off : 0;
}

/* Copy the current task's argv (or environ) area from user memory; returns the byte count. */
static __always_inline __u32 copy_mm_area(__u8 *buf, __u32 off, unsigned long start, unsigned long end)
{
	if (!start || end <= start)
		return 0;
	unsigned long len = end - start;
	if (len > REC_ARGS_MAX)
		len = REC_ARGS_MAX;
	len = BOUND(len, 8191);
	if (bpf_probe_read_user(&buf[OFF(off)], len, (void *)start))
		return 0;
	return len;
}

struct strv_walk {
	__u32 cpu;
	__u32 off;
	__u32 used;
	const char *const *uv;
};

static long strv_cb(__u32 i, void *arg)
{
	struct strv_walk *sw = arg;
	const char *str = NULL;
	if (sw->used >= REC_ARGS_MAX)
		return 1;
	if (bpf_probe_read_user(&str, sizeof(str), &sw->uv[i & (REC_ARGV_MAX - 1)]) || !str)
		return 1;
	__u32 cpu = sw->cpu;
	__u8 *buf = bpf_map_lookup_elem(&scratch, &cpu);
	if (!buf)
		return 1;
	long n = bpf_probe_read_user_str(&buf[OFF(sw->off + sw->used)], REC_STR_MAX, str);
	if (n <= 0)
		return 1;
	sw->used += n;
	return 0;
}

/* Follow a user argv/envp array (exec failed, so the caller's memory still holds it). */
static __always_inline __u32 copy_user_strv(__u32 cpu, __u32 off, const char *const *uv)
{
	struct strv_walk sw = { .cpu = cpu, .off = off, .uv = uv };
	if (!uv)
		return 0;
	bpf_loop(REC_ARGV_MAX, strv_cb, &sw, 0);
	return sw.used;
}

static __always_inline __u32 copy_ustr(__u8 *buf, __u32 off, const void *p)
{
	if (!p)
		return 0;
	long n = bpf_probe_read_user_str(&buf[OFF(off)], REC_STR_MAX, p);
	return n > 0 ? n : 0;
}

static __always_inline __u32 copy_ubuf(__u8 *buf, __u32 off, const void *p, __u64 len, __u32 max)
{
	if (!p || !len)
		return 0;
	if (len > max)
		len = max;
	len = BOUND(len, 8191);
	if (bpf_probe_read_user(&buf[OFF(off)], len, p))
		return 0;
	return len;
}

struct iov_walk {
	__u32 cpu;
	__u32 off;
	__u32 copied;
	__u64 want;
	__u64 sum;
	__u64 cnt;
	const struct iovec *iov;
};

static long iov_cb(__u32 i, void *arg)
{
	struct iov_walk *w = arg;
	if (i >= w->cnt)
		return 1;
	struct iovec v = {};
	if (bpf_probe_read_user(&v, sizeof(v), &w->iov[i & (REC_IOV_MAX - 1)]))
		return 1;
	w->sum += v.iov_len;
	if (w->copied < w->want && w->copied < REC_SNAPLEN_MAX) {
		__u32 cpu = w->cpu;
		__u8 *buf = bpf_map_lookup_elem(&scratch, &cpu);
		if (!buf)
			return 1;
		__u64 n = v.iov_len;
		if (n > w->want - w->copied)
			n = w->want - w->copied;
		w->copied += copy_ubuf(buf, w->off + w->copied, v.iov_base, n, REC_SNAPLEN_MAX);
	}
	return 0;
}

/* Sum of the iovec lengths (first REC_IOV_MAX vectors) and, if want > 0, a copy of their first bytes. */
static __always_inline __u32 copy_iov(__u32 cpu, __u32 off, const struct iovec *iov, unsigned long cnt, __u64 want,
				      __u64 *total)
{
	struct iov_walk w = { .cpu = cpu, .off = off, .want = want, .cnt = cnt, .iov = iov };
	if (!iov)
		return 0;
	bpf_loop(REC_IOV_MAX, iov_cb, &w, 0);
	*total = w.sum;
	return w.copied;
}

/* ----------------------------------------------------------------------------------------------------
 * Output
 */

static __always_inline void *cpu_ring(__u32 cpu)
{
	return bpf_map_lookup_elem(&rings, &cpu);
}

static __always_inline __u8 *cpu_scratch(__u32 cpu)
{
	return bpf_map_lookup_elem(&scratch, &cpu);
}

static __always_inline void emit_scratch(__u8 *buf, __u32 size, __u32 cpu, bool state)
{
	void *rb = cpu_ring(cpu);
	size = BOUND(size, 65535);
	((struct rec_hdr *)buf)->size = size;
	if (!rb || bpf_ringbuf_output(rb, buf, size, BPF_RB_NO_WAKEUP))
		count_drop(cpu, state);
}

static __always_inline void fill_hdr(struct rec_hdr *h, __u16 kind, __u16 hid, __u64 pid_tgid)
{
	h->ts = bpf_ktime_get_boot_ns();
	h->tid = (__u32)pid_tgid;
	h->pid = pid_tgid >> 32;
	h->kind = kind;
	h->hid = hid;
}

static __always_inline void fill_args(__u64 *a, struct pt_regs *regs)
{
	a[0] = regs->di;
	a[1] = regs->si;
	a[2] = regs->dx;
	a[3] = regs->r10;
	a[4] = regs->r8;
	a[5] = regs->r9;
}

/* Hot path: fixed 80-byte record reserved straight in the ring. */
static __always_inline int emit_fast(struct pt_regs *regs, long ret, __u32 hid, __u64 pid_tgid)
{
	__u32 cpu = bpf_get_smp_processor_id();
	void *rb = cpu_ring(cpu);
	if (!rb) {
		count_drop(cpu, is_handler_state_changing(hid));
		return 0;
	}
	struct rec_sys *r = bpf_ringbuf_reserve(rb, sizeof(*r), 0);
	if (!r) {
		count_drop(cpu, is_handler_state_changing(hid));
		return 0;
	}
	fill_hdr(&r->h, REC_SYS, hid, pid_tgid);
	r->h.size = sizeof(*r);
	r->ret = ret;
	fill_args(r->a, regs);
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}

static __always_inline bool wants_data(__u32 hid)
{
	switch (hid) {
	case H_READ: case H_WRITE: case H_PREAD: case H_PWRITE:
		return cfg_snaplen > 0;
	}
	return false;
}

static __always_inline int emit_ext(struct pt_regs *regs, long ret, __u32 hid, __u64 pid_tgid)
{
	__u32 cpu = bpf_get_smp_processor_id();
	bool state = is_handler_state_changing(hid);
	__u8 *buf = cpu_scratch(cpu);
	if (!buf) {
		count_drop(cpu, state);
		return 0;
	}
	struct rec_sys_ext *r = (void *)buf;
	__builtin_memset(r, 0, sizeof(*r));
	fill_hdr(&r->s.h, REC_SYS_EXT, hid, pid_tgid);
	r->s.ret = ret;
	fill_args(r->s.a, regs);
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 *a = r->s.a;
	__u32 off = sizeof(*r);
	__u32 n;
	__u64 snap = cfg_snaplen;

	switch (hid) {
	case H_READ:
	case H_PREAD:
		n = ret > 0 ? copy_ubuf(buf, off, (void *)a[1], ret, snap) : 0;
		r->blen[B0] = n;
		off += n;
		break;
	case H_WRITE:
	case H_PWRITE:
		n = copy_ubuf(buf, off, (void *)a[1], a[2], snap);
		r->blen[B0] = n;
		off += n;
		break;
	case H_READV:
	case H_PREADV:
	case H_PREADV2:
		n = copy_iov(cpu, off, (void *)a[1], a[2], ret > 0 ? (ret < snap ? ret : snap) : 0, &r->x[0]);
		r->blen[B0] = n;
		off += n;
		break;
	case H_WRITEV:
	case H_PWRITEV:
	case H_PWRITEV2:
		n = copy_iov(cpu, off, (void *)a[1], a[2], snap, &r->x[0]);
		r->blen[B0] = n;
		off += n;
		break;
	case H_SENDTO:
	case H_RECVFROM: {
		struct rec_sock *rs = (void *)(buf + sizeof(*r));
		__builtin_memset(rs, 0, sizeof(*rs));
		n = fill_sock(t, a[0], rs);
		r->blen[B0] = n;
		off += n;
		__u64 alen = a[5];
		if (hid == H_RECVFROM) {
			int ul = 0;
			if (a[5])
				bpf_probe_read_user(&ul, sizeof(ul), (void *)a[5]);
			alen = ul > 0 ? ul : 0;
		}
		n = copy_ubuf(buf, off, (void *)a[4], alen, 128);
		r->blen[B1] = n;
		off += n;
		if (hid == H_SENDTO)
			n = copy_ubuf(buf, off, (void *)a[1], a[2], snap);
		else
			n = ret > 0 ? copy_ubuf(buf, off, (void *)a[1], ret, snap) : 0;
		r->blen[B2] = n;
		off += n;
		break;
	}
	case H_SENDMSG:
	case H_RECVMSG: {
		struct rec_sock *rs = (void *)(buf + sizeof(*r));
		__builtin_memset(rs, 0, sizeof(*rs));
		n = fill_sock(t, a[0], rs);
		r->blen[B0] = n;
		off += n;
		struct user_msghdr mh = {};
		if (a[1] && !bpf_probe_read_user(&mh, sizeof(mh), (void *)a[1])) {
			n = copy_ubuf(buf, off, mh.msg_name, mh.msg_namelen, 128);
			r->blen[B1] = n;
			off += n;
			__u64 want = hid == H_SENDMSG ? snap : (ret > 0 ? (ret < snap ? ret : snap) : 0);
			n = copy_iov(cpu, off, mh.msg_iov, mh.msg_iovlen, want, &r->x[0]);
			r->blen[B2] = n;
			off += n;
		}
		break;
	}
	case H_COPY_FILE_RANGE:
		if (a[1]) {
			bpf_probe_read_user(&r->x[0], 8, (void *)a[1]);
			r->x[2] = 1;
		}
		if (a[3]) {
			bpf_probe_read_user(&r->x[1], 8, (void *)a[3]);
			r->x[3] = 1;
		}
		break;
	case H_SENDFILE:
		if (a[2]) {
			bpf_probe_read_user(&r->x[0], 8, (void *)a[2]);
			r->x[1] = 1;
		}
		break;
	case H_OPEN:
	case H_CREAT:
	case H_OPENAT:
	case H_OPENAT2: {
		const void *path = (void *)(hid == H_OPEN || hid == H_CREAT ? a[0] : a[1]);
		n = copy_ustr(buf, off, path);
		r->blen[B0] = n;
		off += n;
		if (hid == H_OPENAT2 && a[2]) {
			struct open_how how = {};
			bpf_probe_read_user(&how, sizeof(how), (void *)a[2]);
			r->x[3] = how.flags;
			r->x[4] = how.mode;
			r->x[5] = how.resolve;
		}
		if (ret >= 0) {
			struct file *f = fd_to_file(t, ret);
			if (f) {
				r->x[0] = BPF_CORE_READ(f, f_inode, i_sb, s_dev);
				r->x[1] = BPF_CORE_READ(f, f_inode, i_ino);
				r->x[2] = BPF_CORE_READ(f, f_mode);
			}
		}
		break;
	}
	case H_PIPE:
	case H_PIPE2:
	case H_SOCKETPAIR: {
		int fds[2] = { -1, -1 };
		const void *p = (void *)(hid == H_SOCKETPAIR ? a[3] : a[0]);
		if (ret >= 0 && p)
			bpf_probe_read_user(fds, sizeof(fds), p);
		r->x[0] = (__u64)(__s64)fds[0];
		r->x[1] = (__u64)(__s64)fds[1];
		if (ret >= 0) {
			struct file *f = fd_to_file(t, fds[0]);
			if (hid == H_SOCKETPAIR) {
				struct socket *sock = file_to_socket(f);
				struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
				r->x[2] = (__u64)sk;
				r->x[3] = sk ? (__u64)BPF_CORE_READ((struct unix_sock *)sk, peer) : 0;
			} else if (f) {
				r->x[2] = BPF_CORE_READ(f, f_inode, i_ino);
			}
		}
		break;
	}
	case H_SIGNALFD:
	case H_SIGNALFD4:
		if (a[1])
			bpf_probe_read_user(&r->x[0], 8, (void *)a[1]);
		break;
	case H_MEMFD_CREATE:
	case H_CHDIR:
	case H_MKDIR:
	case H_RMDIR:
	case H_UNLINK:
	case H_CHMOD:
	case H_UMOUNT2:
		n = copy_ustr(buf, off, (void *)a[0]);
		r->blen[B0] = n;
		off += n;
		break;
	case H_MKDIRAT:
	case H_UNLINKAT:
	case H_FCHMODAT:
		n = copy_ustr(buf, off, (void *)a[1]);
		r->blen[B0] = n;
		off += n;
		break;
	case H_RENAME:
	case H_LINK:
	case H_SYMLINK:
		n = copy_ustr(buf, off, (void *)a[0]);
		r->blen[B0] = n;
		off += n;
		n = copy_ustr(buf, off, (void *)a[1]);
		r->blen[B1] = n;
		off += n;
		break;
	case H_RENAMEAT:
	case H_RENAMEAT2:
	case H_LINKAT:
		n = copy_ustr(buf, off, (void *)a[1]);
		r->blen[B0] = n;
		off += n;
		n = copy_ustr(buf, off, (void *)a[3]);
		r->blen[B1] = n;
		off += n;
		break;
	case H_SYMLINKAT:
		n = copy_ustr(buf, off, (void *)a[0]);
		r->blen[B0] = n;
		off += n;
		n = copy_ustr(buf, off, (void *)a[2]);
		r->blen[B1] = n;
		off += n;
		break;
	case H_MOUNT:
		n = copy_ustr(buf, off, (void *)a[0]);
		r->blen[B0] = n;
		off += n;
		n = copy_ustr(buf, off, (void *)a[1]);
		r->blen[B1] = n;
		off += n;
		n = copy_ustr(buf, off, (void *)a[2]);
		r->blen[B2] = n;
		off += n;
		break;
	case H_BIND:
		n = copy_ubuf(buf, off, (void *)a[1], a[2], 128);
		r->blen[B1] = n;
		off += n;
		break;
	case H_CONNECT: {
		struct rec_sock *rs = (void *)(buf + sizeof(*r));
		__builtin_memset(rs, 0, sizeof(*rs));
		n = fill_sock(t, a[0], rs);
		r->blen[B0] = n;
		off += n;
		n = copy_ubuf(buf, off, (void *)a[1], a[2], 128);
		r->blen[B1] = n;
		off += n;
		break;
	}
	case H_ACCEPT:
	case H_ACCEPT4: {
		struct rec_sock *rs = (void *)(buf + sizeof(*r));
		__builtin_memset(rs, 0, sizeof(*rs));
		n = ret >= 0 ? fill_sock(t, ret, rs) : 0;
		r->blen[B0] = n;
		off += n;
		struct socket *ls = file_to_socket(fd_to_file(t, a[0]));
		struct sock *lsk = ls ? BPF_CORE_READ(ls, sk) : NULL;
		if (lsk) {
			r->x[0] = BPF_CORE_READ(lsk, sk_ack_backlog);
			r->x[1] = BPF_CORE_READ(lsk, sk_max_ack_backlog);
		}
		break;
	}
	default:
		break;
	}
	emit_scratch(buf, off, cpu, state);
	return 0;
}

/* Clone family (both sides) and failed execs: the full process picture of the current task. */
static __always_inline int emit_proc(struct pt_regs *regs, long ret, __u32 hid, __u64 pid_tgid, bool exec_ok)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u8 *buf = cpu_scratch(cpu);
	if (!buf) {
		count_drop(cpu, true);
		return 0;
	}
	struct rec_proc *p = (void *)buf;
	__builtin_memset(p, 0, sizeof(*p));
	fill_hdr(&p->h, REC_PROC, hid, pid_tgid);
	p->ret = ret;
	if (regs)
		fill_args(p->a, regs);
	p->from_exec_tp = exec_ok;
	struct task_struct *t = bpf_get_current_task_btf();
	proc_facts(t, p);
	__u32 off = sizeof(*p);
	__u32 n;
	struct mm_struct *mm = BPF_CORE_READ(t, mm);

	if (hid == H_EXECVE || hid == H_EXECVEAT) {
		if (!exec_ok) {
			const void *fname = (void *)(hid == H_EXECVE ? p->a[0] : p->a[1]);
			const void *argv = (void *)(hid == H_EXECVE ? p->a[1] : p->a[2]);
			const void *envp = (void *)(hid == H_EXECVE ? p->a[2] : p->a[3]);
			n = copy_ustr(buf, off, fname);
			p->blen[B0] = n;
			off += n;
			n = copy_user_strv(cpu, off, argv);
			p->blen[B1] = n;
			off += n;
			n = copy_user_strv(cpu, off, envp);
			p->blen[B2] = n;
			off += n;
		}
		/* the successful case is filled by the sched_process_exec program below */
	} else {
		/* clone family: flags as the caller passed them (clone3 child: derived from the new task) */
		__u64 flags = 0;
		if (hid == H_CLONE) {
			flags = p->a[0];
		} else if (hid == H_VFORK) {
			flags = 0x00004000 /* CLONE_VFORK */ | 0x00000100 /* CLONE_VM */;
		} else if (hid == H_CLONE3) {
			if (ret != 0) {
				if (p->a[0])
					bpf_probe_read_user(&flags, 8, (void *)p->a[0]);
			} else {
				struct task_struct *parent = BPF_CORE_READ(t, real_parent);
				if (p->h.tid != p->h.pid)
					flags |= 0x00010000 /* CLONE_THREAD */ | 0x00000100 /* CLONE_VM */ |
						 0x00000800 /* CLONE_SIGHAND */ | 0x00000400 /* CLONE_FILES */ |
						 0x00000200 /* CLONE_FS */;
				else {
					if (BPF_CORE_READ(t, mm) == BPF_CORE_READ(parent, mm))
						flags |= 0x00000100;
					if (BPF_CORE_READ(t, files) == BPF_CORE_READ(parent, files))
						flags |= 0x00000400;
					if (BPF_CORE_READ(t, fs) == BPF_CORE_READ(parent, fs))
						flags |= 0x00000200;
				}
				if (BPF_CORE_READ(t, vfork_done))
					flags |= 0x00004000;
			}
		}
		p->clone_flags = flags;
		if (mm)
			n = copy_mm_area(buf, off, BPF_CORE_READ(mm, arg_start), BPF_CORE_READ(mm, arg_end));
		else
			n = 0;
		p->blen[B1] = n;
		off += n;
	}
	n = copy_cgroups(cpu, off, t);
	p->blen[B3] = n;
	off += n;
	emit_scratch(buf, off, cpu, true);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(on_sys_exit, struct pt_regs *regs, long ret)
{
	long nr = regs->orig_ax;
	if (nr < 0 || nr >= REC_MAX_SYSCALL_NR)
		return 0;
	__u32 hid = handler_of[nr];
	if (hid == H_NONE)
		return 0;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 st = track_state(pid_tgid >> 32);
	if (!st)
		return 0;
	/* 32-bit tasks number their syscalls from the ia32 table: not ours to decode */
	if (bpf_get_current_task_btf()->thread_info.status & 0x0002 /* TS_COMPAT */)
		return 0;
	if (st == REC_TRACK_PENDING_EXEC) {
		/* our spawned child before its exec: only a failing exec is of interest */
		if (!((hid == H_EXECVE || hid == H_EXECVEAT) && ret < 0))
			return 0;
	}
	switch (hid) {
	case H_EXECVE:
	case H_EXECVEAT:
		if (ret == 0)
			return 0; /* reported by sched_process_exec */
		return emit_proc(regs, ret, hid, pid_tgid, false);
	case H_CLONE:
	case H_FORK:
	case H_VFORK:
	case H_CLONE3:
		return emit_proc(regs, ret, hid, pid_tgid, false);
	case H_READ:
	case H_WRITE:
	case H_PREAD:
	case H_PWRITE:
		if (wants_data(hid))
			return emit_ext(regs, ret, hid, pid_tgid);
		return emit_fast(regs, ret, hid, pid_tgid);
	case H_CLOSE: case H_CLOSE_RANGE: case H_DUP: case H_DUP2: case H_DUP3: case H_FCNTL:
	case H_EVENTFD: case H_EVENTFD2: case H_TIMERFD_CREATE: case H_INOTIFY_INIT: case H_INOTIFY_INIT1:
	case H_EPOLL_CREATE: case H_EPOLL_CREATE1: case H_SOCKET: case H_LISTEN: case H_SHUTDOWN:
	case H_FCHDIR: case H_FCHMOD: case H_SETUID: case H_SETGID: case H_SETRESUID: case H_SETRESGID:
	case H_SETREUID: case H_SETREGID: case H_PTRACE: case H_SENDMMSG: case H_RECVMMSG:
		return emit_fast(regs, ret, hid, pid_tgid);
	default:
		return emit_ext(regs, ret, hid, pid_tgid);
	}
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	__u32 st = track_state(tgid);
	if (!st)
		return 0;
	if (st == REC_TRACK_PENDING_EXEC) {
		__u32 active = REC_TRACK_ACTIVE;
		bpf_map_update_elem(&tracked, &tgid, &active, BPF_EXIST);
	}
	__u32 cpu = bpf_get_smp_processor_id();
	__u8 *buf = cpu_scratch(cpu);
	if (!buf) {
		count_drop(cpu, true);
		return 0;
	}
	struct rec_proc *p = (void *)buf;
	__builtin_memset(p, 0, sizeof(*p));
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	long nr = regs ? BPF_CORE_READ(regs, orig_ax) : 59;
	__u32 hid = nr == 322 ? H_EXECVEAT : H_EXECVE;
	fill_hdr(&p->h, REC_PROC, hid, pid_tgid);
	p->ret = 0;
	p->from_exec_tp = 1;
	if (regs) {
		p->a[0] = BPF_CORE_READ(regs, di);
		p->a[1] = BPF_CORE_READ(regs, si);
		p->a[2] = BPF_CORE_READ(regs, dx);
		p->a[3] = BPF_CORE_READ(regs, r10);
		p->a[4] = BPF_CORE_READ(regs, r8);
	}
	proc_facts(task, p);
	__u32 off = sizeof(*p);
	__u32 n = 0;
	const char *fname = BPF_CORE_READ(bprm, filename);
	if (fname) {
		long r = bpf_probe_read_kernel_str(&buf[OFF(off)], REC_STR_MAX, fname);
		n = r > 0 ? r : 0;
	}
	p->blen[B0] = n;
	off += n;
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	n = 0;
	if (mm)
		n = copy_mm_area(buf, off, BPF_CORE_READ(mm, arg_start), BPF_CORE_READ(mm, arg_end));
	p->blen[B1] = n;
	off += n;
	n = 0;
	if (mm)
		n = copy_mm_area(buf, off, BPF_CORE_READ(mm, env_start), BPF_CORE_READ(mm, env_end));
	p->blen[B2] = n;
	off += n;
	n = copy_cgroups(cpu, off, task);
	p->blen[B3] = n;
	off += n;
	n = copy_file_path(cpu, off, BPF_CORE_READ(bprm, file));
	p->exe_path_len = n;
	off += n;
	emit_scratch(buf, off, cpu, true);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	if (cfg_mode != REC_MODE_TREE)
		return 0;
	__u32 ptgid = BPF_CORE_READ(parent, tgid);
	__u32 ctgid = BPF_CORE_READ(child, tgid);
	if (ptgid == ctgid)
		return 0;
	__u32 *v = bpf_map_lookup_elem(&tracked, &ptgid);
	if (!v || *v != REC_TRACK_ACTIVE)
		return 0;
	__u32 active = REC_TRACK_ACTIVE;
	bpf_map_update_elem(&tracked, &ctgid, &active, BPF_ANY);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_exit, struct task_struct *task)
{
	/* 6.18 passes (task, group_dead); older kernels only (task): read just the first argument. */
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	__u32 st = track_state(tgid);
	if (st != REC_TRACK_ACTIVE)
		return 0;
	__u32 cpu = bpf_get_smp_processor_id();
	void *rb = cpu_ring(cpu);
	struct rec_exit *e = rb ? bpf_ringbuf_reserve(rb, sizeof(*e), 0) : NULL;
	bool dead = BPF_CORE_READ(task, signal, live.counter) == 0;
	if (!e) {
		count_drop(cpu, true);
	} else {
		__builtin_memset(e, 0, sizeof(*e));
		fill_hdr(&e->h, REC_EXIT, H_NONE, pid_tgid);
		e->h.size = sizeof(*e);
		e->exit_code = BPF_CORE_READ(task, exit_code);
		e->group_dead = dead;
		bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
	}
	if (dead && cfg_mode == REC_MODE_TREE)
		bpf_map_delete_elem(&tracked, &tgid);
	return 0;
}
