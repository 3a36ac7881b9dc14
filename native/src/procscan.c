/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include "procscan.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <inttypes.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include <linux/types.h>
#include "../include/rec.h"
#include "gen/ppm_tables.h"
#include "util.h"

/* Limits the readers enforce on process-list strings (docs/scap-format.md#process-list-limits). */
#define PL_STR_MAX 1024
#define PL_BUF_MAX 4096

enum {
	FD_FILE = 1, FD_DIRECTORY = 2, FD_IPV4_SOCK = 3, FD_IPV6_SOCK = 4, FD_IPV4_SERVSOCK = 5, FD_IPV6_SERVSOCK = 6,
	FD_FIFO = 7, FD_UNIX_SOCK = 8, FD_EVENT = 9, FD_UNSUPPORTED = 10, FD_SIGNALFD = 11, FD_EVENTPOLL = 12,
	FD_INOTIFY = 13, FD_TIMERFD = 14, FD_NETLINK = 15, FD_FILE_V2 = 16,
};

/* ------------------------------------------------------------------------------------------------------ */
/* small file helpers */

static ssize_t read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t n = 0;
	while (n < cap) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	return (ssize_t)n;
}

static bool read_link(const char *path, char *buf, size_t cap)
{
	ssize_t r = readlink(path, buf, cap - 1);
	if (r <= 0) {
		buf[0] = 0;
		return false;
	}
	buf[r] = 0;
	return true;
}

/* ------------------------------------------------------------------------------------------------------ */
/* sockets by inode, per network namespace */

struct sock_ent {
	uint64_t ino;
	uint8_t type;
	uint8_t l4;
	uint8_t sip[16], dip[16];
	uint16_t sport, dport;
	uint64_t uaddr;
	char path[REC_UNIX_PATH + 1];
};

struct sock_table {
	uint64_t netns;
	struct sock_ent *v;
	size_t n, cap;
	struct sock_table *next;
};

static void st_add(struct sock_table *t, const struct sock_ent *e)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = realloc(t->v, t->cap * sizeof(*t->v));
		if (!t->v)
			abort();
	}
	t->v[t->n++] = *e;
}

static void parse_hex_addr(const char *s, uint8_t *out, int words)
{
	for (int i = 0; i < words; i++) {
		char tmp[9];
		memcpy(tmp, s + 8 * i, 8);
		tmp[8] = 0;
		uint32_t v = (uint32_t)strtoul(tmp, NULL, 16);
		memcpy(out + 4 * i, &v, 4); /* /proc prints the raw network-order word in host order */
	}
}

static void read_inet(struct sock_table *t, const char *path, bool v6, uint8_t l4)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	char line[512];
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	int words = v6 ? 4 : 1;
	while (fgets(line, sizeof(line), f)) {
		char la[40], ra[40];
		unsigned lp, rp, st;
		unsigned long long ino;
		if (sscanf(line, " %*d: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %x %*s %*s %*s %*s %*s %llu", la, &lp, ra, &rp, &st,
			   &ino) != 6)
			continue;
		if (!ino)
			continue;
		struct sock_ent e = { .ino = ino, .l4 = l4 };
		parse_hex_addr(la, e.sip, words);
		parse_hex_addr(ra, e.dip, words);
		e.sport = (uint16_t)lp;
		e.dport = (uint16_t)rp;
		bool listening = (l4 == 2 && st == 0x0a) || (l4 == 3 && rp == 0);
		if (listening)
			e.type = v6 ? FD_IPV6_SERVSOCK : FD_IPV4_SERVSOCK;
		else
			e.type = v6 ? FD_IPV6_SOCK : FD_IPV4_SOCK;
		st_add(t, &e);
	}
	fclose(f);
}

static void read_unix(struct sock_table *t, const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	char line[1024];
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long long addr, ino;
		int consumed = 0;
		if (sscanf(line, "%llx: %*s %*s %*s %*s %*s %llu%n", &addr, &ino, &consumed) != 2)
			continue;
		struct sock_ent e = { .ino = ino, .type = FD_UNIX_SOCK, .uaddr = addr };
		const char *p = line + consumed;
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, "\n");
		if (n > REC_UNIX_PATH)
			n = REC_UNIX_PATH;
		memcpy(e.path, p, n);
		e.path[n] = 0;
		st_add(t, &e);
	}
	fclose(f);
}

