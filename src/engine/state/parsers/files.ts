// File parsers: open/openat/openat2/creat/open_by_handle_at add fds, close/close_range remove them.
import { FD_TYPE, type ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import { FDF, FdInfo } from '../fdinfo.js';
import { O_CLOEXEC } from '../sinsp.js';
import { FD_LOWER_LAYER, FD_UPPER_LAYER, O_DIRECTORY, O_F_CREATED, Parser, pint } from './core.js';

/** Whether an enter event's path names the file (not empty, not the driver's placeholder). */
const usableHead = (s: string | undefined, empty: boolean): s is string => !empty && s !== '<NA>';
const usableL22 = (s: string | undefined, empty: boolean): s is string => !empty && s !== '(NULL)';

export function open(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t) return;
  const en = e.info.enumName;
  const enter = en === 'PPME_SYSCALL_OPEN_BY_HANDLE_AT_X' ? undefined : p.retrieveEnter(e, ctx);
  const fd = e.paramInt(0) ?? -1;
  let name = '';
  let flags = 0;
  let dev = 0;
  let ino = 0;
  let sdir = '';
  const usable = p.legacy ? usableL22 : usableHead;
  if (en === 'PPME_SYSCALL_OPEN_X') {
    name = e.paramString(1) ?? '';
    flags = e.paramInt(2) ?? 0;
    if (e.nparams > 4 && !e.paramIsEmpty(4)) dev = e.paramInt(4) ?? 0;
    if (!p.legacy && e.nparams > 5 && !e.paramIsEmpty(5)) ino = e.paramInt(5) ?? 0;
    if (enter && enter.nparams >= 2) {
      const en0 = enter.paramString(0);
      if (usable(en0, enter.paramIsEmpty(0))) {
        name = en0;
        const ef = enter.paramInt(1) ?? 0;
        flags = p.legacy ? ef : (ef | (flags & ~(O_F_CREATED - 1))) >>> 0;
      }
    }
    sdir = p.st.cwd(t);
  } else if (en === 'PPME_SYSCALL_CREAT_X') {
    name = e.paramString(1) ?? '';
    flags = 0;
    if (e.nparams > 3 && !e.paramIsEmpty(3)) dev = e.paramInt(3) ?? 0;
    if (!p.legacy) {
      if (e.nparams > 4 && !e.paramIsEmpty(4)) ino = e.paramInt(4) ?? 0;
      const cf = pint(e, 'creat_flags');
      if (cf !== undefined) {
        if (cf & 1) flags |= FD_UPPER_LAYER;
        else if (cf & 2) flags |= FD_LOWER_LAYER;
      }
    }
    if (enter && enter.nparams >= 1) {
      const en0 = enter.paramString(0);
      if (usable(en0, enter.paramIsEmpty(0))) name = en0;
    }
    sdir = p.st.cwd(t);
  } else if (en === 'PPME_SYSCALL_OPENAT_X') {
    // profile-2022: the old openat exit has only the fd; everything else comes from the enter event, retrieved or not.
    const src = enter ?? p.tmpEnter;
    name = src?.paramString(1) ?? '';
    flags = src?.paramInt(2) ?? 0;
    const dirfd = src?.paramInt(0) ?? 0;
    sdir = p.dirOf(ctx, name, dirfd, true);
  } else if (en === 'PPME_SYSCALL_OPENAT_2_X' || en === 'PPME_SYSCALL_OPENAT2_X') {
    if (p.legacy) {
      name = e.paramString(2) ?? '';
      flags = e.paramInt(3) ?? 0;
    } else {
      name = e.paramIsEmpty(2) ? '<NA>' : (e.paramString(2) ?? '');
      flags = e.paramIsEmpty(3) ? 0 : (e.paramInt(3) ?? 0);
    }
    let dirfd = e.paramIsEmpty(1) ? undefined : e.paramInt(1);
    const devI = en === 'PPME_SYSCALL_OPENAT_2_X' ? 5 : 6;
    if (p.legacy) {
      if (en === 'PPME_SYSCALL_OPENAT_2_X' && e.nparams > 5) dev = e.paramInt(5) ?? 0;
    } else if (e.nparams > devI + 1 && !e.paramIsEmpty(devI + 1)) {
      dev = e.paramInt(devI) ?? 0;
      ino = e.paramInt(devI + 1) ?? 0;
    }
    if (enter && enter.nparams >= 3) {
      const en1 = enter.paramString(1);
      if (usable(en1, enter.paramIsEmpty(1))) {
        name = en1;
        const ef = enter.paramInt(2) ?? 0;
        flags = p.legacy ? ef : (ef | (flags & ~(O_F_CREATED - 1))) >>> 0;
        dirfd = enter.paramIsEmpty(0) ? undefined : enter.paramInt(0);
      }
    }
    sdir = dirfd === undefined ? (p.legacy ? p.dirOf(ctx, name, 0, true) : '') : p.dirOf(ctx, name, dirfd, true);
  } else {
    flags = e.paramInt(2) ?? 0;
    name = e.paramString(3) ?? '';
    if (e.nparams > 4) dev = e.paramInt(4) ?? 0;
    if (e.nparams > 5) ino = e.paramInt(5) ?? 0;
  }
  const full = p.st.concat(sdir, name);
  if (fd >= 0) {
    const f = new FdInfo();
    f.type = flags & O_DIRECTORY ? FD_TYPE.DIRECTORY : FD_TYPE.FILE_V2;
    f.openFlags = flags >>> 0;
    f.dev = dev >>> 0;
    f.ino = ino;
    f.name = full;
    if (!p.legacy) {
      f.nameRaw = name;
      if (flags & FD_UPPER_LAYER) f.flags |= FDF.UPPER_LAYER;
      if (flags & FD_LOWER_LAYER) f.flags |= FDF.LOWER_LAYER;
      if (flags & O_CLOEXEC) f.flags |= FDF.CLOEXEC;
    }
    ctx.fd = p.st.addFd(t, fd, f);
  }
}

export function close(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t || !ctx.fd) return;
  p.st.scheduleFdRemoval(t, t.lastEventFd);
}

export function closeRange(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) return;
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  const first = pint(e, 'first') ?? 0;
  const last = pint(e, 'last') ?? 0;
  const flags = pint(e, 'flags') ?? 0;
  const table = p.st.writableFdTable(t);
  if (!table) return;
  for (const [fd, f] of table) {
    if (fd < first || (last >= 0 && fd > last)) continue;
    if (flags & 4) f.flags |= FDF.CLOEXEC;
    else table.delete(fd);
  }
}
