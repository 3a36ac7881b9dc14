/* SPDX-License-Identifier: (MIT OR GPL-2.0) */
/*
 * GENERATED FILE - do not edit. Regenerate with `npm run gen:native-tables`.
 * Source: falcosecurity/libs @ 48dfd53cd23f95720521d41b89883bbc35c8567f (current libs) and @ e5c53d648f3c4694385bbe488e7d47eaa36c229a
 * (the libs sysdig 0.29.3 is built on): driver/ppm_events_public.h, driver/event_table.c, driver/flags_table.c,
 * extracted to shared/data/scap-event-table*.json. The source files are dual-licensed MIT / GPL-2.0; these
 * tables are a derived data transcription distributed under the MIT option.
 */
#ifndef FALCO_REPLAY_PPM_TABLES_H
#define FALCO_REPLAY_PPM_TABLES_H
#include <stdint.h>

/* Parameter types (PT_*) and the on-disk size of a non-empty value (0 = variable). */
enum ppm_param_type {
	PT_NONE = 0,
	PT_INT8 = 1,
	PT_INT16 = 2,
	PT_INT32 = 3,
	PT_INT64 = 4,
	PT_UINT8 = 5,
	PT_UINT16 = 6,
	PT_UINT32 = 7,
	PT_UINT64 = 8,
	PT_CHARBUF = 9,
	PT_BYTEBUF = 10,
	PT_ERRNO = 11,
	PT_SOCKADDR = 12,
	PT_SOCKTUPLE = 13,
	PT_FD = 14,
	PT_PID = 15,
	PT_FDLIST = 16,
	PT_FSPATH = 17,
	PT_SYSCALLID = 18,
	PT_SIGTYPE = 19,
	PT_RELTIME = 20,
	PT_ABSTIME = 21,
	PT_PORT = 22,
	PT_L4PROTO = 23,
	PT_SOCKFAMILY = 24,
	PT_BOOL = 25,
	PT_IPV4ADDR = 26,
	PT_DYN = 27,
	PT_FLAGS8 = 28,
	PT_FLAGS16 = 29,
	PT_FLAGS32 = 30,
	PT_UID = 31,
	PT_GID = 32,
	PT_DOUBLE = 33,
	PT_SIGSET = 34,
	PT_CHARBUFARRAY = 35,
	PT_CHARBUF_PAIR_ARRAY = 36,
	PT_IPV4NET = 37,
	PT_IPV6ADDR = 38,
	PT_IPV6NET = 39,
	PT_IPADDR = 40,
	PT_IPNET = 41,
	PT_MODE = 42,
	PT_FSRELPATH = 43,
	PT_ENUMFLAGS8 = 44,
	PT_ENUMFLAGS16 = 45,
	PT_ENUMFLAGS32 = 46,
	PT_FD32 = 47,
	PT_PID32 = 48,
	PT_MAX = 49,
};
static const uint8_t ppm_param_fixed_size[50] = {
	[PT_NONE] = 0,
	[PT_INT8] = 1,
	[PT_INT16] = 2,
	[PT_INT32] = 4,
	[PT_INT64] = 8,
	[PT_UINT8] = 1,
	[PT_UINT16] = 2,
	[PT_UINT32] = 4,
	[PT_UINT64] = 8,
	[PT_CHARBUF] = 0,
	[PT_BYTEBUF] = 0,
	[PT_ERRNO] = 8,
	[PT_SOCKADDR] = 0,
	[PT_SOCKTUPLE] = 0,
	[PT_FD] = 8,
	[PT_PID] = 8,
	[PT_FDLIST] = 0,
	[PT_FSPATH] = 0,
	[PT_SYSCALLID] = 2,
	[PT_SIGTYPE] = 1,
	[PT_RELTIME] = 8,
	[PT_ABSTIME] = 8,
	[PT_PORT] = 2,
	[PT_L4PROTO] = 1,
	[PT_SOCKFAMILY] = 1,
	[PT_BOOL] = 4,
	[PT_IPV4ADDR] = 4,
	[PT_DYN] = 0,
	[PT_FLAGS8] = 1,
	[PT_FLAGS16] = 2,
	[PT_FLAGS32] = 4,
	[PT_UID] = 4,
	[PT_GID] = 4,
	[PT_DOUBLE] = 8,
	[PT_SIGSET] = 4,
	[PT_CHARBUFARRAY] = 0,
	[PT_CHARBUF_PAIR_ARRAY] = 0,
	[PT_IPV4NET] = 0,
	[PT_IPV6ADDR] = 16,
	[PT_IPV6NET] = 0,
	[PT_IPADDR] = 0,
	[PT_IPNET] = 0,
	[PT_MODE] = 4,
	[PT_FSRELPATH] = 0,
	[PT_ENUMFLAGS8] = 1,
	[PT_ENUMFLAGS16] = 2,
	[PT_ENUMFLAGS32] = 4,
	[PT_FD32] = 4,
	[PT_PID32] = 4,
	[PT_MAX] = 0,
};

/* Event codes (current libs; the first codes are shared with sysdig 0.29.3, see PPM_EVENT_MAX_0293). */
#define PPM_EVENT_MAX 454
#define PPM_EVENT_MAX_0293 336
#define PPME_GENERIC_E 0
#define PPME_GENERIC_X 1
#define PPME_SYSCALL_OPEN_E 2
#define PPME_SYSCALL_OPEN_X 3
#define PPME_SYSCALL_CLOSE_E 4
#define PPME_SYSCALL_CLOSE_X 5
#define PPME_SYSCALL_READ_E 6
#define PPME_SYSCALL_READ_X 7
#define PPME_SYSCALL_WRITE_E 8
#define PPME_SYSCALL_WRITE_X 9
#define PPME_SYSCALL_BRK_1_E 10
#define PPME_SYSCALL_BRK_1_X 11
#define PPME_SYSCALL_EXECVE_8_E 12
#define PPME_SYSCALL_EXECVE_8_X 13
#define PPME_SYSCALL_CLONE_11_E 14
#define PPME_SYSCALL_CLONE_11_X 15
#define PPME_PROCEXIT_E 16
#define PPME_PROCEXIT_X 17
#define PPME_SOCKET_SOCKET_E 18
#define PPME_SOCKET_SOCKET_X 19
#define PPME_SOCKET_BIND_E 20
#define PPME_SOCKET_BIND_X 21
#define PPME_SOCKET_CONNECT_E 22
#define PPME_SOCKET_CONNECT_X 23
#define PPME_SOCKET_LISTEN_E 24
#define PPME_SOCKET_LISTEN_X 25
#define PPME_SOCKET_ACCEPT_E 26
#define PPME_SOCKET_ACCEPT_X 27
#define PPME_SOCKET_SEND_E 28
#define PPME_SOCKET_SEND_X 29
#define PPME_SOCKET_SENDTO_E 30
#define PPME_SOCKET_SENDTO_X 31
#define PPME_SOCKET_RECV_E 32
#define PPME_SOCKET_RECV_X 33
#define PPME_SOCKET_RECVFROM_E 34
#define PPME_SOCKET_RECVFROM_X 35
#define PPME_SOCKET_SHUTDOWN_E 36
#define PPME_SOCKET_SHUTDOWN_X 37
#define PPME_SOCKET_GETSOCKNAME_E 38
#define PPME_SOCKET_GETSOCKNAME_X 39
#define PPME_SOCKET_GETPEERNAME_E 40
#define PPME_SOCKET_GETPEERNAME_X 41
#define PPME_SOCKET_SOCKETPAIR_E 42
#define PPME_SOCKET_SOCKETPAIR_X 43
#define PPME_SOCKET_SETSOCKOPT_E 44
#define PPME_SOCKET_SETSOCKOPT_X 45
#define PPME_SOCKET_GETSOCKOPT_E 46
#define PPME_SOCKET_GETSOCKOPT_X 47
#define PPME_SOCKET_SENDMSG_E 48
#define PPME_SOCKET_SENDMSG_X 49
#define PPME_SOCKET_SENDMMSG_E 50
#define PPME_SOCKET_SENDMMSG_X 51
#define PPME_SOCKET_RECVMSG_E 52
#define PPME_SOCKET_RECVMSG_X 53
#define PPME_SOCKET_RECVMMSG_E 54
#define PPME_SOCKET_RECVMMSG_X 55
#define PPME_SOCKET_ACCEPT4_E 56
#define PPME_SOCKET_ACCEPT4_X 57
#define PPME_SYSCALL_CREAT_E 58
#define PPME_SYSCALL_CREAT_X 59
#define PPME_SYSCALL_PIPE_E 60
#define PPME_SYSCALL_PIPE_X 61
#define PPME_SYSCALL_EVENTFD_E 62
#define PPME_SYSCALL_EVENTFD_X 63
#define PPME_SYSCALL_FUTEX_E 64
#define PPME_SYSCALL_FUTEX_X 65
#define PPME_SYSCALL_STAT_E 66
#define PPME_SYSCALL_STAT_X 67
#define PPME_SYSCALL_LSTAT_E 68
#define PPME_SYSCALL_LSTAT_X 69
#define PPME_SYSCALL_FSTAT_E 70
#define PPME_SYSCALL_FSTAT_X 71
#define PPME_SYSCALL_STAT64_E 72
#define PPME_SYSCALL_STAT64_X 73
#define PPME_SYSCALL_LSTAT64_E 74
#define PPME_SYSCALL_LSTAT64_X 75
#define PPME_SYSCALL_FSTAT64_E 76
#define PPME_SYSCALL_FSTAT64_X 77
#define PPME_SYSCALL_EPOLLWAIT_E 78
#define PPME_SYSCALL_EPOLLWAIT_X 79
#define PPME_SYSCALL_POLL_E 80
#define PPME_SYSCALL_POLL_X 81
#define PPME_SYSCALL_SELECT_E 82
#define PPME_SYSCALL_SELECT_X 83
#define PPME_SYSCALL_NEWSELECT_E 84
#define PPME_SYSCALL_NEWSELECT_X 85
#define PPME_SYSCALL_LSEEK_E 86
#define PPME_SYSCALL_LSEEK_X 87
#define PPME_SYSCALL_LLSEEK_E 88
#define PPME_SYSCALL_LLSEEK_X 89
#define PPME_SYSCALL_IOCTL_2_E 90
#define PPME_SYSCALL_IOCTL_2_X 91
#define PPME_SYSCALL_GETCWD_E 92
#define PPME_SYSCALL_GETCWD_X 93
#define PPME_SYSCALL_CHDIR_E 94
#define PPME_SYSCALL_CHDIR_X 95
#define PPME_SYSCALL_FCHDIR_E 96
#define PPME_SYSCALL_FCHDIR_X 97
#define PPME_SYSCALL_MKDIR_E 98
#define PPME_SYSCALL_MKDIR_X 99
#define PPME_SYSCALL_RMDIR_E 100
#define PPME_SYSCALL_RMDIR_X 101
#define PPME_SYSCALL_OPENAT_E 102
#define PPME_SYSCALL_OPENAT_X 103
#define PPME_SYSCALL_LINK_E 104
#define PPME_SYSCALL_LINK_X 105
#define PPME_SYSCALL_LINKAT_E 106
#define PPME_SYSCALL_LINKAT_X 107
#define PPME_SYSCALL_UNLINK_E 108
#define PPME_SYSCALL_UNLINK_X 109
#define PPME_SYSCALL_UNLINKAT_E 110
#define PPME_SYSCALL_UNLINKAT_X 111
#define PPME_SYSCALL_PREAD_E 112
#define PPME_SYSCALL_PREAD_X 113
#define PPME_SYSCALL_PWRITE_E 114
#define PPME_SYSCALL_PWRITE_X 115
#define PPME_SYSCALL_READV_E 116
#define PPME_SYSCALL_READV_X 117
#define PPME_SYSCALL_WRITEV_E 118
#define PPME_SYSCALL_WRITEV_X 119
#define PPME_SYSCALL_PREADV_E 120
#define PPME_SYSCALL_PREADV_X 121
#define PPME_SYSCALL_PWRITEV_E 122
#define PPME_SYSCALL_PWRITEV_X 123
#define PPME_SYSCALL_DUP_E 124
#define PPME_SYSCALL_DUP_X 125
#define PPME_SYSCALL_SIGNALFD_E 126
#define PPME_SYSCALL_SIGNALFD_X 127
#define PPME_SYSCALL_KILL_E 128
#define PPME_SYSCALL_KILL_X 129
#define PPME_SYSCALL_TKILL_E 130
#define PPME_SYSCALL_TKILL_X 131
#define PPME_SYSCALL_TGKILL_E 132
#define PPME_SYSCALL_TGKILL_X 133
#define PPME_SYSCALL_NANOSLEEP_E 134
#define PPME_SYSCALL_NANOSLEEP_X 135
#define PPME_SYSCALL_TIMERFD_CREATE_E 136
#define PPME_SYSCALL_TIMERFD_CREATE_X 137
#define PPME_SYSCALL_INOTIFY_INIT_E 138
#define PPME_SYSCALL_INOTIFY_INIT_X 139
#define PPME_SYSCALL_GETRLIMIT_E 140
#define PPME_SYSCALL_GETRLIMIT_X 141
#define PPME_SYSCALL_SETRLIMIT_E 142
#define PPME_SYSCALL_SETRLIMIT_X 143
#define PPME_SYSCALL_PRLIMIT_E 144
#define PPME_SYSCALL_PRLIMIT_X 145
#define PPME_SCHEDSWITCH_1_E 146
#define PPME_SCHEDSWITCH_1_X 147
#define PPME_DROP_E 148
#define PPME_DROP_X 149
#define PPME_SYSCALL_FCNTL_E 150
#define PPME_SYSCALL_FCNTL_X 151
#define PPME_SCHEDSWITCH_6_E 152
#define PPME_SCHEDSWITCH_6_X 153
#define PPME_SYSCALL_EXECVE_13_E 154
#define PPME_SYSCALL_EXECVE_13_X 155
#define PPME_SYSCALL_CLONE_16_E 156
#define PPME_SYSCALL_CLONE_16_X 157
#define PPME_SYSCALL_BRK_4_E 158
#define PPME_SYSCALL_BRK_4_X 159
#define PPME_SYSCALL_MMAP_E 160
#define PPME_SYSCALL_MMAP_X 161
#define PPME_SYSCALL_MMAP2_E 162
#define PPME_SYSCALL_MMAP2_X 163
#define PPME_SYSCALL_MUNMAP_E 164
#define PPME_SYSCALL_MUNMAP_X 165
#define PPME_SYSCALL_SPLICE_E 166
#define PPME_SYSCALL_SPLICE_X 167
#define PPME_SYSCALL_PTRACE_E 168
#define PPME_SYSCALL_PTRACE_X 169
#define PPME_SYSCALL_IOCTL_3_E 170
#define PPME_SYSCALL_IOCTL_3_X 171
#define PPME_SYSCALL_EXECVE_14_E 172
#define PPME_SYSCALL_EXECVE_14_X 173
#define PPME_SYSCALL_RENAME_E 174
#define PPME_SYSCALL_RENAME_X 175
#define PPME_SYSCALL_RENAMEAT_E 176
#define PPME_SYSCALL_RENAMEAT_X 177
#define PPME_SYSCALL_SYMLINK_E 178
#define PPME_SYSCALL_SYMLINK_X 179
#define PPME_SYSCALL_SYMLINKAT_E 180
#define PPME_SYSCALL_SYMLINKAT_X 181
#define PPME_SYSCALL_FORK_E 182
#define PPME_SYSCALL_FORK_X 183
#define PPME_SYSCALL_VFORK_E 184
#define PPME_SYSCALL_VFORK_X 185
#define PPME_PROCEXIT_1_E 186
#define PPME_PROCEXIT_1_X 187
#define PPME_SYSCALL_SENDFILE_E 188
#define PPME_SYSCALL_SENDFILE_X 189
#define PPME_SYSCALL_QUOTACTL_E 190
#define PPME_SYSCALL_QUOTACTL_X 191
#define PPME_SYSCALL_SETRESUID_E 192
#define PPME_SYSCALL_SETRESUID_X 193
#define PPME_SYSCALL_SETRESGID_E 194
#define PPME_SYSCALL_SETRESGID_X 195
#define PPME_SCAPEVENT_E 196
#define PPME_SCAPEVENT_X 197
#define PPME_SYSCALL_SETUID_E 198
#define PPME_SYSCALL_SETUID_X 199
#define PPME_SYSCALL_SETGID_E 200
#define PPME_SYSCALL_SETGID_X 201
#define PPME_SYSCALL_GETUID_E 202
#define PPME_SYSCALL_GETUID_X 203
#define PPME_SYSCALL_GETEUID_E 204
#define PPME_SYSCALL_GETEUID_X 205
#define PPME_SYSCALL_GETGID_E 206
#define PPME_SYSCALL_GETGID_X 207
#define PPME_SYSCALL_GETEGID_E 208
#define PPME_SYSCALL_GETEGID_X 209
#define PPME_SYSCALL_GETRESUID_E 210
#define PPME_SYSCALL_GETRESUID_X 211
#define PPME_SYSCALL_GETRESGID_E 212
#define PPME_SYSCALL_GETRESGID_X 213
#define PPME_SYSCALL_EXECVE_15_E 214
#define PPME_SYSCALL_EXECVE_15_X 215
#define PPME_SYSCALL_CLONE_17_E 216
#define PPME_SYSCALL_CLONE_17_X 217
#define PPME_SYSCALL_FORK_17_E 218
#define PPME_SYSCALL_FORK_17_X 219
#define PPME_SYSCALL_VFORK_17_E 220
#define PPME_SYSCALL_VFORK_17_X 221
#define PPME_SYSCALL_CLONE_20_E 222
#define PPME_SYSCALL_CLONE_20_X 223
#define PPME_SYSCALL_FORK_20_E 224
#define PPME_SYSCALL_FORK_20_X 225
#define PPME_SYSCALL_VFORK_20_E 226
#define PPME_SYSCALL_VFORK_20_X 227
#define PPME_CONTAINER_E 228
#define PPME_CONTAINER_X 229
#define PPME_SYSCALL_EXECVE_16_E 230
#define PPME_SYSCALL_EXECVE_16_X 231
#define PPME_SIGNALDELIVER_E 232
#define PPME_SIGNALDELIVER_X 233
#define PPME_PROCINFO_E 234
#define PPME_PROCINFO_X 235
#define PPME_SYSCALL_GETDENTS_E 236
#define PPME_SYSCALL_GETDENTS_X 237
#define PPME_SYSCALL_GETDENTS64_E 238
#define PPME_SYSCALL_GETDENTS64_X 239
#define PPME_SYSCALL_SETNS_E 240
#define PPME_SYSCALL_SETNS_X 241
#define PPME_SYSCALL_FLOCK_E 242
#define PPME_SYSCALL_FLOCK_X 243
#define PPME_CPU_HOTPLUG_E 244
#define PPME_CPU_HOTPLUG_X 245
#define PPME_SOCKET_ACCEPT_5_E 246
#define PPME_SOCKET_ACCEPT_5_X 247
#define PPME_SOCKET_ACCEPT4_5_E 248
#define PPME_SOCKET_ACCEPT4_5_X 249
#define PPME_SYSCALL_SEMOP_E 250
#define PPME_SYSCALL_SEMOP_X 251
#define PPME_SYSCALL_SEMCTL_E 252
#define PPME_SYSCALL_SEMCTL_X 253
#define PPME_SYSCALL_PPOLL_E 254
#define PPME_SYSCALL_PPOLL_X 255
#define PPME_SYSCALL_MOUNT_E 256
#define PPME_SYSCALL_MOUNT_X 257
#define PPME_SYSCALL_UMOUNT_E 258
#define PPME_SYSCALL_UMOUNT_X 259
#define PPME_K8S_E 260
#define PPME_K8S_X 261
#define PPME_SYSCALL_SEMGET_E 262
#define PPME_SYSCALL_SEMGET_X 263
#define PPME_SYSCALL_ACCESS_E 264
#define PPME_SYSCALL_ACCESS_X 265
#define PPME_SYSCALL_CHROOT_E 266
#define PPME_SYSCALL_CHROOT_X 267
#define PPME_TRACER_E 268
#define PPME_TRACER_X 269
#define PPME_MESOS_E 270
#define PPME_MESOS_X 271
#define PPME_CONTAINER_JSON_E 272
#define PPME_CONTAINER_JSON_X 273
#define PPME_SYSCALL_SETSID_E 274
#define PPME_SYSCALL_SETSID_X 275
#define PPME_SYSCALL_MKDIR_2_E 276
#define PPME_SYSCALL_MKDIR_2_X 277
#define PPME_SYSCALL_RMDIR_2_E 278
#define PPME_SYSCALL_RMDIR_2_X 279
#define PPME_NOTIFICATION_E 280
#define PPME_NOTIFICATION_X 281
#define PPME_SYSCALL_EXECVE_17_E 282
#define PPME_SYSCALL_EXECVE_17_X 283
#define PPME_SYSCALL_UNSHARE_E 284
#define PPME_SYSCALL_UNSHARE_X 285
#define PPME_INFRASTRUCTURE_EVENT_E 286
#define PPME_INFRASTRUCTURE_EVENT_X 287
#define PPME_SYSCALL_EXECVE_18_E 288
#define PPME_SYSCALL_EXECVE_18_X 289
#define PPME_PAGE_FAULT_E 290
#define PPME_PAGE_FAULT_X 291
#define PPME_SYSCALL_EXECVE_19_E 292
#define PPME_SYSCALL_EXECVE_19_X 293
#define PPME_SYSCALL_SETPGID_E 294
#define PPME_SYSCALL_SETPGID_X 295
#define PPME_SYSCALL_BPF_E 296
#define PPME_SYSCALL_BPF_X 297
#define PPME_SYSCALL_SECCOMP_E 298
#define PPME_SYSCALL_SECCOMP_X 299
#define PPME_SYSCALL_UNLINK_2_E 300
#define PPME_SYSCALL_UNLINK_2_X 301
#define PPME_SYSCALL_UNLINKAT_2_E 302
#define PPME_SYSCALL_UNLINKAT_2_X 303
#define PPME_SYSCALL_MKDIRAT_E 304
#define PPME_SYSCALL_MKDIRAT_X 305
#define PPME_SYSCALL_OPENAT_2_E 306
#define PPME_SYSCALL_OPENAT_2_X 307
#define PPME_SYSCALL_LINK_2_E 308
#define PPME_SYSCALL_LINK_2_X 309
#define PPME_SYSCALL_LINKAT_2_E 310
#define PPME_SYSCALL_LINKAT_2_X 311
#define PPME_SYSCALL_FCHMODAT_E 312
#define PPME_SYSCALL_FCHMODAT_X 313
#define PPME_SYSCALL_CHMOD_E 314
#define PPME_SYSCALL_CHMOD_X 315
#define PPME_SYSCALL_FCHMOD_E 316
#define PPME_SYSCALL_FCHMOD_X 317
#define PPME_SYSCALL_RENAMEAT2_E 318
#define PPME_SYSCALL_RENAMEAT2_X 319
#define PPME_SYSCALL_USERFAULTFD_E 320
#define PPME_SYSCALL_USERFAULTFD_X 321
#define PPME_PLUGINEVENT_E 322
#define PPME_PLUGINEVENT_X 323
#define PPME_CONTAINER_JSON_2_E 324
#define PPME_CONTAINER_JSON_2_X 325
#define PPME_SYSCALL_OPENAT2_E 326
#define PPME_SYSCALL_OPENAT2_X 327
#define PPME_SYSCALL_MPROTECT_E 328
#define PPME_SYSCALL_MPROTECT_X 329
#define PPME_SYSCALL_EXECVEAT_E 330
#define PPME_SYSCALL_EXECVEAT_X 331
#define PPME_SYSCALL_COPY_FILE_RANGE_E 332
#define PPME_SYSCALL_COPY_FILE_RANGE_X 333
#define PPME_SYSCALL_CLONE3_E 334
#define PPME_SYSCALL_CLONE3_X 335
#define PPME_SYSCALL_OPEN_BY_HANDLE_AT_E 336
#define PPME_SYSCALL_OPEN_BY_HANDLE_AT_X 337
#define PPME_SYSCALL_IO_URING_SETUP_E 338
#define PPME_SYSCALL_IO_URING_SETUP_X 339
#define PPME_SYSCALL_IO_URING_ENTER_E 340
#define PPME_SYSCALL_IO_URING_ENTER_X 341
#define PPME_SYSCALL_IO_URING_REGISTER_E 342
#define PPME_SYSCALL_IO_URING_REGISTER_X 343
#define PPME_SYSCALL_MLOCK_E 344
#define PPME_SYSCALL_MLOCK_X 345
#define PPME_SYSCALL_MUNLOCK_E 346
#define PPME_SYSCALL_MUNLOCK_X 347
#define PPME_SYSCALL_MLOCKALL_E 348
#define PPME_SYSCALL_MLOCKALL_X 349
#define PPME_SYSCALL_MUNLOCKALL_E 350
#define PPME_SYSCALL_MUNLOCKALL_X 351
#define PPME_SYSCALL_CAPSET_E 352
#define PPME_SYSCALL_CAPSET_X 353
#define PPME_USER_ADDED_E 354
#define PPME_USER_ADDED_X 355
#define PPME_USER_DELETED_E 356
#define PPME_USER_DELETED_X 357
#define PPME_GROUP_ADDED_E 358
#define PPME_GROUP_ADDED_X 359
#define PPME_GROUP_DELETED_E 360
#define PPME_GROUP_DELETED_X 361
#define PPME_SYSCALL_DUP2_E 362
#define PPME_SYSCALL_DUP2_X 363
#define PPME_SYSCALL_DUP3_E 364
#define PPME_SYSCALL_DUP3_X 365
#define PPME_SYSCALL_DUP_1_E 366
#define PPME_SYSCALL_DUP_1_X 367
#define PPME_SYSCALL_BPF_2_E 368
#define PPME_SYSCALL_BPF_2_X 369
#define PPME_SYSCALL_MLOCK2_E 370
#define PPME_SYSCALL_MLOCK2_X 371
#define PPME_SYSCALL_FSCONFIG_E 372
#define PPME_SYSCALL_FSCONFIG_X 373
#define PPME_SYSCALL_EPOLL_CREATE_E 374
#define PPME_SYSCALL_EPOLL_CREATE_X 375
#define PPME_SYSCALL_EPOLL_CREATE1_E 376
#define PPME_SYSCALL_EPOLL_CREATE1_X 377
#define PPME_SYSCALL_CHOWN_E 378
#define PPME_SYSCALL_CHOWN_X 379
#define PPME_SYSCALL_LCHOWN_E 380
#define PPME_SYSCALL_LCHOWN_X 381
#define PPME_SYSCALL_FCHOWN_E 382
#define PPME_SYSCALL_FCHOWN_X 383
#define PPME_SYSCALL_FCHOWNAT_E 384
#define PPME_SYSCALL_FCHOWNAT_X 385
#define PPME_SYSCALL_UMOUNT_1_E 386
#define PPME_SYSCALL_UMOUNT_1_X 387
#define PPME_SOCKET_ACCEPT4_6_E 388
#define PPME_SOCKET_ACCEPT4_6_X 389
#define PPME_SYSCALL_UMOUNT2_E 390
#define PPME_SYSCALL_UMOUNT2_X 391
#define PPME_SYSCALL_PIPE2_E 392
#define PPME_SYSCALL_PIPE2_X 393
#define PPME_SYSCALL_INOTIFY_INIT1_E 394
#define PPME_SYSCALL_INOTIFY_INIT1_X 395
#define PPME_SYSCALL_EVENTFD2_E 396
#define PPME_SYSCALL_EVENTFD2_X 397
#define PPME_SYSCALL_SIGNALFD4_E 398
#define PPME_SYSCALL_SIGNALFD4_X 399
#define PPME_SYSCALL_PRCTL_E 400
#define PPME_SYSCALL_PRCTL_X 401
#define PPME_ASYNCEVENT_E 402
#define PPME_ASYNCEVENT_X 403
#define PPME_SYSCALL_MEMFD_CREATE_E 404
#define PPME_SYSCALL_MEMFD_CREATE_X 405
#define PPME_SYSCALL_PIDFD_GETFD_E 406
#define PPME_SYSCALL_PIDFD_GETFD_X 407
#define PPME_SYSCALL_PIDFD_OPEN_E 408
#define PPME_SYSCALL_PIDFD_OPEN_X 409
#define PPME_SYSCALL_INIT_MODULE_E 410
#define PPME_SYSCALL_INIT_MODULE_X 411
#define PPME_SYSCALL_FINIT_MODULE_E 412
#define PPME_SYSCALL_FINIT_MODULE_X 413
#define PPME_SYSCALL_MKNOD_E 414
#define PPME_SYSCALL_MKNOD_X 415
#define PPME_SYSCALL_MKNODAT_E 416
#define PPME_SYSCALL_MKNODAT_X 417
#define PPME_SYSCALL_NEWFSTATAT_E 418
#define PPME_SYSCALL_NEWFSTATAT_X 419
#define PPME_SYSCALL_PROCESS_VM_READV_E 420
#define PPME_SYSCALL_PROCESS_VM_READV_X 421
#define PPME_SYSCALL_PROCESS_VM_WRITEV_E 422
#define PPME_SYSCALL_PROCESS_VM_WRITEV_X 423
#define PPME_SYSCALL_DELETE_MODULE_E 424
#define PPME_SYSCALL_DELETE_MODULE_X 425
#define PPME_SYSCALL_SETREUID_E 426
#define PPME_SYSCALL_SETREUID_X 427
#define PPME_SYSCALL_SETREGID_E 428
#define PPME_SYSCALL_SETREGID_X 429
#define PPME_ITER_TASK_E 430
#define PPME_ITER_TASK_X 431
#define PPME_ITER_TASK_FILE_PIPE_E 432
#define PPME_ITER_TASK_FILE_PIPE_X 433
#define PPME_ITER_TASK_FILE_MEMFD_E 434
#define PPME_ITER_TASK_FILE_MEMFD_X 435
#define PPME_ITER_TASK_FILE_REGULAR_E 436
#define PPME_ITER_TASK_FILE_REGULAR_X 437
#define PPME_ITER_TASK_FILE_DIRECTORY_E 438
#define PPME_ITER_TASK_FILE_DIRECTORY_X 439
#define PPME_ITER_TASK_FILE_SOCKET_INET_E 440
#define PPME_ITER_TASK_FILE_SOCKET_INET_X 441
#define PPME_ITER_TASK_FILE_SOCKET_INET6_E 442
#define PPME_ITER_TASK_FILE_SOCKET_INET6_X 443
#define PPME_ITER_TASK_FILE_SOCKET_UNIX_E 444
#define PPME_ITER_TASK_FILE_SOCKET_UNIX_X 445
#define PPME_ITER_TASK_FILE_SOCKET_NETLINK_E 446
#define PPME_ITER_TASK_FILE_SOCKET_NETLINK_X 447
#define PPME_ITER_TASK_FILE_ANON_INODE_E 448
#define PPME_ITER_TASK_FILE_ANON_INODE_X 449
#define PPME_SYSCALL_CLOSE_RANGE_E 450
#define PPME_SYSCALL_CLOSE_RANGE_X 451
#define PPME_SYSCALL_KEYCTL_E 452
#define PPME_SYSCALL_KEYCTL_X 453
#define PPME_SYSDIGEVENT_E 196 /* 0.29.3 name */
#define PPME_SYSDIGEVENT_X 197 /* 0.29.3 name */

