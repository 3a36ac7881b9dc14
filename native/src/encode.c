/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include "encode.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/types.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/syscall.h>

#include "../include/rec.h"
#include "gen/ppm_tables.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------------------ */
/* handler table */

struct handler_desc {
	const char *name;
	int nr;
	uint16_t ppm_sc;
};

#define HD(h, n, sc) [h] = { #n, SYS_##n, sc }
static const struct handler_desc handlers[H__COUNT] = {
	HD(H_READ, read, PPM_SC_READ), HD(H_WRITE, write, PPM_SC_WRITE), HD(H_PREAD, pread64, PPM_SC_PREAD64),
	HD(H_PWRITE, pwrite64, PPM_SC_PWRITE64), HD(H_READV, readv, PPM_SC_READV), HD(H_WRITEV, writev, PPM_SC_WRITEV),
	HD(H_PREADV, preadv, PPM_SC_PREADV), HD(H_PWRITEV, pwritev, PPM_SC_PWRITEV), HD(H_PREADV2, preadv2, PPM_SC_PREADV2),
	HD(H_PWRITEV2, pwritev2, PPM_SC_PWRITEV2), HD(H_SENDTO, sendto, PPM_SC_SENDTO),
	HD(H_RECVFROM, recvfrom, PPM_SC_RECVFROM), HD(H_SENDMSG, sendmsg, PPM_SC_SENDMSG),
	HD(H_RECVMSG, recvmsg, PPM_SC_RECVMSG), HD(H_SENDMMSG, sendmmsg, PPM_SC_SENDMMSG),
	HD(H_RECVMMSG, recvmmsg, PPM_SC_RECVMMSG), HD(H_COPY_FILE_RANGE, copy_file_range, PPM_SC_COPY_FILE_RANGE),
	HD(H_SENDFILE, sendfile, PPM_SC_SENDFILE), HD(H_OPEN, open, PPM_SC_OPEN), HD(H_OPENAT, openat, PPM_SC_OPENAT),
	HD(H_OPENAT2, openat2, PPM_SC_OPENAT2), HD(H_CREAT, creat, PPM_SC_CREAT), HD(H_CLOSE, close, PPM_SC_CLOSE),
	HD(H_CLOSE_RANGE, close_range, PPM_SC_CLOSE_RANGE), HD(H_DUP, dup, PPM_SC_DUP), HD(H_DUP2, dup2, PPM_SC_DUP2),
	HD(H_DUP3, dup3, PPM_SC_DUP3), HD(H_FCNTL, fcntl, PPM_SC_FCNTL), HD(H_PIPE, pipe, PPM_SC_PIPE),
	HD(H_PIPE2, pipe2, PPM_SC_PIPE2), HD(H_EVENTFD, eventfd, PPM_SC_EVENTFD), HD(H_EVENTFD2, eventfd2, PPM_SC_EVENTFD2),
	HD(H_SIGNALFD, signalfd, PPM_SC_SIGNALFD), HD(H_SIGNALFD4, signalfd4, PPM_SC_SIGNALFD4),
	HD(H_TIMERFD_CREATE, timerfd_create, PPM_SC_TIMERFD_CREATE), HD(H_INOTIFY_INIT, inotify_init, PPM_SC_INOTIFY_INIT),
	HD(H_INOTIFY_INIT1, inotify_init1, PPM_SC_INOTIFY_INIT1), HD(H_EPOLL_CREATE, epoll_create, PPM_SC_EPOLL_CREATE),
	HD(H_EPOLL_CREATE1, epoll_create1, PPM_SC_EPOLL_CREATE1), HD(H_MEMFD_CREATE, memfd_create, PPM_SC_MEMFD_CREATE),
	HD(H_SOCKET, socket, PPM_SC_SOCKET), HD(H_SOCKETPAIR, socketpair, PPM_SC_SOCKETPAIR), HD(H_BIND, bind, PPM_SC_BIND),
	HD(H_LISTEN, listen, PPM_SC_LISTEN), HD(H_CONNECT, connect, PPM_SC_CONNECT), HD(H_ACCEPT, accept, PPM_SC_ACCEPT),
	HD(H_ACCEPT4, accept4, PPM_SC_ACCEPT4), HD(H_SHUTDOWN, shutdown, PPM_SC_SHUTDOWN), HD(H_CHDIR, chdir, PPM_SC_CHDIR),
	HD(H_FCHDIR, fchdir, PPM_SC_FCHDIR), HD(H_MKDIR, mkdir, PPM_SC_MKDIR), HD(H_MKDIRAT, mkdirat, PPM_SC_MKDIRAT),
	HD(H_RMDIR, rmdir, PPM_SC_RMDIR), HD(H_RENAME, rename, PPM_SC_RENAME), HD(H_RENAMEAT, renameat, PPM_SC_RENAMEAT),
	HD(H_RENAMEAT2, renameat2, PPM_SC_RENAMEAT2), HD(H_UNLINK, unlink, PPM_SC_UNLINK),
	HD(H_UNLINKAT, unlinkat, PPM_SC_UNLINKAT), HD(H_LINK, link, PPM_SC_LINK), HD(H_LINKAT, linkat, PPM_SC_LINKAT),
	HD(H_SYMLINK, symlink, PPM_SC_SYMLINK), HD(H_SYMLINKAT, symlinkat, PPM_SC_SYMLINKAT), HD(H_CHMOD, chmod, PPM_SC_CHMOD),
	HD(H_FCHMOD, fchmod, PPM_SC_FCHMOD), HD(H_FCHMODAT, fchmodat, PPM_SC_FCHMODAT), HD(H_MOUNT, mount, PPM_SC_MOUNT),
	HD(H_UMOUNT2, umount2, PPM_SC_UMOUNT2), HD(H_EXECVE, execve, PPM_SC_EXECVE), HD(H_EXECVEAT, execveat, PPM_SC_EXECVEAT),
	HD(H_CLONE, clone, PPM_SC_CLONE), HD(H_FORK, fork, PPM_SC_FORK), HD(H_VFORK, vfork, PPM_SC_VFORK),
	HD(H_CLONE3, clone3, PPM_SC_CLONE3), HD(H_SETUID, setuid, PPM_SC_SETUID), HD(H_SETGID, setgid, PPM_SC_SETGID),
	HD(H_SETRESUID, setresuid, PPM_SC_SETRESUID), HD(H_SETRESGID, setresgid, PPM_SC_SETRESGID),
	HD(H_SETREUID, setreuid, PPM_SC_SETREUID), HD(H_SETREGID, setregid, PPM_SC_SETREGID), HD(H_PTRACE, ptrace, PPM_SC_PTRACE),
};

const char *handler_name(unsigned hid) { return hid < H__COUNT ? handlers[hid].name : NULL; }
int handler_syscall_nr(unsigned hid) { return hid > 0 && hid < H__COUNT && handlers[hid].name ? handlers[hid].nr : -1; }

unsigned handler_by_name(const char *name)
{
	for (unsigned i = 1; i < H__COUNT; i++)
		if (handlers[i].name && !strcmp(handlers[i].name, name))
			return i;
	return H_NONE;
}

/* ------------------------------------------------------------------------------------------------------ */
/* emit helpers */

