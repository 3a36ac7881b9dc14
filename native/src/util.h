/* SPDX-License-Identifier: Apache-2.0 */
/* Linux -> PPM (portable scap) value conversions, driven by the generated maps in gen/ppm_tables.h. */
#ifndef FALCO_REPLAY_UTIL_H
#define FALCO_REPLAY_UTIL_H
#include <stdint.h>

uint32_t open_flags_to_ppm(uint64_t flags);
uint32_t open_mode_to_ppm(uint64_t flags, uint64_t mode);
uint32_t clone_flags_to_ppm(uint64_t flags);
uint32_t fcntl_cmd_to_ppm(int64_t cmd);
uint32_t ptrace_req_to_ppm(int64_t req);
uint32_t mount_flags_to_ppm(uint64_t flags);
uint32_t umount_flags_to_ppm(uint64_t flags);
uint32_t shutdown_how_to_ppm(int64_t how);
uint32_t linkat_flags_to_ppm(uint64_t flags);
uint32_t unlinkat_flags_to_ppm(uint64_t flags);
uint32_t renameat2_flags_to_ppm(uint64_t flags);
uint32_t execveat_flags_to_ppm(uint64_t flags);
uint32_t openat2_resolve_to_ppm(uint64_t flags);
uint32_t epoll_create1_flags_to_ppm(uint64_t flags);
uint32_t memfd_flags_to_ppm(uint64_t flags);
uint32_t close_range_flags_to_ppm(uint64_t flags);
/* Kernel dev_t (major << 20 | minor) to the userspace encoding drivers report (new_encode_dev). */
uint32_t kdev_to_ppm(uint64_t kdev);

#endif