static void read_netlink(struct sock_table *t, const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	char line[512];
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long long ino;
		if (sscanf(line, "%*s %*s %*s %*s %*s %*s %*s %*s %*s %llu", &ino) != 1)
			continue;
		struct sock_ent e = { .ino = ino, .type = FD_NETLINK };
		st_add(t, &e);
	}
	fclose(f);
}

static struct sock_table *sockets_for(struct sock_table **all, int pid)
{
	char path[96], link[64];
	uint64_t netns = 0;
	snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
	if (read_link(path, link, sizeof(link)))
		sscanf(link, "net:[%" SCNu64 "]", &netns);
	for (struct sock_table *t = *all; t; t = t->next)
		if (t->netns == netns)
			return t;
	struct sock_table *t = calloc(1, sizeof(*t));
	if (!t)
		abort();
	t->netns = netns;
	t->next = *all;
	*all = t;
	snprintf(path, sizeof(path), "/proc/%d/net/tcp", pid);
	read_inet(t, path, false, 2);
	snprintf(path, sizeof(path), "/proc/%d/net/udp", pid);
	read_inet(t, path, false, 3);
	snprintf(path, sizeof(path), "/proc/%d/net/tcp6", pid);
	read_inet(t, path, true, 2);
	snprintf(path, sizeof(path), "/proc/%d/net/udp6", pid);
	read_inet(t, path, true, 3);
	snprintf(path, sizeof(path), "/proc/%d/net/unix", pid);
	read_unix(t, path);
	snprintf(path, sizeof(path), "/proc/%d/net/netlink", pid);
	read_netlink(t, path);
	return t;
}

static const struct sock_ent *sock_find(const struct sock_table *t, uint64_t ino)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].ino == ino)
			return &t->v[i];
	return NULL;
}

static void sock_tables_free(struct sock_table *t)
{
	while (t) {
		struct sock_table *n = t->next;
		free(t->v);
		free(t);
		t = n;
	}
}

/* ------------------------------------------------------------------------------------------------------ */
/* mount id -> device, from /proc/self/mountinfo */

struct mnt_dev {
	int id;
	uint32_t dev;
};
static struct mnt_dev *g_mnts;
static size_t g_nmnts;

static void load_mounts(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	g_nmnts = 0;
	if (!f)
		return;
	char line[4096];
	size_t cap = 0;
	while (fgets(line, sizeof(line), f)) {
		int id;
		unsigned ma, mi;
		if (sscanf(line, "%d %*d %u:%u", &id, &ma, &mi) != 3)
			continue;
		if (g_nmnts == cap) {
			cap = cap ? cap * 2 : 64;
			g_mnts = realloc(g_mnts, cap * sizeof(*g_mnts));
			if (!g_mnts)
				abort();
		}
		g_mnts[g_nmnts].id = id;
		g_mnts[g_nmnts].dev = (uint32_t)makedev(ma, mi);
		g_nmnts++;
	}
	fclose(f);
}

static uint32_t mount_dev(int id)
{
	for (size_t i = 0; i < g_nmnts; i++)
		if (g_mnts[i].id == id)
			return g_mnts[i].dev;
	return 0;
}

/* ------------------------------------------------------------------------------------------------------ */
/* processes */

struct proc {
	int pid, ppid;
	bool member;   /* recorded: threads and fds are written */
	bool include;  /* written to the process list (members and their ancestors) */
};

struct procs {
	struct proc *v;
	size_t n, cap;
};

static struct proc *procs_find(struct procs *ps, int pid)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i].pid == pid)
			return &ps->v[i];
	return NULL;
}