struct ctx {
	struct encoder *e;
	struct scap_writer *w;
	uint64_t ts;  /* exit time */
	uint64_t tid;
	uint16_t cpu;
	bool compat;
};

static inline void ev(struct ctx *c, bool enter, uint16_t code, uint32_t np)
{
	sw_ev_begin(c->w, enter ? c->ts - 1 : c->ts, c->tid, code, np, c->cpu);
}
#define END(c) sw_ev_end((c)->w)
#define W (c->w)
#define P_ERR(v) sw_p_i64(W, (int64_t)(v))
#define P_FD(v) sw_p_i64(W, (int64_t)(int32_t)(v)) /* fd arguments are C ints: ignore the register's upper half */
#define P_PID(v) sw_p_i64(W, (int64_t)(v))
#define P_U64(v) sw_p_u64(W, (uint64_t)(v))
#define P_U32(v) sw_p_u32(W, (uint32_t)(v))
#define P_U16(v) sw_p_u16(W, (uint16_t)(v))
#define P_U8(v) sw_p_u8(W, (uint8_t)(v))

struct blobs {
	const uint8_t *p[REC_BLOBS];
	size_t n[REC_BLOBS];
	const uint8_t *exe; /* rec_proc: executable path components, bottom-up (exe_path_len bytes) */
	size_t exe_n;
};

/* Bottom-up NUL-terminated path components -> "/a/b/c"; 0 if they do not fit or are malformed. */
static size_t path_from_components(const uint8_t *p, size_t n, char *out, size_t cap)
{
	const uint8_t *comp[64];
	size_t clen[64], k = 0, i = 0, need = 1;
	while (i < n) {
		const uint8_t *z = memchr(p + i, 0, n - i);
		if (!z || k == 64)
			return 0;
		comp[k] = p + i;
		clen[k] = (size_t)(z - (p + i));
		need += clen[k] + 1;
		i += clen[k] + 1;
		k++;
	}
	if (need + 1 > cap)
		return 0;
	size_t o = 0;
	if (!k)
		out[o++] = '/';
	for (size_t j = k; j-- > 0;) {
		out[o++] = '/';
		memcpy(out + o, comp[j], clen[j]);
		o += clen[j];
	}
	out[o] = 0;
	return o;
}

/* A path-like string from a blob: "<NA>" when the probe could not read it. */
static void p_path(struct ctx *c, const struct blobs *b, int i)
{
	if (!b->n[i])
		sw_p_str(W, "<NA>");
	else
		sw_p_strn(W, (const char *)b->p[i], b->n[i]);
}

static void p_data(struct ctx *c, const struct blobs *b, int i) { sw_p_buf(W, b->p[i], b->n[i]); }

/* SOCKADDR parameter from a user sockaddr copy. */
static void p_sockaddr(struct ctx *c, const uint8_t *sa, size_t n)
{
	uint8_t out[1 + REC_UNIX_PATH + 1];
	size_t len = 0;
	uint16_t fam = 0;
	if (n >= 2)
		memcpy(&fam, sa, 2);
	if (fam == AF_INET && n >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s = (const void *)sa;
		uint16_t port = ntohs(s->sin_port);
		out[0] = PPM_AF_INET;
		memcpy(out + 1, &s->sin_addr, 4);
		memcpy(out + 5, &port, 2);
		len = 7;
	} else if (fam == AF_INET6 && n >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *s = (const void *)sa;
		uint16_t port = ntohs(s->sin6_port);
		out[0] = PPM_AF_INET6;
		memcpy(out + 1, &s->sin6_addr, 16);
		memcpy(out + 17, &port, 2);
		len = 19;
	} else if (fam == AF_UNIX && n > 2) {
		const char *path = (const char *)sa + 2;
		size_t pl = n - 2;
		if (pl && path[0] == 0) { /* abstract socket: drop the leading NUL */
			path++;
			pl--;
		}
		pl = strnlen(path, pl > REC_UNIX_PATH ? REC_UNIX_PATH : pl);
		out[0] = PPM_AF_UNIX;
		memcpy(out + 1, path, pl);
		out[1 + pl] = 0;
		len = pl + 2;
	}
	sw_p_buf(W, out, len);
}

/*
 * SOCKTUPLE from the socket facts, oriented the way drivers orient it: "source" is the local side of outbound
 * operations (connect, send) and the remote side of inbound ones (accept, recv). `usa` (a user sockaddr, may be
 * empty) replaces the remote endpoint, as for unconnected datagram sockets.
 */
static void p_tuple(struct ctx *c, const struct blobs *b, int sock_blob, const uint8_t *usa, size_t usan, bool inbound)
{
	uint8_t out[1 + 8 + 8 + REC_UNIX_PATH + 1];
	size_t len = 0;
	if (b->n[sock_blob] >= sizeof(struct rec_sock)) {
		struct rec_sock rs;
		memcpy(&rs, b->p[sock_blob], sizeof(rs));
		uint16_t ufam = 0;
		if (usan >= 2)
			memcpy(&ufam, usa, 2);
		if (rs.family == AF_INET) {
			uint8_t raddr[4];
			uint16_t rport = rs.rport;
			memcpy(raddr, rs.raddr, 4);
			if (ufam == AF_INET && usan >= sizeof(struct sockaddr_in)) {
				const struct sockaddr_in *s = (const void *)usa;
				memcpy(raddr, &s->sin_addr, 4);
				rport = ntohs(s->sin_port);
			}
			out[0] = PPM_AF_INET;
			const uint8_t *sa = inbound ? raddr : rs.laddr, *da = inbound ? rs.laddr : raddr;
			uint16_t sp = inbound ? rport : rs.lport, dp = inbound ? rs.lport : rport;
			memcpy(out + 1, sa, 4);
			memcpy(out + 5, &sp, 2);
			memcpy(out + 7, da, 4);
			memcpy(out + 11, &dp, 2);
			len = 13;
		} else if (rs.family == AF_INET6) {
			uint8_t raddr[16];
			uint16_t rport = rs.rport;
			memcpy(raddr, rs.raddr, 16);
			if (ufam == AF_INET6 && usan >= sizeof(struct sockaddr_in6)) {
				const struct sockaddr_in6 *s = (const void *)usa;
				memcpy(raddr, &s->sin6_addr, 16);
				rport = ntohs(s->sin6_port);
			}
			out[0] = PPM_AF_INET6;
			const uint8_t *sa = inbound ? raddr : rs.laddr, *da = inbound ? rs.laddr : raddr;
			uint16_t sp = inbound ? rport : rs.lport, dp = inbound ? rs.lport : rport;
			memcpy(out + 1, sa, 16);
			memcpy(out + 17, &sp, 2);
			memcpy(out + 19, da, 16);
			memcpy(out + 35, &dp, 2);
			len = 37;
		} else if (rs.family == AF_UNIX) {
			/* drivers put (peer, self) for outbound and (self, peer) for inbound */
			uint64_t s = inbound ? rs.sk : rs.peer, d = inbound ? rs.peer : rs.sk;
			const char *path = inbound ? rs.lpath : rs.rpath;
			size_t pmax = REC_UNIX_PATH;
			if (!inbound && ufam == AF_UNIX && usan > 2) {
				path = (const char *)usa + 2;
				pmax = usan - 2 > REC_UNIX_PATH ? REC_UNIX_PATH : usan - 2;
			}
			if (pmax && path[0] == 0) {
				path++;
				pmax--;
			}
			size_t pl = strnlen(path, pmax);
			out[0] = PPM_AF_UNIX;
			memcpy(out + 1, &s, 8);
			memcpy(out + 9, &d, 8);
			memcpy(out + 17, path, pl);
			out[17 + pl] = 0;
			len = 18 + pl;
		}
	}
	sw_p_buf(W, out, len);
}

