// Other fd-creating parsers: pipes, eventfd/signalfd/timerfd/inotify/epoll/userfaultfd/io_uring/bpf,
// memfd, pidfd, dup and fcntl.
import { FD_TYPE, type ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import { FDF, FdInfo } from '../fdinfo.js';
import { O_CLOEXEC } from '../sinsp.js';
import { CLF } from '../threadinfo.js';
import { F_DUPFD, F_DUPFD_CLOEXEC, F_SETFD, Parser, pint, pstr } from './core.js';

export function pipe(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  const ino = pint(e, 'ino') ?? 0;
  const cloexec = !p.legacy && ((pint(e, 'flags') ?? 0) & 0x80000) !== 0;
  for (const name of ['fd1', 'fd2']) {
    const fd = pint(e, name);
    if (fd === undefined) continue;
    const f = new FdInfo();
    f.type = FD_TYPE.FIFO;
    f.ino = ino;
    if (cloexec) f.flags |= FDF.CLOEXEC;
    ctx.fd = p.st.addFd(t, fd, f);
  }
}

/** eventfd/signalfd/timerfd/inotify (both generations) and epoll/userfaultfd/io_uring/bpf (current only). */
export function simpleFd(p: Parser, e: ScapEvent, ctx: EventContext, type: number, currentOnly: boolean): void {
  if (currentOnly && p.legacy) return;
  const t = ctx.thread;
  const fd = e.paramInt(0) ?? -1;
  if (fd < 0 || !t) return;
  const f = new FdInfo();
  f.type = type;
  ctx.fd = p.st.addFd(t, fd, f);
}

export function memfd(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) return;
  const t = ctx.thread;
  const fd = e.paramInt(0) ?? -1;
  if (fd < 0 || !t) return;
  const f = new FdInfo();
  f.type = FD_TYPE.MEMFD;
  f.name = pstr(e, 'name') ?? '';
  f.openFlags = pint(e, 'flags') ?? 0;
  ctx.fd = p.st.addFd(t, fd, f);
}

export function pidfdOpen(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) return;
  const t = ctx.thread;
  const fd = e.paramInt(0) ?? -1;
  if (fd < 0 || !t) return;
  const f = new FdInfo();
  f.type = FD_TYPE.PIDFD;
  f.name = `/proc/${pint(e, 'pid') ?? 0}`;
  ctx.fd = p.st.addFd(t, fd, f);
}

export function pidfdGetfd(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) return;
  const t = ctx.thread;
  const fd = e.paramInt(0) ?? -1;
  if (fd < 0 || !t) return;
  const pidfd = p.st.getFd(t, pint(e, 'pid_fd') ?? -1);
  if (!pidfd || pidfd.type !== FD_TYPE.PIDFD) return;
  const target = p.st.lookup(Number(pidfd.name.slice(6)));
  const src = target ? p.st.getFd(target, pint(e, 'target_fd') ?? -1) : undefined;
  if (!src) return;
  ctx.fd = p.st.addFd(t, fd, src.clone());
}

export function dup(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t) return;
  const res = e.paramInt(0) ?? -1;
  if (res < 0) return;
  let src = ctx.fd;
  if (!p.legacy) {
    const old = pint(e, 'oldfd');
    if (old !== undefined) src = p.st.getFd(t, old);
    else if (e.info.enumName === 'PPME_SYSCALL_DUP_X') src = ctx.fd;
  }
  if (!p.legacy && !src) return;
  if (res === 0) t.flags |= CLF.PIPE_DST;
  if (res === 1) t.flags |= CLF.PIPE_SRC;
  if (!src) return;
  const copy = src.clone();
  if (!p.legacy) {
    copy.flags &= ~FDF.CLOEXEC;
    if (e.info.enumName === 'PPME_SYSCALL_DUP3_X' && (pint(e, 'flags') ?? 0) & O_CLOEXEC) copy.flags |= FDF.CLOEXEC;
  }
  ctx.fd = p.st.addFd(t, res, copy);
}

export function fcntlEnter(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (!p.legacy || !ctx.thread) return;
  const cmd = e.paramInt(1) ?? 0;
  if (cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC) p.store(ctx.thread, e);
}

export function fcntl(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t) return;
  const res = e.paramInt(0) ?? -1;
  if (p.legacy) {
    if (!p.retrieveEnter(e, ctx)) return;
    if (res >= 0 && ctx.fd) ctx.fd = p.st.addFd(t, res, ctx.fd.clone());
    return;
  }
  const cmd = pint(e, 'cmd');
  if (res < 0 || !ctx.fd) return;
  if (cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC) {
    const copy = ctx.fd.clone();
    copy.flags = cmd === F_DUPFD_CLOEXEC ? copy.flags | FDF.CLOEXEC : copy.flags & ~FDF.CLOEXEC;
    ctx.fd = p.st.addFd(t, res, copy);
  } else if (cmd === F_SETFD) {
    // F_SETFD: FD_CLOEXEC bookkeeping.
    const arg = pint(e, 'arg') ?? 0;
    if (arg & 1) ctx.fd.flags |= FDF.CLOEXEC;
    else ctx.fd.flags &= ~FDF.CLOEXEC;
  }
}
