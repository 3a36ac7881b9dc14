// Process parsers: execve, procexit, working directory, ids, session, chroot, rlimits, capabilities,
// namespaces and prctl.
import type { ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import { FDF } from '../fdinfo.js';
import { stripDeleted } from '../sinsp.js';
import { CLF, NO_STRINGS, UNSET_ID } from '../threadinfo.js';
import { EXVAT_AT_EMPTY_PATH, Parser, pbig, pempty, pidx, pint, pstr, readVm } from './core.js';

export function chdir(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t || (e.paramInt(0) ?? -1) < 0) return;
  const path = e.paramString(1);
  if (path !== undefined) p.st.setCwd(t, path);
}

export function fchdir(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t || !ctx.fd) return;
  p.st.setCwd(t, ctx.fd.name);
}

export function setid(p: Parser, e: ScapEvent, ctx: EventContext, which: 'uid' | 'gid', res: boolean): void {
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  let v: number | undefined;
  if (p.legacy) {
    const enter = p.retrieveEnter(e, ctx);
    if (!enter) return;
    v = enter.paramInt(res ? 1 : 0);
  } else v = pint(e, res ? (which === 'uid' ? 'euid' : 'egid') : which);
  if (v === undefined) return;
  v >>>= 0;
  if (res && v === UNSET_ID) return;
  if (which === 'uid') t.uid = v;
  else t.gid = v;
}

export function setreid(p: Parser, e: ScapEvent, ctx: EventContext, which: 'uid' | 'gid'): void {
  if (p.legacy) return;
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  const v = pint(e, which === 'uid' ? 'euid' : 'egid');
  if (v === undefined || v >>> 0 === UNSET_ID) return;
  if (which === 'uid') t.uid = v >>> 0;
  else t.gid = v >>> 0;
}

export function setsid(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const res = e.paramInt(0) ?? -1;
  if (res >= 0 && ctx.thread) ctx.thread.sid = res;
}

export function chroot(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) !== 0 || !t) return;
  const path = e.paramString(1) ?? '';
  const resolved = path !== '' && path !== '<NA>' && !path.startsWith('/') ? p.st.concat(p.st.cwd(t), path) : '';
  t.root = resolved === '' ? path : resolved;
  p.st.resolveContainer(t);
}

export function rlimit(p: Parser, e: ScapEvent, ctx: EventContext, prlimit: boolean): void {
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  let resource: number | undefined;
  if (p.legacy) {
    const enter = p.retrieveEnter(e, ctx);
    if (!enter) return;
    resource = enter.paramInt(prlimit ? 1 : 0);
  } else resource = pint(e, 'resource');
  // RLIMIT_NOFILE is 7 in the PPM_RLIMIT table.
  if (resource !== 7) return;
  const v = pint(e, prlimit ? 'newcur' : 'cur');
  if (v === undefined || v === -1) return;
  const m = p.st.mainThread(t);
  if (m) m.fdlimit = v;
}

export function capset(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) return;
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  t.capInheritable = pbig(e, 'cap_inheritable') ?? t.capInheritable;
  t.capPermitted = pbig(e, 'cap_permitted') ?? t.capPermitted;
  t.capEffective = pbig(e, 'cap_effective') ?? t.capEffective;
}

export function nsCaps(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) return;
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  const flags = pint(e, e.info.enumName === 'PPME_SYSCALL_UNSHARE_X' ? 'flags' : 'nstype') ?? 0;
  if (flags & CLF.CLONE_NEWUSER) {
    const all = (1n << 41n) - 1n;
    t.capInheritable = all;
    t.capPermitted = all;
    t.capEffective = all;
  }
}

export function prctl(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) return;
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  // PPM_PR_SET_NAME
  if (pint(e, 'option') === 15) {
    const name = pstr(e, 'arg2_str');
    if (name !== undefined) t.comm = name;
  }
}