static int stat_ppid(int pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	ssize_t n = read_file(path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	int ppid = -1;
	if (p)
		sscanf(p + 2, "%*c %d", &ppid);
	return ppid;
}

static bool in_cgroup(int pid, const char *rel)
{
	char path[64], buf[8192];
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	ssize_t n = read_file(path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return false;
	buf[n] = 0;
	size_t rl = strlen(rel);
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char *c = strchr(line, ':');
		c = c ? strchr(c + 1, ':') : NULL;
		if (!c)
			continue;
		const char *cg = c + 1;
		if (strncmp(cg, rel, rl) == 0 && (cg[rl] == 0 || cg[rl] == '/' || (rl == 1 && rel[0] == '/')))
			return true;
	}
	return false;
}

static int cgroup_version(void)
{
	struct stat sb;
	return stat("/sys/fs/cgroup/cgroup.controllers", &sb) == 0 ? 2 : 1;
}

/* "subsys=path" NUL-separated, the way libscap writes them. */
static size_t read_cgroups(const char *dir, char *out, size_t cap, int version)
{
	char path[256], buf[8192];
	snprintf(path, sizeof(path), "%s/cgroup", dir);
	ssize_t n = read_file(path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	size_t len = 0;
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(line, ':');
		if (!c1)
			continue;
		char *c2 = strchr(c1 + 1, ':');
		if (!c2)
			continue;
		*c1 = 0;
		*c2 = 0;
		const char *subs = c1 + 1, *cg = c2 + 1;
		char deflist[] = "cpu,memory,cpuset";
		char *list;
		if (!*subs) {
			if (version != 2 || strcmp(line, "0") != 0)
				continue;
			list = deflist;
		} else {
			list = (char *)subs;
		}
		char *s2 = NULL;
		for (char *tok = strtok_r(list, ",", &s2); tok; tok = strtok_r(NULL, ",", &s2)) {
			size_t need = strlen(tok) + 1 + strlen(cg) + 1;
			if (len + need > cap)
				return len;
			len += (size_t)snprintf(out + len, cap - len, "%s=%s", tok, cg) + 1;
		}
	}
	return len;
}

struct thread_info {
	char comm[PL_STR_MAX], exe[PL_STR_MAX], exepath[PL_STR_MAX], cwd[PL_STR_MAX], root[PL_STR_MAX];
	char args[PL_BUF_MAX], env[PL_BUF_MAX], cgroups[PL_BUF_MAX];
	size_t args_len, env_len, cgroups_len;
	uint64_t tid, pid, ptid, sid, vpgid, vtid, vpid;
	int64_t fdlimit;
	uint32_t flags, uid, gid, vmsize, vmrss, vmswap, loginuid;
	uint64_t pfmajor, pfminor, cap_inh, cap_prm, cap_eff;
	uint8_t exe_writable;
};

static void fill_thread(struct thread_info *ti, int pid, int tid, int cgv, bool want_env)
{
	char dir[96], path[PL_STR_MAX + 96], buf[8192];
	memset(ti, 0, sizeof(*ti));
	ti->loginuid = 0xffffffff;
	ti->fdlimit = -1;
	snprintf(dir, sizeof(dir), "/proc/%d/task/%d", pid, tid);
	ti->tid = (uint64_t)tid;
	ti->pid = (uint64_t)pid;
	ti->vtid = (uint64_t)tid;
	ti->vpid = (uint64_t)pid;

	snprintf(path, sizeof(path), "%s/comm", dir);
	ssize_t n = read_file(path, ti->comm, sizeof(ti->comm) - 1);
	if (n > 0) {
		ti->comm[n] = 0;
		ti->comm[strcspn(ti->comm, "\n")] = 0;
	}
	snprintf(path, sizeof(path), "%s/cmdline", dir);
	n = read_file(path, buf, PL_BUF_MAX - 1);
	if (n > 0) {
		buf[n] = 0;
		size_t exe_len = strlen(buf);
		snprintf(ti->exe, sizeof(ti->exe), "%.1023s", buf);
		if (exe_len < (size_t)n)
			exe_len++;
		ti->args_len = (size_t)n - exe_len;
		memcpy(ti->args, buf + exe_len, ti->args_len);
	}
	snprintf(path, sizeof(path), "%s/environ", dir);
	n = want_env ? read_file(path, ti->env, PL_BUF_MAX) : 0;
	if (n > 0) {
		ti->env[n - 1] = 0;
		ti->env_len = (size_t)n;
	}
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	read_link(path, ti->exepath, sizeof(ti->exepath));
	snprintf(path, sizeof(path), "%s/cwd", dir);
	read_link(path, ti->cwd, sizeof(ti->cwd));
	snprintf(path, sizeof(path), "%s/root", dir);
	read_link(path, ti->root, sizeof(ti->root));

	snprintf(path, sizeof(path), "%s/status", dir);
	n = read_file(path, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
			unsigned long long a, b;
			if (sscanf(line, "Uid: %llu %llu", &a, &b) == 2)
				ti->uid = (uint32_t)b;
			else if (sscanf(line, "Gid: %llu %llu", &a, &b) == 2)
				ti->gid = (uint32_t)b;
			else if (sscanf(line, "VmSize: %llu", &a) == 1)
				ti->vmsize = (uint32_t)a;
			else if (sscanf(line, "VmRSS: %llu", &a) == 1)
				ti->vmrss = (uint32_t)a;
			else if (sscanf(line, "VmSwap: %llu", &a) == 1)
				ti->vmswap = (uint32_t)a;
			else if (sscanf(line, "CapInh: %llx", &a) == 1)
				ti->cap_inh = a;
			else if (sscanf(line, "CapPrm: %llx", &a) == 1)
				ti->cap_prm = a;
			else if (sscanf(line, "CapEff: %llx", &a) == 1)
				ti->cap_eff = a;
			else if (!strncmp(line, "NSpid:", 6) || !strncmp(line, "NStgid:", 7) || !strncmp(line, "NSpgid:", 7)) {
				char *last = strrchr(line, '\t');
				if (!last)
					last = strrchr(line, ' ');
				uint64_t v = last ? strtoull(last + 1, NULL, 10) : 0;
				if (!strncmp(line, "NSpid:", 6))
					ti->vtid = v;
				else if (!strncmp(line, "NStgid:", 7))
					ti->vpid = v;
				else
					ti->vpgid = v;
			}
		}
	}
	snprintf(path, sizeof(path), "%s/stat", dir);
	n = read_file(path, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		char *p = strrchr(buf, ')');
		if (p) {
			int ppid, pgrp, sess;
			unsigned long minflt, majflt;
			if (sscanf(p + 2, "%*c %d %d %d %*d %*d %*u %lu %*u %lu", &ppid, &pgrp, &sess, &minflt, &majflt) == 5) {
				ti->ptid = (uint64_t)ppid;
				ti->sid = (uint64_t)sess;
				if (!ti->vpgid)
					ti->vpgid = (uint64_t)pgrp;
				ti->pfminor = minflt;
				ti->pfmajor = majflt;
			}
		}
	}
	snprintf(path, sizeof(path), "/proc/%d/limits", pid);
	n = read_file(path, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		char *l = strstr(buf, "Max open files");
		if (l) {
			l += strlen("Max open files");
			while (*l == ' ')
				l++;
			ti->fdlimit = strncmp(l, "unlimited", 9) == 0 ? -1 : strtoll(l, NULL, 10);
		}
	}
	snprintf(path, sizeof(path), "%s/loginuid", dir);
	n = read_file(path, buf, 32);
	if (n > 0) {
		buf[n] = 0;
		ti->loginuid = (uint32_t)strtoul(buf, NULL, 10);
	}
	ti->cgroups_len = read_cgroups(dir, ti->cgroups, sizeof(ti->cgroups), cgv);
	ti->flags = tid == pid ? 0 : (PPM_CL_CLONE_THREAD | PPM_CL_CLONE_FILES);

	/* exe writable by the thread's effective user (owner may chmod; root always can) */
	if (ti->exepath[0] == '/') {
		struct stat sb;
		snprintf(path, sizeof(path), "/proc/%d/root%s", pid, ti->exepath);
		if (stat(path, &sb) == 0) {
			if (ti->uid == 0 || sb.st_uid == ti->uid)
				ti->exe_writable = 1;
			else if (sb.st_gid == ti->gid)
				ti->exe_writable = (sb.st_mode & S_IWGRP) != 0;
			else
				ti->exe_writable = (sb.st_mode & S_IWOTH) != 0;
		}
	}
}

