// Event parsing: which parser handles each event type of a schema, and what the event means for the pipeline.
// The parsers live in parsers/ by syscall family, along libsinsp's seams; parsers/core.ts holds libsinsp's
// `reset`, the shared helpers and the profile convention (how 2022 libsinsp differences are marked).
import { EF, FD_TYPE, type EventSchema } from '../../scap/index.js';
import { Kind, type Handler, type SchemaInfo } from './parsers/core.js';
import { dup, fcntl, fcntlEnter, memfd, pidfdGetfd, pidfdOpen, pipe, simpleFd } from './parsers/fds.js';
import { capset, chdir, chroot, execve, fchdir, nsCaps, prctl, procexit, rlimit, setid, setreid, setsid } from './parsers/process.js';
import { containerJson, containerOld, contextSwitch, groupEvent, userEvent, vmExit } from './parsers/misc.js';
import { rw } from './parsers/io.js';
import { close, closeRange, open } from './parsers/files.js';
import { clone } from './parsers/clone.js';
import { accept, bind, connectEnter, connectExit, sendtoEnter, socket, socketpair } from './parsers/sockets.js';

export { Kind, Parser, tsDiff, returnValue } from './parsers/core.js';

const schemaInfos = new WeakMap<EventSchema, SchemaInfo>();

function exitFdLocation(enumName: string): number {
  const E = enumName.replace(/^PPME_(SYSCALL|SOCKET)_/, '');
  const one = ['SETNS_X', 'LISTEN_X', 'SHUTDOWN_X', 'FCHDIR_X', 'LSEEK_X', 'LLSEEK_X', 'IOCTL_3_X', 'FSTAT_X', 'CLOSE_X', 'GETDENTS_X', 'GETDENTS64_X', 'FLOCK_X',
    'COPY_FILE_RANGE_X', 'FCNTL_X', 'DUP_1_X', 'DUP2_X', 'DUP3_X', 'NEWFSTATAT_X', 'FCHOWNAT_X', 'FCHMODAT_X', 'MKDIRAT_X', 'UNLINKAT_2_X', 'MKNODAT_X', 'SENDMMSG_X',
    'RECVMMSG_X', 'IO_URING_REGISTER_X', 'IO_URING_ENTER_X', 'SETSOCKOPT_X', 'GETSOCKOPT_X', 'FSCONFIG_X', 'FINIT_MODULE_X', 'FCHMOD_X', 'FCHOWN_X']; // prettier-ignore
  const two = ['READ_X', 'PREAD_X', 'BIND_X', 'WRITE_X', 'PWRITE_X', 'RECV_X', 'SEND_X', 'SENDTO_X', 'SENDMSG_X', 'SENDFILE_X', 'SPLICE_X', 'WRITEV_X', 'PWRITEV_X', 'CONNECT_X', 'SYMLINKAT_X']; // prettier-ignore
  if (one.includes(E)) return 1;
  if (two.includes(E)) return 2;
  if (['RECVFROM_X', 'READV_X', 'PREADV_X'].includes(E)) return 3;
  if (E === 'RECVMSG_X') return 5;
  if (E === 'MMAP_X' || E === 'MMAP2_X') return 8;
  return -1;
}