/* What a reader expects of each event code: name, parameter count and types, flags. */
struct ppm_event_sig {
	const char *name;
	uint8_t nparams;
	uint8_t large_payload; /* u32 parameter lengths */
	uint8_t old_version;
	uint8_t converter_managed;
	uint8_t types[32];
};
static const struct ppm_event_sig ppm_sig_0293[336] = {
	[0] = { "syscall", 2, 0, 0, 0, { PT_SYSCALLID, PT_UINT16 } },
	[1] = { "syscall", 1, 0, 0, 0, { PT_SYSCALLID } },
	[2] = { "open", 3, 0, 0, 0, { PT_FSPATH, PT_FLAGS32, PT_UINT32 } },
	[3] = { "open", 5, 0, 0, 0, { PT_FD, PT_FSPATH, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[4] = { "close", 1, 0, 0, 0, { PT_FD } },
	[5] = { "close", 1, 0, 0, 0, { PT_ERRNO } },
	[6] = { "read", 2, 0, 0, 0, { PT_FD, PT_UINT32 } },
	[7] = { "read", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[8] = { "write", 2, 0, 0, 0, { PT_FD, PT_UINT32 } },
	[9] = { "write", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[10] = { "brk", 1, 0, 1, 0, { PT_UINT32 } },
	[11] = { "brk", 1, 0, 1, 0, { PT_UINT64 } },
	[12] = { "execve", 0, 0, 1, 0, { 0 } },
	[13] = { "execve", 8, 0, 1, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64 } },
	[14] = { "clone", 0, 0, 1, 0, { 0 } },
	[15] = { "clone", 11, 0, 1, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[16] = { "procexit", 0, 0, 1, 0, { 0 } },
	[17] = { "NA1", 0, 0, 0, 0, { 0 } },
	[18] = { "socket", 3, 0, 0, 0, { PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[19] = { "socket", 1, 0, 0, 0, { PT_FD } },
	[20] = { "bind", 1, 0, 0, 0, { PT_FD } },
	[21] = { "bind", 2, 0, 0, 0, { PT_ERRNO, PT_SOCKADDR } },
	[22] = { "connect", 2, 0, 0, 0, { PT_FD, PT_SOCKADDR } },
	[23] = { "connect", 2, 0, 0, 0, { PT_ERRNO, PT_SOCKTUPLE } },
	[24] = { "listen", 2, 0, 0, 0, { PT_FD, PT_UINT32 } },
	[25] = { "listen", 1, 0, 0, 0, { PT_ERRNO } },
	[26] = { "accept", 0, 0, 1, 0, { 0 } },
	[27] = { "accept", 3, 0, 1, 0, { PT_FD, PT_SOCKTUPLE, PT_UINT8 } },
	[28] = { "send", 2, 0, 0, 0, { PT_FD, PT_UINT32 } },
	[29] = { "send", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[30] = { "sendto", 3, 0, 0, 0, { PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[31] = { "sendto", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[32] = { "recv", 2, 0, 0, 0, { PT_FD, PT_UINT32 } },
	[33] = { "recv", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[34] = { "recvfrom", 2, 0, 0, 0, { PT_FD, PT_UINT32 } },
	[35] = { "recvfrom", 3, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF, PT_SOCKTUPLE } },
	[36] = { "shutdown", 2, 0, 0, 0, { PT_FD, PT_FLAGS8 } },
	[37] = { "shutdown", 1, 0, 0, 0, { PT_ERRNO } },
	[38] = { "getsockname", 0, 0, 0, 0, { 0 } },
	[39] = { "getsockname", 0, 0, 0, 0, { 0 } },
	[40] = { "getpeername", 0, 0, 0, 0, { 0 } },
	[41] = { "getpeername", 0, 0, 0, 0, { 0 } },
	[42] = { "socketpair", 3, 0, 0, 0, { PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[43] = { "socketpair", 5, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FD, PT_UINT64, PT_UINT64 } },
	[44] = { "setsockopt", 0, 0, 0, 0, { 0 } },
	[45] = { "setsockopt", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FLAGS8, PT_FLAGS8, PT_DYN, PT_UINT32 } },
	[46] = { "getsockopt", 0, 0, 0, 0, { 0 } },
	[47] = { "getsockopt", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FLAGS8, PT_FLAGS8, PT_DYN, PT_UINT32 } },
	[48] = { "sendmsg", 3, 0, 0, 0, { PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[49] = { "sendmsg", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[50] = { "sendmmsg", 0, 0, 0, 0, { 0 } },
	[51] = { "sendmmsg", 0, 0, 0, 0, { 0 } },
	[52] = { "recvmsg", 1, 0, 0, 0, { PT_FD } },
	[53] = { "recvmsg", 4, 0, 0, 0, { PT_ERRNO, PT_UINT32, PT_BYTEBUF, PT_SOCKTUPLE } },
	[54] = { "recvmmsg", 0, 0, 0, 0, { 0 } },
	[55] = { "recvmmsg", 0, 0, 0, 0, { 0 } },
	[56] = { "accept", 1, 0, 1, 0, { PT_INT32 } },
	[57] = { "accept", 3, 0, 1, 0, { PT_FD, PT_SOCKTUPLE, PT_UINT8 } },
	[58] = { "creat", 2, 0, 0, 0, { PT_FSPATH, PT_UINT32 } },
	[59] = { "creat", 4, 0, 0, 0, { PT_FD, PT_FSPATH, PT_UINT32, PT_UINT32 } },
	[60] = { "pipe", 0, 0, 0, 0, { 0 } },
	[61] = { "pipe", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FD, PT_UINT64 } },
	[62] = { "eventfd", 2, 0, 0, 0, { PT_UINT64, PT_FLAGS32 } },
	[63] = { "eventfd", 1, 0, 0, 0, { PT_FD } },
	[64] = { "futex", 3, 0, 0, 0, { PT_UINT64, PT_FLAGS16, PT_UINT64 } },
	[65] = { "futex", 1, 0, 0, 0, { PT_ERRNO } },
	[66] = { "stat", 0, 0, 0, 0, { 0 } },
	[67] = { "stat", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[68] = { "lstat", 0, 0, 0, 0, { 0 } },
	[69] = { "lstat", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[70] = { "fstat", 1, 0, 0, 0, { PT_FD } },
	[71] = { "fstat", 1, 0, 0, 0, { PT_ERRNO } },
	[72] = { "stat64", 0, 0, 0, 0, { 0 } },
	[73] = { "stat64", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[74] = { "lstat64", 0, 0, 0, 0, { 0 } },
	[75] = { "lstat64", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[76] = { "fstat64", 1, 0, 0, 0, { PT_FD } },
	[77] = { "fstat64", 1, 0, 0, 0, { PT_ERRNO } },
	[78] = { "epoll_wait", 1, 0, 0, 0, { PT_ERRNO } },
	[79] = { "epoll_wait", 1, 0, 0, 0, { PT_ERRNO } },
	[80] = { "poll", 2, 0, 0, 0, { PT_FDLIST, PT_INT64 } },
	[81] = { "poll", 2, 0, 0, 0, { PT_ERRNO, PT_FDLIST } },
	[82] = { "select", 0, 0, 0, 0, { 0 } },
	[83] = { "select", 1, 0, 0, 0, { PT_ERRNO } },
	[84] = { "select", 0, 0, 0, 0, { 0 } },
	[85] = { "select", 1, 0, 0, 0, { PT_ERRNO } },
	[86] = { "lseek", 3, 0, 0, 0, { PT_FD, PT_UINT64, PT_FLAGS8 } },
	[87] = { "lseek", 1, 0, 0, 0, { PT_ERRNO } },
	[88] = { "llseek", 3, 0, 0, 0, { PT_FD, PT_UINT64, PT_FLAGS8 } },
	[89] = { "llseek", 1, 0, 0, 0, { PT_ERRNO } },
	[90] = { "ioctl", 2, 0, 1, 0, { PT_FD, PT_UINT64 } },
	[91] = { "ioctl", 1, 0, 1, 0, { PT_ERRNO } },
	[92] = { "getcwd", 0, 0, 0, 0, { 0 } },
	[93] = { "getcwd", 2, 0, 0, 0, { PT_ERRNO, PT_CHARBUF } },
	[94] = { "chdir", 0, 0, 0, 0, { 0 } },
	[95] = { "chdir", 2, 0, 0, 0, { PT_ERRNO, PT_CHARBUF } },
	[96] = { "fchdir", 1, 0, 0, 0, { PT_FD } },
	[97] = { "fchdir", 1, 0, 0, 0, { PT_ERRNO } },
	[98] = { "mkdir", 2, 0, 0, 0, { PT_FSPATH, PT_UINT32 } },
	[99] = { "mkdir", 1, 0, 0, 0, { PT_ERRNO } },
	[100] = { "rmdir", 1, 0, 0, 0, { PT_FSPATH } },
	[101] = { "rmdir", 1, 0, 0, 0, { PT_ERRNO } },
	[102] = { "openat", 4, 0, 1, 0, { PT_FD, PT_CHARBUF, PT_FLAGS32, PT_UINT32 } },
	[103] = { "openat", 1, 0, 1, 0, { PT_FD } },
	[104] = { "link", 2, 0, 1, 0, { PT_FSPATH, PT_FSPATH } },
	[105] = { "link", 1, 0, 1, 0, { PT_ERRNO } },
	[106] = { "linkat", 4, 0, 1, 0, { PT_FD, PT_CHARBUF, PT_FD, PT_CHARBUF } },
	[107] = { "linkat", 1, 0, 1, 0, { PT_ERRNO } },
	[108] = { "unlink", 1, 0, 1, 0, { PT_FSPATH } },
	[109] = { "unlink", 1, 0, 1, 0, { PT_ERRNO } },
	[110] = { "unlinkat", 2, 0, 1, 0, { PT_FD, PT_CHARBUF } },
	[111] = { "unlinkat", 1, 0, 1, 0, { PT_ERRNO } },
	[112] = { "pread", 3, 0, 0, 0, { PT_FD, PT_UINT32, PT_UINT64 } },
	[113] = { "pread", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[114] = { "pwrite", 3, 0, 0, 0, { PT_FD, PT_UINT32, PT_UINT64 } },
	[115] = { "pwrite", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[116] = { "readv", 1, 0, 0, 0, { PT_FD } },
	[117] = { "readv", 3, 0, 0, 0, { PT_ERRNO, PT_UINT32, PT_BYTEBUF } },
	[118] = { "writev", 2, 0, 0, 0, { PT_FD, PT_UINT32 } },
	[119] = { "writev", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[120] = { "preadv", 2, 0, 0, 0, { PT_FD, PT_UINT64 } },
	[121] = { "preadv", 3, 0, 0, 0, { PT_ERRNO, PT_UINT32, PT_BYTEBUF } },
	[122] = { "pwritev", 3, 0, 0, 0, { PT_FD, PT_UINT32, PT_UINT64 } },
	[123] = { "pwritev", 2, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF } },
	[124] = { "dup", 1, 0, 0, 0, { PT_FD } },
	[125] = { "dup", 1, 0, 0, 0, { PT_FD } },
	[126] = { "signalfd", 3, 0, 0, 0, { PT_FD, PT_UINT32, PT_FLAGS8 } },
	[127] = { "signalfd", 1, 0, 0, 0, { PT_FD } },
	[128] = { "kill", 2, 0, 0, 0, { PT_PID, PT_SIGTYPE } },
	[129] = { "kill", 1, 0, 0, 0, { PT_ERRNO } },
	[130] = { "tkill", 2, 0, 0, 0, { PT_PID, PT_SIGTYPE } },
	[131] = { "tkill", 1, 0, 0, 0, { PT_ERRNO } },
	[132] = { "tgkill", 3, 0, 0, 0, { PT_PID, PT_PID, PT_SIGTYPE } },
	[133] = { "tgkill", 1, 0, 0, 0, { PT_ERRNO } },
	[134] = { "nanosleep", 1, 0, 0, 0, { PT_RELTIME } },
	[135] = { "nanosleep", 1, 0, 0, 0, { PT_ERRNO } },
	[136] = { "timerfd_create", 2, 0, 0, 0, { PT_UINT8, PT_FLAGS8 } },
	[137] = { "timerfd_create", 1, 0, 0, 0, { PT_FD } },
	[138] = { "inotify_init", 1, 0, 0, 0, { PT_FLAGS8 } },
	[139] = { "inotify_init", 1, 0, 0, 0, { PT_FD } },
	[140] = { "getrlimit", 1, 0, 0, 0, { PT_FLAGS8 } },
	[141] = { "getrlimit", 3, 0, 0, 0, { PT_ERRNO, PT_INT64, PT_INT64 } },
	[142] = { "setrlimit", 1, 0, 0, 0, { PT_FLAGS8 } },
	[143] = { "setrlimit", 3, 0, 0, 0, { PT_ERRNO, PT_INT64, PT_INT64 } },
	[144] = { "prlimit", 2, 0, 0, 0, { PT_PID, PT_FLAGS8 } },
	[145] = { "prlimit", 5, 0, 0, 0, { PT_ERRNO, PT_INT64, PT_INT64, PT_INT64, PT_INT64 } },
	[146] = { "switch", 1, 0, 1, 0, { PT_PID } },
	[147] = { "NA2", 0, 0, 1, 0, { 0 } },
	[148] = { "drop", 1, 0, 0, 0, { PT_UINT32 } },
	[149] = { "drop", 1, 0, 0, 0, { PT_UINT32 } },
	[150] = { "fcntl", 2, 0, 0, 0, { PT_FD, PT_FLAGS8 } },
	[151] = { "fcntl", 1, 0, 0, 0, { PT_FD } },
	[152] = { "switch", 6, 0, 0, 0, { PT_PID, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[153] = { "NA2", 0, 0, 0, 0, { 0 } },
	[154] = { "execve", 0, 0, 1, 0, { 0 } },
	[155] = { "execve", 13, 0, 1, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[156] = { "clone", 0, 0, 1, 0, { 0 } },
	[157] = { "clone", 16, 0, 1, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[158] = { "brk", 1, 0, 0, 0, { PT_UINT64 } },
	[159] = { "brk", 4, 0, 0, 0, { PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[160] = { "mmap", 6, 0, 0, 0, { PT_UINT64, PT_UINT64, PT_FLAGS32, PT_FLAGS32, PT_FD, PT_UINT64 } },
	[161] = { "mmap", 4, 0, 0, 0, { PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[162] = { "mmap2", 6, 0, 0, 0, { PT_UINT64, PT_UINT64, PT_FLAGS32, PT_FLAGS32, PT_FD, PT_UINT64 } },
	[163] = { "mmap2", 4, 0, 0, 0, { PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[164] = { "munmap", 2, 0, 0, 0, { PT_UINT64, PT_UINT64 } },
	[165] = { "munmap", 4, 0, 0, 0, { PT_ERRNO, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[166] = { "splice", 4, 0, 0, 0, { PT_FD, PT_FD, PT_UINT64, PT_FLAGS32 } },
	[167] = { "splice", 1, 0, 0, 0, { PT_ERRNO } },
	[168] = { "ptrace", 2, 0, 0, 0, { PT_FLAGS16, PT_PID } },
	[169] = { "ptrace", 3, 0, 0, 0, { PT_ERRNO, PT_DYN, PT_DYN } },
	[170] = { "ioctl", 3, 0, 0, 0, { PT_FD, PT_UINT64, PT_UINT64 } },
	[171] = { "ioctl", 1, 0, 0, 0, { PT_ERRNO } },
	[172] = { "execve", 0, 0, 1, 0, { 0 } },
	[173] = { "execve", 14, 0, 1, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_BYTEBUF } },
	[174] = { "rename", 0, 0, 0, 0, { 0 } },
	[175] = { "rename", 3, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_FSPATH } },
	[176] = { "renameat", 0, 0, 0, 0, { 0 } },
	[177] = { "renameat", 5, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FD, PT_FSRELPATH } },
	[178] = { "symlink", 0, 0, 0, 0, { 0 } },
	[179] = { "symlink", 3, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_FSPATH } },
	[180] = { "symlinkat", 0, 0, 0, 0, { 0 } },
	[181] = { "symlinkat", 4, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_FD, PT_FSRELPATH } },
	[182] = { "fork", 0, 0, 1, 0, { 0 } },
	[183] = { "fork", 16, 0, 1, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[184] = { "vfork", 0, 0, 1, 0, { 0 } },
	[185] = { "vfork", 16, 0, 1, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[186] = { "procexit", 4, 0, 0, 0, { PT_ERRNO, PT_ERRNO, PT_SIGTYPE, PT_UINT8 } },
	[187] = { "NA1", 0, 0, 0, 0, { 0 } },
	[188] = { "sendfile", 4, 0, 0, 0, { PT_FD, PT_FD, PT_UINT64, PT_UINT64 } },
	[189] = { "sendfile", 2, 0, 0, 0, { PT_ERRNO, PT_UINT64 } },
	[190] = { "quotactl", 4, 0, 0, 0, { PT_FLAGS16, PT_FLAGS8, PT_UINT32, PT_FLAGS8 } },
	[191] = { "quotactl", 14, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT64, PT_RELTIME, PT_RELTIME, PT_RELTIME, PT_RELTIME, PT_FLAGS8, PT_FLAGS8 } },
	[192] = { "setresuid", 3, 0, 0, 0, { PT_UID, PT_UID, PT_UID } },
	[193] = { "setresuid", 1, 0, 0, 0, { PT_ERRNO } },
	[194] = { "setresgid", 3, 0, 0, 0, { PT_GID, PT_GID, PT_GID } },
	[195] = { "setresgid", 1, 0, 0, 0, { PT_ERRNO } },
	[196] = { "sysdigevent", 2, 0, 0, 0, { PT_UINT32, PT_UINT64 } },
	[197] = { "sysdigevent", 0, 0, 0, 0, { 0 } },
	[198] = { "setuid", 1, 0, 0, 0, { PT_UID } },
	[199] = { "setuid", 1, 0, 0, 0, { PT_ERRNO } },
	[200] = { "setgid", 1, 0, 0, 0, { PT_GID } },
	[201] = { "setgid", 1, 0, 0, 0, { PT_ERRNO } },
	[202] = { "getuid", 0, 0, 0, 0, { 0 } },
	[203] = { "getuid", 1, 0, 0, 0, { PT_UID } },
	[204] = { "geteuid", 0, 0, 0, 0, { 0 } },
	[205] = { "geteuid", 1, 0, 0, 0, { PT_UID } },
	[206] = { "getgid", 0, 0, 0, 0, { 0 } },
	[207] = { "getgid", 1, 0, 0, 0, { PT_GID } },
	[208] = { "getegid", 0, 0, 0, 0, { 0 } },
	[209] = { "getegid", 1, 0, 0, 0, { PT_GID } },
	[210] = { "getresuid", 0, 0, 0, 0, { 0 } },
	[211] = { "getresuid", 4, 0, 0, 0, { PT_ERRNO, PT_UID, PT_UID, PT_UID } },
	[212] = { "getresgid", 0, 0, 0, 0, { 0 } },
	[213] = { "getresgid", 4, 0, 0, 0, { PT_ERRNO, PT_GID, PT_GID, PT_GID } },
	[214] = { "execve", 0, 0, 1, 0, { 0 } },
	[215] = { "execve", 15, 0, 1, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF } },
	[216] = { "clone", 0, 0, 1, 0, { 0 } },
	[217] = { "clone", 17, 0, 1, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[218] = { "fork", 0, 0, 1, 0, { 0 } },
	[219] = { "fork", 17, 0, 1, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[220] = { "vfork", 0, 0, 1, 0, { 0 } },
	[221] = { "vfork", 17, 0, 1, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[222] = { "clone", 0, 0, 0, 0, { 0 } },
	[223] = { "clone", 20, 0, 0, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID } },
	[224] = { "fork", 0, 0, 0, 0, { 0 } },
	[225] = { "fork", 20, 0, 0, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID } },
	[226] = { "vfork", 0, 0, 0, 0, { 0 } },
	[227] = { "vfork", 20, 0, 0, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID } },
	[228] = { "container", 4, 0, 1, 0, { PT_CHARBUF, PT_UINT32, PT_CHARBUF, PT_CHARBUF } },
	[229] = { "container", 0, 0, 1, 0, { 0 } },
	[230] = { "execve", 0, 0, 0, 0, { 0 } },
	[231] = { "execve", 16, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF } },
	[232] = { "signaldeliver", 3, 0, 0, 0, { PT_PID, PT_PID, PT_SIGTYPE } },
	[233] = { "signaldeliver", 0, 0, 0, 0, { 0 } },
	[234] = { "procinfo", 2, 0, 0, 0, { PT_UINT64, PT_UINT64 } },
	[235] = { "NA2", 0, 0, 0, 0, { 0 } },
	[236] = { "getdents", 1, 0, 0, 0, { PT_FD } },
	[237] = { "getdents", 1, 0, 0, 0, { PT_ERRNO } },
	[238] = { "getdents64", 1, 0, 0, 0, { PT_FD } },
	[239] = { "getdents64", 1, 0, 0, 0, { PT_ERRNO } },
	[240] = { "setns", 2, 0, 0, 0, { PT_FD, PT_FLAGS32 } },
	[241] = { "setns", 1, 0, 0, 0, { PT_ERRNO } },
	[242] = { "flock", 2, 0, 0, 0, { PT_FD, PT_FLAGS32 } },
	[243] = { "flock", 1, 0, 0, 0, { PT_ERRNO } },
	[244] = { "cpu_hotplug", 2, 0, 0, 0, { PT_UINT32, PT_UINT32 } },
	[245] = { "NA2", 0, 0, 0, 0, { 0 } },
	[246] = { "accept", 0, 0, 0, 0, { 0 } },
	[247] = { "accept", 5, 0, 0, 0, { PT_FD, PT_SOCKTUPLE, PT_UINT8, PT_UINT32, PT_UINT32 } },
	[248] = { "accept", 1, 0, 0, 0, { PT_INT32 } },
	[249] = { "accept", 5, 0, 0, 0, { PT_FD, PT_SOCKTUPLE, PT_UINT8, PT_UINT32, PT_UINT32 } },
	[250] = { "semop", 1, 0, 0, 0, { PT_INT32 } },
	[251] = { "semop", 8, 0, 0, 0, { PT_ERRNO, PT_UINT32, PT_UINT16, PT_INT16, PT_FLAGS16, PT_UINT16, PT_INT16, PT_FLAGS16 } },
	[252] = { "semctl", 4, 0, 0, 0, { PT_INT32, PT_INT32, PT_FLAGS16, PT_INT32 } },
	[253] = { "semctl", 1, 0, 0, 0, { PT_ERRNO } },
	[254] = { "ppoll", 3, 0, 0, 0, { PT_FDLIST, PT_RELTIME, PT_SIGSET } },
	[255] = { "ppoll", 2, 0, 0, 0, { PT_ERRNO, PT_FDLIST } },
	[256] = { "mount", 1, 0, 0, 0, { PT_FLAGS32 } },
	[257] = { "mount", 4, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_FSPATH, PT_CHARBUF } },
	[258] = { "umount", 1, 0, 0, 0, { PT_FLAGS32 } },
	[259] = { "umount", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[260] = { "k8s", 1, 0, 0, 0, { PT_CHARBUF } },
	[261] = { "NA3", 0, 0, 0, 0, { 0 } },
	[262] = { "semget", 3, 0, 0, 0, { PT_INT32, PT_INT32, PT_FLAGS32 } },
	[263] = { "semget", 1, 0, 0, 0, { PT_ERRNO } },
	[264] = { "access", 1, 0, 0, 0, { PT_FLAGS32 } },
	[265] = { "access", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[266] = { "chroot", 0, 0, 0, 0, { 0 } },
	[267] = { "chroot", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[268] = { "tracer", 3, 0, 0, 0, { PT_INT64, PT_CHARBUFARRAY, PT_CHARBUF_PAIR_ARRAY } },
	[269] = { "tracer", 3, 0, 0, 0, { PT_INT64, PT_CHARBUFARRAY, PT_CHARBUF_PAIR_ARRAY } },
	[270] = { "mesos", 1, 0, 0, 0, { PT_CHARBUF } },
	[271] = { "NA4", 0, 0, 0, 0, { 0 } },
	[272] = { "container", 1, 0, 0, 0, { PT_CHARBUF } },
	[273] = { "container", 0, 0, 0, 0, { 0 } },
	[274] = { "setsid", 0, 0, 0, 0, { 0 } },
	[275] = { "setsid", 1, 0, 0, 0, { PT_PID } },
	[276] = { "mkdir", 1, 0, 0, 0, { PT_UINT32 } },
	[277] = { "mkdir", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[278] = { "rmdir", 0, 0, 0, 0, { 0 } },
	[279] = { "rmdir", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[280] = { "notification", 2, 0, 0, 0, { PT_CHARBUF, PT_CHARBUF } },
	[281] = { "NA4", 0, 0, 0, 0, { 0 } },
	[282] = { "execve", 0, 0, 1, 0, { 0 } },
	[283] = { "execve", 17, 0, 1, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_INT32 } },
	[284] = { "unshare", 1, 0, 0, 0, { PT_FLAGS32 } },
	[285] = { "unshare", 1, 0, 0, 0, { PT_ERRNO } },
	[286] = { "infra", 4, 0, 0, 0, { PT_CHARBUF, PT_CHARBUF, PT_CHARBUF, PT_CHARBUF } },
	[287] = { "NA4", 0, 0, 0, 0, { 0 } },
	[288] = { "execve", 1, 0, 1, 0, { PT_FSPATH } },
	[289] = { "execve", 17, 0, 1, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_INT32 } },
	[290] = { "page_fault", 3, 0, 0, 0, { PT_UINT64, PT_UINT64, PT_FLAGS32 } },
	[291] = { "NA5", 0, 0, 0, 0, { 0 } },
	[292] = { "execve", 1, 0, 0, 0, { PT_FSPATH } },
	[293] = { "execve", 20, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_INT32, PT_PID, PT_INT32, PT_FLAGS32 } },
	[294] = { "setpgid", 2, 0, 0, 0, { PT_PID, PT_PID } },
	[295] = { "setpgid", 1, 0, 0, 0, { PT_PID } },
	[296] = { "bpf", 1, 0, 0, 0, { PT_INT64 } },
	[297] = { "bpf", 1, 0, 0, 0, { PT_DYN } },
	[298] = { "seccomp", 1, 0, 0, 0, { PT_UINT64 } },
	[299] = { "seccomp", 1, 0, 0, 0, { PT_ERRNO } },
	[300] = { "unlink", 0, 0, 0, 0, { 0 } },
	[301] = { "unlink", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[302] = { "unlinkat", 0, 0, 0, 0, { 0 } },
	[303] = { "unlinkat", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[304] = { "mkdirat", 0, 0, 0, 0, { 0 } },
	[305] = { "mkdirat", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_UINT32 } },
	[306] = { "openat", 4, 0, 0, 0, { PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32 } },
	[307] = { "openat", 6, 0, 0, 0, { PT_FD, PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[308] = { "link", 0, 0, 0, 0, { 0 } },
	[309] = { "link", 3, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_FSPATH } },
	[310] = { "linkat", 0, 0, 0, 0, { 0 } },
	[311] = { "linkat", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[312] = { "fchmodat", 0, 0, 0, 0, { 0 } },
	[313] = { "fchmodat", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_MODE } },
	[314] = { "chmod", 0, 0, 0, 0, { 0 } },
	[315] = { "chmod", 3, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_MODE } },
	[316] = { "fchmod", 0, 0, 0, 0, { 0 } },
	[317] = { "fchmod", 3, 0, 0, 0, { PT_ERRNO, PT_FD, PT_MODE } },
	[318] = { "renameat2", 0, 0, 0, 0, { 0 } },
	[319] = { "renameat2", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[320] = { "userfaultfd", 0, 0, 0, 0, { 0 } },
	[321] = { "userfaultfd", 2, 0, 0, 0, { PT_ERRNO, PT_FLAGS32 } },
	[322] = { "pluginevent", 2, 1, 0, 0, { PT_UINT32, PT_BYTEBUF } },
	[323] = { "pluginevent", 0, 0, 0, 0, { 0 } },
	[324] = { "container", 1, 1, 0, 0, { PT_CHARBUF } },
	[325] = { "container", 0, 0, 0, 0, { 0 } },
	[326] = { "openat2", 5, 0, 0, 0, { PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32, PT_FLAGS32 } },
	[327] = { "openat2", 6, 0, 0, 0, { PT_FD, PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32, PT_FLAGS32 } },
	[328] = { "mprotect", 3, 0, 0, 0, { PT_UINT64, PT_UINT64, PT_FLAGS32 } },
	[329] = { "mprotect", 1, 0, 0, 0, { PT_ERRNO } },
	[330] = { "execveat", 3, 0, 0, 0, { PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[331] = { "execveat", 20, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_INT32, PT_PID, PT_INT32, PT_FLAGS32 } },
	[332] = { "copy_file_range", 3, 0, 0, 0, { PT_FD, PT_UINT64, PT_UINT64 } },
	[333] = { "copy_file_range", 3, 0, 0, 0, { PT_ERRNO, PT_FD, PT_UINT64 } },
	[334] = { "clone3", 0, 0, 0, 0, { 0 } },
	[335] = { "clone3", 20, 0, 0, 0, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID } },
};
static const struct ppm_event_sig ppm_sig_current[454] = {
	[0] = { "syscall", 2, 0, 1, 1, { PT_SYSCALLID, PT_UINT16 } },
	[1] = { "syscall", 2, 0, 0, 1, { PT_SYSCALLID, PT_UINT16 } },
	[2] = { "open", 3, 0, 0, 1, { PT_FSPATH, PT_FLAGS32, PT_UINT32 } },
	[3] = { "open", 6, 0, 0, 1, { PT_FD, PT_FSPATH, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_UINT64 } },
	[4] = { "close", 1, 0, 1, 1, { PT_FD } },
	[5] = { "close", 2, 0, 0, 1, { PT_ERRNO, PT_FD } },
	[6] = { "read", 2, 0, 1, 1, { PT_FD, PT_UINT32 } },
	[7] = { "read", 4, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32 } },
	[8] = { "write", 2, 0, 1, 1, { PT_FD, PT_UINT32 } },
	[9] = { "write", 4, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32 } },
	[10] = { "brk", 1, 0, 1, 1, { PT_UINT32 } },
	[11] = { "brk", 1, 0, 1, 1, { PT_UINT64 } },
	[12] = { "execve", 0, 0, 1, 1, { 0 } },
	[13] = { "execve", 8, 0, 1, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64 } },
	[14] = { "clone", 0, 0, 1, 0, { 0 } },
	[15] = { "clone", 11, 0, 1, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[16] = { "procexit", 0, 0, 1, 1, { 0 } },
	[17] = { "NA", 0, 0, 0, 0, { 0 } },
	[18] = { "socket", 3, 0, 1, 1, { PT_ENUMFLAGS32, PT_UINT32, PT_UINT32 } },
	[19] = { "socket", 5, 0, 0, 1, { PT_FD, PT_ENUMFLAGS32, PT_UINT32, PT_UINT32, PT_FLAGS32 } },
	[20] = { "bind", 1, 0, 1, 1, { PT_FD } },
	[21] = { "bind", 3, 0, 0, 1, { PT_ERRNO, PT_SOCKADDR, PT_FD } },
	[22] = { "connect", 2, 0, 0, 1, { PT_FD, PT_SOCKADDR } },
	[23] = { "connect", 4, 0, 0, 1, { PT_ERRNO, PT_SOCKTUPLE, PT_FD, PT_SOCKADDR } },
	[24] = { "listen", 2, 0, 1, 1, { PT_FD, PT_INT32 } },
	[25] = { "listen", 3, 0, 0, 1, { PT_ERRNO, PT_FD, PT_INT32 } },
	[26] = { "accept", 0, 0, 1, 0, { 0 } },
	[27] = { "accept", 3, 0, 1, 1, { PT_FD, PT_SOCKTUPLE, PT_UINT8 } },
	[28] = { "send", 2, 0, 1, 1, { PT_FD, PT_UINT32 } },
	[29] = { "send", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[30] = { "sendto", 3, 0, 1, 1, { PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[31] = { "sendto", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[32] = { "recv", 2, 0, 1, 1, { PT_FD, PT_UINT32 } },
	[33] = { "recv", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[34] = { "recvfrom", 2, 0, 1, 1, { PT_FD, PT_UINT32 } },
	[35] = { "recvfrom", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_SOCKTUPLE, PT_FD, PT_UINT32 } },
	[36] = { "shutdown", 2, 0, 1, 1, { PT_FD, PT_ENUMFLAGS8 } },
	[37] = { "shutdown", 3, 0, 0, 1, { PT_ERRNO, PT_FD, PT_ENUMFLAGS8 } },
	[38] = { "getsockname", 0, 0, 1, 0, { 0 } },
	[39] = { "getsockname", 0, 0, 0, 0, { 0 } },
	[40] = { "getpeername", 0, 0, 1, 0, { 0 } },
	[41] = { "getpeername", 0, 0, 0, 0, { 0 } },
	[42] = { "socketpair", 3, 0, 1, 1, { PT_ENUMFLAGS32, PT_UINT32, PT_UINT32 } },
	[43] = { "socketpair", 8, 0, 0, 1, { PT_ERRNO, PT_FD, PT_FD, PT_UINT64, PT_UINT64, PT_ENUMFLAGS32, PT_UINT32, PT_UINT32 } },
	[44] = { "setsockopt", 0, 0, 1, 0, { 0 } },
	[45] = { "setsockopt", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_ENUMFLAGS8, PT_ENUMFLAGS8, PT_DYN, PT_UINT32 } },
	[46] = { "getsockopt", 0, 0, 1, 0, { 0 } },
	[47] = { "getsockopt", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_ENUMFLAGS8, PT_ENUMFLAGS8, PT_DYN, PT_UINT32 } },
	[48] = { "sendmsg", 3, 0, 1, 1, { PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[49] = { "sendmsg", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32, PT_SOCKTUPLE } },
	[50] = { "sendmmsg", 0, 0, 1, 0, { 0 } },
	[51] = { "sendmmsg", 5, 0, 0, 1, { PT_ERRNO, PT_FD, PT_UINT32, PT_BYTEBUF, PT_SOCKTUPLE } },
	[52] = { "recvmsg", 1, 0, 1, 1, { PT_FD } },
	[53] = { "recvmsg", 6, 0, 0, 1, { PT_ERRNO, PT_UINT32, PT_BYTEBUF, PT_SOCKTUPLE, PT_BYTEBUF, PT_FD } },
	[54] = { "recvmmsg", 0, 0, 1, 0, { 0 } },
	[55] = { "recvmmsg", 6, 0, 0, 1, { PT_ERRNO, PT_FD, PT_UINT32, PT_BYTEBUF, PT_SOCKTUPLE, PT_BYTEBUF } },
	[56] = { "accept", 1, 0, 1, 1, { PT_INT32 } },
	[57] = { "accept", 3, 0, 1, 1, { PT_FD, PT_SOCKTUPLE, PT_UINT8 } },
	[58] = { "creat", 2, 0, 0, 1, { PT_FSPATH, PT_UINT32 } },
	[59] = { "creat", 6, 0, 0, 1, { PT_FD, PT_FSPATH, PT_UINT32, PT_UINT32, PT_UINT64, PT_FLAGS16 } },
	[60] = { "pipe", 0, 0, 1, 0, { 0 } },
	[61] = { "pipe", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FD, PT_UINT64 } },
	[62] = { "eventfd", 2, 0, 1, 1, { PT_UINT64, PT_UINT32 } },
	[63] = { "eventfd", 3, 0, 0, 1, { PT_FD, PT_UINT64, PT_UINT32 } },
	[64] = { "futex", 3, 0, 1, 1, { PT_UINT64, PT_FLAGS16, PT_UINT64 } },
	[65] = { "futex", 4, 0, 0, 1, { PT_ERRNO, PT_UINT64, PT_FLAGS16, PT_UINT64 } },
	[66] = { "stat", 0, 0, 1, 0, { 0 } },
	[67] = { "stat", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[68] = { "lstat", 0, 0, 1, 0, { 0 } },
	[69] = { "lstat", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[70] = { "fstat", 1, 0, 1, 1, { PT_FD } },
	[71] = { "fstat", 2, 0, 0, 1, { PT_ERRNO, PT_FD } },
	[72] = { "stat64", 0, 0, 1, 0, { 0 } },
	[73] = { "stat64", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[74] = { "lstat64", 0, 0, 1, 0, { 0 } },
	[75] = { "lstat64", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[76] = { "fstat64", 1, 0, 1, 0, { PT_FD } },
	[77] = { "fstat64", 1, 0, 0, 0, { PT_ERRNO } },
	[78] = { "epoll_wait", 1, 0, 1, 1, { PT_ERRNO } },
	[79] = { "epoll_wait", 2, 0, 0, 1, { PT_ERRNO, PT_ERRNO } },
	[80] = { "poll", 2, 0, 1, 1, { PT_FDLIST, PT_INT64 } },
	[81] = { "poll", 3, 0, 0, 1, { PT_ERRNO, PT_FDLIST, PT_INT64 } },
	[82] = { "select", 0, 0, 1, 0, { 0 } },
	[83] = { "select", 1, 0, 0, 0, { PT_ERRNO } },
	[84] = { "select", 0, 0, 1, 0, { 0 } },
	[85] = { "select", 1, 0, 1, 1, { PT_ERRNO } },
	[86] = { "lseek", 3, 0, 1, 1, { PT_FD, PT_UINT64, PT_ENUMFLAGS8 } },
	[87] = { "lseek", 4, 0, 0, 1, { PT_ERRNO, PT_FD, PT_UINT64, PT_ENUMFLAGS8 } },
	[88] = { "llseek", 3, 0, 1, 1, { PT_FD, PT_UINT64, PT_ENUMFLAGS8 } },
	[89] = { "llseek", 4, 0, 0, 1, { PT_ERRNO, PT_FD, PT_UINT64, PT_ENUMFLAGS8 } },
	[90] = { "ioctl", 2, 0, 1, 1, { PT_FD, PT_UINT64 } },
	[91] = { "ioctl", 1, 0, 1, 1, { PT_ERRNO } },
	[92] = { "getcwd", 0, 0, 1, 0, { 0 } },
	[93] = { "getcwd", 2, 0, 0, 0, { PT_ERRNO, PT_CHARBUF } },
	[94] = { "chdir", 0, 0, 1, 0, { 0 } },
	[95] = { "chdir", 2, 0, 0, 0, { PT_ERRNO, PT_CHARBUF } },
	[96] = { "fchdir", 1, 0, 1, 1, { PT_FD } },
	[97] = { "fchdir", 2, 0, 0, 1, { PT_ERRNO, PT_FD } },
	[98] = { "mkdir", 2, 0, 1, 1, { PT_FSPATH, PT_UINT32 } },
	[99] = { "mkdir", 1, 0, 1, 1, { PT_ERRNO } },
	[100] = { "rmdir", 1, 0, 1, 1, { PT_FSPATH } },
	[101] = { "rmdir", 1, 0, 1, 1, { PT_ERRNO } },
	[102] = { "openat", 4, 0, 1, 1, { PT_FD, PT_CHARBUF, PT_FLAGS32, PT_UINT32 } },
	[103] = { "openat", 1, 0, 1, 1, { PT_FD } },
	[104] = { "link", 2, 0, 1, 1, { PT_FSPATH, PT_FSPATH } },
	[105] = { "link", 1, 0, 1, 1, { PT_ERRNO } },
	[106] = { "linkat", 4, 0, 1, 1, { PT_FD, PT_CHARBUF, PT_FD, PT_CHARBUF } },
	[107] = { "linkat", 1, 0, 1, 1, { PT_ERRNO } },
	[108] = { "unlink", 1, 0, 1, 1, { PT_FSPATH } },
	[109] = { "unlink", 1, 0, 1, 1, { PT_ERRNO } },
	[110] = { "unlinkat", 2, 0, 1, 1, { PT_FD, PT_CHARBUF } },
	[111] = { "unlinkat", 1, 0, 1, 1, { PT_ERRNO } },
	[112] = { "pread", 3, 0, 1, 1, { PT_FD, PT_UINT32, PT_UINT64 } },
	[113] = { "pread", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32, PT_UINT64 } },
	[114] = { "pwrite", 3, 0, 1, 1, { PT_FD, PT_UINT32, PT_UINT64 } },
	[115] = { "pwrite", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32, PT_UINT64 } },
	[116] = { "readv", 1, 0, 1, 1, { PT_FD } },
	[117] = { "readv", 4, 0, 0, 1, { PT_ERRNO, PT_UINT32, PT_BYTEBUF, PT_FD } },
	[118] = { "writev", 2, 0, 1, 1, { PT_FD, PT_UINT32 } },
	[119] = { "writev", 4, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32 } },
	[120] = { "preadv", 2, 0, 1, 1, { PT_FD, PT_UINT64 } },
	[121] = { "preadv", 5, 0, 0, 1, { PT_ERRNO, PT_UINT32, PT_BYTEBUF, PT_FD, PT_UINT64 } },
	[122] = { "pwritev", 3, 0, 1, 1, { PT_FD, PT_UINT32, PT_UINT64 } },
	[123] = { "pwritev", 5, 0, 0, 1, { PT_ERRNO, PT_BYTEBUF, PT_FD, PT_UINT32, PT_UINT64 } },
	[124] = { "dup", 1, 0, 1, 1, { PT_FD } },
	[125] = { "dup", 1, 0, 1, 1, { PT_FD } },
	[126] = { "signalfd", 3, 0, 1, 1, { PT_FD, PT_UINT32, PT_UINT8 } },
	[127] = { "signalfd", 4, 0, 0, 1, { PT_FD, PT_FD, PT_UINT32, PT_UINT8 } },
	[128] = { "kill", 2, 0, 1, 1, { PT_PID, PT_SIGTYPE } },
	[129] = { "kill", 3, 0, 0, 1, { PT_ERRNO, PT_PID, PT_SIGTYPE } },
	[130] = { "tkill", 2, 0, 1, 1, { PT_PID, PT_SIGTYPE } },
	[131] = { "tkill", 3, 0, 0, 1, { PT_ERRNO, PT_PID, PT_SIGTYPE } },
	[132] = { "tgkill", 3, 0, 1, 1, { PT_PID, PT_PID, PT_SIGTYPE } },
	[133] = { "tgkill", 4, 0, 0, 1, { PT_ERRNO, PT_PID, PT_PID, PT_SIGTYPE } },
	[134] = { "nanosleep", 1, 0, 1, 1, { PT_RELTIME } },
	[135] = { "nanosleep", 2, 0, 0, 1, { PT_ERRNO, PT_RELTIME } },
	[136] = { "timerfd_create", 2, 0, 1, 1, { PT_UINT8, PT_UINT8 } },
	[137] = { "timerfd_create", 3, 0, 0, 1, { PT_FD, PT_UINT8, PT_UINT8 } },
	[138] = { "inotify_init", 1, 0, 1, 1, { PT_UINT8 } },
	[139] = { "inotify_init", 2, 0, 0, 1, { PT_FD, PT_UINT8 } },
	[140] = { "getrlimit", 1, 0, 1, 1, { PT_ENUMFLAGS8 } },
	[141] = { "getrlimit", 4, 0, 0, 1, { PT_ERRNO, PT_INT64, PT_INT64, PT_ENUMFLAGS8 } },
	[142] = { "setrlimit", 1, 0, 1, 1, { PT_ENUMFLAGS8 } },
	[143] = { "setrlimit", 4, 0, 0, 1, { PT_ERRNO, PT_INT64, PT_INT64, PT_ENUMFLAGS8 } },
	[144] = { "prlimit", 2, 0, 1, 1, { PT_PID, PT_ENUMFLAGS8 } },
	[145] = { "prlimit", 7, 0, 0, 1, { PT_ERRNO, PT_INT64, PT_INT64, PT_INT64, PT_INT64, PT_INT64, PT_ENUMFLAGS8 } },
	[146] = { "switch", 1, 0, 1, 1, { PT_PID } },
	[147] = { "NA", 0, 0, 0, 0, { 0 } },
	[148] = { "drop", 1, 0, 0, 0, { PT_UINT32 } },
	[149] = { "drop", 1, 0, 0, 0, { PT_UINT32 } },
	[150] = { "fcntl", 2, 0, 1, 1, { PT_FD, PT_ENUMFLAGS8 } },
	[151] = { "fcntl", 4, 0, 0, 1, { PT_FD, PT_FD, PT_ENUMFLAGS8, PT_UINT64 } },
	[152] = { "switch", 6, 0, 0, 0, { PT_PID, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[153] = { "NA", 0, 0, 0, 0, { 0 } },
	[154] = { "execve", 0, 0, 1, 1, { 0 } },
	[155] = { "execve", 13, 0, 1, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32 } },
	[156] = { "clone", 0, 0, 1, 0, { 0 } },
	[157] = { "clone", 16, 0, 1, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[158] = { "brk", 1, 0, 1, 1, { PT_UINT64 } },
	[159] = { "brk", 5, 0, 0, 1, { PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_UINT64 } },
	[160] = { "mmap", 6, 0, 1, 1, { PT_UINT64, PT_UINT64, PT_FLAGS32, PT_FLAGS32, PT_FD, PT_UINT64 } },
	[161] = { "mmap", 10, 0, 0, 1, { PT_ERRNO, PT_UINT32, PT_UINT32, PT_UINT32, PT_UINT64, PT_UINT64, PT_FLAGS32, PT_FLAGS32, PT_FD, PT_UINT64 } },
	[162] = { "mmap2", 6, 0, 1, 1, { PT_UINT64, PT_UINT64, PT_FLAGS32, PT_FLAGS32, PT_FD, PT_UINT64 } },
	[163] = { "mmap2", 10, 0, 0, 1, { PT_ERRNO, PT_UINT32, PT_UINT32, PT_UINT32, PT_UINT64, PT_UINT64, PT_FLAGS32, PT_FLAGS32, PT_FD, PT_UINT64 } },
	[164] = { "munmap", 2, 0, 1, 1, { PT_UINT64, PT_UINT64 } },
	[165] = { "munmap", 6, 0, 0, 1, { PT_ERRNO, PT_UINT32, PT_UINT32, PT_UINT32, PT_UINT64, PT_UINT64 } },
	[166] = { "splice", 4, 0, 1, 1, { PT_FD, PT_FD, PT_UINT64, PT_FLAGS32 } },
	[167] = { "splice", 5, 0, 0, 1, { PT_ERRNO, PT_FD, PT_FD, PT_UINT64, PT_FLAGS32 } },
	[168] = { "ptrace", 2, 0, 1, 1, { PT_ENUMFLAGS16, PT_PID } },
	[169] = { "ptrace", 5, 0, 0, 1, { PT_ERRNO, PT_DYN, PT_DYN, PT_ENUMFLAGS16, PT_PID } },
	[170] = { "ioctl", 3, 0, 1, 1, { PT_FD, PT_UINT64, PT_UINT64 } },
	[171] = { "ioctl", 4, 0, 0, 1, { PT_ERRNO, PT_FD, PT_UINT64, PT_UINT64 } },
	[172] = { "execve", 0, 0, 1, 1, { 0 } },
	[173] = { "execve", 14, 0, 1, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_BYTEBUF } },
	[174] = { "rename", 0, 0, 1, 0, { 0 } },
	[175] = { "rename", 3, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_FSPATH } },
	[176] = { "renameat", 0, 0, 1, 0, { 0 } },
	[177] = { "renameat", 5, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FD, PT_FSRELPATH } },
	[178] = { "symlink", 0, 0, 1, 0, { 0 } },
	[179] = { "symlink", 3, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_FSPATH } },
	[180] = { "symlinkat", 0, 0, 1, 0, { 0 } },
	[181] = { "symlinkat", 4, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_FD, PT_FSRELPATH } },
	[182] = { "fork", 0, 0, 1, 0, { 0 } },
	[183] = { "fork", 16, 0, 1, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[184] = { "vfork", 0, 0, 1, 0, { 0 } },
	[185] = { "vfork", 16, 0, 1, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[186] = { "procexit", 5, 0, 0, 0, { PT_ERRNO, PT_ERRNO, PT_SIGTYPE, PT_UINT8, PT_PID } },
	[187] = { "NA", 0, 0, 0, 0, { 0 } },
	[188] = { "sendfile", 4, 0, 1, 1, { PT_FD, PT_FD, PT_UINT64, PT_UINT64 } },
	[189] = { "sendfile", 5, 0, 0, 1, { PT_ERRNO, PT_UINT64, PT_FD, PT_FD, PT_UINT64 } },
	[190] = { "quotactl", 4, 0, 1, 1, { PT_FLAGS16, PT_FLAGS8, PT_UINT32, PT_FLAGS8 } },
	[191] = { "quotactl", 18, 0, 0, 1, { PT_ERRNO, PT_CHARBUF, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT64, PT_RELTIME, PT_RELTIME, PT_RELTIME, PT_RELTIME, PT_FLAGS8, PT_FLAGS8, PT_FLAGS16, PT_FLAGS8, PT_UINT32, PT_FLAGS8 } },
	[192] = { "setresuid", 3, 0, 1, 1, { PT_UID, PT_UID, PT_UID } },
	[193] = { "setresuid", 4, 0, 0, 1, { PT_ERRNO, PT_UID, PT_UID, PT_UID } },
	[194] = { "setresgid", 3, 0, 1, 1, { PT_GID, PT_GID, PT_GID } },
	[195] = { "setresgid", 4, 0, 0, 1, { PT_ERRNO, PT_GID, PT_GID, PT_GID } },
	[196] = { "scapevent", 2, 0, 0, 0, { PT_UINT32, PT_UINT64 } },
	[197] = { "NA", 0, 0, 0, 0, { 0 } },
	[198] = { "setuid", 1, 0, 1, 1, { PT_UID } },
	[199] = { "setuid", 2, 0, 0, 1, { PT_ERRNO, PT_UID } },
	[200] = { "setgid", 1, 0, 1, 1, { PT_GID } },
	[201] = { "setgid", 2, 0, 0, 1, { PT_ERRNO, PT_GID } },
	[202] = { "getuid", 0, 0, 1, 0, { 0 } },
	[203] = { "getuid", 1, 0, 0, 0, { PT_UID } },
	[204] = { "geteuid", 0, 0, 1, 0, { 0 } },
	[205] = { "geteuid", 1, 0, 0, 0, { PT_UID } },
	[206] = { "getgid", 0, 0, 1, 0, { 0 } },
	[207] = { "getgid", 1, 0, 0, 0, { PT_GID } },
	[208] = { "getegid", 0, 0, 1, 0, { 0 } },
	[209] = { "getegid", 1, 0, 0, 0, { PT_GID } },
	[210] = { "getresuid", 0, 0, 1, 0, { 0 } },
	[211] = { "getresuid", 4, 0, 0, 0, { PT_ERRNO, PT_UID, PT_UID, PT_UID } },
	[212] = { "getresgid", 0, 0, 1, 0, { 0 } },
	[213] = { "getresgid", 4, 0, 0, 0, { PT_ERRNO, PT_GID, PT_GID, PT_GID } },
	[214] = { "execve", 0, 0, 1, 1, { 0 } },
	[215] = { "execve", 15, 0, 1, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF } },
	[216] = { "clone", 0, 0, 1, 0, { 0 } },
	[217] = { "clone", 17, 0, 1, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[218] = { "fork", 0, 0, 1, 0, { 0 } },
	[219] = { "fork", 17, 0, 1, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[220] = { "vfork", 0, 0, 1, 0, { 0 } },
	[221] = { "vfork", 17, 0, 1, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_FLAGS32, PT_UINT32, PT_UINT32 } },
	[222] = { "clone", 0, 0, 1, 0, { 0 } },
	[223] = { "clone", 21, 0, 0, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID, PT_UINT64 } },
	[224] = { "fork", 0, 0, 1, 0, { 0 } },
	[225] = { "fork", 21, 0, 0, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID, PT_UINT64 } },
	[226] = { "vfork", 0, 0, 1, 0, { 0 } },
	[227] = { "vfork", 21, 0, 0, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID, PT_UINT64 } },
	[228] = { "container", 4, 0, 1, 1, { PT_CHARBUF, PT_UINT32, PT_CHARBUF, PT_CHARBUF } },
	[229] = { "NA", 0, 0, 0, 0, { 0 } },
	[230] = { "execve", 0, 0, 1, 1, { 0 } },
	[231] = { "execve", 16, 0, 1, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF } },
	[232] = { "signaldeliver", 3, 0, 0, 0, { PT_PID, PT_PID, PT_SIGTYPE } },
	[233] = { "NA", 0, 0, 0, 0, { 0 } },
	[234] = { "procinfo", 2, 0, 0, 0, { PT_UINT64, PT_UINT64 } },
	[235] = { "NA", 0, 0, 0, 0, { 0 } },
	[236] = { "getdents", 1, 0, 1, 1, { PT_FD } },
	[237] = { "getdents", 2, 0, 0, 1, { PT_ERRNO, PT_FD } },
	[238] = { "getdents64", 1, 0, 1, 1, { PT_FD } },
	[239] = { "getdents64", 2, 0, 0, 1, { PT_ERRNO, PT_FD } },
	[240] = { "setns", 2, 0, 1, 1, { PT_FD, PT_FLAGS32 } },
	[241] = { "setns", 3, 0, 0, 1, { PT_ERRNO, PT_FD, PT_FLAGS32 } },
	[242] = { "flock", 2, 0, 1, 1, { PT_FD, PT_FLAGS32 } },
	[243] = { "flock", 3, 0, 0, 1, { PT_ERRNO, PT_FD, PT_FLAGS32 } },
	[244] = { "cpu_hotplug", 2, 0, 0, 0, { PT_UINT32, PT_UINT32 } },
	[245] = { "NA", 0, 0, 0, 0, { 0 } },
	[246] = { "accept", 0, 0, 1, 0, { 0 } },
	[247] = { "accept", 5, 0, 0, 0, { PT_FD, PT_SOCKTUPLE, PT_UINT8, PT_UINT32, PT_UINT32 } },
	[248] = { "accept", 1, 0, 1, 1, { PT_INT32 } },
	[249] = { "accept", 5, 0, 1, 1, { PT_FD, PT_SOCKTUPLE, PT_UINT8, PT_UINT32, PT_UINT32 } },
	[250] = { "semop", 1, 0, 1, 1, { PT_INT32 } },
	[251] = { "semop", 9, 0, 0, 1, { PT_ERRNO, PT_UINT32, PT_UINT16, PT_INT16, PT_FLAGS16, PT_UINT16, PT_INT16, PT_FLAGS16, PT_INT32 } },
	[252] = { "semctl", 4, 0, 1, 1, { PT_INT32, PT_INT32, PT_FLAGS16, PT_INT32 } },
	[253] = { "semctl", 5, 0, 0, 1, { PT_ERRNO, PT_INT32, PT_INT32, PT_FLAGS16, PT_INT32 } },
	[254] = { "ppoll", 3, 0, 1, 1, { PT_FDLIST, PT_RELTIME, PT_SIGSET } },
	[255] = { "ppoll", 4, 0, 0, 1, { PT_ERRNO, PT_FDLIST, PT_RELTIME, PT_SIGSET } },
	[256] = { "mount", 1, 0, 1, 1, { PT_FLAGS32 } },
	[257] = { "mount", 5, 0, 0, 1, { PT_ERRNO, PT_CHARBUF, PT_FSPATH, PT_CHARBUF, PT_FLAGS32 } },
	[258] = { "umount", 1, 0, 1, 0, { PT_FLAGS32 } },
	[259] = { "umount", 2, 0, 1, 1, { PT_ERRNO, PT_FSPATH } },
	[260] = { "k8s", 1, 0, 1, 0, { PT_CHARBUF } },
	[261] = { "NA", 0, 0, 0, 0, { 0 } },
	[262] = { "semget", 3, 0, 1, 1, { PT_INT32, PT_INT32, PT_FLAGS32 } },
	[263] = { "semget", 4, 0, 0, 1, { PT_ERRNO, PT_INT32, PT_INT32, PT_FLAGS32 } },
	[264] = { "access", 1, 0, 1, 1, { PT_FLAGS32 } },
	[265] = { "access", 3, 0, 0, 1, { PT_ERRNO, PT_FSPATH, PT_FLAGS32 } },
	[266] = { "chroot", 0, 0, 1, 0, { 0 } },
	[267] = { "chroot", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[268] = { "tracer", 3, 0, 1, 0, { PT_INT64, PT_CHARBUFARRAY, PT_CHARBUF_PAIR_ARRAY } },
	[269] = { "NA", 3, 0, 0, 0, { PT_INT64, PT_CHARBUFARRAY, PT_CHARBUF_PAIR_ARRAY } },
	[270] = { "mesos", 1, 0, 1, 0, { PT_CHARBUF } },
	[271] = { "NA", 0, 0, 0, 0, { 0 } },
	[272] = { "container", 1, 0, 1, 1, { PT_CHARBUF } },
	[273] = { "NA", 0, 0, 0, 0, { 0 } },
	[274] = { "setsid", 0, 0, 1, 0, { 0 } },
	[275] = { "setsid", 1, 0, 0, 0, { PT_PID } },
	[276] = { "mkdir", 1, 0, 1, 1, { PT_UINT32 } },
	[277] = { "mkdir", 3, 0, 0, 1, { PT_ERRNO, PT_FSPATH, PT_UINT32 } },
	[278] = { "rmdir", 0, 0, 1, 0, { 0 } },
	[279] = { "rmdir", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[280] = { "notification", 2, 0, 0, 0, { PT_CHARBUF, PT_CHARBUF } },
	[281] = { "NA", 0, 0, 0, 0, { 0 } },
	[282] = { "execve", 0, 0, 1, 1, { 0 } },
	[283] = { "execve", 17, 0, 1, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_INT32 } },
	[284] = { "unshare", 1, 0, 1, 1, { PT_FLAGS32 } },
	[285] = { "unshare", 2, 0, 0, 1, { PT_ERRNO, PT_FLAGS32 } },
	[286] = { "infra", 4, 0, 0, 0, { PT_CHARBUF, PT_CHARBUF, PT_CHARBUF, PT_CHARBUF } },
	[287] = { "NA", 0, 0, 0, 0, { 0 } },
	[288] = { "execve", 1, 0, 1, 1, { PT_FSPATH } },
	[289] = { "execve", 17, 0, 1, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_INT32 } },
	[290] = { "page_fault", 3, 0, 0, 0, { PT_UINT64, PT_UINT64, PT_FLAGS32 } },
	[291] = { "NA", 0, 0, 0, 0, { 0 } },
	[292] = { "execve", 1, 0, 1, 1, { PT_FSPATH } },
	[293] = { "execve", 31, 0, 0, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_UINT32, PT_PID, PT_UID, PT_FLAGS32, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT64, PT_ABSTIME, PT_ABSTIME, PT_UID, PT_FSPATH, PT_PID, PT_GID, PT_FSPATH } },
	[294] = { "setpgid", 2, 0, 1, 1, { PT_PID, PT_PID } },
	[295] = { "setpgid", 3, 0, 0, 1, { PT_ERRNO, PT_PID, PT_PID } },
	[296] = { "bpf", 1, 0, 1, 1, { PT_INT64 } },
	[297] = { "bpf", 1, 0, 1, 1, { PT_DYN } },
	[298] = { "seccomp", 2, 0, 1, 1, { PT_UINT64, PT_UINT64 } },
	[299] = { "seccomp", 3, 0, 0, 1, { PT_ERRNO, PT_UINT64, PT_UINT64 } },
	[300] = { "unlink", 0, 0, 1, 0, { 0 } },
	[301] = { "unlink", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[302] = { "unlinkat", 0, 0, 1, 0, { 0 } },
	[303] = { "unlinkat", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[304] = { "mkdirat", 0, 0, 1, 0, { 0 } },
	[305] = { "mkdirat", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_UINT32 } },
	[306] = { "openat", 4, 0, 0, 1, { PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32 } },
	[307] = { "openat", 7, 0, 0, 1, { PT_FD, PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_UINT64 } },
	[308] = { "link", 0, 0, 1, 0, { 0 } },
	[309] = { "link", 3, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_FSPATH } },
	[310] = { "linkat", 0, 0, 1, 0, { 0 } },
	[311] = { "linkat", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[312] = { "fchmodat", 0, 0, 1, 0, { 0 } },
	[313] = { "fchmodat", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_MODE } },
	[314] = { "chmod", 0, 0, 1, 0, { 0 } },
	[315] = { "chmod", 3, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_MODE } },
	[316] = { "fchmod", 0, 0, 1, 0, { 0 } },
	[317] = { "fchmod", 3, 0, 0, 0, { PT_ERRNO, PT_FD, PT_MODE } },
	[318] = { "renameat2", 0, 0, 1, 0, { 0 } },
	[319] = { "renameat2", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[320] = { "userfaultfd", 0, 0, 1, 0, { 0 } },
	[321] = { "userfaultfd", 2, 0, 0, 0, { PT_ERRNO, PT_FLAGS32 } },
	[322] = { "pluginevent", 2, 1, 0, 0, { PT_UINT32, PT_BYTEBUF } },
	[323] = { "NA", 0, 0, 0, 0, { 0 } },
	[324] = { "container", 1, 1, 0, 0, { PT_CHARBUF } },
	[325] = { "NA", 0, 0, 0, 0, { 0 } },
	[326] = { "openat2", 5, 0, 0, 1, { PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32, PT_FLAGS32 } },
	[327] = { "openat2", 8, 0, 0, 1, { PT_FD, PT_FD, PT_FSRELPATH, PT_FLAGS32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT64 } },
	[328] = { "mprotect", 3, 0, 1, 1, { PT_UINT64, PT_UINT64, PT_FLAGS32 } },
	[329] = { "mprotect", 4, 0, 0, 1, { PT_ERRNO, PT_UINT64, PT_UINT64, PT_FLAGS32 } },
	[330] = { "execveat", 3, 0, 1, 1, { PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[331] = { "execveat", 30, 0, 0, 1, { PT_ERRNO, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_BYTEBUF, PT_UINT32, PT_PID, PT_UID, PT_FLAGS32, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT64, PT_ABSTIME, PT_ABSTIME, PT_UID, PT_FSPATH, PT_PID, PT_GID } },
	[332] = { "copy_file_range", 3, 0, 1, 1, { PT_FD, PT_UINT64, PT_UINT64 } },
	[333] = { "copy_file_range", 6, 0, 0, 1, { PT_ERRNO, PT_FD, PT_UINT64, PT_FD, PT_UINT64, PT_UINT64 } },
	[334] = { "clone3", 0, 0, 1, 0, { 0 } },
	[335] = { "clone3", 21, 0, 0, 1, { PT_PID, PT_CHARBUF, PT_BYTEBUF, PT_PID, PT_PID, PT_PID, PT_CHARBUF, PT_INT64, PT_UINT64, PT_UINT64, PT_UINT32, PT_UINT32, PT_UINT32, PT_CHARBUF, PT_BYTEBUF, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_PID, PT_PID, PT_UINT64 } },
	[336] = { "open_by_handle_at", 0, 0, 1, 0, { 0 } },
	[337] = { "open_by_handle_at", 6, 0, 0, 0, { PT_FD, PT_FD, PT_FLAGS32, PT_FSPATH, PT_UINT32, PT_UINT64 } },
	[338] = { "io_uring_setup", 0, 0, 1, 0, { 0 } },
	[339] = { "io_uring_setup", 8, 0, 0, 0, { PT_ERRNO, PT_UINT32, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_UINT32, PT_UINT32, PT_FLAGS32 } },
	[340] = { "io_uring_enter", 0, 0, 1, 0, { 0 } },
	[341] = { "io_uring_enter", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_UINT32, PT_UINT32, PT_FLAGS32, PT_SIGSET } },
	[342] = { "io_uring_register", 0, 0, 1, 0, { 0 } },
	[343] = { "io_uring_register", 5, 0, 0, 0, { PT_ERRNO, PT_FD, PT_ENUMFLAGS16, PT_UINT64, PT_UINT32 } },
	[344] = { "mlock", 0, 0, 1, 0, { 0 } },
	[345] = { "mlock", 3, 0, 0, 0, { PT_ERRNO, PT_UINT64, PT_UINT64 } },
	[346] = { "munlock", 0, 0, 1, 0, { 0 } },
	[347] = { "munlock", 3, 0, 0, 0, { PT_ERRNO, PT_UINT64, PT_UINT64 } },
	[348] = { "mlockall", 0, 0, 1, 0, { 0 } },
	[349] = { "mlockall", 2, 0, 0, 0, { PT_ERRNO, PT_FLAGS32 } },
	[350] = { "munlockall", 0, 0, 1, 0, { 0 } },
	[351] = { "munlockall", 1, 0, 0, 0, { PT_ERRNO } },
	[352] = { "capset", 0, 0, 1, 0, { 0 } },
	[353] = { "capset", 4, 0, 0, 0, { PT_ERRNO, PT_UINT64, PT_UINT64, PT_UINT64 } },
	[354] = { "useradded", 6, 0, 0, 0, { PT_UINT32, PT_UINT32, PT_CHARBUF, PT_CHARBUF, PT_CHARBUF, PT_CHARBUF } },
	[355] = { "NA", 0, 0, 0, 0, { 0 } },
	[356] = { "userdeleted", 6, 0, 0, 0, { PT_UINT32, PT_UINT32, PT_CHARBUF, PT_CHARBUF, PT_CHARBUF, PT_CHARBUF } },
	[357] = { "NA", 0, 0, 0, 0, { 0 } },
	[358] = { "groupadded", 3, 0, 0, 0, { PT_UINT32, PT_CHARBUF, PT_CHARBUF } },
	[359] = { "NA", 0, 0, 0, 0, { 0 } },
	[360] = { "groupdeleted", 3, 0, 0, 0, { PT_UINT32, PT_CHARBUF, PT_CHARBUF } },
	[361] = { "NA", 0, 0, 0, 0, { 0 } },
	[362] = { "dup2", 1, 0, 1, 0, { PT_FD } },
	[363] = { "dup2", 3, 0, 0, 0, { PT_FD, PT_FD, PT_FD } },
	[364] = { "dup3", 1, 0, 1, 0, { PT_FD } },
	[365] = { "dup3", 4, 0, 0, 0, { PT_FD, PT_FD, PT_FD, PT_FLAGS32 } },
	[366] = { "dup", 1, 0, 1, 0, { PT_FD } },
	[367] = { "dup", 2, 0, 0, 0, { PT_FD, PT_FD } },
	[368] = { "bpf", 1, 0, 1, 0, { PT_INT64 } },
	[369] = { "bpf", 2, 0, 0, 0, { PT_FD, PT_ENUMFLAGS32 } },
	[370] = { "mlock2", 0, 0, 1, 0, { 0 } },
	[371] = { "mlock2", 4, 0, 0, 0, { PT_ERRNO, PT_UINT64, PT_UINT64, PT_FLAGS32 } },
	[372] = { "fsconfig", 0, 0, 1, 0, { 0 } },
	[373] = { "fsconfig", 7, 0, 0, 0, { PT_ERRNO, PT_FD, PT_ENUMFLAGS32, PT_CHARBUF, PT_BYTEBUF, PT_CHARBUF, PT_INT32 } },
	[374] = { "epoll_create", 1, 0, 1, 1, { PT_INT32 } },
	[375] = { "epoll_create", 2, 0, 0, 1, { PT_ERRNO, PT_INT32 } },
	[376] = { "epoll_create1", 1, 0, 1, 1, { PT_FLAGS32 } },
	[377] = { "epoll_create1", 2, 0, 0, 1, { PT_ERRNO, PT_FLAGS32 } },
	[378] = { "chown", 0, 0, 1, 0, { 0 } },
	[379] = { "chown", 4, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_UINT32, PT_UINT32 } },
	[380] = { "lchown", 0, 0, 1, 0, { 0 } },
	[381] = { "lchown", 4, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_UINT32, PT_UINT32 } },
	[382] = { "fchown", 0, 0, 1, 0, { 0 } },
	[383] = { "fchown", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_UINT32, PT_UINT32 } },
	[384] = { "fchownat", 0, 0, 1, 0, { 0 } },
	[385] = { "fchownat", 6, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_UINT32, PT_UINT32, PT_FLAGS32 } },
	[386] = { "umount", 0, 0, 1, 0, { 0 } },
	[387] = { "umount", 2, 0, 0, 0, { PT_ERRNO, PT_FSPATH } },
	[388] = { "accept4", 1, 0, 1, 1, { PT_INT32 } },
	[389] = { "accept4", 6, 0, 0, 1, { PT_FD, PT_SOCKTUPLE, PT_UINT8, PT_UINT32, PT_UINT32, PT_INT32 } },
	[390] = { "umount2", 1, 0, 1, 1, { PT_FLAGS32 } },
	[391] = { "umount2", 3, 0, 0, 1, { PT_ERRNO, PT_FSPATH, PT_FLAGS32 } },
	[392] = { "pipe2", 0, 0, 1, 0, { 0 } },
	[393] = { "pipe2", 5, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FD, PT_UINT64, PT_FLAGS32 } },
	[394] = { "inotify_init1", 0, 0, 1, 0, { 0 } },
	[395] = { "inotify_init1", 2, 0, 0, 0, { PT_FD, PT_FLAGS16 } },
	[396] = { "eventfd2", 1, 0, 1, 1, { PT_UINT64 } },
	[397] = { "eventfd2", 3, 0, 0, 1, { PT_FD, PT_FLAGS16, PT_UINT64 } },
	[398] = { "signalfd4", 2, 0, 1, 1, { PT_FD, PT_UINT32 } },
	[399] = { "signalfd4", 4, 0, 0, 1, { PT_FD, PT_FLAGS16, PT_FD, PT_UINT32 } },
	[400] = { "prctl", 0, 0, 1, 0, { 0 } },
	[401] = { "prctl", 4, 0, 0, 0, { PT_ERRNO, PT_ENUMFLAGS32, PT_CHARBUF, PT_INT64 } },
	[402] = { "asyncevent", 3, 1, 0, 0, { PT_UINT32, PT_CHARBUF, PT_BYTEBUF } },
	[403] = { "NA", 0, 0, 0, 0, { 0 } },
	[404] = { "memfd_create", 0, 0, 1, 0, { 0 } },
	[405] = { "memfd_create", 3, 0, 0, 0, { PT_FD, PT_CHARBUF, PT_FLAGS32 } },
	[406] = { "pidfd_getfd", 0, 0, 1, 0, { 0 } },
	[407] = { "pidfd_getfd", 4, 0, 0, 0, { PT_FD, PT_FD, PT_FD, PT_UINT32 } },
	[408] = { "pidfd_open", 0, 0, 1, 0, { 0 } },
	[409] = { "pidfd_open", 3, 0, 0, 0, { PT_FD, PT_PID, PT_FLAGS32 } },
	[410] = { "init_module", 0, 0, 1, 0, { 0 } },
	[411] = { "init_module", 4, 0, 0, 0, { PT_ERRNO, PT_BYTEBUF, PT_UINT64, PT_CHARBUF } },
	[412] = { "finit_module", 0, 0, 1, 0, { 0 } },
	[413] = { "finit_module", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_CHARBUF, PT_FLAGS32 } },
	[414] = { "mknod", 0, 0, 1, 0, { 0 } },
	[415] = { "mknod", 4, 0, 0, 0, { PT_ERRNO, PT_FSPATH, PT_MODE, PT_UINT32 } },
	[416] = { "mknodat", 0, 0, 1, 0, { 0 } },
	[417] = { "mknodat", 5, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_MODE, PT_UINT32 } },
	[418] = { "newfstatat", 0, 0, 1, 0, { 0 } },
	[419] = { "newfstatat", 4, 0, 0, 0, { PT_ERRNO, PT_FD, PT_FSRELPATH, PT_FLAGS32 } },
	[420] = { "process_vm_readv", 0, 0, 1, 0, { 0 } },
	[421] = { "process_vm_readv", 3, 0, 0, 0, { PT_INT64, PT_PID, PT_BYTEBUF } },
	[422] = { "process_vm_writev", 0, 0, 1, 0, { 0 } },
	[423] = { "process_vm_writev", 3, 0, 0, 0, { PT_INT64, PT_PID, PT_BYTEBUF } },
	[424] = { "delete_module", 0, 0, 1, 0, { 0 } },
	[425] = { "delete_module", 3, 0, 0, 0, { PT_ERRNO, PT_CHARBUF, PT_FLAGS32 } },
	[426] = { "setreuid", 0, 0, 1, 0, { 0 } },
	[427] = { "setreuid", 3, 0, 0, 0, { PT_ERRNO, PT_UID, PT_UID } },
	[428] = { "setregid", 0, 0, 1, 0, { 0 } },
	[429] = { "setregid", 3, 0, 0, 0, { PT_ERRNO, PT_UID, PT_UID } },
	[430] = { "task", 32, 0, 0, 0, { PT_PID32, PT_PID32, PT_PID32, PT_PID32, PT_CHARBUF, PT_CHARBUFARRAY, PT_FSPATH, PT_FLAGS32, PT_CHARBUFARRAY, PT_CHARBUF, PT_UINT64, PT_UID, PT_GID, PT_UINT64, PT_UINT64, PT_UINT64, PT_UINT64, PT_ABSTIME, PT_ABSTIME, PT_UINT32, PT_UINT32, PT_UINT32, PT_UINT64, PT_UINT64, PT_PID32, PT_PID32, PT_UINT64, PT_CHARBUFARRAY, PT_FSPATH, PT_ABSTIME, PT_UINT32, PT_UID } },
	[431] = { "NA", 0, 0, 0, 0, { 0 } },
	[432] = { "task_file_pipe", 3, 0, 0, 0, { PT_FD32, PT_FSPATH, PT_UINT64 } },
	[433] = { "NA", 0, 0, 0, 0, { 0 } },
	[434] = { "task_file_memfd", 3, 0, 0, 0, { PT_FD32, PT_FSPATH, PT_UINT64 } },
	[435] = { "NA", 0, 0, 0, 0, { 0 } },
	[436] = { "task_file_regular", 5, 0, 0, 0, { PT_FD32, PT_FSPATH, PT_FLAGS32, PT_UINT32, PT_UINT64 } },
	[437] = { "NA", 0, 0, 0, 0, { 0 } },
	[438] = { "task_file_directory", 3, 0, 0, 0, { PT_FD32, PT_FSPATH, PT_UINT64 } },
	[439] = { "NA", 0, 0, 0, 0, { 0 } },
	[440] = { "task_file_socket_inet", 8, 0, 0, 0, { PT_FD32, PT_UINT16, PT_UINT16, PT_IPV4ADDR, PT_PORT, PT_IPV4ADDR, PT_PORT, PT_UINT64 } },
	[441] = { "NA", 0, 0, 0, 0, { 0 } },
	[442] = { "task_file_socket_inet6", 8, 0, 0, 0, { PT_FD32, PT_UINT16, PT_UINT16, PT_IPV6ADDR, PT_PORT, PT_IPV6ADDR, PT_PORT, PT_UINT64 } },
	[443] = { "NA", 0, 0, 0, 0, { 0 } },
	[444] = { "task_file_socket_unix", 6, 0, 0, 0, { PT_FD32, PT_UINT16, PT_UINT16, PT_UINT64, PT_FSPATH, PT_UINT64 } },
	[445] = { "NA", 0, 0, 0, 0, { 0 } },
	[446] = { "task_file_socket_netlink", 4, 0, 0, 0, { PT_FD32, PT_UINT16, PT_UINT16, PT_UINT64 } },
	[447] = { "NA", 0, 0, 0, 0, { 0 } },
	[448] = { "task_file_anon_inode", 4, 0, 0, 0, { PT_FD32, PT_FLAGS8, PT_FSPATH, PT_UINT64 } },
	[449] = { "NA", 0, 0, 0, 0, { 0 } },
	[450] = { "NA", 0, 0, 0, 0, { 0 } },
	[451] = { "close_range", 4, 0, 0, 0, { PT_ERRNO, PT_UINT32, PT_UINT32, PT_FLAGS32 } },
	[452] = { "NA", 0, 0, 0, 0, { 0 } },
	[453] = { "keyctl", 6, 0, 0, 0, { PT_ERRNO, PT_ENUMFLAGS32, PT_DYN, PT_DYN, PT_DYN, PT_DYN } },
};

/* Extra (code, nparams) pairs current libs accept for converter-managed events (converter_rules). */
struct ppm_converter_count { uint16_t code; uint8_t nparams; };
static const struct ppm_converter_count ppm_converter_counts[] = {
	{ 0, 2 },
	{ 1, 1 },
	{ 2, 0 },
	{ 2, 3 },
	{ 3, 4 },
	{ 3, 5 },
	{ 4, 1 },
	{ 5, 1 },
	{ 6, 2 },
	{ 7, 2 },
	{ 8, 2 },
	{ 9, 2 },
	{ 10, 1 },
	{ 11, 1 },
	{ 12, 0 },
	{ 13, 8 },
	{ 15, 11 },
	{ 16, 0 },
	{ 18, 3 },
	{ 19, 1 },
	{ 19, 4 },
	{ 20, 1 },
	{ 21, 2 },
	{ 22, 1 },
	{ 22, 2 },
	{ 23, 2 },
	{ 23, 3 },
	{ 24, 2 },
	{ 25, 1 },
	{ 27, 3 },
	{ 28, 2 },
	{ 29, 2 },
	{ 30, 3 },
	{ 31, 2 },
	{ 32, 2 },
	{ 33, 2 },
	{ 34, 2 },
	{ 35, 3 },
	{ 36, 2 },
	{ 37, 1 },
	{ 42, 3 },
	{ 43, 5 },
	{ 48, 3 },
	{ 49, 2 },
	{ 51, 0 },
	{ 52, 1 },
	{ 53, 4 },
	{ 53, 5 },
	{ 55, 0 },
	{ 56, 1 },
	{ 57, 3 },
	{ 58, 0 },
	{ 58, 2 },
	{ 59, 3 },
	{ 59, 4 },
	{ 59, 5 },
	{ 62, 2 },
	{ 63, 1 },
	{ 64, 3 },
	{ 65, 1 },
	{ 70, 1 },
	{ 71, 1 },
	{ 78, 1 },
	{ 79, 1 },
	{ 80, 2 },
	{ 81, 2 },
	{ 85, 1 },
	{ 86, 3 },
	{ 87, 1 },
	{ 88, 3 },
	{ 89, 1 },
	{ 90, 2 },
	{ 91, 1 },
	{ 96, 1 },
	{ 97, 1 },
	{ 98, 2 },
	{ 99, 1 },
	{ 100, 1 },
	{ 101, 1 },
	{ 102, 4 },
	{ 103, 1 },
	{ 104, 2 },
	{ 105, 1 },
	{ 106, 4 },
	{ 107, 1 },
	{ 108, 1 },
	{ 109, 1 },
	{ 110, 2 },
	{ 111, 1 },
	{ 112, 3 },
	{ 113, 2 },
	{ 114, 3 },
	{ 115, 2 },
	{ 116, 1 },
	{ 117, 3 },
	{ 118, 2 },
	{ 119, 2 },
	{ 120, 2 },
	{ 121, 3 },
	{ 122, 3 },
	{ 123, 2 },
	{ 124, 1 },
	{ 125, 1 },
	{ 126, 3 },
	{ 127, 1 },
	{ 128, 2 },
	{ 129, 1 },
	{ 130, 2 },
	{ 131, 1 },
	{ 132, 3 },
	{ 133, 1 },
	{ 134, 1 },
	{ 135, 1 },
	{ 136, 2 },
	{ 137, 1 },
	{ 138, 1 },
	{ 139, 1 },
	{ 140, 1 },
	{ 141, 3 },
	{ 142, 1 },
	{ 143, 3 },
	{ 144, 2 },
	{ 145, 5 },
	{ 146, 1 },
	{ 150, 2 },
	{ 151, 1 },
	{ 151, 3 },
	{ 154, 0 },
	{ 155, 13 },
	{ 157, 16 },
	{ 158, 1 },
	{ 159, 4 },
	{ 160, 6 },
	{ 161, 4 },
	{ 162, 6 },
	{ 163, 4 },
	{ 164, 2 },
	{ 165, 4 },
	{ 166, 4 },
	{ 167, 1 },
	{ 168, 2 },
	{ 169, 0 },
	{ 169, 3 },
	{ 170, 3 },
	{ 171, 1 },
	{ 172, 0 },
	{ 173, 14 },
	{ 183, 16 },
	{ 185, 16 },
	{ 188, 4 },
	{ 189, 2 },
	{ 190, 4 },
	{ 191, 14 },
	{ 192, 3 },
	{ 193, 1 },
	{ 194, 3 },
	{ 195, 1 },
	{ 198, 1 },
	{ 199, 1 },
	{ 200, 1 },
	{ 201, 1 },
	{ 214, 0 },
	{ 215, 15 },
	{ 217, 17 },
	{ 219, 17 },
	{ 221, 17 },
	{ 223, 20 },
	{ 225, 20 },
	{ 227, 20 },
	{ 228, 4 },
	{ 230, 0 },
	{ 231, 16 },
	{ 236, 1 },
	{ 237, 1 },
	{ 238, 1 },
	{ 239, 1 },
	{ 240, 2 },
	{ 241, 1 },
	{ 242, 2 },
	{ 243, 1 },
	{ 248, 1 },
	{ 249, 5 },
	{ 250, 1 },
	{ 251, 8 },
	{ 252, 4 },
	{ 253, 1 },
	{ 254, 3 },
	{ 255, 2 },
	{ 256, 1 },
	{ 257, 4 },
	{ 259, 2 },
	{ 262, 3 },
	{ 263, 1 },
	{ 264, 1 },
	{ 265, 2 },
	{ 272, 1 },
	{ 276, 1 },
	{ 277, 2 },
	{ 282, 0 },
	{ 283, 17 },
	{ 284, 1 },
	{ 285, 1 },
	{ 288, 1 },
	{ 289, 17 },
	{ 292, 1 },
	{ 293, 18 },
	{ 293, 19 },
	{ 293, 20 },
	{ 293, 23 },
	{ 293, 26 },
	{ 293, 27 },
	{ 293, 28 },
	{ 293, 29 },
	{ 293, 30 },
	{ 294, 2 },
	{ 295, 1 },
	{ 296, 1 },
	{ 297, 1 },
	{ 298, 1 },
	{ 298, 2 },
	{ 299, 1 },
	{ 306, 0 },
	{ 306, 4 },
	{ 307, 5 },
	{ 307, 6 },
	{ 326, 0 },
	{ 326, 5 },
	{ 327, 6 },
	{ 328, 3 },
	{ 329, 1 },
	{ 330, 3 },
	{ 331, 19 },
	{ 331, 20 },
	{ 331, 23 },
	{ 331, 26 },
	{ 331, 27 },
	{ 331, 28 },
	{ 331, 29 },
	{ 332, 3 },
	{ 333, 3 },
	{ 335, 20 },
	{ 374, 1 },
	{ 375, 1 },
	{ 376, 1 },
	{ 377, 1 },
	{ 388, 1 },
	{ 389, 5 },
	{ 390, 1 },
	{ 391, 2 },
	{ 396, 1 },
	{ 397, 2 },
	{ 398, 2 },
	{ 399, 2 },
	{ 0xffff, 0 },
};

/* PPM_SC syscall ids (generic events carry them). */
#define PPM_SC_UNKNOWN 0
#define PPM_SC_RESTART_SYSCALL 1
#define PPM_SC_EXIT 2
#define PPM_SC_READ 3
#define PPM_SC_WRITE 4
#define PPM_SC_OPEN 5
#define PPM_SC_CLOSE 6
#define PPM_SC_CREAT 7
#define PPM_SC_LINK 8
#define PPM_SC_UNLINK 9
#define PPM_SC_CHDIR 10
#define PPM_SC_TIME 11
#define PPM_SC_MKNOD 12
#define PPM_SC_CHMOD 13
#define PPM_SC_STAT 14
#define PPM_SC_LSEEK 15
#define PPM_SC_GETPID 16
#define PPM_SC_MOUNT 17
#define PPM_SC_PTRACE 18
#define PPM_SC_ALARM 19
#define PPM_SC_FSTAT 20
#define PPM_SC_PAUSE 21
#define PPM_SC_UTIME 22
#define PPM_SC_ACCESS 23
#define PPM_SC_SYNC 24
#define PPM_SC_KILL 25
#define PPM_SC_RENAME 26
#define PPM_SC_MKDIR 27
#define PPM_SC_RMDIR 28
#define PPM_SC_DUP 29
#define PPM_SC_PIPE 30
#define PPM_SC_TIMES 31
#define PPM_SC_BRK 32
#define PPM_SC_ACCT 33
#define PPM_SC_IOCTL 34
#define PPM_SC_FCNTL 35
#define PPM_SC_SETPGID 36
#define PPM_SC_UMASK 37
#define PPM_SC_CHROOT 38
#define PPM_SC_USTAT 39
#define PPM_SC_DUP2 40
#define PPM_SC_GETPPID 41
#define PPM_SC_GETPGRP 42
#define PPM_SC_SETSID 43
#define PPM_SC_SETHOSTNAME 44
#define PPM_SC_SETRLIMIT 45
#define PPM_SC_GETRUSAGE 46
#define PPM_SC_GETTIMEOFDAY 47
#define PPM_SC_SETTIMEOFDAY 48
#define PPM_SC_SYMLINK 49
#define PPM_SC_LSTAT 50
#define PPM_SC_READLINK 51
#define PPM_SC_USELIB 52
#define PPM_SC_SWAPON 53
#define PPM_SC_REBOOT 54
#define PPM_SC_MMAP 55
#define PPM_SC_MUNMAP 56
#define PPM_SC_TRUNCATE 57
#define PPM_SC_FTRUNCATE 58
#define PPM_SC_FCHMOD 59
#define PPM_SC_GETPRIORITY 60
#define PPM_SC_SETPRIORITY 61
#define PPM_SC_STATFS 62
#define PPM_SC_FSTATFS 63
#define PPM_SC_SYSLOG 64
#define PPM_SC_SETITIMER 65
#define PPM_SC_GETITIMER 66
#define PPM_SC_UNAME 67
#define PPM_SC_VHANGUP 68
#define PPM_SC_WAIT4 69
#define PPM_SC_SWAPOFF 70
#define PPM_SC_SYSINFO 71
#define PPM_SC_FSYNC 72
#define PPM_SC_SETDOMAINNAME 73
#define PPM_SC_ADJTIMEX 74
#define PPM_SC_MPROTECT 75
#define PPM_SC_INIT_MODULE 76
#define PPM_SC_DELETE_MODULE 77
#define PPM_SC_QUOTACTL 78
#define PPM_SC_GETPGID 79
#define PPM_SC_FCHDIR 80
#define PPM_SC_SYSFS 81
#define PPM_SC_PERSONALITY 82
#define PPM_SC_GETDENTS 83
#define PPM_SC_SELECT 84
#define PPM_SC_FLOCK 85
#define PPM_SC_MSYNC 86
#define PPM_SC_READV 87
#define PPM_SC_WRITEV 88
#define PPM_SC_GETSID 89
#define PPM_SC_FDATASYNC 90
#define PPM_SC_MLOCK 91
#define PPM_SC_MUNLOCK 92
#define PPM_SC_MLOCKALL 93
#define PPM_SC_MUNLOCKALL 94
#define PPM_SC_SCHED_SETPARAM 95
#define PPM_SC_SCHED_GETPARAM 96
#define PPM_SC_SCHED_SETSCHEDULER 97
#define PPM_SC_SCHED_GETSCHEDULER 98
#define PPM_SC_SCHED_YIELD 99
#define PPM_SC_SCHED_GET_PRIORITY_MAX 100
#define PPM_SC_SCHED_GET_PRIORITY_MIN 101
#define PPM_SC_SCHED_RR_GET_INTERVAL 102
#define PPM_SC_NANOSLEEP 103
#define PPM_SC_MREMAP 104
#define PPM_SC_POLL 105
#define PPM_SC_PRCTL 106
#define PPM_SC_RT_SIGACTION 107
#define PPM_SC_RT_SIGPROCMASK 108
#define PPM_SC_RT_SIGPENDING 109
#define PPM_SC_RT_SIGTIMEDWAIT 110
#define PPM_SC_RT_SIGQUEUEINFO 111
#define PPM_SC_RT_SIGSUSPEND 112
#define PPM_SC_GETCWD 113
#define PPM_SC_CAPGET 114
#define PPM_SC_CAPSET 115
#define PPM_SC_SENDFILE 116
#define PPM_SC_GETRLIMIT 117
#define PPM_SC_LCHOWN 118
#define PPM_SC_GETUID 119
#define PPM_SC_GETGID 120
#define PPM_SC_GETEUID 121
#define PPM_SC_GETEGID 122
#define PPM_SC_SETREUID 123
#define PPM_SC_SETREGID 124
#define PPM_SC_GETGROUPS 125
#define PPM_SC_SETGROUPS 126
#define PPM_SC_FCHOWN 127
#define PPM_SC_SETRESUID 128
#define PPM_SC_GETRESUID 129
#define PPM_SC_SETRESGID 130
#define PPM_SC_GETRESGID 131
#define PPM_SC_CHOWN 132
#define PPM_SC_SETUID 133
#define PPM_SC_SETGID 134
#define PPM_SC_SETFSUID 135
#define PPM_SC_SETFSGID 136
#define PPM_SC_PIVOT_ROOT 137
#define PPM_SC_MINCORE 138
#define PPM_SC_MADVISE 139
#define PPM_SC_GETTID 140
#define PPM_SC_SETXATTR 141
#define PPM_SC_LSETXATTR 142
#define PPM_SC_FSETXATTR 143
#define PPM_SC_GETXATTR 144
#define PPM_SC_LGETXATTR 145
#define PPM_SC_FGETXATTR 146
#define PPM_SC_LISTXATTR 147
#define PPM_SC_LLISTXATTR 148
#define PPM_SC_FLISTXATTR 149
#define PPM_SC_REMOVEXATTR 150
#define PPM_SC_LREMOVEXATTR 151
#define PPM_SC_FREMOVEXATTR 152
#define PPM_SC_TKILL 153
#define PPM_SC_FUTEX 154
#define PPM_SC_SCHED_SETAFFINITY 155
#define PPM_SC_SCHED_GETAFFINITY 156
#define PPM_SC_SET_THREAD_AREA 157
#define PPM_SC_GET_THREAD_AREA 158
#define PPM_SC_IO_SETUP 159
#define PPM_SC_IO_DESTROY 160
#define PPM_SC_IO_GETEVENTS 161
#define PPM_SC_IO_SUBMIT 162
#define PPM_SC_IO_CANCEL 163
#define PPM_SC_EXIT_GROUP 164
#define PPM_SC_EPOLL_CREATE 165
#define PPM_SC_EPOLL_CTL 166
#define PPM_SC_EPOLL_WAIT 167
#define PPM_SC_REMAP_FILE_PAGES 168
#define PPM_SC_SET_TID_ADDRESS 169
#define PPM_SC_TIMER_CREATE 170
#define PPM_SC_TIMER_SETTIME 171
#define PPM_SC_TIMER_GETTIME 172
#define PPM_SC_TIMER_GETOVERRUN 173
#define PPM_SC_TIMER_DELETE 174
#define PPM_SC_CLOCK_SETTIME 175
#define PPM_SC_CLOCK_GETTIME 176
#define PPM_SC_CLOCK_GETRES 177
#define PPM_SC_CLOCK_NANOSLEEP 178
#define PPM_SC_TGKILL 179
#define PPM_SC_UTIMES 180
#define PPM_SC_MQ_OPEN 181
#define PPM_SC_MQ_UNLINK 182
#define PPM_SC_MQ_TIMEDSEND 183
#define PPM_SC_MQ_TIMEDRECEIVE 184
#define PPM_SC_MQ_NOTIFY 185
#define PPM_SC_MQ_GETSETATTR 186
#define PPM_SC_KEXEC_LOAD 187
#define PPM_SC_WAITID 188
#define PPM_SC_ADD_KEY 189
#define PPM_SC_REQUEST_KEY 190
#define PPM_SC_KEYCTL 191
#define PPM_SC_IOPRIO_SET 192
#define PPM_SC_IOPRIO_GET 193
#define PPM_SC_INOTIFY_INIT 194
#define PPM_SC_INOTIFY_ADD_WATCH 195
#define PPM_SC_INOTIFY_RM_WATCH 196
#define PPM_SC_OPENAT 197
#define PPM_SC_MKDIRAT 198
#define PPM_SC_MKNODAT 199
#define PPM_SC_FCHOWNAT 200
#define PPM_SC_FUTIMESAT 201
#define PPM_SC_UNLINKAT 202
#define PPM_SC_RENAMEAT 203
#define PPM_SC_LINKAT 204
#define PPM_SC_SYMLINKAT 205
#define PPM_SC_READLINKAT 206
#define PPM_SC_FCHMODAT 207
#define PPM_SC_FACCESSAT 208
#define PPM_SC_PSELECT6 209
#define PPM_SC_PPOLL 210
#define PPM_SC_UNSHARE 211
#define PPM_SC_SET_ROBUST_LIST 212
#define PPM_SC_GET_ROBUST_LIST 213
#define PPM_SC_SPLICE 214
#define PPM_SC_TEE 215
#define PPM_SC_VMSPLICE 216
#define PPM_SC_GETCPU 217
#define PPM_SC_EPOLL_PWAIT 218
#define PPM_SC_UTIMENSAT 219
#define PPM_SC_SIGNALFD 220
#define PPM_SC_TIMERFD_CREATE 221
#define PPM_SC_EVENTFD 222
#define PPM_SC_TIMERFD_SETTIME 223
#define PPM_SC_TIMERFD_GETTIME 224
#define PPM_SC_SIGNALFD4 225
#define PPM_SC_EVENTFD2 226
#define PPM_SC_EPOLL_CREATE1 227
#define PPM_SC_DUP3 228
#define PPM_SC_PIPE2 229
#define PPM_SC_INOTIFY_INIT1 230
#define PPM_SC_PREADV 231
#define PPM_SC_PWRITEV 232
#define PPM_SC_RT_TGSIGQUEUEINFO 233
#define PPM_SC_PERF_EVENT_OPEN 234
#define PPM_SC_FANOTIFY_INIT 235
#define PPM_SC_PRLIMIT64 236
#define PPM_SC_CLOCK_ADJTIME 237
#define PPM_SC_SYNCFS 238
#define PPM_SC_SETNS 239
#define PPM_SC_GETDENTS64 240
#define PPM_SC_SOCKET 241
#define PPM_SC_BIND 242
#define PPM_SC_CONNECT 243
#define PPM_SC_LISTEN 244
#define PPM_SC_ACCEPT 245
#define PPM_SC_GETSOCKNAME 246
#define PPM_SC_GETPEERNAME 247
#define PPM_SC_SOCKETPAIR 248
#define PPM_SC_SENDTO 249
#define PPM_SC_RECVFROM 250
#define PPM_SC_SHUTDOWN 251
#define PPM_SC_SETSOCKOPT 252
#define PPM_SC_GETSOCKOPT 253
#define PPM_SC_SENDMSG 254
#define PPM_SC_SENDMMSG 255
#define PPM_SC_RECVMSG 256
#define PPM_SC_RECVMMSG 257
#define PPM_SC_ACCEPT4 258
#define PPM_SC_SEMOP 259
#define PPM_SC_SEMGET 260
#define PPM_SC_SEMCTL 261
#define PPM_SC_MSGSND 262
#define PPM_SC_MSGRCV 263
#define PPM_SC_MSGGET 264
#define PPM_SC_MSGCTL 265
#define PPM_SC_SHMDT 266
#define PPM_SC_SHMGET 267
#define PPM_SC_SHMCTL 268
#define PPM_SC_STATFS64 269
#define PPM_SC_FSTATFS64 270
#define PPM_SC_FSTATAT64 271
#define PPM_SC_SENDFILE64 272
#define PPM_SC_UGETRLIMIT 273
#define PPM_SC_BDFLUSH 274
#define PPM_SC_SIGPROCMASK 275
#define PPM_SC_IPC 276
#define PPM_SC_SOCKETCALL 277
#define PPM_SC_STAT64 278
#define PPM_SC_LSTAT64 279
#define PPM_SC_FSTAT64 280
#define PPM_SC_FCNTL64 281
#define PPM_SC_MMAP2 282
#define PPM_SC__NEWSELECT 283
#define PPM_SC_SGETMASK 284
#define PPM_SC_SSETMASK 285
#define PPM_SC_SIGPENDING 286
#define PPM_SC_OLDUNAME 287
#define PPM_SC_UMOUNT 288
#define PPM_SC_SIGNAL 289
#define PPM_SC_NICE 290
#define PPM_SC_STIME 291
#define PPM_SC__LLSEEK 292
#define PPM_SC_WAITPID 293
#define PPM_SC_PREAD64 294
#define PPM_SC_PWRITE64 295
#define PPM_SC_ARCH_PRCTL 296
#define PPM_SC_SHMAT 297
#define PPM_SC_RT_SIGRETURN 298
#define PPM_SC_FALLOCATE 299
#define PPM_SC_NEWFSTATAT 300
#define PPM_SC_PROCESS_VM_READV 301
#define PPM_SC_PROCESS_VM_WRITEV 302
#define PPM_SC_FORK 303
#define PPM_SC_VFORK 304
#define PPM_SC_SETUID32 305
#define PPM_SC_GETUID32 306
#define PPM_SC_SETGID32 307
#define PPM_SC_GETEUID32 308
#define PPM_SC_GETGID32 309
#define PPM_SC_SETRESUID32 310
#define PPM_SC_SETRESGID32 311
#define PPM_SC_GETRESUID32 312
#define PPM_SC_GETRESGID32 313
#define PPM_SC_FINIT_MODULE 314
#define PPM_SC_BPF 315
#define PPM_SC_SECCOMP 316
#define PPM_SC_SIGALTSTACK 317
#define PPM_SC_GETRANDOM 318
#define PPM_SC_FADVISE64 319
#define PPM_SC_RENAMEAT2 320
#define PPM_SC_USERFAULTFD 321
#define PPM_SC_OPENAT2 322
#define PPM_SC_UMOUNT2 323
#define PPM_SC_EXECVE 324
#define PPM_SC_EXECVEAT 325
#define PPM_SC_COPY_FILE_RANGE 326
#define PPM_SC_CLONE 327
#define PPM_SC_CLONE3 328
#define PPM_SC_OPEN_BY_HANDLE_AT 329
#define PPM_SC_IO_URING_SETUP 330
#define PPM_SC_IO_URING_ENTER 331
#define PPM_SC_IO_URING_REGISTER 332
#define PPM_SC_MLOCK2 333
#define PPM_SC_GETEGID32 334
#define PPM_SC_FSCONFIG 335
#define PPM_SC_FSPICK 336
#define PPM_SC_FSMOUNT 337
#define PPM_SC_FSOPEN 338
#define PPM_SC_OPEN_TREE 339
#define PPM_SC_MOVE_MOUNT 340
#define PPM_SC_MOUNT_SETATTR 341
#define PPM_SC_MEMFD_CREATE 342
#define PPM_SC_MEMFD_SECRET 343
#define PPM_SC_IOPERM 344
#define PPM_SC_KEXEC_FILE_LOAD 345
#define PPM_SC_PIDFD_GETFD 346
#define PPM_SC_PIDFD_OPEN 347
#define PPM_SC_PIDFD_SEND_SIGNAL 348
#define PPM_SC_PKEY_ALLOC 349
#define PPM_SC_PKEY_MPROTECT 350
#define PPM_SC_PKEY_FREE 351
#define PPM_SC_LANDLOCK_CREATE_RULESET 352
#define PPM_SC_QUOTACTL_FD 353
#define PPM_SC_LANDLOCK_RESTRICT_SELF 354
#define PPM_SC_LANDLOCK_ADD_RULE 355
#define PPM_SC_EPOLL_PWAIT2 356
#define PPM_SC_MIGRATE_PAGES 357
#define PPM_SC_MOVE_PAGES 358
#define PPM_SC_PREADV2 359
#define PPM_SC_PWRITEV2 360
#define PPM_SC_KCMP 361
#define PPM_SC_SCHED_SETATTR 362
#define PPM_SC_MBIND 363
#define PPM_SC_EPOLL_CTL_OLD 364
#define PPM_SC_LOOKUP_DCOOKIE 365
#define PPM_SC_MODIFY_LDT 366
#define PPM_SC_STATX 367
#define PPM_SC_SET_MEMPOLICY 368
#define PPM_SC_IO_PGETEVENTS 369
#define PPM_SC_SET_MEMPOLICY_HOME_NODE 370
#define PPM_SC_SEMTIMEDOP 371
#define PPM_SC_GET_KERNEL_SYMS 372
#define PPM_SC_READAHEAD 373
#define PPM_SC_FUTEX_WAITV 374
#define PPM_SC_GETPMSG 375
#define PPM_SC_NAME_TO_HANDLE_AT 376
#define PPM_SC_PROCESS_MRELEASE 377
#define PPM_SC_NFSSERVCTL 378
#define PPM_SC_EPOLL_WAIT_OLD 379
#define PPM_SC_RSEQ 380
#define PPM_SC_CREATE_MODULE 381
#define PPM_SC_SCHED_GETATTR 383
#define PPM_SC_FACCESSAT2 384
#define PPM_SC__SYSCTL 385
#define PPM_SC_QUERY_MODULE 386
#define PPM_SC_GET_MEMPOLICY 387
#define PPM_SC_SYNC_FILE_RANGE 388
#define PPM_SC_PROCESS_MADVISE 389
#define PPM_SC_MEMBARRIER 390
#define PPM_SC_IOPL 391
#define PPM_SC_CLOSE_RANGE 392
#define PPM_SC_FANOTIFY_MARK 393
#define PPM_SC_RECV 394
#define PPM_SC_SEND 395
#define PPM_SC_SCHED_PROCESS_EXIT 396
#define PPM_SC_SCHED_SWITCH 397
#define PPM_SC_PAGE_FAULT_USER 398
#define PPM_SC_PAGE_FAULT_KERNEL 399
#define PPM_SC_SIGNAL_DELIVER 400
#define PPM_SC_TIMERFD 401
#define PPM_SC_S390_PCI_MMIO_READ 402
#define PPM_SC_SIGACTION 403
#define PPM_SC_S390_PCI_MMIO_WRITE 404
#define PPM_SC_READDIR 405
#define PPM_SC_S390_STHYI 406
#define PPM_SC_SIGSUSPEND 407
#define PPM_SC_IDLE 408
#define PPM_SC_S390_RUNTIME_INSTR 409
#define PPM_SC_SIGRETURN 410
#define PPM_SC_S390_GUARDED_STORAGE 411
#define PPM_SC_CACHESTAT 412
#define PPM_SC_FCHMODAT2 413
#define PPM_SC_MAP_SHADOW_STACK 414
#define PPM_SC_RISCV_FLUSH_ICACHE 415
#define PPM_SC_RISCV_HWPROBE 416
#define PPM_SC_FUTEX_WAKE 417
#define PPM_SC_FUTEX_REQUEUE 418
#define PPM_SC_FUTEX_WAIT 419
#define PPM_SC_OLDSTAT 420
#define PPM_SC_SWITCH_ENDIAN 421
#define PPM_SC_MULTIPLEXER 422
#define PPM_SC_OLDLSTAT 423
#define PPM_SC_SPU_CREATE 424
#define PPM_SC_SYNC_FILE_RANGE2 425
#define PPM_SC_OLDFSTAT 426
#define PPM_SC_SPU_RUN 427
#define PPM_SC_SWAPCONTEXT 428
#define PPM_SC_PCICONFIG_WRITE 429
#define PPM_SC_RTAS 430
#define PPM_SC_PCICONFIG_READ 431
#define PPM_SC_SYS_DEBUG_SETCONTEXT 432
#define PPM_SC_VM86 433
#define PPM_SC_OLDOLDUNAME 434
#define PPM_SC_SUBPAGE_PROT 435
#define PPM_SC_PCICONFIG_IOBASE 436
#define PPM_SC_LISTMOUNT 437
#define PPM_SC_STATMOUNT 438
#define PPM_SC_LSM_GET_SELF_ATTR 439
#define PPM_SC_LSM_SET_SELF_ATTR 440
#define PPM_SC_LSM_LIST_MODULES 441
#define PPM_SC_MSEAL 442
#define PPM_SC_URETPROBE 443
#define PPM_SC_REMOVEXATTRAT 444
#define PPM_SC_LISTXATTRAT 445
#define PPM_SC_GETXATTRAT 446
#define PPM_SC_SETXATTRAT 447
#define PPM_SC_OPEN_TREE_ATTR 448
#define PPM_SC_FILE_GETATTR 449
#define PPM_SC_FILE_SETATTR 450
#define PPM_SC_LISTNS 451
#define PPM_SC_UPROBE 452
#define PPM_SC_RSEQ_SLICE_YIELD 453

/* PPM_* constants. */
#define PPM_AF_ALG (38)
#define PPM_AF_APPLETALK (5)
#define PPM_AF_ASH (18)
#define PPM_AF_ATMPVC (8)
#define PPM_AF_ATMSVC (20)
#define PPM_AF_AX25 (3)
#define PPM_AF_BLUETOOTH (31)
#define PPM_AF_BRIDGE (7)
#define PPM_AF_CAIF (37)
#define PPM_AF_CAN (29)
#define PPM_AF_DECnet (12)
#define PPM_AF_ECONET (19)
#define PPM_AF_IEEE802154 (36)
#define PPM_AF_INET (2)
#define PPM_AF_INET6 (10)
#define PPM_AF_IPX (4)
#define PPM_AF_IRDA (23)
#define PPM_AF_ISDN (34)
#define PPM_AF_IUCV (32)
#define PPM_AF_KEY (15)
#define PPM_AF_LLC (26)
#define PPM_AF_LOCAL (1)
#define PPM_AF_NETBEUI (13)
#define PPM_AF_NETLINK (16)
#define PPM_AF_NETROM (6)
#define PPM_AF_NFC (39)
#define PPM_AF_PACKET (17)
#define PPM_AF_PHONET (35)
#define PPM_AF_PPPOX (24)
#define PPM_AF_RDS (21)
#define PPM_AF_ROSE (11)
#define PPM_AF_ROUTE (16)
#define PPM_AF_RXRPC (33)
#define PPM_AF_SECURITY (14)
#define PPM_AF_SNA (22)
#define PPM_AF_TIPC (30)
#define PPM_AF_UNIX (1)
#define PPM_AF_UNSPEC (0)
#define PPM_AF_WANPIPE (25)
#define PPM_AF_X25 (9)
#define PPM_O_APPEND (8)
#define PPM_O_CLOEXEC (4096)
#define PPM_O_CREAT (4)
#define PPM_O_DIRECT (512)
#define PPM_O_DIRECTORY (1024)
#define PPM_O_DSYNC (16)
#define PPM_O_EXCL (32)
#define PPM_O_F_CREATED (16384)
#define PPM_O_LARGEFILE (2048)
#define PPM_O_NONBLOCK (64)
#define PPM_O_NONE (0)
#define PPM_O_RDONLY (1)
#define PPM_O_RDWR (3)
#define PPM_O_SYNC (128)
#define PPM_O_TMPFILE (8192)
#define PPM_O_TRUNC (256)
#define PPM_O_WRONLY (2)
#define PPM_CL_ACTIVE (524288)
#define PPM_CL_CHILD_IN_PIDNS (536870912)
#define PPM_CL_CLONE_CHILD_CLEARTID (8388608)
#define PPM_CL_CLONE_CHILD_SETTID (16777216)
#define PPM_CL_CLONE_FILES (1)
#define PPM_CL_CLONE_FS (2)
#define PPM_CL_CLONE_INVERTED (65536)
#define PPM_CL_CLONE_IO (4)
#define PPM_CL_CLONE_NEWCGROUP (268435456)
#define PPM_CL_CLONE_NEWIPC (8)
#define PPM_CL_CLONE_NEWNET (16)
#define PPM_CL_CLONE_NEWNS (32)
#define PPM_CL_CLONE_NEWPID (64)
#define PPM_CL_CLONE_NEWUSER (1048576)
#define PPM_CL_CLONE_NEWUTS (128)
#define PPM_CL_CLONE_PARENT (256)
#define PPM_CL_CLONE_PARENT_SETTID (512)
#define PPM_CL_CLONE_PTRACE (1024)
#define PPM_CL_CLONE_SETTLS (33554432)
#define PPM_CL_CLONE_SIGHAND (2048)
#define PPM_CL_CLONE_STOPPED (67108864)
#define PPM_CL_CLONE_SYSVSEM (4096)
#define PPM_CL_CLONE_THREAD (8192)
#define PPM_CL_CLONE_UNTRACED (16384)
#define PPM_CL_CLONE_VFORK (134217728)
#define PPM_CL_CLONE_VM (32768)
#define PPM_CL_CLOSED (262144)
#define PPM_CL_IS_MAIN_THREAD (1073741824)
#define PPM_CL_NAME_CHANGED (131072)
#define PPM_CL_NONE (0)
#define PPM_CL_PIPE_DST (4194304)
#define PPM_CL_PIPE_SRC (2097152)
#define PPM_AT_EMPTY_PATH (4096)
#define PPM_AT_FDCWD (-100)
#define PPM_AT_NO_AUTOMOUNT (2048)
#define PPM_AT_REMOVEDIR (512)
#define PPM_AT_SYMLINK_FOLLOW (1024)
#define PPM_AT_SYMLINK_NOFOLLOW (256)
#define PPM_BPF_BTF_GET_FD_BY_ID (19)
#define PPM_BPF_BTF_GET_NEXT_ID (23)
#define PPM_BPF_BTF_LOAD (18)
#define PPM_BPF_ENABLE_STATS (32)
#define PPM_BPF_IDX_FD (0)
#define PPM_BPF_IDX_MAX (2)
#define PPM_BPF_IDX_RES (1)
#define PPM_BPF_ITER_CREATE (33)
#define PPM_BPF_LINK_CREATE (28)
#define PPM_BPF_LINK_DETACH (34)
#define PPM_BPF_LINK_GET_FD_BY_ID (30)
#define PPM_BPF_LINK_GET_NEXT_ID (31)
#define PPM_BPF_LINK_UPDATE (29)
#define PPM_BPF_MAP_CREATE (0)
#define PPM_BPF_MAP_DELETE_BATCH (27)
#define PPM_BPF_MAP_DELETE_ELEM (3)
#define PPM_BPF_MAP_FREEZE (22)
#define PPM_BPF_MAP_GET_FD_BY_ID (14)
#define PPM_BPF_MAP_GET_NEXT_ID (12)
#define PPM_BPF_MAP_GET_NEXT_KEY (4)
#define PPM_BPF_MAP_LOOKUP_AND_DELETE_BATCH (25)
#define PPM_BPF_MAP_LOOKUP_AND_DELETE_ELEM (21)
#define PPM_BPF_MAP_LOOKUP_BATCH (24)
#define PPM_BPF_MAP_LOOKUP_ELEM (1)
#define PPM_BPF_MAP_UPDATE_BATCH (26)
#define PPM_BPF_MAP_UPDATE_ELEM (2)
#define PPM_BPF_OBJ_GET (7)
#define PPM_BPF_OBJ_GET_INFO_BY_FD (15)
#define PPM_BPF_OBJ_PIN (6)
#define PPM_BPF_PROG_ATTACH (8)
#define PPM_BPF_PROG_BIND_MAP (35)
#define PPM_BPF_PROG_DETACH (9)
#define PPM_BPF_PROG_GET_FD_BY_ID (13)
#define PPM_BPF_PROG_GET_NEXT_ID (11)
#define PPM_BPF_PROG_LOAD (5)
#define PPM_BPF_PROG_QUERY (16)
#define PPM_BPF_PROG_RUN (10)
#define PPM_BPF_PROG_TEST_RUN (10)
#define PPM_BPF_RAW_TRACEPOINT_OPEN (17)
#define PPM_BPF_TASK_FD_QUERY (20)
#define PPM_CAP_AUDIT_CONTROL (1073741824)
#define PPM_CAP_AUDIT_READ (137438953472)
#define PPM_CAP_AUDIT_WRITE (536870912)
#define PPM_CAP_BLOCK_SUSPEND (68719476736)
#define PPM_CAP_BPF (549755813888)
#define PPM_CAP_CHECKPOINT_RESTORE (1099511627776)
#define PPM_CAP_CHOWN (1)
#define PPM_CAP_DAC_OVERRIDE (2)
#define PPM_CAP_DAC_READ_SEARCH (4)
#define PPM_CAP_FOWNER (8)
#define PPM_CAP_FSETID (16)
#define PPM_CAP_IPC_LOCK (16384)
#define PPM_CAP_IPC_OWNER (32768)
#define PPM_CAP_KILL (32)
#define PPM_CAP_LEASE (268435456)
#define PPM_CAP_LINUX_IMMUTABLE (512)
#define PPM_CAP_MAC_ADMIN (8589934592)
#define PPM_CAP_MAC_OVERRIDE (4294967296)
#define PPM_CAP_MKNOD (134217728)
#define PPM_CAP_NET_ADMIN (4096)
#define PPM_CAP_NET_BIND_SERVICE (1024)
#define PPM_CAP_NET_BROADCAST (2048)
#define PPM_CAP_NET_RAW (8192)
#define PPM_CAP_PERFMON (274877906944)
#define PPM_CAP_SETFCAP (2147483648)
#define PPM_CAP_SETGID (64)
#define PPM_CAP_SETPCAP (256)
#define PPM_CAP_SETUID (128)
#define PPM_CAP_SYSLOG (17179869184)
#define PPM_CAP_SYS_ADMIN (2097152)
#define PPM_CAP_SYS_BOOT (4194304)
#define PPM_CAP_SYS_CHROOT (262144)
#define PPM_CAP_SYS_MODULE (65536)
#define PPM_CAP_SYS_NICE (8388608)
#define PPM_CAP_SYS_PACCT (1048576)
#define PPM_CAP_SYS_PTRACE (524288)
#define PPM_CAP_SYS_RAWIO (131072)
#define PPM_CAP_SYS_RESOURCE (16777216)
#define PPM_CAP_SYS_TIME (33554432)
#define PPM_CAP_SYS_TTY_CONFIG (67108864)
#define PPM_CAP_WAKE_ALARM (34359738368)
#define PPM_CLOSE_RANGE_CLOEXEC (4)
#define PPM_CLOSE_RANGE_UNSHARE (2)
#define PPM_DELETE_MODULE_O_NONBLOCK (2)
#define PPM_DELETE_MODULE_O_TRUNC (1)
#define PPM_DQF_NONE (1)
#define PPM_EPOLL_CLOEXEC (1)
#define PPM_EXE_FROM_MEMFD (4)
#define PPM_EXE_LOWER_LAYER (8)
#define PPM_EXE_UPPER_LAYER (2)
#define PPM_EXE_WRITABLE (1)
#define PPM_EXVAT_AT_EMPTY_PATH (1)
#define PPM_EXVAT_AT_SYMLINK_NOFOLLOW (2)
#define PPM_FAILURE_BUFFER_FULL (-1)
#define PPM_FAILURE_BUG (-3)
#define PPM_FAILURE_FRAME_SCRATCH_MAP_FULL (-5)
#define PPM_FAILURE_INVALID_USER_MEMORY (-2)
#define PPM_FCNTL_F_CANCELLK (25)
#define PPM_FCNTL_F_DUPFD (1)
#define PPM_FCNTL_F_DUPFD_CLOEXEC (26)
#define PPM_FCNTL_F_GETFD (2)
#define PPM_FCNTL_F_GETFL (4)
#define PPM_FCNTL_F_GETLEASE (24)
#define PPM_FCNTL_F_GETLK (6)
#define PPM_FCNTL_F_GETLK64 (17)
#define PPM_FCNTL_F_GETOWN (12)
#define PPM_FCNTL_F_GETOWN_EX (22)
#define PPM_FCNTL_F_GETPIPE_SZ (29)
#define PPM_FCNTL_F_GETSIG (15)
#define PPM_FCNTL_F_NOTIFY (27)
#define PPM_FCNTL_F_OFD_GETLK (30)
#define PPM_FCNTL_F_OFD_SETLK (31)
#define PPM_FCNTL_F_OFD_SETLKW (32)
#define PPM_FCNTL_F_SETFD (3)
#define PPM_FCNTL_F_SETFL (5)
#define PPM_FCNTL_F_SETLEASE (23)
#define PPM_FCNTL_F_SETLK (8)
#define PPM_FCNTL_F_SETLK64 (18)
#define PPM_FCNTL_F_SETLKW (9)
#define PPM_FCNTL_F_SETLKW64 (19)
#define PPM_FCNTL_F_SETOWN (10)
#define PPM_FCNTL_F_SETOWN_EX (21)
#define PPM_FCNTL_F_SETPIPE_SZ (28)
#define PPM_FCNTL_F_SETSIG (13)
#define PPM_FCNTL_UNKNOWN (0)
#define PPM_FD_LOWER_LAYER (65536)
#define PPM_FD_LOWER_LAYER_CREAT (2)
#define PPM_FD_UPPER_LAYER (32768)
#define PPM_FD_UPPER_LAYER_CREAT (1)
#define PPM_FSCONFIG_CMD_CREATE (6)
#define PPM_FSCONFIG_CMD_RECONFIGURE (7)
#define PPM_FSCONFIG_SET_BINARY (2)
#define PPM_FSCONFIG_SET_FD (5)
#define PPM_FSCONFIG_SET_FLAG (0)
#define PPM_FSCONFIG_SET_PATH (3)
#define PPM_FSCONFIG_SET_PATH_EMPTY (4)
#define PPM_FSCONFIG_SET_STRING (1)
#define PPM_FU_FUTEX_CLOCK_REALTIME (256)
#define PPM_FU_FUTEX_CMP_REQUEUE (4)
#define PPM_FU_FUTEX_CMP_REQUEUE_PI (12)
#define PPM_FU_FUTEX_FD (2)
#define PPM_FU_FUTEX_LOCK_PI (6)
#define PPM_FU_FUTEX_PRIVATE_FLAG (128)
#define PPM_FU_FUTEX_REQUEUE (3)
#define PPM_FU_FUTEX_TRYLOCK_PI (8)
#define PPM_FU_FUTEX_UNLOCK_PI (7)
#define PPM_FU_FUTEX_WAIT (0)
#define PPM_FU_FUTEX_WAIT_BITSET (9)
#define PPM_FU_FUTEX_WAIT_REQUEUE_PI (11)
#define PPM_FU_FUTEX_WAKE (1)
#define PPM_FU_FUTEX_WAKE_BITSET (10)
#define PPM_FU_FUTEX_WAKE_OP (5)
#define PPM_F_OK (0)
#define PPM_GETALL (64)
#define PPM_GETNCNT (128)
#define PPM_GETPID (256)
#define PPM_GETVAL (512)
#define PPM_GETZCNT (1024)
#define PPM_GRPQUOTA (2)
#define PPM_IORING_ENTER_EXT_ARG (8)
#define PPM_IORING_ENTER_GETEVENTS (1)
#define PPM_IORING_ENTER_SQ_WAIT (4)
#define PPM_IORING_ENTER_SQ_WAKEUP (2)
#define PPM_IORING_FEAT_CUR_PERSONALITY (16)
#define PPM_IORING_FEAT_ENTER_EXT_ARG (256)
#define PPM_IORING_FEAT_FAST_POLL (32)
#define PPM_IORING_FEAT_NATIVE_WORKERS (512)
#define PPM_IORING_FEAT_NODROP (2)
#define PPM_IORING_FEAT_POLL_32BITS (64)
#define PPM_IORING_FEAT_RSRC_TAGS (1024)
#define PPM_IORING_FEAT_RW_CUR_POS (8)
#define PPM_IORING_FEAT_SINGLE_MMAP (1)
#define PPM_IORING_FEAT_SQPOLL_NONFIXED (128)
#define PPM_IORING_FEAT_SUBMIT_STABLE (4)
#define PPM_IORING_REGISTER_BUFFERS (0)
#define PPM_IORING_REGISTER_BUFFERS2 (15)
#define PPM_IORING_REGISTER_BUFFERS_UPDATE (16)
#define PPM_IORING_REGISTER_ENABLE_RINGS (12)
#define PPM_IORING_REGISTER_EVENTFD (4)
#define PPM_IORING_REGISTER_EVENTFD_ASYNC (7)
#define PPM_IORING_REGISTER_FILES (2)
#define PPM_IORING_REGISTER_FILES2 (13)
#define PPM_IORING_REGISTER_FILES_UPDATE (6)
#define PPM_IORING_REGISTER_FILES_UPDATE2 (14)
#define PPM_IORING_REGISTER_IOWQ_AFF (17)
#define PPM_IORING_REGISTER_IOWQ_MAX_WORKERS (19)
#define PPM_IORING_REGISTER_PERSONALITY (9)
#define PPM_IORING_REGISTER_PROBE (8)
#define PPM_IORING_REGISTER_RESTRICTIONS (11)
#define PPM_IORING_REGISTER_RING_FDS (20)
#define PPM_IORING_SETUP_ATTACH_WQ (64)
#define PPM_IORING_SETUP_CLAMP (32)
#define PPM_IORING_SETUP_CQSIZE (16)
#define PPM_IORING_SETUP_IOPOLL (1)
#define PPM_IORING_SETUP_R_DISABLED (128)
#define PPM_IORING_SETUP_SQPOLL (2)
#define PPM_IORING_SETUP_SQ_AFF (8)
#define PPM_IORING_SQ_NEED_WAKEUP (4)
#define PPM_IORING_UNREGISTER_BUFFERS (1)
#define PPM_IORING_UNREGISTER_EVENTFD (5)
#define PPM_IORING_UNREGISTER_FILES (3)
#define PPM_IORING_UNREGISTER_IOWQ_AFF (18)
#define PPM_IORING_UNREGISTER_PERSONALITY (10)
#define PPM_IORING_UNREGISTER_RING_FDS (21)
#define PPM_IPC_CREAT (8192)
#define PPM_IPC_EXCL (16384)
#define PPM_IPC_INFO (8)
#define PPM_IPC_NOWAIT (1)
#define PPM_IPC_RMID (4)
#define PPM_IPC_SET (2)
#define PPM_IPC_STAT (1)
#define PPM_KEYCTL_ASSUME_AUTHORITY (16)
#define PPM_KEYCTL_CAPABILITIES (31)
#define PPM_KEYCTL_CHOWN (4)
#define PPM_KEYCTL_CLEAR (7)
#define PPM_KEYCTL_DESCRIBE (6)
#define PPM_KEYCTL_DH_COMPUTE (23)
#define PPM_KEYCTL_GET_KEYRING_ID (0)
#define PPM_KEYCTL_GET_PERSISTENT (22)
#define PPM_KEYCTL_GET_SECURITY (17)
#define PPM_KEYCTL_IDX_CHARBUF (1)
#define PPM_KEYCTL_IDX_INT64 (0)
#define PPM_KEYCTL_IDX_MAX (2)
#define PPM_KEYCTL_INSTANTIATE (12)
#define PPM_KEYCTL_INSTANTIATE_IOV (20)
#define PPM_KEYCTL_INVALIDATE (21)
#define PPM_KEYCTL_JOIN_SESSION_KEYRING (1)
#define PPM_KEYCTL_LINK (8)
#define PPM_KEYCTL_MOVE (30)
#define PPM_KEYCTL_NEGATE (13)
#define PPM_KEYCTL_PKEY_DECRYPT (26)
#define PPM_KEYCTL_PKEY_ENCRYPT (25)
#define PPM_KEYCTL_PKEY_QUERY (24)
#define PPM_KEYCTL_PKEY_SIGN (27)
#define PPM_KEYCTL_PKEY_VERIFY (28)
#define PPM_KEYCTL_READ (11)
#define PPM_KEYCTL_REJECT (19)
#define PPM_KEYCTL_RESTRICT_KEYRING (29)
#define PPM_KEYCTL_REVOKE (3)
#define PPM_KEYCTL_SEARCH (10)
#define PPM_KEYCTL_SESSION_TO_PARENT (18)
#define PPM_KEYCTL_SETPERM (5)
#define PPM_KEYCTL_SET_REQKEY_KEYRING (14)
#define PPM_KEYCTL_SET_TIMEOUT (15)
#define PPM_KEYCTL_UNLINK (9)
#define PPM_KEYCTL_UPDATE (2)
#define PPM_KEYCTL_WATCH_KEY (32)
#define PPM_LOCK_EX (2)
#define PPM_LOCK_NB (4)
#define PPM_LOCK_NONE (0)
#define PPM_LOCK_SH (1)
#define PPM_LOCK_UN (8)
#define PPM_MAP_32BIT (16)
#define PPM_MAP_ANONYMOUS (8)
#define PPM_MAP_DENYWRITE (1024)
#define PPM_MAP_EXECUTABLE (2048)
#define PPM_MAP_FILE (8192)
#define PPM_MAP_FIXED (4)
#define PPM_MAP_GROWSDOWN (512)
#define PPM_MAP_INHERIT (4096)
#define PPM_MAP_LOCKED (16384)
#define PPM_MAP_NONBLOCK (256)
#define PPM_MAP_NORESERVE (64)
#define PPM_MAP_POPULATE (128)
#define PPM_MAP_PRIVATE (2)
#define PPM_MAP_RENAME (32)
#define PPM_MAP_SHARED (1)
#define PPM_MAX_ARG_SIZE (65000)
#define PPM_MAX_AUTOFILL_ARGS (4)
#define PPM_MAX_EVENT_PARAMS (32)
#define PPM_MAX_NAME_LEN (32)
#define PPM_MFD_ALLOW_SEALING (2)
#define PPM_MFD_CLOEXEC (1)
#define PPM_MFD_HUGETLB (4)
#define PPM_MLOCKALL_MCL_CURRENT (1)
#define PPM_MLOCKALL_MCL_FUTURE (2)
#define PPM_MLOCKALL_MCL_ONFAULT (4)
#define PPM_MLOCK_ONFAULT (1)
#define PPM_MNT_DETACH (2)
#define PPM_MNT_EXPIRE (4)
#define PPM_MNT_FORCE (1)
#define PPM_MODULE_INIT_COMPRESSED_FILE (4)
#define PPM_MODULE_INIT_IGNORE_MODVERSIONS (1)
#define PPM_MODULE_INIT_IGNORE_VERMAGIC (2)
#define PPM_MS_ACTIVE (1073741824)
#define PPM_MS_BIND (4096)
#define PPM_MS_BORN (536870912)
#define PPM_MS_DIRSYNC (128)
#define PPM_MS_I_VERSION (8388608)
#define PPM_MS_KERNMOUNT (4194304)
#define PPM_MS_LAZYTIME (33554432)
#define PPM_MS_MANDLOCK (64)
#define PPM_MS_MOVE (8192)
#define PPM_MS_NOATIME (1024)
#define PPM_MS_NODEV (4)
#define PPM_MS_NODIRATIME (2048)
#define PPM_MS_NOEXEC (8)
#define PPM_MS_NOSEC (268435456)
#define PPM_MS_NOSUID (2)
#define PPM_MS_NOUSER (2147483648)
#define PPM_MS_POSIXACL (65536)
#define PPM_MS_PRIVATE (262144)
#define PPM_MS_RDONLY (1)
#define PPM_MS_REC (16384)
#define PPM_MS_RELATIME (2097152)
#define PPM_MS_REMOUNT (32)
#define PPM_MS_SHARED (1048576)
#define PPM_MS_SILENT (32768)
#define PPM_MS_SLAVE (524288)
#define PPM_MS_STRICTATIME (16777216)
#define PPM_MS_SYNCHRONOUS (16)
#define PPM_MS_UNBINDABLE (131072)
#define PPM_NOT_OVERLAY_FS (0)
#define PPM_OVERLAY_LOWER (2)
#define PPM_OVERLAY_UPPER (1)
#define PPM_PF_INSTRUCTION_FETCH (128)
#define PPM_PF_PAGE_NOT_PRESENT (2)
#define PPM_PF_PROTECTION_VIOLATION (1)
#define PPM_PF_READ_ACCESS (8)
#define PPM_PF_RESERVED_PAGE (64)
#define PPM_PF_SUPERVISOR_FAULT (32)
#define PPM_PF_USER_FAULT (16)
#define PPM_PF_WRITE_ACCESS (4)
#define PPM_PIDFD_NONBLOCK (1)
#define PPM_POLLERR (16)
#define PPM_POLLHUP (32)
#define PPM_POLLIN (1)
#define PPM_POLLNVAL (64)
#define PPM_POLLOUT (4)
#define PPM_POLLPRI (2)
#define PPM_POLLRDBAND (256)
#define PPM_POLLRDHUP (8)
#define PPM_POLLRDNORM (128)
#define PPM_POLLWRBAND (1024)
#define PPM_POLLWRNORM (512)
#define PPM_PROT_EXEC (4)
#define PPM_PROT_GROWSDOWN (16)
#define PPM_PROT_GROWSUP (32)
#define PPM_PROT_NONE (0)
#define PPM_PROT_READ (1)
#define PPM_PROT_SAO (64)
#define PPM_PROT_SEM (8)
#define PPM_PROT_WRITE (2)
#define PPM_PR_CAPBSET_DROP (24)
#define PPM_PR_CAPBSET_READ (23)
#define PPM_PR_CAP_AMBIENT (47)
#define PPM_PR_GET_CHILD_SUBREAPER (37)
#define PPM_PR_GET_DUMPABLE (3)
#define PPM_PR_GET_ENDIAN (19)
#define PPM_PR_GET_FPEMU (9)
#define PPM_PR_GET_FPEXC (11)
#define PPM_PR_GET_FP_MODE (46)
#define PPM_PR_GET_IO_FLUSHER (58)
#define PPM_PR_GET_KEEPCAPS (7)
#define PPM_PR_GET_NAME (16)
#define PPM_PR_GET_NO_NEW_PRIVS (39)
#define PPM_PR_GET_PDEATHSIG (2)
#define PPM_PR_GET_SECCOMP (21)
#define PPM_PR_GET_SECUREBITS (27)
#define PPM_PR_GET_SPECULATION_CTRL (52)
#define PPM_PR_GET_TAGGED_ADDR_CTRL (56)
#define PPM_PR_GET_THP_DISABLE (42)
#define PPM_PR_GET_TID_ADDRESS (40)
#define PPM_PR_GET_TIMERSLACK (30)
#define PPM_PR_GET_TIMING (13)
#define PPM_PR_GET_TSC (25)
#define PPM_PR_GET_UNALIGN (5)
#define PPM_PR_MCE_KILL (33)
#define PPM_PR_MCE_KILL_GET (34)
#define PPM_PR_MPX_DISABLE_MANAGEMENT (44)
#define PPM_PR_MPX_ENABLE_MANAGEMENT (43)
#define PPM_PR_PAC_GET_ENABLED_KEYS (61)
#define PPM_PR_PAC_RESET_KEYS (54)
#define PPM_PR_PAC_SET_ENABLED_KEYS (60)
#define PPM_PR_SCHED_CORE (62)
#define PPM_PR_SET_CHILD_SUBREAPER (36)
#define PPM_PR_SET_DUMPABLE (4)
#define PPM_PR_SET_ENDIAN (20)
#define PPM_PR_SET_FPEMU (10)
#define PPM_PR_SET_FPEXC (12)
#define PPM_PR_SET_FP_MODE (45)
#define PPM_PR_SET_IO_FLUSHER (57)
#define PPM_PR_SET_KEEPCAPS (8)
#define PPM_PR_SET_MM (35)
#define PPM_PR_SET_NAME (15)
#define PPM_PR_SET_NO_NEW_PRIVS (38)
#define PPM_PR_SET_PDEATHSIG (1)
#define PPM_PR_SET_PTRACER (1499557217)
#define PPM_PR_SET_SECCOMP (22)
#define PPM_PR_SET_SECUREBITS (28)
#define PPM_PR_SET_SPECULATION_CTRL (53)
#define PPM_PR_SET_SYSCALL_USER_DISPATCH (59)
#define PPM_PR_SET_TAGGED_ADDR_CTRL (55)
#define PPM_PR_SET_THP_DISABLE (41)
#define PPM_PR_SET_TIMERSLACK (29)
#define PPM_PR_SET_TIMING (14)
#define PPM_PR_SET_TSC (26)
#define PPM_PR_SET_UNALIGN (6)
#define PPM_PR_SET_VMA (1398164801)
#define PPM_PR_SME_GET_VL (64)
#define PPM_PR_SME_SET_VL (63)
#define PPM_PR_SVE_GET_VL (51)
#define PPM_PR_SVE_SET_VL (50)
#define PPM_PR_TASK_PERF_EVENTS_DISABLE (31)
#define PPM_PR_TASK_PERF_EVENTS_ENABLE (32)
#define PPM_PTRACE_ARCH_PRCTL (35)
#define PPM_PTRACE_ATTACH (11)
#define PPM_PTRACE_CONT (8)
#define PPM_PTRACE_DETACH (12)
#define PPM_PTRACE_GETEVENTMSG (15)
#define PPM_PTRACE_GETFPREGS (28)
#define PPM_PTRACE_GETFPXREGS (30)
#define PPM_PTRACE_GETREGS (26)
#define PPM_PTRACE_GETREGSET (18)
#define PPM_PTRACE_GETSIGINFO (16)
#define PPM_PTRACE_GETSIGMASK (24)
#define PPM_PTRACE_GET_THREAD_AREA (33)
#define PPM_PTRACE_IDX_MAX (2)
#define PPM_PTRACE_IDX_SIGTYPE (1)
#define PPM_PTRACE_IDX_UINT64 (0)
#define PPM_PTRACE_INTERRUPT (21)
#define PPM_PTRACE_KILL (9)
#define PPM_PTRACE_LISTEN (22)
#define PPM_PTRACE_OLDSETOPTIONS (32)
#define PPM_PTRACE_PEEKDATA (3)
#define PPM_PTRACE_PEEKSIGINFO (23)
#define PPM_PTRACE_PEEKTEXT (2)
#define PPM_PTRACE_PEEKUSR (4)
#define PPM_PTRACE_POKEDATA (6)
#define PPM_PTRACE_POKETEXT (5)
#define PPM_PTRACE_POKEUSR (7)
#define PPM_PTRACE_SEIZE (20)
#define PPM_PTRACE_SETFPREGS (29)
#define PPM_PTRACE_SETFPXREGS (31)
#define PPM_PTRACE_SETOPTIONS (14)
#define PPM_PTRACE_SETREGS (27)
#define PPM_PTRACE_SETREGSET (19)
#define PPM_PTRACE_SETSIGINFO (17)
#define PPM_PTRACE_SETSIGMASK (25)
#define PPM_PTRACE_SET_THREAD_AREA (34)
#define PPM_PTRACE_SINGLEBLOCK (38)
#define PPM_PTRACE_SINGLESTEP (10)
#define PPM_PTRACE_SYSCALL (13)
#define PPM_PTRACE_SYSEMU (36)
#define PPM_PTRACE_SYSEMU_SINGLESTEP (37)
#define PPM_PTRACE_TRACEME (1)
#define PPM_PTRACE_UNKNOWN (0)
#define PPM_QFMT_NOT_USED (1)
#define PPM_QFMT_VFS_OLD (2)
#define PPM_QFMT_VFS_V0 (4)
#define PPM_QFMT_VFS_V1 (8)
#define PPM_Q_GETFMT (4)
#define PPM_Q_GETINFO (8)
#define PPM_Q_GETQUOTA (32)
#define PPM_Q_QUOTAOFF (2)
#define PPM_Q_QUOTAON (1)
#define PPM_Q_SETINFO (16)
#define PPM_Q_SETQUOTA (64)
#define PPM_Q_SYNC (128)
#define PPM_Q_XGETQSTAT (4096)
#define PPM_Q_XGETQSTATV (32768)
#define PPM_Q_XGETQUOTA (1024)
#define PPM_Q_XQUOTAOFF (512)
#define PPM_Q_XQUOTAON (256)
#define PPM_Q_XQUOTARM (8192)
#define PPM_Q_XQUOTASYNC (16384)
#define PPM_Q_XSETQLIM (2048)
#define PPM_RENAME_EXCHANGE (2)
#define PPM_RENAME_NOREPLACE (1)
#define PPM_RENAME_WHITEOUT (4)
#define PPM_RESOLVE_BENEATH (1)
#define PPM_RESOLVE_CACHED (32)
#define PPM_RESOLVE_IN_ROOT (2)
#define PPM_RESOLVE_NO_MAGICLINKS (4)
#define PPM_RESOLVE_NO_SYMLINKS (8)
#define PPM_RESOLVE_NO_XDEV (16)
#define PPM_RLIMIT_AS (9)
#define PPM_RLIMIT_CORE (4)
#define PPM_RLIMIT_CPU (0)
#define PPM_RLIMIT_DATA (2)
#define PPM_RLIMIT_FSIZE (1)
#define PPM_RLIMIT_LOCKS (10)
#define PPM_RLIMIT_MEMLOCK (8)
#define PPM_RLIMIT_MSGQUEUE (12)
#define PPM_RLIMIT_NICE (13)
#define PPM_RLIMIT_NOFILE (7)
#define PPM_RLIMIT_NPROC (6)
#define PPM_RLIMIT_RSS (5)
#define PPM_RLIMIT_RTPRIO (14)
#define PPM_RLIMIT_RTTIME (15)
#define PPM_RLIMIT_SIGPENDING (11)
#define PPM_RLIMIT_STACK (3)
#define PPM_RLIMIT_UNKNOWN (255)
#define PPM_R_OK (4)
#define PPM_SEEK_CUR (1)
#define PPM_SEEK_END (2)
#define PPM_SEEK_SET (0)
#define PPM_SEM_INFO (16)
#define PPM_SEM_STAT (32)
#define PPM_SEM_UNDO (2)
#define PPM_SETALL (2048)
#define PPM_SETVAL (4096)
#define PPM_SHUT_RD (0)
#define PPM_SHUT_RDWR (2)
#define PPM_SHUT_UNKNOWN (65535)
#define PPM_SHUT_WR (1)
#define PPM_SKIP_EVENT (-4)
#define PPM_SOCKOPT_IDX_ERRNO (1)
#define PPM_SOCKOPT_IDX_MAX (5)
#define PPM_SOCKOPT_IDX_TIMEVAL (4)
#define PPM_SOCKOPT_IDX_UINT32 (2)
#define PPM_SOCKOPT_IDX_UINT64 (3)
#define PPM_SOCKOPT_IDX_UNKNOWN (0)
#define PPM_SOCKOPT_LEVEL_SOL_SOCKET (1)
#define PPM_SOCKOPT_LEVEL_SOL_TCP (2)
#define PPM_SOCKOPT_LEVEL_UNKNOWN (0)
#define PPM_SOCKOPT_SO_ACCEPTCONN (30)
#define PPM_SOCKOPT_SO_ATTACH_BPF (50)
#define PPM_SOCKOPT_SO_ATTACH_FILTER (26)
#define PPM_SOCKOPT_SO_BINDTODEVICE (25)
#define PPM_SOCKOPT_SO_BPF_EXTENSIONS (48)
#define PPM_SOCKOPT_SO_BROADCAST (6)
#define PPM_SOCKOPT_SO_BSDCOMPAT (14)
#define PPM_SOCKOPT_SO_BUSY_POLL (46)
#define PPM_SOCKOPT_SO_COOKIE (53)
#define PPM_SOCKOPT_SO_DEBUG (1)
#define PPM_SOCKOPT_SO_DETACH_FILTER (27)
#define PPM_SOCKOPT_SO_DOMAIN (39)
#define PPM_SOCKOPT_SO_DONTROUTE (5)
#define PPM_SOCKOPT_SO_ERROR (4)
#define PPM_SOCKOPT_SO_INCOMING_CPU (49)
#define PPM_SOCKOPT_SO_KEEPALIVE (9)
#define PPM_SOCKOPT_SO_LINGER (13)
#define PPM_SOCKOPT_SO_LOCK_FILTER (44)
#define PPM_SOCKOPT_SO_MARK (36)
#define PPM_SOCKOPT_SO_MAX_PACING_RATE (47)
#define PPM_SOCKOPT_SO_MEMINFO (52)
#define PPM_SOCKOPT_SO_NOFCS (43)
#define PPM_SOCKOPT_SO_NO_CHECK (11)
#define PPM_SOCKOPT_SO_OOBINLINE (10)
#define PPM_SOCKOPT_SO_PASSCRED (16)
#define PPM_SOCKOPT_SO_PASSSEC (34)
#define PPM_SOCKOPT_SO_PEEK_OFF (42)
#define PPM_SOCKOPT_SO_PEERCRED (17)
#define PPM_SOCKOPT_SO_PEERGROUPS (51)
#define PPM_SOCKOPT_SO_PEERNAME (28)
#define PPM_SOCKOPT_SO_PEERSEC (31)
#define PPM_SOCKOPT_SO_PRIORITY (12)
#define PPM_SOCKOPT_SO_PROTOCOL (38)
#define PPM_SOCKOPT_SO_RCVBUF (8)
#define PPM_SOCKOPT_SO_RCVBUFFORCE (33)
#define PPM_SOCKOPT_SO_RCVLOWAT (18)
#define PPM_SOCKOPT_SO_RCVTIMEO (20)
#define PPM_SOCKOPT_SO_REUSEADDR (2)
#define PPM_SOCKOPT_SO_REUSEPORT (15)
#define PPM_SOCKOPT_SO_RXQ_OVFL (40)
#define PPM_SOCKOPT_SO_SECURITY_AUTHENTICATION (22)
#define PPM_SOCKOPT_SO_SECURITY_ENCRYPTION_NETWORK (24)
#define PPM_SOCKOPT_SO_SECURITY_ENCRYPTION_TRANSPORT (23)
#define PPM_SOCKOPT_SO_SELECT_ERR_QUEUE (45)
#define PPM_SOCKOPT_SO_SNDBUF (7)
#define PPM_SOCKOPT_SO_SNDBUFFORCE (32)
#define PPM_SOCKOPT_SO_SNDLOWAT (19)
#define PPM_SOCKOPT_SO_SNDTIMEO (21)
#define PPM_SOCKOPT_SO_TIMESTAMP (29)
#define PPM_SOCKOPT_SO_TIMESTAMPING (37)
#define PPM_SOCKOPT_SO_TIMESTAMPNS (35)
#define PPM_SOCKOPT_SO_TYPE (3)
#define PPM_SOCKOPT_SO_WIFI_STATUS (41)
#define PPM_SOCKOPT_UNKNOWN (0)
#define PPM_SPLICE_F_GIFT (8)
#define PPM_SPLICE_F_MORE (4)
#define PPM_SPLICE_F_MOVE (1)
#define PPM_SPLICE_F_NONBLOCK (2)
#define PPM_SUCCESS (0)
#define PPM_S_IFBLK (24576)
#define PPM_S_IFCHR (8192)
#define PPM_S_IFIFO (4096)
#define PPM_S_IFREG (32768)
#define PPM_S_IFSOCK (49152)
#define PPM_S_IRGRP (32)
#define PPM_S_IROTH (4)
#define PPM_S_IRUSR (256)
#define PPM_S_ISGID (1024)
#define PPM_S_ISUID (2048)
#define PPM_S_ISVTX (512)
#define PPM_S_IWGRP (16)
#define PPM_S_IWOTH (2)
#define PPM_S_IWUSR (128)
#define PPM_S_IXGRP (8)
#define PPM_S_IXOTH (1)
#define PPM_S_IXUSR (64)
#define PPM_S_NONE (0)
#define PPM_UMOUNT_NOFOLLOW (8)
#define PPM_USRQUOTA (1)
#define PPM_V1_DQF_RSQUASH (2)
#define PPM_W_OK (2)
#define PPM_X_OK (1)

/* Linux value -> PPM value maps. Bit masks are OR-ed bit by bit; enums map one value. */
struct ppm_flag_map { int64_t linux_value; uint32_t ppm_value; };
static const struct ppm_flag_map fm_open_flags[] = {
#ifdef O_LARGEFILE
	{ O_LARGEFILE, 2048 }, /* PPM_O_LARGEFILE */
#endif
#ifdef O_DIRECTORY
	{ O_DIRECTORY, 1024 }, /* PPM_O_DIRECTORY */
#endif
#ifdef O_DIRECT
	{ O_DIRECT, 512 }, /* PPM_O_DIRECT */
#endif
#ifdef O_TRUNC
	{ O_TRUNC, 256 }, /* PPM_O_TRUNC */
#endif
#ifdef O_SYNC
	{ O_SYNC, 128 }, /* PPM_O_SYNC */
#endif
#ifdef O_NONBLOCK
	{ O_NONBLOCK, 64 }, /* PPM_O_NONBLOCK */
#endif
#ifdef O_EXCL
	{ O_EXCL, 32 }, /* PPM_O_EXCL */
#endif
#ifdef O_DSYNC
	{ O_DSYNC, 16 }, /* PPM_O_DSYNC */
#endif
#ifdef O_APPEND
	{ O_APPEND, 8 }, /* PPM_O_APPEND */
#endif
#ifdef O_CREAT
	{ O_CREAT, 4 }, /* PPM_O_CREAT */
#endif
#ifdef O_CLOEXEC
	{ O_CLOEXEC, 4096 }, /* PPM_O_CLOEXEC */
#endif
#ifdef O_TMPFILE
	{ O_TMPFILE, 8192 }, /* PPM_O_TMPFILE */
#endif
#ifdef FD_UPPER_LAYER
	{ FD_UPPER_LAYER, 32768 }, /* PPM_FD_UPPER_LAYER */
#endif
#ifdef FD_LOWER_LAYER
	{ FD_LOWER_LAYER, 65536 }, /* PPM_FD_LOWER_LAYER */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_clone_flags[] = {
#ifdef CLONE_FILES
	{ CLONE_FILES, 1 }, /* PPM_CL_CLONE_FILES */
#endif
#ifdef CLONE_FS
	{ CLONE_FS, 2 }, /* PPM_CL_CLONE_FS */
#endif
#ifdef CLONE_IO
	{ CLONE_IO, 4 }, /* PPM_CL_CLONE_IO */
#endif
#ifdef CLONE_NEWIPC
	{ CLONE_NEWIPC, 8 }, /* PPM_CL_CLONE_NEWIPC */
#endif
#ifdef CLONE_NEWNET
	{ CLONE_NEWNET, 16 }, /* PPM_CL_CLONE_NEWNET */
#endif
#ifdef CLONE_NEWNS
	{ CLONE_NEWNS, 32 }, /* PPM_CL_CLONE_NEWNS */
#endif
#ifdef CLONE_NEWPID
	{ CLONE_NEWPID, 64 }, /* PPM_CL_CLONE_NEWPID */
#endif
#ifdef CLONE_NEWUTS
	{ CLONE_NEWUTS, 128 }, /* PPM_CL_CLONE_NEWUTS */
#endif
#ifdef CLONE_PARENT
	{ CLONE_PARENT, 256 }, /* PPM_CL_CLONE_PARENT */
#endif
#ifdef CLONE_PARENT_SETTID
	{ CLONE_PARENT_SETTID, 512 }, /* PPM_CL_CLONE_PARENT_SETTID */
#endif
#ifdef CLONE_PTRACE
	{ CLONE_PTRACE, 1024 }, /* PPM_CL_CLONE_PTRACE */
#endif
#ifdef CLONE_SIGHAND
	{ CLONE_SIGHAND, 2048 }, /* PPM_CL_CLONE_SIGHAND */
#endif
#ifdef CLONE_SYSVSEM
	{ CLONE_SYSVSEM, 4096 }, /* PPM_CL_CLONE_SYSVSEM */
#endif
#ifdef CLONE_THREAD
	{ CLONE_THREAD, 8192 }, /* PPM_CL_CLONE_THREAD */
#endif
#ifdef CLONE_UNTRACED
	{ CLONE_UNTRACED, 16384 }, /* PPM_CL_CLONE_UNTRACED */
#endif
#ifdef CLONE_VM
	{ CLONE_VM, 32768 }, /* PPM_CL_CLONE_VM */
#endif
#ifdef CLONE_INVERTED
	{ CLONE_INVERTED, 65536 }, /* PPM_CL_CLONE_INVERTED */
#endif
#ifdef NAME_CHANGED
	{ NAME_CHANGED, 131072 }, /* PPM_CL_NAME_CHANGED */
#endif
#ifdef CLOSED
	{ CLOSED, 262144 }, /* PPM_CL_CLOSED */
#endif
#ifdef CLONE_NEWUSER
	{ CLONE_NEWUSER, 1048576 }, /* PPM_CL_CLONE_NEWUSER */
#endif
#ifdef CLONE_CHILD_CLEARTID
	{ CLONE_CHILD_CLEARTID, 8388608 }, /* PPM_CL_CLONE_CHILD_CLEARTID */
#endif
#ifdef CLONE_CHILD_SETTID
	{ CLONE_CHILD_SETTID, 16777216 }, /* PPM_CL_CLONE_CHILD_SETTID */
#endif
#ifdef CLONE_SETTLS
	{ CLONE_SETTLS, 33554432 }, /* PPM_CL_CLONE_SETTLS */
#endif
#ifdef CLONE_STOPPED
	{ CLONE_STOPPED, 67108864 }, /* PPM_CL_CLONE_STOPPED */
#endif
#ifdef CLONE_VFORK
	{ CLONE_VFORK, 134217728 }, /* PPM_CL_CLONE_VFORK */
#endif
#ifdef CLONE_NEWCGROUP
	{ CLONE_NEWCGROUP, 268435456 }, /* PPM_CL_CLONE_NEWCGROUP */
#endif
#ifdef CLONE_CHILD_IN_PIDNS
	{ CLONE_CHILD_IN_PIDNS, 536870912 }, /* PPM_CL_CHILD_IN_PIDNS */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_fcntl_cmds[] = {
#ifdef F_GETPIPE_SZ
	{ F_GETPIPE_SZ, 29 }, /* PPM_FCNTL_F_GETPIPE_SZ */
#endif
#ifdef F_SETPIPE_SZ
	{ F_SETPIPE_SZ, 28 }, /* PPM_FCNTL_F_SETPIPE_SZ */
#endif
#ifdef F_NOTIFY
	{ F_NOTIFY, 27 }, /* PPM_FCNTL_F_NOTIFY */
#endif
#ifdef F_DUPFD_CLOEXEC
	{ F_DUPFD_CLOEXEC, 26 }, /* PPM_FCNTL_F_DUPFD_CLOEXEC */
#endif
#ifdef F_CANCELLK
	{ F_CANCELLK, 25 }, /* PPM_FCNTL_F_CANCELLK */
#endif
#ifdef F_GETLEASE
	{ F_GETLEASE, 24 }, /* PPM_FCNTL_F_GETLEASE */
#endif
#ifdef F_SETLEASE
	{ F_SETLEASE, 23 }, /* PPM_FCNTL_F_SETLEASE */
#endif
#ifdef F_GETOWN_EX
	{ F_GETOWN_EX, 22 }, /* PPM_FCNTL_F_GETOWN_EX */
#endif
#ifdef F_SETOWN_EX
	{ F_SETOWN_EX, 21 }, /* PPM_FCNTL_F_SETOWN_EX */
#endif
#ifdef F_SETLKW64
	{ F_SETLKW64, 19 }, /* PPM_FCNTL_F_SETLKW64 */
#endif
#ifdef F_SETLK64
	{ F_SETLK64, 18 }, /* PPM_FCNTL_F_SETLK64 */
#endif
#ifdef F_GETLK64
	{ F_GETLK64, 17 }, /* PPM_FCNTL_F_GETLK64 */
#endif
#ifdef F_GETSIG
	{ F_GETSIG, 15 }, /* PPM_FCNTL_F_GETSIG */
#endif
#ifdef F_SETSIG
	{ F_SETSIG, 13 }, /* PPM_FCNTL_F_SETSIG */
#endif
#ifdef F_GETOWN
	{ F_GETOWN, 12 }, /* PPM_FCNTL_F_GETOWN */
#endif
#ifdef F_SETOWN
	{ F_SETOWN, 10 }, /* PPM_FCNTL_F_SETOWN */
#endif
#ifdef F_SETLKW
	{ F_SETLKW, 9 }, /* PPM_FCNTL_F_SETLKW */
#endif
#ifdef F_SETLK
	{ F_SETLK, 8 }, /* PPM_FCNTL_F_SETLK */
#endif
#ifdef F_GETLK
	{ F_GETLK, 6 }, /* PPM_FCNTL_F_GETLK */
#endif
#ifdef F_SETFL
	{ F_SETFL, 5 }, /* PPM_FCNTL_F_SETFL */
#endif
#ifdef F_GETFL
	{ F_GETFL, 4 }, /* PPM_FCNTL_F_GETFL */
#endif
#ifdef F_SETFD
	{ F_SETFD, 3 }, /* PPM_FCNTL_F_SETFD */
#endif
#ifdef F_GETFD
	{ F_GETFD, 2 }, /* PPM_FCNTL_F_GETFD */
#endif
#ifdef F_DUPFD
	{ F_DUPFD, 1 }, /* PPM_FCNTL_F_DUPFD */
#endif
#ifdef F_OFD_GETLK
	{ F_OFD_GETLK, 30 }, /* PPM_FCNTL_F_OFD_GETLK */
#endif
#ifdef F_OFD_SETLK
	{ F_OFD_SETLK, 31 }, /* PPM_FCNTL_F_OFD_SETLK */
#endif
#ifdef F_OFD_SETLKW
	{ F_OFD_SETLKW, 32 }, /* PPM_FCNTL_F_OFD_SETLKW */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_ptrace_requests[] = {
#ifdef PTRACE_SINGLEBLOCK
	{ PTRACE_SINGLEBLOCK, 38 }, /* PPM_PTRACE_SINGLEBLOCK */
#endif
#ifdef PTRACE_SYSEMU_SINGLESTEP
	{ PTRACE_SYSEMU_SINGLESTEP, 37 }, /* PPM_PTRACE_SYSEMU_SINGLESTEP */
#endif
#ifdef PTRACE_SYSEMU
	{ PTRACE_SYSEMU, 36 }, /* PPM_PTRACE_SYSEMU */
#endif
#ifdef PTRACE_ARCH_PRCTL
	{ PTRACE_ARCH_PRCTL, 35 }, /* PPM_PTRACE_ARCH_PRCTL */
#endif
#ifdef PTRACE_SET_THREAD_AREA
	{ PTRACE_SET_THREAD_AREA, 34 }, /* PPM_PTRACE_SET_THREAD_AREA */
#endif
#ifdef PTRACE_GET_THREAD_AREA
	{ PTRACE_GET_THREAD_AREA, 33 }, /* PPM_PTRACE_GET_THREAD_AREA */
#endif
#ifdef PTRACE_OLDSETOPTIONS
	{ PTRACE_OLDSETOPTIONS, 32 }, /* PPM_PTRACE_OLDSETOPTIONS */
#endif
#ifdef PTRACE_SETFPXREGS
	{ PTRACE_SETFPXREGS, 31 }, /* PPM_PTRACE_SETFPXREGS */
#endif
#ifdef PTRACE_GETFPXREGS
	{ PTRACE_GETFPXREGS, 30 }, /* PPM_PTRACE_GETFPXREGS */
#endif
#ifdef PTRACE_SETFPREGS
	{ PTRACE_SETFPREGS, 29 }, /* PPM_PTRACE_SETFPREGS */
#endif
#ifdef PTRACE_GETFPREGS
	{ PTRACE_GETFPREGS, 28 }, /* PPM_PTRACE_GETFPREGS */
#endif
#ifdef PTRACE_SETREGS
	{ PTRACE_SETREGS, 27 }, /* PPM_PTRACE_SETREGS */
#endif
#ifdef PTRACE_GETREGS
	{ PTRACE_GETREGS, 26 }, /* PPM_PTRACE_GETREGS */
#endif
#ifdef PTRACE_SETSIGMASK
	{ PTRACE_SETSIGMASK, 25 }, /* PPM_PTRACE_SETSIGMASK */
#endif
#ifdef PTRACE_GETSIGMASK
	{ PTRACE_GETSIGMASK, 24 }, /* PPM_PTRACE_GETSIGMASK */
#endif
#ifdef PTRACE_PEEKSIGINFO
	{ PTRACE_PEEKSIGINFO, 23 }, /* PPM_PTRACE_PEEKSIGINFO */
#endif
#ifdef PTRACE_LISTEN
	{ PTRACE_LISTEN, 22 }, /* PPM_PTRACE_LISTEN */
#endif
#ifdef PTRACE_INTERRUPT
	{ PTRACE_INTERRUPT, 21 }, /* PPM_PTRACE_INTERRUPT */
#endif
#ifdef PTRACE_SEIZE
	{ PTRACE_SEIZE, 20 }, /* PPM_PTRACE_SEIZE */
#endif
#ifdef PTRACE_SETREGSET
	{ PTRACE_SETREGSET, 19 }, /* PPM_PTRACE_SETREGSET */
#endif
#ifdef PTRACE_GETREGSET
	{ PTRACE_GETREGSET, 18 }, /* PPM_PTRACE_GETREGSET */
#endif
#ifdef PTRACE_SETSIGINFO
	{ PTRACE_SETSIGINFO, 17 }, /* PPM_PTRACE_SETSIGINFO */
#endif
#ifdef PTRACE_GETSIGINFO
	{ PTRACE_GETSIGINFO, 16 }, /* PPM_PTRACE_GETSIGINFO */
#endif
#ifdef PTRACE_GETEVENTMSG
	{ PTRACE_GETEVENTMSG, 15 }, /* PPM_PTRACE_GETEVENTMSG */
#endif
#ifdef PTRACE_SETOPTIONS
	{ PTRACE_SETOPTIONS, 14 }, /* PPM_PTRACE_SETOPTIONS */
#endif
#ifdef PTRACE_SYSCALL
	{ PTRACE_SYSCALL, 13 }, /* PPM_PTRACE_SYSCALL */
#endif
#ifdef PTRACE_DETACH
	{ PTRACE_DETACH, 12 }, /* PPM_PTRACE_DETACH */
#endif
#ifdef PTRACE_ATTACH
	{ PTRACE_ATTACH, 11 }, /* PPM_PTRACE_ATTACH */
#endif
#ifdef PTRACE_SINGLESTEP
	{ PTRACE_SINGLESTEP, 10 }, /* PPM_PTRACE_SINGLESTEP */
#endif
#ifdef PTRACE_KILL
	{ PTRACE_KILL, 9 }, /* PPM_PTRACE_KILL */
#endif
#ifdef PTRACE_CONT
	{ PTRACE_CONT, 8 }, /* PPM_PTRACE_CONT */
#endif
#ifdef PTRACE_POKEUSR
	{ PTRACE_POKEUSR, 7 }, /* PPM_PTRACE_POKEUSR */
#endif
#ifdef PTRACE_POKEDATA
	{ PTRACE_POKEDATA, 6 }, /* PPM_PTRACE_POKEDATA */
#endif
#ifdef PTRACE_POKETEXT
	{ PTRACE_POKETEXT, 5 }, /* PPM_PTRACE_POKETEXT */
#endif
#ifdef PTRACE_PEEKUSR
	{ PTRACE_PEEKUSR, 4 }, /* PPM_PTRACE_PEEKUSR */
#endif
#ifdef PTRACE_PEEKDATA
	{ PTRACE_PEEKDATA, 3 }, /* PPM_PTRACE_PEEKDATA */
#endif
#ifdef PTRACE_PEEKTEXT
	{ PTRACE_PEEKTEXT, 2 }, /* PPM_PTRACE_PEEKTEXT */
#endif
#ifdef PTRACE_TRACEME
	{ PTRACE_TRACEME, 1 }, /* PPM_PTRACE_TRACEME */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_mount_flags[] = {
#ifdef MS_RDONLY
	{ MS_RDONLY, 1 }, /* PPM_MS_RDONLY */
#endif
#ifdef MS_NOSUID
	{ MS_NOSUID, 2 }, /* PPM_MS_NOSUID */
#endif
#ifdef MS_NODEV
	{ MS_NODEV, 4 }, /* PPM_MS_NODEV */
#endif
#ifdef MS_NOEXEC
	{ MS_NOEXEC, 8 }, /* PPM_MS_NOEXEC */
#endif
#ifdef MS_SYNCHRONOUS
	{ MS_SYNCHRONOUS, 16 }, /* PPM_MS_SYNCHRONOUS */
#endif
#ifdef MS_REMOUNT
	{ MS_REMOUNT, 32 }, /* PPM_MS_REMOUNT */
#endif
#ifdef MS_MANDLOCK
	{ MS_MANDLOCK, 64 }, /* PPM_MS_MANDLOCK */
#endif
#ifdef MS_DIRSYNC
	{ MS_DIRSYNC, 128 }, /* PPM_MS_DIRSYNC */
#endif
#ifdef MS_NOATIME
	{ MS_NOATIME, 1024 }, /* PPM_MS_NOATIME */
#endif
#ifdef MS_NODIRATIME
	{ MS_NODIRATIME, 2048 }, /* PPM_MS_NODIRATIME */
#endif
#ifdef MS_BIND
	{ MS_BIND, 4096 }, /* PPM_MS_BIND */
#endif
#ifdef MS_MOVE
	{ MS_MOVE, 8192 }, /* PPM_MS_MOVE */
#endif
#ifdef MS_REC
	{ MS_REC, 16384 }, /* PPM_MS_REC */
#endif
#ifdef MS_SILENT
	{ MS_SILENT, 32768 }, /* PPM_MS_SILENT */
#endif
#ifdef MS_POSIXACL
	{ MS_POSIXACL, 65536 }, /* PPM_MS_POSIXACL */
#endif
#ifdef MS_UNBINDABLE
	{ MS_UNBINDABLE, 131072 }, /* PPM_MS_UNBINDABLE */
#endif
#ifdef MS_PRIVATE
	{ MS_PRIVATE, 262144 }, /* PPM_MS_PRIVATE */
#endif
#ifdef MS_SLAVE
	{ MS_SLAVE, 524288 }, /* PPM_MS_SLAVE */
#endif
#ifdef MS_SHARED
	{ MS_SHARED, 1048576 }, /* PPM_MS_SHARED */
#endif
#ifdef MS_RELATIME
	{ MS_RELATIME, 2097152 }, /* PPM_MS_RELATIME */
#endif
#ifdef MS_KERNMOUNT
	{ MS_KERNMOUNT, 4194304 }, /* PPM_MS_KERNMOUNT */
#endif
#ifdef MS_I_VERSION
	{ MS_I_VERSION, 8388608 }, /* PPM_MS_I_VERSION */
#endif
#ifdef MS_STRICTATIME
	{ MS_STRICTATIME, 16777216 }, /* PPM_MS_STRICTATIME */
#endif
#ifdef MS_LAZYTIME
	{ MS_LAZYTIME, 33554432 }, /* PPM_MS_LAZYTIME */
#endif
#ifdef MS_NOSEC
	{ MS_NOSEC, 268435456 }, /* PPM_MS_NOSEC */
#endif
#ifdef MS_BORN
	{ MS_BORN, 536870912 }, /* PPM_MS_BORN */
#endif
#ifdef MS_ACTIVE
	{ MS_ACTIVE, 1073741824 }, /* PPM_MS_ACTIVE */
#endif
#ifdef MS_NOUSER
	{ MS_NOUSER, 2147483648 }, /* PPM_MS_NOUSER */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_umount_flags[] = {
#ifdef MNT_FORCE
	{ MNT_FORCE, 1 }, /* PPM_MNT_FORCE */
#endif
#ifdef MNT_DETACH
	{ MNT_DETACH, 2 }, /* PPM_MNT_DETACH */
#endif
#ifdef MNT_EXPIRE
	{ MNT_EXPIRE, 4 }, /* PPM_MNT_EXPIRE */
#endif
#ifdef UMOUNT_NOFOLLOW
	{ UMOUNT_NOFOLLOW, 8 }, /* PPM_UMOUNT_NOFOLLOW */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_shutdown_how[] = {
#ifdef SHUT_RDWR
	{ SHUT_RDWR, 2 }, /* PPM_SHUT_RDWR */
#endif
#ifdef SHUT_WR
	{ SHUT_WR, 1 }, /* PPM_SHUT_WR */
#endif
#ifdef SHUT_RD
	{ SHUT_RD, 0 }, /* PPM_SHUT_RD */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_linkat_flags[] = {
#ifdef AT_SYMLINK_FOLLOW
	{ AT_SYMLINK_FOLLOW, 1024 }, /* PPM_AT_SYMLINK_FOLLOW */
#endif
#ifdef AT_EMPTY_PATH
	{ AT_EMPTY_PATH, 4096 }, /* PPM_AT_EMPTY_PATH */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_unlinkat_flags[] = {
#ifdef AT_REMOVEDIR
	{ AT_REMOVEDIR, 512 }, /* PPM_AT_REMOVEDIR */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_renameat2_flags[] = {
#ifdef RENAME_NOREPLACE
	{ RENAME_NOREPLACE, 1 }, /* PPM_RENAME_NOREPLACE */
#endif
#ifdef RENAME_EXCHANGE
	{ RENAME_EXCHANGE, 2 }, /* PPM_RENAME_EXCHANGE */
#endif
#ifdef RENAME_WHITEOUT
	{ RENAME_WHITEOUT, 4 }, /* PPM_RENAME_WHITEOUT */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_execveat_flags[] = {
#ifdef AT_EMPTY_PATH
	{ AT_EMPTY_PATH, 1 }, /* PPM_EXVAT_AT_EMPTY_PATH */
#endif
#ifdef AT_SYMLINK_NOFOLLOW
	{ AT_SYMLINK_NOFOLLOW, 2 }, /* PPM_EXVAT_AT_SYMLINK_NOFOLLOW */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_openat2_resolve[] = {
#ifdef RESOLVE_BENEATH
	{ RESOLVE_BENEATH, 1 }, /* PPM_RESOLVE_BENEATH */
#endif
#ifdef RESOLVE_IN_ROOT
	{ RESOLVE_IN_ROOT, 2 }, /* PPM_RESOLVE_IN_ROOT */
#endif
#ifdef RESOLVE_NO_MAGICLINKS
	{ RESOLVE_NO_MAGICLINKS, 4 }, /* PPM_RESOLVE_NO_MAGICLINKS */
#endif
#ifdef RESOLVE_NO_SYMLINKS
	{ RESOLVE_NO_SYMLINKS, 8 }, /* PPM_RESOLVE_NO_SYMLINKS */
#endif
#ifdef RESOLVE_NO_XDEV
	{ RESOLVE_NO_XDEV, 16 }, /* PPM_RESOLVE_NO_XDEV */
#endif
#ifdef RESOLVE_CACHED
	{ RESOLVE_CACHED, 32 }, /* PPM_RESOLVE_CACHED */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_epoll_create1_flags[] = {
#ifdef EPOLL_CLOEXEC
	{ EPOLL_CLOEXEC, 1 }, /* PPM_EPOLL_CLOEXEC */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_memfd_create_flags[] = {
#ifdef MFD_CLOEXEC
	{ MFD_CLOEXEC, 1 }, /* PPM_MFD_CLOEXEC */
#endif
#ifdef MFD_ALLOW_SEALING
	{ MFD_ALLOW_SEALING, 2 }, /* PPM_MFD_ALLOW_SEALING */
#endif
#ifdef MFD_HUGETLB
	{ MFD_HUGETLB, 4 }, /* PPM_MFD_HUGETLB */
#endif
	{ -1, 0 },
};
static const struct ppm_flag_map fm_close_range_flags[] = {
#ifdef CLOSE_RANGE_UNSHARE
	{ CLOSE_RANGE_UNSHARE, 2 }, /* PPM_CLOSE_RANGE_UNSHARE */
#endif
#ifdef CLOSE_RANGE_CLOEXEC
	{ CLOSE_RANGE_CLOEXEC, 4 }, /* PPM_CLOSE_RANGE_CLOEXEC */
#endif
	{ -1, 0 },
};

#endif