static void write_lstr_cap(struct scap_writer *w, const char *s, size_t n, size_t cap)
{
	if (n > cap)
		n = cap;
	sw_lstr(w, s, n);
}

static void write_pl_entry(struct scap_writer *w, const struct thread_info *t)
{
	size_t at = sw_reserve(w, 4);
	size_t start = at;
	sw_u64(w, t->tid);
	sw_u64(w, t->pid);
	sw_u64(w, t->ptid);
	sw_u64(w, t->sid);
	sw_u64(w, t->vpgid);
	write_lstr_cap(w, t->comm, strlen(t->comm), PL_STR_MAX);
	write_lstr_cap(w, t->exe, strlen(t->exe), PL_STR_MAX);
	write_lstr_cap(w, t->exepath, strlen(t->exepath), PL_STR_MAX);
	write_lstr_cap(w, t->args, t->args_len, PL_BUF_MAX);
	write_lstr_cap(w, t->cwd, strlen(t->cwd), PL_STR_MAX);
	sw_u64(w, (uint64_t)t->fdlimit);
	sw_u32(w, t->flags);
	sw_u32(w, t->uid);
	sw_u32(w, t->gid);
	sw_u32(w, t->vmsize);
	sw_u32(w, t->vmrss);
	sw_u32(w, t->vmswap);
	sw_u64(w, t->pfmajor);
	sw_u64(w, t->pfminor);
	write_lstr_cap(w, t->env, t->env_len, PL_BUF_MAX);
	sw_u64(w, t->vtid);
	sw_u64(w, t->vpid);
	write_lstr_cap(w, t->cgroups, t->cgroups_len, PL_BUF_MAX);
	write_lstr_cap(w, t->root, strlen(t->root), PL_STR_MAX);
	/* the pre-0.10 tail both sysdig 0.29.3 and current libs read the same way (docs/scap-format.md#process-list-tail) */
	sw_u32(w, t->loginuid);
	sw_u8(w, t->exe_writable);
	sw_u64(w, t->cap_inh);
	sw_u64(w, t->cap_prm);
	sw_u64(w, t->cap_eff);
	uint32_t len = (uint32_t)(w->len - start);
	memcpy(w->buf + at, &len, 4);
}