const L22_STORED = new Set([
  'PPME_SOCKET_SENDTO_E', 'PPME_SYSCALL_OPEN_E', 'PPME_SYSCALL_CREAT_E', 'PPME_SYSCALL_OPENAT_E', 'PPME_SYSCALL_OPENAT_2_E', 'PPME_SYSCALL_OPENAT2_E',
  'PPME_SOCKET_SOCKET_E', 'PPME_SYSCALL_EVENTFD_E', 'PPME_SYSCALL_CHDIR_E', 'PPME_SYSCALL_FCHDIR_E', 'PPME_SOCKET_SHUTDOWN_E', 'PPME_SYSCALL_GETRLIMIT_E',
  'PPME_SYSCALL_SETRLIMIT_E', 'PPME_SYSCALL_PRLIMIT_E', 'PPME_SOCKET_SENDMSG_E', 'PPME_SYSCALL_SENDFILE_E', 'PPME_SYSCALL_SETRESUID_E', 'PPME_SYSCALL_SETRESGID_E',
  'PPME_SYSCALL_SETUID_E', 'PPME_SYSCALL_SETGID_E', 'PPME_SYSCALL_EXECVE_18_E', 'PPME_SYSCALL_EXECVE_19_E', 'PPME_SYSCALL_EXECVEAT_E', 'PPME_SYSCALL_SETPGID_E',
]); // prettier-ignore
const HEAD_STORED = new Set(['PPME_SYSCALL_OPEN_E', 'PPME_SYSCALL_CREAT_E', 'PPME_SYSCALL_OPENAT_2_E', 'PPME_SYSCALL_OPENAT2_E', 'PPME_SYSCALL_EXECVE_19_E', 'PPME_SYSCALL_EXECVEAT_E', 'PPME_SOCKET_CONNECT_E']); // prettier-ignore