/* Syscall ids of sysdig 0.29.3's table (libs e5c53d64) end below this: it indexes that table with the id of a
 * generic event without a bounds check, so a newer id crashes it. Its drivers wrote PPM_SC_UNKNOWN plus the
 * native syscall number for syscalls they had no id for. */
#define COMPAT_PPM_SC_END 329

static void generic(struct ctx *c, unsigned hid, int64_t ret)
{
	(void)ret;
	uint16_t sc = handlers[hid].ppm_sc;
	uint16_t nr = (uint16_t)handlers[hid].nr;
	if (c->compat) {
		if (sc >= COMPAT_PPM_SC_END)
			sc = PPM_SC_UNKNOWN;
		ev(c, true, PPME_GENERIC_E, 2);
		P_U16(sc);
		P_U16(nr);
		END(c);
		ev(c, false, PPME_GENERIC_X, 1);
		P_U16(sc);
		END(c);
	} else {
		ev(c, false, PPME_GENERIC_X, 2);
		P_U16(sc);
		P_U16(nr);
		END(c);
	}
}

/* An enter event with no parameters, in the compat layout only. */
static void enter0(struct ctx *c, uint16_t code)
{
	if (!c->compat)
		return;
	ev(c, true, code, 0);
	END(c);
}

static uint32_t fdflags_to_ppm(uint64_t flags) { return open_flags_to_ppm(flags & ~(uint64_t)O_ACCMODE) & ~(uint32_t)PPM_O_RDONLY; }

/* ------------------------------------------------------------------------------------------------------ */
/* syscall records */

