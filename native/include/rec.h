/* SPDX-License-Identifier: (MIT OR GPL-2.0) */
/*
 * The one contract shared by the eBPF probe (native/bpf/recorder.bpf.c) and the user-space recorder
 * (native/src/). The probe sends compact, version-independent records of raw facts; user space turns
 * them into scap events of whichever layout was asked for. Nothing here depends on scap event codes.
 *
 * Included by BPF code (after vmlinux.h, no libc) and by C/C++ user space (after <stdint.h>/<linux/types.h>).
 */
#ifndef FALCO_REPLAY_REC_H
#define FALCO_REPLAY_REC_H

#define REC_MAX_CPUS 256          /* per-CPU arrays in the probe's .bss */
#define REC_MAX_HANDLERS 128      /* handler ids (enum rec_handler) */
#define REC_MAX_SYSCALL_NR 512    /* x86_64 syscall numbers the probe dispatches on */
#define REC_SCRATCH_SIZE 65536    /* per-CPU scratch for variable records */
#define REC_SCRATCH_HALF 32767    /* offset mask: any write starts below this, ends below SCRATCH_SIZE */
#define REC_STR_MAX 4096          /* one path / string, NUL included */
#define REC_ARGS_MAX 4096         /* argv or environ area kept for exec / clone */
#define REC_SNAPLEN_MAX 4096      /* I/O data prefix kept when a snaplen is asked for */
#define REC_ARGV_MAX 32           /* argv/envp pointers followed when exec fails */
#define REC_IOV_MAX 32            /* iovecs summed for readv/writev/sendmsg/recvmsg sizes */
#define REC_UNIX_PATH 108

/* Filter modes (rodata cfg_mode). */
enum rec_mode { REC_MODE_SYSTEM = 0, REC_MODE_TREE = 1, REC_MODE_CGROUP = 2 };

/* Values of the tracked-tgid map in tree mode. */
enum rec_track { REC_TRACK_ACTIVE = 1, REC_TRACK_PENDING_EXEC = 2 };

enum rec_kind {
	REC_SYS = 1,     /* struct rec_sys: a syscall exit with no extra facts (hot path: read/write/close...) */
	REC_SYS_EXT = 2, /* struct rec_sys_ext + blobs */
	REC_PROC = 3,    /* struct rec_proc + blobs: clone family (parent and child) and execve family */
	REC_EXIT = 4,    /* struct rec_exit: a thread exited (sched_process_exit) */
};

/*
 * Handler ids: one per syscall the probe understands. User space maps syscall numbers to handler ids in
 * the probe's rodata (so the probe needs no syscall-number table) and back to events when encoding.
 */
enum rec_handler {
	H_NONE = 0,
	/* I/O */
	H_READ, H_WRITE, H_PREAD, H_PWRITE, H_READV, H_WRITEV, H_PREADV, H_PWRITEV, H_PREADV2, H_PWRITEV2,
	H_SENDTO, H_RECVFROM, H_SENDMSG, H_RECVMSG, H_SENDMMSG, H_RECVMMSG,
	H_COPY_FILE_RANGE, H_SENDFILE,
	/* fd creation and destruction */
	H_OPEN, H_OPENAT, H_OPENAT2, H_CREAT, H_CLOSE, H_CLOSE_RANGE,
	H_DUP, H_DUP2, H_DUP3, H_FCNTL, H_PIPE, H_PIPE2,
	H_EVENTFD, H_EVENTFD2, H_SIGNALFD, H_SIGNALFD4, H_TIMERFD_CREATE, H_INOTIFY_INIT, H_INOTIFY_INIT1,
	H_EPOLL_CREATE, H_EPOLL_CREATE1, H_MEMFD_CREATE,
	/* network */
	H_SOCKET, H_SOCKETPAIR, H_BIND, H_LISTEN, H_CONNECT, H_ACCEPT, H_ACCEPT4, H_SHUTDOWN,
	/* file system */
	H_CHDIR, H_FCHDIR, H_MKDIR, H_MKDIRAT, H_RMDIR, H_RENAME, H_RENAMEAT, H_RENAMEAT2, H_UNLINK, H_UNLINKAT,
	H_LINK, H_LINKAT, H_SYMLINK, H_SYMLINKAT, H_CHMOD, H_FCHMOD, H_FCHMODAT, H_MOUNT, H_UMOUNT2,
	/* processes and credentials */
	H_EXECVE, H_EXECVEAT, H_CLONE, H_FORK, H_VFORK, H_CLONE3,
	H_SETUID, H_SETGID, H_SETRESUID, H_SETRESGID, H_SETREUID, H_SETREGID, H_PTRACE,
	H__COUNT
};