const HANDLERS: Record<string, Handler> = {
  PPME_SYSCALL_OPEN_X: (p, e, c) => open(p, e, c),
  PPME_SYSCALL_CREAT_X: (p, e, c) => open(p, e, c),
  PPME_SYSCALL_OPENAT_X: (p, e, c) => open(p, e, c),
  PPME_SYSCALL_OPENAT_2_X: (p, e, c) => open(p, e, c),
  PPME_SYSCALL_OPENAT2_X: (p, e, c) => open(p, e, c),
  PPME_SYSCALL_OPEN_BY_HANDLE_AT_X: (p, e, c) => open(p, e, c),
  PPME_SOCKET_SOCKET_X: (p, e, c) => socket(p, e, c),
  PPME_SOCKET_BIND_X: (p, e, c) => bind(p, e, c),
  PPME_SOCKET_CONNECT_E: (p, e, c) => connectEnter(p, e, c),
  PPME_SOCKET_CONNECT_X: (p, e, c) => connectExit(p, e, c),
  PPME_SOCKET_ACCEPT_X: (p, e, c) => accept(p, e, c),
  PPME_SOCKET_ACCEPT_5_X: (p, e, c) => accept(p, e, c),
  PPME_SOCKET_ACCEPT4_X: (p, e, c) => accept(p, e, c),
  PPME_SOCKET_ACCEPT4_5_X: (p, e, c) => accept(p, e, c),
  PPME_SOCKET_ACCEPT4_6_X: (p, e, c) => accept(p, e, c),
  PPME_SOCKET_SOCKETPAIR_X: (p, e, c) => socketpair(p, e, c),
  PPME_SYSCALL_PIPE_X: (p, e, c) => pipe(p, e, c),
  PPME_SYSCALL_PIPE2_X: (p, e, c) => pipe(p, e, c),
  PPME_SYSCALL_EVENTFD_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.EVENT, false),
  PPME_SYSCALL_EVENTFD2_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.EVENT, true),
  PPME_SYSCALL_SIGNALFD_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.SIGNALFD, false),
  PPME_SYSCALL_SIGNALFD4_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.SIGNALFD, true),
  PPME_SYSCALL_TIMERFD_CREATE_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.TIMERFD, false),
  PPME_SYSCALL_INOTIFY_INIT_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.INOTIFY, false),
  PPME_SYSCALL_INOTIFY_INIT1_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.INOTIFY, true),
  PPME_SYSCALL_EPOLL_CREATE_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.EVENTPOLL, true),
  PPME_SYSCALL_EPOLL_CREATE1_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.EVENTPOLL, true),
  PPME_SYSCALL_USERFAULTFD_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.USERFAULTFD, true),
  PPME_SYSCALL_IO_URING_SETUP_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.IOURING, true),
  PPME_SYSCALL_BPF_2_X: (p, e, c) => simpleFd(p, e, c, FD_TYPE.BPF, true),
  PPME_SYSCALL_MEMFD_CREATE_X: (p, e, c) => memfd(p, e, c),
  PPME_SYSCALL_PIDFD_OPEN_X: (p, e, c) => pidfdOpen(p, e, c),
  PPME_SYSCALL_PIDFD_GETFD_X: (p, e, c) => pidfdGetfd(p, e, c),
  PPME_SYSCALL_DUP_X: (p, e, c) => dup(p, e, c),
  PPME_SYSCALL_DUP_1_X: (p, e, c) => dup(p, e, c),
  PPME_SYSCALL_DUP2_X: (p, e, c) => dup(p, e, c),
  PPME_SYSCALL_DUP3_X: (p, e, c) => dup(p, e, c),
  PPME_SYSCALL_FCNTL_E: (p, e, c) => fcntlEnter(p, e, c),
  PPME_SYSCALL_FCNTL_X: (p, e, c) => fcntl(p, e, c),
  PPME_SYSCALL_CLOSE_X: (p, e, c) => close(p, e, c),
  PPME_SYSCALL_CLOSE_RANGE_X: (p, e, c) => closeRange(p, e, c),
  PPME_SYSCALL_CHDIR_X: (p, e, c) => chdir(p, e, c),
  PPME_SYSCALL_GETCWD_X: (p, e, c) => chdir(p, e, c),
  PPME_SYSCALL_FCHDIR_X: (p, e, c) => fchdir(p, e, c),
  PPME_SYSCALL_SETUID_X: (p, e, c) => setid(p, e, c, 'uid', false),
  PPME_SYSCALL_SETGID_X: (p, e, c) => setid(p, e, c, 'gid', false),
  PPME_SYSCALL_SETRESUID_X: (p, e, c) => setid(p, e, c, 'uid', true),
  PPME_SYSCALL_SETRESGID_X: (p, e, c) => setid(p, e, c, 'gid', true),
  PPME_SYSCALL_SETREUID_X: (p, e, c) => setreid(p, e, c, 'uid'),
  PPME_SYSCALL_SETREGID_X: (p, e, c) => setreid(p, e, c, 'gid'),
  PPME_SYSCALL_SETSID_X: (p, e, c) => setsid(p, e, c),
  PPME_SYSCALL_CHROOT_X: (p, e, c) => chroot(p, e, c),
  PPME_SYSCALL_PRLIMIT_X: (p, e, c) => rlimit(p, e, c, true),
  PPME_SYSCALL_GETRLIMIT_X: (p, e, c) => rlimit(p, e, c, false),
  PPME_SYSCALL_SETRLIMIT_X: (p, e, c) => rlimit(p, e, c, false),
  PPME_SYSCALL_CAPSET_X: (p, e, c) => capset(p, e, c),
  PPME_SYSCALL_UNSHARE_X: (p, e, c) => nsCaps(p, e, c),
  PPME_SYSCALL_SETNS_X: (p, e, c) => nsCaps(p, e, c),
  PPME_SYSCALL_PRCTL_X: (p, e, c) => prctl(p, e, c),
  PPME_PROCEXIT_E: (p, e, c) => procexit(p, e, c),
  PPME_PROCEXIT_1_E: (p, e, c) => procexit(p, e, c),
  PPME_CONTAINER_E: (p, e) => containerOld(p, e),
  PPME_CONTAINER_JSON_E: (p, e) => containerJson(p, e),
  PPME_CONTAINER_JSON_2_E: (p, e) => containerJson(p, e),
  PPME_USER_ADDED_E: (p, e) => userEvent(p, e, true),
  PPME_USER_DELETED_E: (p, e) => userEvent(p, e, false),
  PPME_GROUP_ADDED_E: (p, e) => groupEvent(p, e, true),
  PPME_GROUP_DELETED_E: (p, e) => groupEvent(p, e, false),
  PPME_SOCKET_SENDTO_E: (p, e, c) => sendtoEnter(p, e, c),
  PPME_SYSCALL_BRK_4_X: (p, e, c) => vmExit(p, e, c),
  PPME_SYSCALL_MMAP_X: (p, e, c) => vmExit(p, e, c),
  PPME_SYSCALL_MMAP2_X: (p, e, c) => vmExit(p, e, c),
  PPME_SYSCALL_MUNMAP_X: (p, e, c) => vmExit(p, e, c),
  PPME_SCHEDSWITCH_6_E: (p, e, c) => contextSwitch(p, e, c),
};
const RW_EXITS = ['READ_X', 'WRITE_X', 'RECV_X', 'SEND_X', 'RECVFROM_X', 'RECVMSG_X', 'SENDTO_X', 'SENDMSG_X', 'READV_X', 'WRITEV_X', 'PREAD_X', 'PWRITE_X', 'PREADV_X', 'PWRITEV_X']; // prettier-ignore
const CLONE_EXITS = /^PPME_SYSCALL_(CLONE_(11|16|17|20)|FORK(_17|_20)?|VFORK(_17|_20)?|CLONE3)_X$/;
const EXECVE_EXITS = /^PPME_SYSCALL_EXECVE(_\d+)?_X$|^PPME_SYSCALL_EXECVEAT_X$/;