/* One fd entry; returns false when the fd is not written. */
static bool write_fd_entry(struct scap_writer *w, int pid, int fd, struct sock_table **socks)
{
	char path[96], link[PL_STR_MAX], info[512];
	struct stat sb;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	if (stat(path, &sb) != 0 || !read_link(path, link, sizeof(link)))
		return false;
	uint64_t ino = sb.st_ino;
	uint8_t type;
	const struct sock_ent *se = NULL;
	uint32_t oflags = 0, dev = 0;
	switch (sb.st_mode & S_IFMT) {
	case S_IFIFO: {
		unsigned long long pino;
		if (sscanf(link, "pipe:[%llu]", &pino) == 1)
			ino = pino;
		type = FD_FIFO;
		break;
	}
	case S_IFREG:
	case S_IFBLK:
	case S_IFCHR:
	case S_IFLNK: {
		type = FD_FILE_V2;
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
		ssize_t n = read_file(path, info, sizeof(info) - 1);
		if (n > 0) {
			info[n] = 0;
			char *l = strstr(info, "flags:");
			if (l)
				oflags = open_flags_to_ppm(strtoul(l + 6, NULL, 8));
			l = strstr(info, "mnt_id:");
			if (l)
				dev = mount_dev((int)strtol(l + 7, NULL, 10));
		}
		if (strncmp(link, "anon_inode:", 11) == 0)
			goto anon;
		break;
	}
	case S_IFDIR:
		type = FD_DIRECTORY;
		break;
	case S_IFSOCK: {
		unsigned long long sino;
		if (sscanf(link, "socket:[%llu]", &sino) != 1)
			return false;
		se = sock_find(sockets_for(socks, pid), sino);
		if (!se)
			return false;
		ino = sino;
		type = se->type;
		break;
	}
	default:
	anon:
		if (!strcmp(link, "anon_inode:[eventfd]"))
			type = FD_EVENT;
		else if (!strcmp(link, "anon_inode:[signalfd]"))
			type = FD_SIGNALFD;
		else if (!strcmp(link, "anon_inode:[eventpoll]"))
			type = FD_EVENTPOLL;
		else if (!strcmp(link, "anon_inode:inotify"))
			type = FD_INOTIFY;
		else if (!strcmp(link, "anon_inode:[timerfd]"))
			type = FD_TIMERFD;
		else
			type = FD_UNSUPPORTED;
		link[0] = 0; /* libscap leaves these unnamed */
		break;
	}
	size_t at = sw_reserve(w, 4);
	sw_u64(w, (uint64_t)(int64_t)fd);
	sw_u64(w, ino);
	sw_u8(w, type);
	switch (type) {
	case FD_IPV4_SOCK:
		sw_put(w, se->sip, 4);
		sw_put(w, se->dip, 4);
		sw_u16(w, se->sport);
		sw_u16(w, se->dport);
		sw_u8(w, se->l4);
		break;
	case FD_IPV6_SOCK:
		sw_put(w, se->sip, 16);
		sw_put(w, se->dip, 16);
		sw_u16(w, se->sport);
		sw_u16(w, se->dport);
		sw_u8(w, se->l4);
		break;
	case FD_IPV4_SERVSOCK:
		sw_put(w, se->sip, 4);
		sw_u16(w, se->sport);
		sw_u8(w, se->l4);
		break;
	case FD_IPV6_SERVSOCK:
		sw_put(w, se->sip, 16);
		sw_u16(w, se->sport);
		sw_u8(w, se->l4);
		break;
	case FD_UNIX_SOCK:
		sw_u64(w, se->uaddr);
		sw_u64(w, 0);
		sw_lstr(w, se->path, strlen(se->path));
		break;
	case FD_NETLINK:
		sw_lstr(w, "", 0);
		break;
	case FD_FILE_V2:
		sw_u32(w, oflags);
		sw_lstr(w, link, strlen(link));
		sw_u32(w, dev);
		break;
	default:
		sw_lstr(w, link, strlen(link));
		break;
	}
	uint32_t len = (uint32_t)(w->len - at);
	memcpy(w->buf + at, &len, 4);
	return true;
}