export function execve(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const st = p.st;
  if ((e.paramInt(0) ?? -1) < 0) return;
  const t = ctx.thread;
  if (!t) return;
  const legacy = p.legacy;
  const en = e.info.enumName;
  if (!legacy && t.dead) {
    t.dead = false;
    const g = st.groupOf.get(t);
    if (g) g.alive++;
  }
  t.exe = e.paramString(1) ?? '';
  if (!legacy) {
    t.lastExecTsHi = e.tsHi;
    t.lastExecTsLo = e.tsLo;
  }
  const commI = pidx(e, 'comm');
  if (legacy) t.comm = commI >= 0 ? (e.paramString(commI) ?? '') : t.exe;
  else t.comm = commI >= 0 && !e.paramIsEmpty(commI) ? (e.paramString(commI) ?? '') : t.exe;
  t.setArgs(p.st.internList(e.paramStringListShared(2) ?? NO_STRINGS));
  t.pid = e.paramInt(4) ?? t.pid;
  if (legacy) {
    if (t.ptid === -1) t.ptid = e.paramInt(5) ?? -1;
  } else if (t.invalid || !st.groupOf.has(t)) {
    t.ptid = e.paramInt(5) ?? -1;
    if (!(t.flags & CLF.CHILD_IN_PIDNS)) {
      t.vtid = t.tid;
      t.vpid = t.pid;
    }
    st.createDependencies(t);
  }
  t.fdlimit = e.paramInt(7) ?? t.fdlimit;
  readVm(e, t, legacy);
  const envI = pidx(e, 'env');
  if (envI >= 0 && (legacy || !e.paramIsEmpty(envI))) t.env = e.paramStringListShared(envI) ?? NO_STRINGS;
  const cgI = pidx(e, 'cgroups');
  if (cgI >= 0 && (legacy || !e.paramIsEmpty(cgI))) {
    t.cgroups = p.st.internList(e.paramStringListShared(cgI) ?? NO_STRINGS);
    st.resolveContainer(t);
  } else if (!legacy) st.resolveContainer(t);
  const ttyI = pidx(e, 'tty');
  if (ttyI >= 0 && (legacy || !e.paramIsEmpty(ttyI))) t.tty = (e.paramInt(ttyI) ?? 0) >>> 0;
  // exepath: trusted_exepath when present (current libs), else from the enter event.
  const trusted = legacy ? -1 : pidx(e, 'trusted_exepath');
  if (trusted >= 0 && !e.paramIsEmpty(trusted)) t.exepath = stripDeleted(e.paramString(trusted) ?? '');
  else if (legacy ? en === 'PPME_SYSCALL_EXECVE_18_X' || en === 'PPME_SYSCALL_EXECVE_19_X' || en === 'PPME_SYSCALL_EXECVEAT_X' : true) {
    const enter = p.retrieveEnter(e, ctx);
    if (enter) {
      const ee = enter.info.enumName;
      if (ee === 'PPME_SYSCALL_EXECVEAT_E') {
        const dirfd = enter.paramInt(0) ?? 0;
        const pathname = enter.paramString(1) ?? '';
        const fl = enter.paramInt(2) ?? 0;
        if (legacy) {
          if (pathname.startsWith('<NA>')) t.exepath = '<NA>';
          else {
            const sdir = p.dirOf(ctx, pathname, dirfd, true);
            const path = fl & EXVAT_AT_EMPTY_PATH && pathname === '' ? sdir : pathname;
            t.exepath = st.concat(sdir, path);
          }
        } else {
          const sdir = p.dirOf(ctx, pathname, dirfd, false);
          if (sdir !== '.' && sdir !== '<UNKNOWN>') ctx.fd = st.getFd(t, dirfd);
          if ((!(fl & EXVAT_AT_EMPTY_PATH) && pathname === '<NA>') || sdir === '<UNKNOWN>') t.exepath = '<NA>';
          else if (fl & EXVAT_AT_EMPTY_PATH) t.exepath = stripDeleted(st.concat('', sdir));
          else t.exepath = stripDeleted(st.concat(sdir, pathname));
        }
      } else {
        const filename = enter.paramString(0) ?? '';
        if (legacy ? filename.startsWith('<NA>') : filename === '<NA>') t.exepath = '<NA>';
        else t.exepath = legacy ? st.concat(t.cwd, filename) : stripDeleted(st.concat(st.cwd(t), filename));
      }
    }
  }
  // vpgid: parameter 17 of the 19-parameter and later layouts (named pgid in sysdig 0.29.3's table).
  if (e.nparams > 17 && (en === 'PPME_SYSCALL_EXECVE_19_X' || en === 'PPME_SYSCALL_EXECVEAT_X') && (legacy || !e.paramIsEmpty(17))) t.vpgid = e.paramInt(17) ?? t.vpgid;
  if (e.nparams > 18 && (legacy || !e.paramIsEmpty(18))) t.loginuid = (e.paramInt(18) ?? 0) >>> 0;
  if (e.nparams > 19 && (legacy || !e.paramIsEmpty(19))) {
    const fl = e.paramInt(19) ?? 0;
    t.exeWritable = (fl & 1) !== 0;
    if (!legacy) {
      t.exeUpperLayer = (fl & 2) !== 0;
      t.exeFromMemfd = (fl & 4) !== 0;
      t.exeLowerLayer = (fl & 8) !== 0;
    }
  }
  if (!legacy) {
    if (!pempty(e, 'cap_effective')) {
      t.capInheritable = pbig(e, 'cap_inheritable') ?? 0n;
      t.capPermitted = pbig(e, 'cap_permitted') ?? 0n;
      t.capEffective = pbig(e, 'cap_effective') ?? 0n;
    }
    if (!pempty(e, 'exe_ino_mtime')) {
      t.exeIno = pint(e, 'exe_ino') ?? 0;
      t.exeInoCtime = pbig(e, 'exe_ino_ctime') ?? 0n;
      t.exeInoMtime = pbig(e, 'exe_ino_mtime') ?? 0n;
    }
    if (!pempty(e, 'uid')) t.uid = (pint(e, 'uid') ?? 0) >>> 0;
    t.pgid = pempty(e, 'pgid') ? -1 : (pint(e, 'pgid') ?? -1);
    if (!pempty(e, 'gid')) t.gid = (pint(e, 'gid') ?? 0) >>> 0;
    const seen = st.fdTable(t);
    let cloexec = false;
    if (seen) for (const f of seen.values()) if (f.flags & FDF.CLOEXEC) cloexec = true;
    const table = cloexec ? st.writableFdTable(t) : undefined;
    if (table) for (const [fd, f] of table) if (f.flags & FDF.CLOEXEC) table.delete(fd);
  }
  const keep = t.flags & (CLF.PIPE_SRC | CLF.PIPE_DST | CLF.IS_MAIN_THREAD | CLF.CLONE_INVERTED);
  t.flags = CLF.ACTIVE | keep | CLF.NAME_CHANGED;
  if (!legacy) {
    const g = st.groupOf.get(t);
    if (g && g.alive > 1) {
      for (const m of [...g.members]) {
        if (m.isMain || m === t) continue;
        st.removeThread(m.tid, false);
      }
    }
  }
}

export function procexit(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t) return;
  if (p.legacy) {
    t.flags |= CLF.CLOSED;
    p.st.pendingThread = e.tid;
    p.st.pendingReaper = 0;
    return;
  }
  const g = p.st.groupOf.get(t);
  if (g && !t.dead) g.alive--;
  t.dead = true;
  t.flags |= CLF.CLOSED;
  p.st.pendingThread = e.tid;
  p.st.pendingReaper = e.nparams > 4 && !e.paramIsEmpty(4) ? (e.paramInt(4) ?? 0) : -1;
}