struct rec_hdr {
	__u64 ts;   /* bpf_ktime_get_boot_ns() when the probe ran */
	__u32 tid;  /* host thread id */
	__u32 pid;  /* host thread-group id */
	__u16 kind; /* enum rec_kind */
	__u16 hid;  /* enum rec_handler (0 for REC_EXIT) */
	__u32 size; /* whole record in bytes, blobs included */
};

struct rec_sys {
	struct rec_hdr h;
	__s64 ret;   /* syscall return value */
	__u64 a[6];  /* syscall arguments as the task passed them (x86_64 di, si, dx, r10, r8, r9) */
};

/* Blob slots used by REC_SYS_EXT; which slot holds what depends on the handler (see encode.c). */
enum { B0 = 0, B1 = 1, B2 = 2, B3 = 3, REC_BLOBS = 4 };

struct rec_sys_ext {
	struct rec_sys s;
	__u64 x[6];             /* extra facts, meaning per handler (dev, ino, created flag, queue lengths...) */
	__u16 blen[REC_BLOBS];  /* byte length of each blob; blobs follow back to back in slot order */
};

/* Socket facts for one fd, taken at syscall exit. User space builds socket tuples from it. */
struct rec_sock {
	__u16 family;   /* AF_* of the socket; 0 if the fd is not a socket */
	__u16 type;     /* SOCK_* */
	__u16 lport;    /* host order */
	__u16 rport;    /* host order */
	__u8 laddr[16]; /* IPv4 in the first 4 bytes */
	__u8 raddr[16];
	__u64 sk;       /* kernel address of the sock (unix tuples carry them) */
	__u64 peer;     /* kernel address of the peer sock (unix) */
	char lpath[REC_UNIX_PATH]; /* unix: bound path of this socket */
	char rpath[REC_UNIX_PATH]; /* unix: bound path of the peer */
};

struct rec_proc {
	struct rec_hdr h;
	__s64 ret;         /* exec: 0 or -errno; clone: child tid in the parent, 0 in the child */
	__u64 a[6];        /* syscall arguments (exec failure and clone) */
	__u64 clone_flags; /* raw CLONE_* bits (clone family; derived in the child for clone3) */
	__u64 fdlimit;
	__u64 maj_flt, min_flt;
	__u64 cap_inh, cap_prm, cap_eff;
	__u64 exe_ino, exe_ctime, exe_mtime; /* exe_* ctime/mtime in ns since the epoch */
	__u32 ptid, vtid, vpid, pgid, vpgid, sid;
	__u32 uid, gid, loginuid, tty;
	__u32 vm_size_kb, vm_rss_kb, vm_swap_kb;
	__u8 in_pidns;     /* the task (or its children) live in a non-root pid namespace */
	__u8 exe_writable;
	__u8 from_exec_tp; /* produced by sched_process_exec (successful exec) */
	__u8 pad0;
	char comm[16];
	__u16 blen[REC_BLOBS]; /* B0 filename (exec), B1 argv area, B2 environ area, B3 cgroups ("subsys=path\0"...) */
	/* successful exec: the executable's path as /proc/PID/exe shows it, as NUL-terminated components from the
	 * file up to the root (user space reverses them); follows the B3 blob. 0 if the walk did not finish. */
	__u16 exe_path_len;
	__u16 pad1[3];
};

struct rec_exit {
	struct rec_hdr h;
	__s32 exit_code;  /* task->exit_code (wait status layout) */
	__u32 reaper;     /* unused (0) */
	__u8 group_dead;  /* last thread of its thread group */
	__u8 pad[7];
};

/* Per-CPU counters in the probe's .bss, one cache line each. */
struct rec_cpu_stats {
	__u64 drops;        /* records lost because the ring was full or scratch unavailable */
	__u64 drops_state;  /* of which records that change process/fd state (clone, exec, open, close...) */
	__u64 pad[6];
};

#endif