static uint32_t write_fdl(struct scap_writer *w, int pid, int min_fd, int max_fd, struct sock_table **socks)
{
	char dirpath[64];
	snprintf(dirpath, sizeof(dirpath), "/proc/%d/fd", pid);
	DIR *d = opendir(dirpath);
	if (!d)
		return 0;
	int fds[4096];
	int nfds = 0;
	struct dirent *de;
	while ((de = readdir(d)) && nfds < (int)(sizeof(fds) / sizeof(fds[0]))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		int fd = atoi(de->d_name);
		if (fd < min_fd || (max_fd >= 0 && fd > max_fd))
			continue;
		fds[nfds++] = fd;
	}
	closedir(d);
	if (!nfds)
		return 0;
	/* sorted, so a recording's fd list reads in order */
	for (int i = 1; i < nfds; i++)
		for (int j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
			int t = fds[j];
			fds[j] = fds[j - 1];
			fds[j - 1] = t;
		}
	sw_block_begin(w, SCAP_BT_FDL_V2);
	sw_u64(w, (uint64_t)pid);
	uint32_t written = 0;
	for (int i = 0; i < nfds; i++)
		written += write_fd_entry(w, pid, fds[i], socks);
	sw_block_end(w);
	return written;
}

/* ------------------------------------------------------------------------------------------------------ */
/* machine, interfaces, users */

static void write_shb(struct scap_writer *w)
{
	sw_block_begin(w, SCAP_BT_SHB);
	sw_u32(w, 0x1A2B3C4D);
	sw_u16(w, 1);
	sw_u16(w, 2);
	sw_u64(w, UINT64_MAX); /* section length: unknown */
	sw_block_end(w);
}

static void write_mi(struct scap_writer *w, uint64_t boot_ns)
{
	char host[128] = { 0 }, buf[64];
	gethostname(host, sizeof(host) - 1);
	uint64_t maxpid = 32768;
	ssize_t n = read_file("/proc/sys/kernel/pid_max", buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		maxpid = strtoull(buf, NULL, 10);
	}
	sw_block_begin(w, SCAP_BT_MI);
	sw_u32(w, (uint32_t)sysconf(_SC_NPROCESSORS_ONLN));
	sw_u64(w, (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE));
	sw_u64(w, maxpid);
	sw_put(w, host, sizeof(host));
	sw_u64(w, boot_ns);
	sw_u64(w, 0);
	sw_u64(w, 0);
	sw_u64(w, 0);
	sw_block_end(w);
}