export function schemaInfo(schema: EventSchema): SchemaInfo {
  let info = schemaInfos.get(schema);
  if (info) return info;
  const n = schema.eventMax;
  const handlers = new Array<Handler | undefined>(n).fill(undefined);
  const kinds = new Uint8Array(n);
  const storeL22 = new Uint8Array(n);
  const storeHead = new Uint8Array(n);
  const exitFdLoc = new Int8Array(n).fill(-1);
  const names: Map<string, number>[] = [];
  for (let code = 0; code < n; code++) {
    const ev = schema.events[code];
    const m = new Map<string, number>();
    names.push(m);
    if (!ev) continue;
    ev.params.forEach((p, i) => {
      if (!m.has(p.name)) m.set(p.name, i);
    });
    const en = ev.enumName;
    let h = HANDLERS[en];
    const short = en.replace(/^PPME_(SYSCALL|SOCKET)_/, '');
    if (!h && RW_EXITS.includes(short) && /^PPME_(SYSCALL|SOCKET)_/.test(en)) h = (p, e, c) => rw(p, e, c);
    if (!h && CLONE_EXITS.test(en)) h = (p, e, c) => clone(p, e, c);
    if (!h && EXECVE_EXITS.test(en)) h = (p, e, c) => execve(p, e, c);
    handlers[code] = h;
    if (CLONE_EXITS.test(en)) kinds[code] = Kind.CLONE_EXIT;
    else if (en.startsWith('PPME_SCHEDSWITCH')) kinds[code] = Kind.SWITCH;
    else if (en === 'PPME_CONTAINER_JSON_E' || en === 'PPME_CONTAINER_JSON_2_E') kinds[code] = Kind.CONTAINER;
    else if (en === 'PPME_PROCEXIT_E' || en === 'PPME_PROCEXIT_1_E') kinds[code] = Kind.PROCEXIT;
    else if (/^PPME_(USER|GROUP)_(ADDED|DELETED)_E$|^PPME_PLUGINEVENT_E$|^PPME_ASYNCEVENT_E$/.test(en)) kinds[code] = Kind.META;
    if (L22_STORED.has(en)) storeL22[code] = 1;
    if (HEAD_STORED.has(en)) storeHead[code] = 1;
    if (code & 1 && ev.flags & EF.USES_FD) exitFdLoc[code] = exitFdLocation(en);
  }
  info = { handlers, kinds, storeL22, storeHead, exitFdLoc, names };
  schemaInfos.set(schema, info);
  return info;
}

