/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include "util.h"

/* Headers whose macros the generated maps test with #ifdef. */
#include <fcntl.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <linux/ptrace.h>
#include <sched.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/close_range.h>

#ifndef MS_RDONLY
#include <sys/mount.h>
#endif
#ifndef MNT_FORCE
#define MNT_FORCE 1
#define MNT_DETACH 2
#define MNT_EXPIRE 4
#define UMOUNT_NOFOLLOW 8
#endif

#include "gen/ppm_tables.h"

static uint32_t map_bits(const struct ppm_flag_map *m, uint64_t v)
{
	uint32_t r = 0;
	for (; m->linux_value != -1; m++)
		if (m->linux_value && (v & (uint64_t)m->linux_value) == (uint64_t)m->linux_value)
			r |= m->ppm_value;
	return r;
}

static uint32_t map_enum(const struct ppm_flag_map *m, int64_t v, uint32_t dflt)
{
	for (; m->linux_value != -1; m++)
		if (m->linux_value == v)
			return m->ppm_value;
	return dflt;
}

uint32_t open_flags_to_ppm(uint64_t flags)
{
	uint32_t r;
	switch (flags & O_ACCMODE) {
	case O_WRONLY:
		r = PPM_O_WRONLY;
		break;
	case O_RDWR:
		r = PPM_O_RDWR;
		break;
	default:
		r = PPM_O_RDONLY;
		break;
	}
	/* O_TMPFILE includes O_DIRECTORY: test it as a whole before the bit-by-bit map */
	uint64_t rest = flags & ~(uint64_t)O_ACCMODE;
	if ((rest & O_TMPFILE) == O_TMPFILE) {
		r |= PPM_O_TMPFILE;
		rest &= ~(uint64_t)(O_TMPFILE & ~O_DIRECTORY);
	}
	return r | (map_bits(fm_open_flags, rest) & ~(uint32_t)PPM_O_TMPFILE);
}

uint32_t open_mode_to_ppm(uint64_t flags, uint64_t mode)
{
	/* the mode only means something when a file may be created */
	if (!(flags & O_CREAT) && (flags & O_TMPFILE) != O_TMPFILE)
		return 0;
	return (uint32_t)(mode & 07777); /* PPM_S_* bits equal the POSIX mode bits */
}

uint32_t clone_flags_to_ppm(uint64_t flags) { return map_bits(fm_clone_flags, flags); }
uint32_t fcntl_cmd_to_ppm(int64_t cmd) { return map_enum(fm_fcntl_cmds, cmd, PPM_FCNTL_UNKNOWN); }
uint32_t ptrace_req_to_ppm(int64_t req) { return map_enum(fm_ptrace_requests, req, PPM_PTRACE_UNKNOWN); }

uint32_t mount_flags_to_ppm(uint64_t flags)
{
	/* a mount(2) caller may put the magic 0xC0ED in the top half */
	if ((flags & 0xffff0000u) == 0xC0ED0000u)
		flags &= 0xffffu;
	return map_bits(fm_mount_flags, flags);
}

uint32_t umount_flags_to_ppm(uint64_t flags) { return map_bits(fm_umount_flags, flags); }
uint32_t shutdown_how_to_ppm(int64_t how) { return map_enum(fm_shutdown_how, how, PPM_SHUT_UNKNOWN); }
uint32_t linkat_flags_to_ppm(uint64_t flags) { return map_bits(fm_linkat_flags, flags); }
uint32_t unlinkat_flags_to_ppm(uint64_t flags) { return map_bits(fm_unlinkat_flags, flags); }
uint32_t renameat2_flags_to_ppm(uint64_t flags) { return map_bits(fm_renameat2_flags, flags); }
uint32_t execveat_flags_to_ppm(uint64_t flags) { return map_bits(fm_execveat_flags, flags); }
uint32_t openat2_resolve_to_ppm(uint64_t flags) { return map_bits(fm_openat2_resolve, flags); }
uint32_t epoll_create1_flags_to_ppm(uint64_t flags) { return map_bits(fm_epoll_create1_flags, flags); }
uint32_t memfd_flags_to_ppm(uint64_t flags) { return map_bits(fm_memfd_create_flags, flags); }
uint32_t close_range_flags_to_ppm(uint64_t flags) { return map_bits(fm_close_range_flags, flags); }

uint32_t kdev_to_ppm(uint64_t kdev)
{
	uint32_t major = (uint32_t)(kdev >> 20), minor = (uint32_t)(kdev & 0xfffff);
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}