static uint32_t write_il(struct scap_writer *w)
{
	struct ifaddrs *ifs = NULL;
	if (getifaddrs(&ifs) != 0)
		return 0;
	uint32_t count = 0;
	sw_block_begin(w, SCAP_BT_IL_V2);
	for (int pass = 0; pass < 2; pass++) {
		for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
			if (!i->ifa_addr || !i->ifa_name)
				continue;
			int fam = i->ifa_addr->sa_family;
			if ((pass == 0 && fam != AF_INET) || (pass == 1 && fam != AF_INET6))
				continue;
			size_t nl = strnlen(i->ifa_name, 1023);
			size_t al = fam == AF_INET ? 4 : 16;
			uint8_t zero[16] = { 0 };
			const void *addr, *mask, *bcast = zero;
			if (fam == AF_INET) {
				addr = &((struct sockaddr_in *)i->ifa_addr)->sin_addr;
				mask = i->ifa_netmask ? (const void *)&((struct sockaddr_in *)i->ifa_netmask)->sin_addr : zero;
				if ((i->ifa_flags & IFF_BROADCAST) && i->ifa_broadaddr)
					bcast = &((struct sockaddr_in *)i->ifa_broadaddr)->sin_addr;
			} else {
				addr = &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
				mask = i->ifa_netmask ? (const void *)&((struct sockaddr_in6 *)i->ifa_netmask)->sin6_addr : zero;
			}
			sw_u32(w, (uint32_t)(2 + 2 + 3 * al + 8 + nl)); /* IL v2 entry length excludes itself */
			sw_u16(w, fam == AF_INET ? 1 : 2);
			sw_u16(w, (uint16_t)nl);
			sw_put(w, addr, al);
			sw_put(w, mask, al);
			sw_put(w, bcast, al);
			sw_u64(w, 0); /* link speed unknown */
			sw_put(w, i->ifa_name, nl);
			count++;
		}
	}
	sw_block_end(w);
	freeifaddrs(ifs);
	return count;
}

static void ul_str(struct scap_writer *w, const char *s)
{
	size_t n = strlen(s);
	if (n > 255)
		n = 255;
	sw_lstr(w, s, n);
}

static void write_ul(struct scap_writer *w, uint32_t *nusers, uint32_t *ngroups)
{
	char line[2048];
	*nusers = *ngroups = 0;
	sw_block_begin(w, SCAP_BT_UL_V2);
	FILE *f = fopen("/etc/passwd", "re");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			char *fld[7] = { 0 };
			int k = 0;
			char *p = line;
			for (; k < 7; k++) {
				fld[k] = p;
				char *c = strchr(p, ':');
				if (!c) {
					k++;
					break;
				}
				*c = 0;
				p = c + 1;
			}
			if (k < 7 || !fld[0][0])
				continue;
			size_t at = sw_reserve(w, 4);
			sw_u8(w, 0);
			sw_u32(w, (uint32_t)strtoul(fld[2], NULL, 10));
			sw_u32(w, (uint32_t)strtoul(fld[3], NULL, 10));
			ul_str(w, fld[0]);
			ul_str(w, fld[5]);
			ul_str(w, fld[6]);
			uint32_t len = (uint32_t)(w->len - at);
			memcpy(w->buf + at, &len, 4);
			(*nusers)++;
		}
		fclose(f);
	}
	f = fopen("/etc/group", "re");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			char *c1 = strchr(line, ':');
			char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
			if (!c1 || !c2 || c1 == line)
				continue;
			*c1 = 0;
			size_t at = sw_reserve(w, 4);
			sw_u8(w, 1);
			sw_u32(w, (uint32_t)strtoul(c2 + 1, NULL, 10));
			ul_str(w, line);
			uint32_t len = (uint32_t)(w->len - at);
			memcpy(w->buf + at, &len, 4);
			(*ngroups)++;
		}
		fclose(f);
	}
	sw_block_end(w);
}

/* ------------------------------------------------------------------------------------------------------ */