static void enc_sys(struct ctx *c, unsigned hid, int64_t ret, const uint64_t *a, const uint64_t *x, const struct blobs *b)
{
	static const uint64_t zx[6] = { 0 };
	if (!x)
		x = zx;
	bool C = c->compat;
	switch (hid) {
	case H_READ:
	case H_WRITE: {
		uint16_t e = hid == H_READ ? PPME_SYSCALL_READ_E : PPME_SYSCALL_WRITE_E;
		if (C) {
			ev(c, true, e, 2);
			P_FD(a[0]);
			P_U32(a[2]);
			END(c);
		}
		ev(c, false, e + 1, C ? 2 : 4);
		P_ERR(ret);
		p_data(c, b, B0);
		if (!C) {
			P_FD(a[0]);
			P_U32(a[2]);
		}
		END(c);
		break;
	}
	case H_PREAD:
	case H_PWRITE: {
		uint16_t e = hid == H_PREAD ? PPME_SYSCALL_PREAD_E : PPME_SYSCALL_PWRITE_E;
		if (C) {
			ev(c, true, e, 3);
			P_FD(a[0]);
			P_U32(a[2]);
			P_U64(a[3]);
			END(c);
		}
		ev(c, false, e + 1, C ? 2 : 5);
		P_ERR(ret);
		p_data(c, b, B0);
		if (!C) {
			P_FD(a[0]);
			P_U32(a[2]);
			P_U64(a[3]);
		}
		END(c);
		break;
	}
	case H_READV:
		if (C) {
			ev(c, true, PPME_SYSCALL_READV_E, 1);
			P_FD(a[0]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_READV_X, C ? 3 : 4);
		P_ERR(ret);
		P_U32(x[0]);
		p_data(c, b, B0);
		if (!C)
			P_FD(a[0]);
		END(c);
		break;
	case H_WRITEV:
		if (C) {
			ev(c, true, PPME_SYSCALL_WRITEV_E, 2);
			P_FD(a[0]);
			P_U32(x[0]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_WRITEV_X, C ? 2 : 4);
		P_ERR(ret);
		p_data(c, b, B0);
		if (!C) {
			P_FD(a[0]);
			P_U32(x[0]);
		}
		END(c);
		break;
	case H_PREADV:
	case H_PREADV2:
		if (C) {
			ev(c, true, PPME_SYSCALL_PREADV_E, 2);
			P_FD(a[0]);
			P_U64(a[3]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_PREADV_X, C ? 3 : 5);
		P_ERR(ret);
		P_U32(x[0]);
		p_data(c, b, B0);
		if (!C) {
			P_FD(a[0]);
			P_U64(a[3]);
		}
		END(c);
		break;
	case H_PWRITEV:
	case H_PWRITEV2:
		if (C) {
			ev(c, true, PPME_SYSCALL_PWRITEV_E, 3);
			P_FD(a[0]);
			P_U32(x[0]);
			P_U64(a[3]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_PWRITEV_X, C ? 2 : 5);
		P_ERR(ret);
		p_data(c, b, B0);
		if (!C) {
			P_FD(a[0]);
			P_U32(x[0]);
			P_U64(a[3]);
		}
		END(c);
		break;
	case H_SENDTO:
		if (C) {
			ev(c, true, PPME_SOCKET_SENDTO_E, 3);
			P_FD(a[0]);
			P_U32(a[2]);
			p_tuple(c, b, B0, b->p[B1], b->n[B1], false);
			END(c);
		}
		ev(c, false, PPME_SOCKET_SENDTO_X, C ? 2 : 5);
		P_ERR(ret);
		p_data(c, b, B2);
		if (!C) {
			P_FD(a[0]);
			P_U32(a[2]);
			p_tuple(c, b, B0, b->p[B1], b->n[B1], false);
		}
		END(c);
		break;
	case H_RECVFROM:
		if (C) {
			ev(c, true, PPME_SOCKET_RECVFROM_E, 2);
			P_FD(a[0]);
			P_U32(a[2]);
			END(c);
		}
		ev(c, false, PPME_SOCKET_RECVFROM_X, C ? 3 : 5);
		P_ERR(ret);
		p_data(c, b, B2);
		if (ret >= 0)
			p_tuple(c, b, B0, b->p[B1], b->n[B1], true);
		else
			sw_p_empty(W);
		if (!C) {
			P_FD(a[0]);
			P_U32(a[2]);
		}
		END(c);
		break;
	case H_SENDMSG:
		if (C) {
			ev(c, true, PPME_SOCKET_SENDMSG_E, 3);
			P_FD(a[0]);
			P_U32(x[0]);
			p_tuple(c, b, B0, b->p[B1], b->n[B1], false);
			END(c);
		}
		ev(c, false, PPME_SOCKET_SENDMSG_X, C ? 2 : 5);
		P_ERR(ret);
		p_data(c, b, B2);
		if (!C) {
			P_FD(a[0]);
			P_U32(x[0]);
			p_tuple(c, b, B0, b->p[B1], b->n[B1], false);
		}
		END(c);
		break;
	case H_RECVMSG:
		if (C) {
			ev(c, true, PPME_SOCKET_RECVMSG_E, 1);
			P_FD(a[0]);
			END(c);
		}
		ev(c, false, PPME_SOCKET_RECVMSG_X, C ? 4 : 6);
		P_ERR(ret);
		P_U32(x[0]);
		p_data(c, b, B2);
		if (ret >= 0)
			p_tuple(c, b, B0, b->p[B1], b->n[B1], true);
		else
			sw_p_empty(W);
		if (!C) {
			sw_p_empty(W); /* msgcontrol */
			P_FD(a[0]);
		}
		END(c);
		break;
	case H_SENDMMSG:
	case H_RECVMMSG: {
		uint16_t e = hid == H_SENDMMSG ? PPME_SOCKET_SENDMMSG_E : PPME_SOCKET_RECVMMSG_E;
		if (C) {
			/* the 2022 drivers recorded these without parameters */
			ev(c, true, e, 0);
			END(c);
			ev(c, false, e + 1, 0);
			END(c);
		} else {
			ev(c, false, e + 1, hid == H_SENDMMSG ? 5 : 6);
			P_ERR(ret);
			P_FD(a[0]);
			P_U32(0);
			sw_p_empty(W);
			sw_p_empty(W);
			if (hid == H_RECVMMSG)
				sw_p_empty(W);
			END(c);
		}
		break;
	}
	case H_COPY_FILE_RANGE:
		if (C) {
			ev(c, true, PPME_SYSCALL_COPY_FILE_RANGE_E, 3);
			P_FD(a[0]);
			P_U64(x[0]);
			P_U64(a[4]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_COPY_FILE_RANGE_X, C ? 3 : 6);
		P_ERR(ret);
		P_FD(a[2]);
		P_U64(x[1]);
		if (!C) {
			P_FD(a[0]);
			P_U64(x[0]);
			P_U64(a[4]);
		}
		END(c);
		break;
	case H_SENDFILE:
		if (C) {
			ev(c, true, PPME_SYSCALL_SENDFILE_E, 4);
			P_FD(a[0]);
			P_FD(a[1]);
			P_U64(x[0]);
			P_U64(a[3]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_SENDFILE_X, C ? 2 : 5);
		P_ERR(ret);
		P_U64(x[0]);
		if (!C) {
			P_FD(a[0]);
			P_FD(a[1]);
			P_U64(a[3]);
		}
		END(c);
		break;
	case H_OPEN: {
		uint32_t fl = open_flags_to_ppm(a[1]), mode = open_mode_to_ppm(a[1], a[2]);
		if (C) {
			ev(c, true, PPME_SYSCALL_OPEN_E, 3);
			p_path(c, b, B0);
			P_U32(fl);
			P_U32(mode);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_OPEN_X, C ? 5 : 6);
		P_FD(ret);
		p_path(c, b, B0);
		P_U32(C ? fl : fl | ((x[2] & (1u << 20)) ? PPM_O_F_CREATED : 0));
		P_U32(mode);
		P_U32(kdev_to_ppm(x[0]));
		if (!C)
			P_U64(x[1]);
		END(c);
		break;
	}
	case H_CREAT: {
		uint32_t mode = open_mode_to_ppm(O_CREAT, a[1]);
		if (C) {
			ev(c, true, PPME_SYSCALL_CREAT_E, 2);
			p_path(c, b, B0);
			P_U32(mode);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_CREAT_X, C ? 4 : 6);
		P_FD(ret);
		p_path(c, b, B0);
		P_U32(mode);
		P_U32(kdev_to_ppm(x[0]));
		if (!C) {
			P_U64(x[1]);
			P_U16(0); /* creat_flags: overlay layers unknown */
		}
		END(c);
		break;
	}
	case H_OPENAT: {
		uint32_t fl = open_flags_to_ppm(a[2]), mode = open_mode_to_ppm(a[2], a[3]);
		if (C) {
			ev(c, true, PPME_SYSCALL_OPENAT_2_E, 4);
			P_FD(a[0]);
			p_path(c, b, B0);
			P_U32(fl);
			P_U32(mode);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_OPENAT_2_X, C ? 6 : 7);
		P_FD(ret);
		P_FD(a[0]);
		p_path(c, b, B0);
		P_U32(C ? fl : fl | ((x[2] & (1u << 20)) ? PPM_O_F_CREATED : 0));
		P_U32(mode);
		P_U32(kdev_to_ppm(x[0]));
		if (!C)
			P_U64(x[1]);
		END(c);
		break;
	}
	case H_OPENAT2: {
		uint32_t fl = open_flags_to_ppm(x[3]), mode = open_mode_to_ppm(x[3], x[4]);
		uint32_t res = openat2_resolve_to_ppm(x[5]);
		if (C) {
			ev(c, true, PPME_SYSCALL_OPENAT2_E, 5);
			P_FD(a[0]);
			p_path(c, b, B0);
			P_U32(fl);
			P_U32(mode);
			P_U32(res);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_OPENAT2_X, C ? 6 : 8);
		P_FD(ret);
		P_FD(a[0]);
		p_path(c, b, B0);
		P_U32(C ? fl : fl | ((x[2] & (1u << 20)) ? PPM_O_F_CREATED : 0));
		P_U32(mode);
		P_U32(res);
		if (!C) {
			P_U32(kdev_to_ppm(x[0]));
			P_U64(x[1]);
		}
		END(c);
		break;
	}
	case H_CLOSE:
		if (C) {
			ev(c, true, PPME_SYSCALL_CLOSE_E, 1);
			P_FD(a[0]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_CLOSE_X, C ? 1 : 2);
		P_ERR(ret);
		if (!C)
			P_FD(a[0]);
		END(c);
		break;
	case H_CLOSE_RANGE:
		if (C) {
			generic(c, hid, ret);
		} else {
			ev(c, false, PPME_SYSCALL_CLOSE_RANGE_X, 4);
			P_ERR(ret);
			P_U32(a[0]);
			P_U32(a[1]);
			P_U32(close_range_flags_to_ppm(a[2]));
			END(c);
		}
		break;
	case H_DUP:
	case H_DUP2:
	case H_DUP3:
		if (C) {
			/* 2022 drivers reported dup, dup2 and dup3 as dup; readers take the new fd from res */
			ev(c, true, PPME_SYSCALL_DUP_E, 1);
			P_FD(a[0]);
			END(c);
			ev(c, false, PPME_SYSCALL_DUP_X, 1);
			P_FD(ret);
			END(c);
		} else if (hid == H_DUP) {
			ev(c, false, PPME_SYSCALL_DUP_1_X, 2);
			P_FD(ret);
			P_FD(a[0]);
			END(c);
		} else if (hid == H_DUP2) {
			ev(c, false, PPME_SYSCALL_DUP2_X, 3);
			P_FD(ret);
			P_FD(a[0]);
			P_FD(a[1]);
			END(c);
		} else {
			ev(c, false, PPME_SYSCALL_DUP3_X, 4);
			P_FD(ret);
			P_FD(a[0]);
			P_FD(a[1]);
			P_U32(fdflags_to_ppm(a[2]));
			END(c);
		}
		break;
	case H_FCNTL: {
		uint32_t cmd = fcntl_cmd_to_ppm((int32_t)a[1]);
		if (C) {
			ev(c, true, PPME_SYSCALL_FCNTL_E, 2);
			P_FD(a[0]);
			P_U8(cmd);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_FCNTL_X, C ? 1 : 4);
		P_FD(ret);
		if (!C) {
			P_FD(a[0]);
			P_U8(cmd);
			P_U64(a[2]);
		}
		END(c);
		break;
	}
	case H_PIPE:
	case H_PIPE2:
		enter0(c, PPME_SYSCALL_PIPE_E);
		if (C || hid == H_PIPE) {
			ev(c, false, PPME_SYSCALL_PIPE_X, 4);
		} else {
			ev(c, false, PPME_SYSCALL_PIPE2_X, 5);
		}
		P_ERR(ret);
		P_FD(x[0]);
		P_FD(x[1]);
		P_U64(x[2]);
		if (!C && hid == H_PIPE2)
			P_U32(fdflags_to_ppm(a[1]));
		END(c);
		break;
	case H_SOCKETPAIR:
		if (C) {
			ev(c, true, PPME_SOCKET_SOCKETPAIR_E, 3);
			P_U32(a[0]);
			P_U32(a[1]);
			P_U32(a[2]);
			END(c);
		}
		ev(c, false, PPME_SOCKET_SOCKETPAIR_X, C ? 5 : 8);
		P_ERR(ret);
		P_FD(x[0]);
		P_FD(x[1]);
		P_U64(x[2]);
		P_U64(x[3]);
		if (!C) {
			P_U32(a[0]);
			P_U32(a[1]);
			P_U32(a[2]);
		}
		END(c);
		break;
	case H_EVENTFD:
	case H_EVENTFD2:
		if (C) {
			ev(c, true, PPME_SYSCALL_EVENTFD_E, 2);
			P_U64((uint32_t)a[0]);
			P_U32(0); /* the 2022 drivers did not report the flags */
			END(c);
			ev(c, false, PPME_SYSCALL_EVENTFD_X, 1);
			P_FD(ret);
			END(c);
		} else if (hid == H_EVENTFD) {
			ev(c, false, PPME_SYSCALL_EVENTFD_X, 3);
			P_FD(ret);
			P_U64((uint32_t)a[0]);
			P_U32(0);
			END(c);
		} else {
			ev(c, false, PPME_SYSCALL_EVENTFD2_X, 3);
			P_FD(ret);
			P_U16(fdflags_to_ppm(a[1]));
			P_U64((uint32_t)a[0]);
			END(c);
		}
		break;
	case H_SIGNALFD:
	case H_SIGNALFD4:
		if (C) {
			ev(c, true, PPME_SYSCALL_SIGNALFD_E, 3);
			P_FD(a[0]);
			P_U32(x[0]);
			P_U8(0);
			END(c);
			ev(c, false, PPME_SYSCALL_SIGNALFD_X, 1);
			P_FD(ret);
			END(c);
		} else if (hid == H_SIGNALFD) {
			ev(c, false, PPME_SYSCALL_SIGNALFD_X, 4);
			P_FD(ret);
			P_FD(a[0]);
			P_U32(x[0]);
			P_U8(0);
			END(c);
		} else {
			ev(c, false, PPME_SYSCALL_SIGNALFD4_X, 4);
			P_FD(ret);
			P_U16(fdflags_to_ppm(a[3]));
			P_FD(a[0]);
			P_U32(x[0]);
			END(c);
		}
		break;
	case H_TIMERFD_CREATE:
		if (C) {
			ev(c, true, PPME_SYSCALL_TIMERFD_CREATE_E, 2);
			P_U8(a[0]);
			P_U8(a[1]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_TIMERFD_CREATE_X, C ? 1 : 3);
		P_FD(ret);
		if (!C) {
			P_U8(a[0]);
			P_U8(a[1]);
		}
		END(c);
		break;
	case H_INOTIFY_INIT:
	case H_INOTIFY_INIT1:
		if (C) {
			ev(c, true, PPME_SYSCALL_INOTIFY_INIT_E, 1);
			P_U8(0);
			END(c);
			ev(c, false, PPME_SYSCALL_INOTIFY_INIT_X, 1);
			P_FD(ret);
			END(c);
		} else if (hid == H_INOTIFY_INIT) {
			ev(c, false, PPME_SYSCALL_INOTIFY_INIT_X, 2);
			P_FD(ret);
			P_U8(0);
			END(c);
		} else {
			ev(c, false, PPME_SYSCALL_INOTIFY_INIT1_X, 2);
			P_FD(ret);
			P_U16(fdflags_to_ppm(a[0]));
			END(c);
		}
		break;
	case H_EPOLL_CREATE:
	case H_EPOLL_CREATE1:
		if (C) {
			generic(c, hid, ret);
		} else if (hid == H_EPOLL_CREATE) {
			ev(c, false, PPME_SYSCALL_EPOLL_CREATE_X, 2);
			P_ERR(ret);
			sw_p_i32(W, (int32_t)a[0]);
			END(c);
		} else {
			ev(c, false, PPME_SYSCALL_EPOLL_CREATE1_X, 2);
			P_ERR(ret);
			P_U32(epoll_create1_flags_to_ppm(a[0]));
			END(c);
		}
		break;
	case H_MEMFD_CREATE:
		if (C) {
			generic(c, hid, ret);
		} else {
			ev(c, false, PPME_SYSCALL_MEMFD_CREATE_X, 3);
			P_FD(ret);
			p_path(c, b, B0);
			P_U32(memfd_flags_to_ppm(a[1]));
			END(c);
		}
		break;
	case H_SOCKET:
		if (C) {
			ev(c, true, PPME_SOCKET_SOCKET_E, 3);
			P_U32(a[0]);
			P_U32(a[1]);
			P_U32(a[2]);
			END(c);
		}
		ev(c, false, PPME_SOCKET_SOCKET_X, C ? 1 : 5);
		P_FD(ret);
		if (!C) {
			P_U32(a[0]);
			P_U32(a[1]);
			P_U32(a[2]);
			P_U32(fdflags_to_ppm(((a[1] & SOCK_CLOEXEC) ? O_CLOEXEC : 0) | ((a[1] & SOCK_NONBLOCK) ? O_NONBLOCK : 0)));
		}
		END(c);
		break;
	case H_BIND:
		if (C) {
			ev(c, true, PPME_SOCKET_BIND_E, 1);
			P_FD(a[0]);
			END(c);
		}
		ev(c, false, PPME_SOCKET_BIND_X, C ? 2 : 3);
		P_ERR(ret);
		p_sockaddr(c, b->p[B1], b->n[B1]);
		if (!C)
			P_FD(a[0]);
		END(c);
		break;
	case H_LISTEN:
		if (C) {
			ev(c, true, PPME_SOCKET_LISTEN_E, 2);
			P_FD(a[0]);
			P_U32(a[1]);
			END(c);
		}
		ev(c, false, PPME_SOCKET_LISTEN_X, C ? 1 : 3);
		P_ERR(ret);
		if (!C) {
			P_FD(a[0]);
			sw_p_i32(W, (int32_t)a[1]);
		}
		END(c);
		break;
	case H_CONNECT: {
		bool ok = ret == 0 || ret == -EINPROGRESS;
		if (C) {
			ev(c, true, PPME_SOCKET_CONNECT_E, 2);
			P_FD(a[0]);
			p_sockaddr(c, b->p[B1], b->n[B1]);
			END(c);
		}
		ev(c, false, PPME_SOCKET_CONNECT_X, C ? 2 : 4);
		P_ERR(ret);
		if (ok)
			p_tuple(c, b, B0, b->p[B1], b->n[B1], false);
		else
			sw_p_empty(W);
		if (!C) {
			P_FD(a[0]);
			p_sockaddr(c, b->p[B1], b->n[B1]);
		}
		END(c);
		break;
	}
	case H_ACCEPT:
	case H_ACCEPT4: {
		uint64_t qlen = x[0], qmax = x[1];
		uint8_t pct = qmax ? (uint8_t)(qlen * 100 / qmax) : 0;
		uint16_t code;
		if (hid == H_ACCEPT) {
			enter0(c, PPME_SOCKET_ACCEPT_5_E);
			code = PPME_SOCKET_ACCEPT_5_X;
		} else if (C) {
			ev(c, true, PPME_SOCKET_ACCEPT4_5_E, 1);
			sw_p_i32(W, 0); /* the 2022 drivers always reported 0 */
			END(c);
			code = PPME_SOCKET_ACCEPT4_5_X;
		} else {
			code = PPME_SOCKET_ACCEPT4_6_X;
		}
		ev(c, false, code, code == PPME_SOCKET_ACCEPT4_6_X ? 6 : 5);
		P_FD(ret);
		if (ret >= 0)
			p_tuple(c, b, B0, NULL, 0, true);
		else
			sw_p_empty(W);
		P_U8(pct);
		P_U32(qlen);
		P_U32(qmax);
		if (code == PPME_SOCKET_ACCEPT4_6_X)
			sw_p_i32(W, (int32_t)a[3]);
		END(c);
		break;
	}
	case H_SHUTDOWN: {
		uint8_t how = (uint8_t)shutdown_how_to_ppm((int32_t)a[1]);
		if (C) {
			ev(c, true, PPME_SOCKET_SHUTDOWN_E, 2);
			P_FD(a[0]);
			P_U8(how);
			END(c);
		}
		ev(c, false, PPME_SOCKET_SHUTDOWN_X, C ? 1 : 3);
		P_ERR(ret);
		if (!C) {
			P_FD(a[0]);
			P_U8(how);
		}
		END(c);
		break;
	}
	case H_CHDIR:
		enter0(c, PPME_SYSCALL_CHDIR_E);
		ev(c, false, PPME_SYSCALL_CHDIR_X, 2);
		P_ERR(ret);
		p_path(c, b, B0);
		END(c);
		break;
	case H_FCHDIR:
		if (C) {
			ev(c, true, PPME_SYSCALL_FCHDIR_E, 1);
			P_FD(a[0]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_FCHDIR_X, C ? 1 : 2);
		P_ERR(ret);
		if (!C)
			P_FD(a[0]);
		END(c);
		break;
	case H_MKDIR:
		if (C) {
			ev(c, true, PPME_SYSCALL_MKDIR_2_E, 1);
			P_U32(a[1]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_MKDIR_2_X, C ? 2 : 3);
		P_ERR(ret);
		p_path(c, b, B0);
		if (!C)
			P_U32(a[1]);
		END(c);
		break;
	case H_MKDIRAT:
		enter0(c, PPME_SYSCALL_MKDIRAT_E);
		ev(c, false, PPME_SYSCALL_MKDIRAT_X, 4);
		P_ERR(ret);
		P_FD(a[0]);
		p_path(c, b, B0);
		P_U32(a[2]);
		END(c);
		break;
	case H_RMDIR:
		enter0(c, PPME_SYSCALL_RMDIR_2_E);
		ev(c, false, PPME_SYSCALL_RMDIR_2_X, 2);
		P_ERR(ret);
		p_path(c, b, B0);
		END(c);
		break;
	case H_UNLINK:
		enter0(c, PPME_SYSCALL_UNLINK_2_E);
		ev(c, false, PPME_SYSCALL_UNLINK_2_X, 2);
		P_ERR(ret);
		p_path(c, b, B0);
		END(c);
		break;
	case H_UNLINKAT:
		enter0(c, PPME_SYSCALL_UNLINKAT_2_E);
		ev(c, false, PPME_SYSCALL_UNLINKAT_2_X, 4);
		P_ERR(ret);
		P_FD(a[0]);
		p_path(c, b, B0);
		P_U32(unlinkat_flags_to_ppm(a[2]));
		END(c);
		break;
	case H_RENAME:
	case H_LINK:
	case H_SYMLINK: {
		uint16_t e = hid == H_RENAME ? PPME_SYSCALL_RENAME_E : hid == H_LINK ? PPME_SYSCALL_LINK_2_E : PPME_SYSCALL_SYMLINK_E;
		enter0(c, e);
		ev(c, false, e + 1, 3);
		P_ERR(ret);
		p_path(c, b, B0);
		p_path(c, b, B1);
		END(c);
		break;
	}
	case H_RENAMEAT:
	case H_RENAMEAT2:
	case H_LINKAT: {
		uint16_t e = hid == H_RENAMEAT ? PPME_SYSCALL_RENAMEAT_E : hid == H_RENAMEAT2 ? PPME_SYSCALL_RENAMEAT2_E : PPME_SYSCALL_LINKAT_2_E;
		enter0(c, e);
		ev(c, false, e + 1, hid == H_RENAMEAT ? 5 : 6);
		P_ERR(ret);
		P_FD(a[0]);
		p_path(c, b, B0);
		P_FD(a[2]);
		p_path(c, b, B1);
		if (hid == H_RENAMEAT2)
			P_U32(renameat2_flags_to_ppm(a[4]));
		else if (hid == H_LINKAT)
			P_U32(linkat_flags_to_ppm(a[4]));
		END(c);
		break;
	}
	case H_SYMLINKAT:
		enter0(c, PPME_SYSCALL_SYMLINKAT_E);
		ev(c, false, PPME_SYSCALL_SYMLINKAT_X, 4);
		P_ERR(ret);
		p_path(c, b, B0);
		P_FD(a[1]);
		p_path(c, b, B1);
		END(c);
		break;
	case H_CHMOD:
		enter0(c, PPME_SYSCALL_CHMOD_E);
		ev(c, false, PPME_SYSCALL_CHMOD_X, 3);
		P_ERR(ret);
		p_path(c, b, B0);
		P_U32(a[1] & 07777);
		END(c);
		break;
	case H_FCHMOD:
		enter0(c, PPME_SYSCALL_FCHMOD_E);
		ev(c, false, PPME_SYSCALL_FCHMOD_X, 3);
		P_ERR(ret);
		P_FD(a[0]);
		P_U32(a[1] & 07777);
		END(c);
		break;
	case H_FCHMODAT:
		enter0(c, PPME_SYSCALL_FCHMODAT_E);
		ev(c, false, PPME_SYSCALL_FCHMODAT_X, 4);
		P_ERR(ret);
		P_FD(a[0]);
		p_path(c, b, B0);
		P_U32(a[2] & 07777);
		END(c);
		break;
	case H_MOUNT: {
		uint32_t fl = mount_flags_to_ppm(a[3]);
		if (C) {
			ev(c, true, PPME_SYSCALL_MOUNT_E, 1);
			P_U32(fl);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_MOUNT_X, C ? 4 : 5);
		P_ERR(ret);
		p_path(c, b, B0);
		p_path(c, b, B1);
		p_path(c, b, B2);
		if (!C)
			P_U32(fl);
		END(c);
		break;
	}
	case H_UMOUNT2: {
		uint32_t fl = umount_flags_to_ppm(a[1]);
		if (C) {
			ev(c, true, PPME_SYSCALL_UMOUNT_E, 1);
			P_U32(fl);
			END(c);
			ev(c, false, PPME_SYSCALL_UMOUNT_X, 2);
			P_ERR(ret);
			p_path(c, b, B0);
			END(c);
		} else {
			ev(c, false, PPME_SYSCALL_UMOUNT2_X, 3);
			P_ERR(ret);
			p_path(c, b, B0);
			P_U32(fl);
			END(c);
		}
		break;
	}
	case H_SETUID:
	case H_SETGID: {
		uint16_t e = hid == H_SETUID ? PPME_SYSCALL_SETUID_E : PPME_SYSCALL_SETGID_E;
		if (C) {
			ev(c, true, e, 1);
			P_U32(a[0]);
			END(c);
		}
		ev(c, false, e + 1, C ? 1 : 2);
		P_ERR(ret);
		if (!C)
			P_U32(a[0]);
		END(c);
		break;
	}
	case H_SETRESUID:
	case H_SETRESGID: {
		uint16_t e = hid == H_SETRESUID ? PPME_SYSCALL_SETRESUID_E : PPME_SYSCALL_SETRESGID_E;
		if (C) {
			ev(c, true, e, 3);
			P_U32(a[0]);
			P_U32(a[1]);
			P_U32(a[2]);
			END(c);
		}
		ev(c, false, e + 1, C ? 1 : 4);
		P_ERR(ret);
		if (!C) {
			P_U32(a[0]);
			P_U32(a[1]);
			P_U32(a[2]);
		}
		END(c);
		break;
	}
	case H_SETREUID:
	case H_SETREGID:
		if (C) {
			generic(c, hid, ret); /* no dedicated event before libs 0.14 */
		} else {
			ev(c, false, hid == H_SETREUID ? PPME_SYSCALL_SETREUID_X : PPME_SYSCALL_SETREGID_X, 3);
			P_ERR(ret);
			P_U32(a[0]);
			P_U32(a[1]);
			END(c);
		}
		break;
	case H_PTRACE: {
		uint16_t req = (uint16_t)ptrace_req_to_ppm((int64_t)a[0]);
		uint8_t dyn[9];
		if (C) {
			ev(c, true, PPME_SYSCALL_PTRACE_E, 2);
			P_U16(req);
			P_PID((int32_t)a[1]);
			END(c);
		}
		ev(c, false, PPME_SYSCALL_PTRACE_X, C ? 3 : 5);
		P_ERR(ret);
		dyn[0] = PPM_PTRACE_IDX_UINT64;
		memcpy(dyn + 1, &a[2], 8);
		sw_p_buf(W, dyn, 9);
		memcpy(dyn + 1, &a[3], 8);
		sw_p_buf(W, dyn, 9);
		if (!C) {
			P_U16(req);
			P_PID((int32_t)a[1]);
		}
		END(c);
		break;
	}
	default:
		if (hid < H__COUNT && handlers[hid].name)
			generic(c, hid, ret);
		else
			c->e->bad_records++;
		break;
	}
}

/* ------------------------------------------------------------------------------------------------------ */
/* process records */

static void split_args(const uint8_t *p, size_t n, const char **exe, size_t *exe_len, const uint8_t **args, size_t *args_len)
{
	/* the argv area is "argv0\0argv1\0...": exe is argv0, args the rest */
	const uint8_t *z = n ? memchr(p, 0, n) : NULL;
	size_t el = z ? (size_t)(z - p) : n;
	*exe = (const char *)p;
	*exe_len = el;
	size_t rest = el < n ? n - el - 1 : 0;
	*args = p + (n - rest);
	*args_len = rest;
	if (*args_len > REC_ARGS_MAX)
		*args_len = REC_ARGS_MAX;
}

static size_t cap_area(const uint8_t *p, size_t n)
{
	if (n > REC_ARGS_MAX)
		n = REC_ARGS_MAX;
	(void)p;
	return n;
}

/* Probe cgroup blob ("subsys\0", count byte, components bottom-up) -> "subsys=/top/.../leaf\0"... */
static size_t cgroups_text(const uint8_t *p, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	while (i < n) {
		const uint8_t *z = memchr(p + i, 0, n - i);
		if (!z || (size_t)(z - p) + 1 >= n)
			break;
		size_t nl = (size_t)(z - (p + i));
		const char *name = (const char *)p + i;
		i += nl + 1;
		uint8_t count = p[i++];
		const char *comp[32];
		size_t clen[32];
		uint8_t k = 0;
		for (; k < count && k < 32 && i < n; k++) {
			const uint8_t *e = memchr(p + i, 0, n - i);
			if (!e)
				return o;
			comp[k] = (const char *)p + i;
			clen[k] = (size_t)(e - (p + i));
			i += clen[k] + 1;
		}
		size_t need = nl + 2 + 1;
		for (uint8_t j = 0; j < k; j++)
			need += clen[j] + 1;
		if (o + need > cap)
			return o;
		memcpy(out + o, name, nl);
		o += nl;
		out[o++] = '=';
		if (!k)
			out[o++] = '/';
		for (int j = (int)k - 1; j >= 0; j--) {
			out[o++] = '/';
			memcpy(out + o, comp[j], clen[j]);
			o += clen[j];
		}
		out[o++] = 0;
	}
	return o;
}

static void p_cgroups(struct ctx *c, const struct blobs *b)
{
	char text[8192 + 256];
	sw_p_buf(W, text, cgroups_text(b->p[B3], b->n[B3], text, sizeof(text)));
}

static void enc_proc(struct ctx *c, const struct rec_proc *p, const struct blobs *b)
{
	bool C = c->compat;
	unsigned hid = p->h.hid;
	const char *exe;
	size_t exe_len, args_len;
	const uint8_t *args;
	split_args(b->p[B1], b->n[B1], &exe, &exe_len, &args, &args_len);

	if (hid == H_EXECVE || hid == H_EXECVEAT) {
		bool at = hid == H_EXECVEAT;
		uint32_t np = C ? 20 : (at ? 30 : 31);
		if (C) {
			if (!at) {
				ev(c, true, PPME_SYSCALL_EXECVE_19_E, 1);
				p_path(c, b, B0);
				END(c);
			} else {
				ev(c, true, PPME_SYSCALL_EXECVEAT_E, 3);
				/* a successful exec only knows the resolved name: report it as absolute when it is */
				bool abs = b->n[B0] && b->p[B0][0] == '/';
				P_FD(p->from_exec_tp && abs ? PPM_AT_FDCWD : (int32_t)p->a[0]);
				p_path(c, b, B0);
				P_U32(execveat_flags_to_ppm(p->a[4]));
				END(c);
			}
		}
		ev(c, false, at ? PPME_SYSCALL_EXECVEAT_X : PPME_SYSCALL_EXECVE_19_X, np);
		P_ERR(p->ret);
		sw_p_strn(W, exe, exe_len);
		sw_p_buf(W, args, args_len);
		P_PID(p->h.tid);
		P_PID(p->h.pid);
		P_PID(p->ptid);
		sw_p_str(W, ""); /* cwd: the 2022 drivers sent it empty too; readers track cwd from state */
		P_U64(p->fdlimit);
		P_U64(p->maj_flt);
		P_U64(p->min_flt);
		P_U32(p->vm_size_kb);
		P_U32(p->vm_rss_kb);
		P_U32(p->vm_swap_kb);
		sw_p_strn(W, p->comm, sizeof(p->comm));
		p_cgroups(c, b);
		sw_p_buf(W, b->p[B2], cap_area(b->p[B2], b->n[B2]));
		P_U32(p->tty);
		P_PID(p->vpgid);
		P_U32(p->loginuid);
		P_U32(p->exe_writable ? PPM_EXE_WRITABLE : 0);
		if (!C) {
			P_U64(p->cap_inh);
			P_U64(p->cap_prm);
			P_U64(p->cap_eff);
			P_U64(p->exe_ino);
			P_U64(p->exe_ctime);
			P_U64(p->exe_mtime);
			P_U32(p->uid);
			/* trusted_exepath: what /proc/PID/exe shows (symlinks resolved). Without it, readers of exit-only
			 * files keep the exe path the thread had before the exec (the recorder's, for the command). */
			char xp[REC_STR_MAX + 2];
			size_t xn = b->exe_n ? path_from_components(b->exe, b->exe_n, xp, sizeof(xp)) : 0;
			if (xn)
				sw_p_strn(W, xp, xn);
			else
				sw_p_empty(W);
			P_PID(p->pgid);
			P_U32(p->gid);
			if (!at)
				p_path(c, b, B0);
		}
		END(c);
		return;
	}

	uint16_t e;
	switch (hid) {
	case H_FORK:
		e = PPME_SYSCALL_FORK_20_E;
		break;
	case H_VFORK:
		e = PPME_SYSCALL_VFORK_20_E;
		break;
	case H_CLONE3:
		e = PPME_SYSCALL_CLONE3_E;
		break;
	default:
		e = PPME_SYSCALL_CLONE_20_E;
		break;
	}
	/* the child only returns from the syscall: an enter event would make old readers invent the thread early */
	if (p->ret != 0)
		enter0(c, e);
	ev(c, false, e + 1, C ? 20 : 21);
	P_PID(p->ret);
	sw_p_strn(W, exe, exe_len);
	sw_p_buf(W, args, args_len);
	P_PID(p->h.tid);
	P_PID(p->h.pid);
	P_PID(p->ptid);
	sw_p_str(W, "");
	P_U64(p->fdlimit);
	P_U64(p->maj_flt);
	P_U64(p->min_flt);
	P_U32(p->vm_size_kb);
	P_U32(p->vm_rss_kb);
	P_U32(p->vm_swap_kb);
	sw_p_strn(W, p->comm, sizeof(p->comm));
	p_cgroups(c, b);
	P_U32(clone_flags_to_ppm(p->clone_flags) | (p->in_pidns ? PPM_CL_CHILD_IN_PIDNS : 0));
	P_U32(p->uid);
	P_U32(p->gid);
	P_PID(p->vtid);
	P_PID(p->vpid);
	if (!C)
		P_U64(0); /* pidns_init_start_ts */
	END(c);
}

static void enc_exit(struct ctx *c, const struct rec_exit *x)
{
	int code = x->exit_code;
	ev(c, true, PPME_PROCEXIT_1_E, c->compat ? 4 : 5);
	P_ERR(code);
	P_ERR((code >> 8) & 0xff);
	P_U8((code & 0x7f) != 0 ? (code & 0x7f) : 0);
	P_U8((code & 0x80) != 0);
	if (!c->compat)
		P_PID(0);
	END(c);
}

/* ------------------------------------------------------------------------------------------------------ */

static bool take_blobs(const uint8_t *base, size_t size, size_t fixed, const uint16_t *blen, struct blobs *b)
{
	size_t off = fixed;
	static const uint8_t empty[1];
	for (int i = 0; i < REC_BLOBS; i++) {
		if (off + blen[i] > size)
			return false;
		b->p[i] = blen[i] ? base + off : empty;
		b->n[i] = blen[i];
		off += blen[i];
	}
	return true;
}

void encode_record(struct encoder *e, const void *rec, size_t size, uint16_t cpu)
{
	const struct rec_hdr *h = rec;
	struct ctx c = { .e = e, .w = e->w, .cpu = cpu, .compat = e->layout == SCAP_LAYOUT_COMPAT };
	struct blobs b;
	static const uint8_t empty[1];
	for (int i = 0; i < REC_BLOBS; i++) {
		b.p[i] = empty;
		b.n[i] = 0;
	}
	b.exe = empty;
	b.exe_n = 0;
	if (size < sizeof(*h)) {
		e->bad_records++;
		return;
	}
	c.ts = h->ts + e->ts_offset;
	c.tid = h->tid;
	e->records++;
	switch (h->kind) {
	case REC_SYS: {
		if (size < sizeof(struct rec_sys)) {
			e->bad_records++;
			return;
		}
		const struct rec_sys *r = rec;
		enc_sys(&c, h->hid, r->ret, (const uint64_t *)r->a, NULL, &b);
		break;
	}
	case REC_SYS_EXT: {
		const struct rec_sys_ext *r = rec;
		if (size < sizeof(*r) || !take_blobs(rec, size, sizeof(*r), r->blen, &b)) {
			e->bad_records++;
			return;
		}
		enc_sys(&c, h->hid, r->s.ret, (const uint64_t *)r->s.a, (const uint64_t *)r->x, &b);
		break;
	}
	case REC_PROC: {
		const struct rec_proc *p = rec;
		if (size < sizeof(*p) || !take_blobs(rec, size, sizeof(*p), p->blen, &b)) {
			e->bad_records++;
			return;
		}
		size_t xoff = sizeof(*p);
		for (int i = 0; i < REC_BLOBS; i++)
			xoff += b.n[i];
		if (p->exe_path_len && xoff + p->exe_path_len <= size) {
			b.exe = (const uint8_t *)rec + xoff;
			b.exe_n = p->exe_path_len;
		}
		enc_proc(&c, p, &b);
		break;
	}
	case REC_EXIT:
		if (size < sizeof(struct rec_exit)) {
			e->bad_records++;
			return;
		}
		enc_exit(&c, rec);
		break;
	default:
		e->bad_records++;
		break;
	}
}

void encode_plugin_event(struct encoder *e, uint64_t ts, uint32_t plugin_id, const void *data, size_t len)
{
	sw_ev_begin(e->w, ts, UINT64_MAX, PPME_PLUGINEVENT_E, 2, 0);
	sw_p_u32(e->w, plugin_id);
	sw_p_buf(e->w, data, len);
	sw_ev_end(e->w);
}

void encode_async_event(struct encoder *e, uint64_t ts, uint32_t plugin_id, const char *name, const void *data, size_t len)
{
	sw_ev_begin(e->w, ts, UINT64_MAX, PPME_ASYNCEVENT_E, 3, 0);
	sw_p_u32(e->w, plugin_id);
	sw_p_str(e->w, name);
	sw_p_buf(e->w, data, len);
	sw_ev_end(e->w);
}