static int list_pids(struct procs *ps)
{
	DIR *d = opendir("/proc");
	if (!d)
		return -errno;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		int pid = atoi(de->d_name);
		int ppid = stat_ppid(pid);
		if (ppid < 0)
			continue;
		if (ps->n == ps->cap) {
			ps->cap = ps->cap ? ps->cap * 2 : 256;
			ps->v = realloc(ps->v, ps->cap * sizeof(*ps->v));
			if (!ps->v)
				abort();
		}
		ps->v[ps->n++] = (struct proc){ .pid = pid, .ppid = ppid };
	}
	closedir(d);
	return 0;
}

static void mark_ancestors(struct procs *ps, struct proc *p, int max_depth)
{
	for (int depth = 0; p && depth <= max_depth; depth++) {
		p->include = true;
		if (p->ppid <= 0)
			break;
		p = procs_find(ps, p->ppid);
	}
}

int state_write(struct scap_writer *w, const struct state_opts *o, struct state_stats *st, char *err, size_t errlen)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(st, 0, sizeof(*st));
	struct procs ps = { 0 };
	int e = list_pids(&ps);
	if (e) {
		snprintf(err, errlen, "cannot list /proc: %s", strerror(-e));
		return e;
	}
	for (size_t i = 0; i < ps.n; i++) {
		struct proc *p = &ps.v[i];
		if (o->mode == REC_MODE_SYSTEM)
			p->member = true;
		else if (o->mode == REC_MODE_TREE)
			p->member = p->pid == o->child;
		else
			p->member = o->cgroup_rel && in_cgroup(p->pid, o->cgroup_rel);
	}
	/*
	 * Ancestors give proc.pname/aname their values. In tree mode the command's parent is the recorder itself and
	 * what is above it (a terminal, a CI runner with secrets on its command line) is none of the capture's
	 * business: keep only the recorder. Cgroup members keep their whole ancestry (container runtimes).
	 */
	int max_depth = o->mode == REC_MODE_TREE ? 1 : 1024;
	for (size_t i = 0; i < ps.n; i++)
		if (ps.v[i].member)
			mark_ancestors(&ps, &ps.v[i], max_depth);
	load_mounts();
	int cgv = cgroup_version();

	write_shb(w);
	write_mi(w, o->boot_time_ns);
	st->interfaces = write_il(w);
	write_ul(w, &st->users, &st->groups);

	struct thread_info *ti = malloc(sizeof(*ti));
	if (!ti)
		abort();
	sw_block_begin(w, SCAP_BT_PL_V9);
	for (size_t i = 0; i < ps.n; i++) {
		struct proc *p = &ps.v[i];
		if (!p->include)
			continue;
		char tdir[64];
		snprintf(tdir, sizeof(tdir), "/proc/%d/task", p->pid);
		DIR *d = p->member ? opendir(tdir) : NULL;
		/*
		 * Environments are secrets more often than not: keep them only for recorded processes, and not for the
		 * spawned command, which still carries our own environment until its exec reports the real one.
		 */
		bool want_env = p->member && o->mode != REC_MODE_TREE;
		if (!d) {
			fill_thread(ti, p->pid, p->pid, cgv, want_env);
			write_pl_entry(w, ti);
			st->threads++;
			continue;
		}
		struct dirent *de;
		while ((de = readdir(d))) {
			if (!isdigit((unsigned char)de->d_name[0]))
				continue;
			fill_thread(ti, p->pid, atoi(de->d_name), cgv, want_env);
			write_pl_entry(w, ti);
			st->threads++;
		}
		closedir(d);
	}
	sw_block_end(w);
	free(ti);

	struct sock_table *socks = NULL;
	for (size_t i = 0; i < ps.n; i++) {
		struct proc *p = &ps.v[i];
		if (!p->member)
			continue;
		/* the spawned command keeps only 0-2 across its exec; higher fds are our gate plumbing */
		int max_fd = o->mode == REC_MODE_TREE && p->pid == o->child ? 2 : -1;
		st->fds += write_fdl(w, p->pid, 0, max_fd, &socks);
	}
	sock_tables_free(socks);
	free(ps.v);
	free(g_mnts);
	g_mnts = NULL;
	g_nmnts = 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	st->elapsed_ns = (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000000ull + (uint64_t)(t1.tv_nsec - t0.tv_nsec);
	return 0;
}
