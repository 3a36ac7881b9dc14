// Process creation: clone/fork/vfork/clone3 exits, from the caller's side and the child's, in the 2022 and
// current libsinsp variants.
import type { ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import { CLF, NO_STRINGS, shareInherited, shareInheritedIfSame, ThreadInfo, UNSET_ID } from '../threadinfo.js';
import { CLONE_STALE_TIME_NS, inheritFds, Parser, pbig, pempty, pidx, pint, plist, pstr, readVm, tsDiff } from './core.js';

export function clone(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (p.legacy) cloneL22(p, e, ctx);
  else {
    const res = e.paramInt(0) ?? -1;
    if (res < 0) return;
    if (res === 0) cloneChild(p, e, ctx);
    else cloneCaller(p, e, ctx, res);
  }
}

export function cloneL22(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const st = p.st;
  let tid = e.tid;
  let childtid = e.paramInt(0) ?? -1;
  const flags = (pint(e, 'flags') ?? 0) >>> 0;
  if (childtid < 0) return;
  const has20 = pidx(e, 'vtid') >= 0 && pidx(e, 'cgroups') >= 0;
  let vtid = tid;
  let vpid = -1;
  if (has20) {
    vtid = pint(e, 'vtid') ?? tid;
    vpid = pint(e, 'vpid') ?? -1;
  }
  const inContainer = (flags & CLF.CHILD_IN_PIDNS) !== 0 || tid !== vtid;
  let inverted = false;
  if (childtid === 0) {
    const cur = ctx.thread;
    if (cur && (cur.cloneTsHi !== 0 || cur.cloneTsLo !== 0) && tsDiff(e.tsHi, e.tsLo, cur.cloneTsHi, cur.cloneTsLo) > CLONE_STALE_TIME_NS) {
      st.removeThread(tid, true);
      ctx.thread = undefined;
    }
    const parenttid = flags & CLF.CLONE_THREAD ? (pint(e, 'pid') ?? -1) : (pint(e, 'ptid') ?? -1);
    if (!ctx.thread) {
      inverted = true;
      childtid = tid;
      tid = parenttid;
    } else {
      if (inContainer) {
        ctx.thread.vtid = vtid;
        ctx.thread.vpid = vpid;
      }
      return;
    }
  } else if (inContainer) return;
  let caller = st.getOrCreate(tid);
  let valid = !(caller.comm === '<NA>' && caller.uid === UNSET_ID);
  let collision = false;
  const existing = st.lookup(childtid);
  if (existing) {
    if (existing.flags & CLF.CLONE_INVERTED) return;
    st.removeThread(childtid, true);
    collision = true;
  }
  const child = new ThreadInfo(childtid);
  child.ptid = tid;
  const copyFrom = (src: ThreadInfo): void => {
    child.comm = src.comm;
    child.exe = src.exe;
    child.exepath = src.exepath;
    child.exeWritable = src.exeWritable;
    child.setArgs(src.args);
    child.root = src.root;
    child.sid = src.sid;
    child.vpgid = src.vpgid;
    child.tty = src.tty;
    child.loginuid = src.loginuid;
    if (!(flags & CLF.CLONE_THREAD)) child.env = src.env;
  };
  if (valid) copyFrom(caller);
  else {
    st.removeThread(tid, true);
    collision = true;
    caller = st.getOrCreate(tid);
    valid = !(caller.comm === '<NA>' && caller.uid === UNSET_ID);
    if (valid) {
      copyFrom(caller);
      child.exeWritable = false;
    } else {
      child.exe = pstr(e, 'exe') ?? '';
      child.comm = pidx(e, 'comm') >= 0 ? (pstr(e, 'comm') ?? '') : child.exe;
      child.setArgs(plist(e, 'args') ?? NO_STRINGS);
      caller.comm = child.comm;
      caller.exe = child.exe;
      caller.exepath = child.exepath;
      caller.setArgs(child.args);
    }
  }
  child.pid = flags & CLF.CLONE_THREAD ? (pint(e, 'pid') ?? -1) : childtid;
  child.flags = flags;
  if (!(flags & CLF.CLONE_THREAD)) {
    inheritFds(st, caller, child);
    child.cwd = st.cwd(caller);
  }
  if (inverted) child.flags |= CLF.CLONE_INVERTED;
  child.exe = st.intern(pstr(e, 'exe') ?? '');
  child.comm = pidx(e, 'comm') >= 0 ? st.intern(pstr(e, 'comm') ?? '') : child.exe;
  child.setArgs(st.internList(plist(e, 'args') ?? NO_STRINGS));
  child.fdlimit = pint(e, 'fdlimit') ?? -1;
  readVm(e, child, true);
  child.uid = (pint(e, 'uid') ?? -1) >>> 0;
  child.gid = (pint(e, 'gid') ?? -1) >>> 0;
  if (inContainer) {
    child.vtid = vtid;
    child.vpid = vpid;
  } else {
    child.vtid = child.tid;
    child.vpid = child.pid;
  }
  if (has20) {
    child.cgroups = st.internList(plist(e, 'cgroups') ?? NO_STRINGS);
    st.resolveContainer(child);
  }
  child.cloneTsHi = e.tsHi;
  child.cloneTsLo = e.tsLo;
  // The copies above gave the child its own inherited record: the parent's or a sibling's is shared when equal.
  if (!valid || !shareInheritedIfSame(child, caller)) st.shareRecentInherited(child);
  st.addThread(child, false);
  if (collision) ctx.thread = st.getOrCreate(e.tid);
}

export function cloneCaller(p: Parser, e: ScapEvent, ctx: EventContext, childTid: number): void {
  const st = p.st;
  const callerTid = e.tid;
  const caller = st.getOrCreate(callerTid);
  let valid = true;
  if (caller.invalid) {
    valid = false;
    caller.pid = pint(e, 'pid') ?? -1;
    caller.ptid = pint(e, 'ptid') ?? -1;
    if (!pempty(e, 'vpid')) {
      caller.vtid = pint(e, 'vtid') ?? -1;
      caller.vpid = pint(e, 'vpid') ?? -1;
    } else {
      caller.vtid = callerTid;
      caller.vpid = -1;
    }
    st.createDependencies(caller);
  }
  ctx.thread = caller;
  const flags = (pint(e, 'flags') ?? 0) >>> 0;
  if (flags & (CLF.CHILD_IN_PIDNS | CLF.CLONE_NEWPID | CLF.CLONE_PARENT) || callerTid !== caller.vtid) return;
  if (flags & CLF.CLONE_VFORK || e.name === 'vfork') return;
  const existing = st.lookup(childTid);
  let collision = false;
  if (existing) {
    if (existing.flags & CLF.CLONE_INVERTED) return;
    st.removeThread(childTid, false);
    collision = true;
  }
  const child = new ThreadInfo(childTid);
  child.flags = flags;
  if (!(flags & CLF.CLONE_THREAD)) {
    if (valid) {
      inheritFds(st, caller, child);
      child.cwd = st.cwdJoin('', st.cwd(caller));
      child.env = caller.env;
    }
    child.pid = childTid;
    child.ptid = caller.tid;
  } else {
    child.pid = caller.pid;
    child.ptid = caller.ptid;
    child.flags |= CLF.CLONE_FILES;
    child.lastExecTsHi = caller.lastExecTsHi;
    child.lastExecTsLo = caller.lastExecTsLo;
  }
  child.vtid = child.tid;
  child.vpid = child.pid;
  fillChildFromEvent(p, e, child);
  child.pidnsInitStartTs = p.bootTimeNs;
  if (valid) copyExeState(p, child, caller);
  else {
    caller.exe = child.exe;
    caller.comm = child.comm;
    caller.setArgs(child.args);
  }
  if (child.inherited !== caller.inherited) st.shareRecentInherited(child);
  st.addThread(child, false);
  if (collision) ctx.thread = st.getOrCreate(e.tid);
}

export function cloneChild(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const st = p.st;
  const childTid = e.tid;
  let collision = false;
  const cur = ctx.thread;
  if (cur && (cur.cloneTsHi !== 0 || cur.cloneTsLo !== 0)) {
    if (tsDiff(e.tsHi, e.tsLo, cur.cloneTsHi, cur.cloneTsLo) < CLONE_STALE_TIME_NS) return;
    st.removeThread(childTid, false);
    collision = true;
    ctx.thread = undefined;
  }
  const child = new ThreadInfo(childTid);
  child.pid = pint(e, 'pid') ?? -1;
  child.ptid = pint(e, 'ptid') ?? -1;
  if (!pempty(e, 'vpid')) {
    child.vtid = pint(e, 'vtid') ?? -1;
    child.vpid = pint(e, 'vpid') ?? -1;
  } else {
    child.vtid = childTid;
    child.vpid = -1;
  }
  child.flags = ((pint(e, 'flags') ?? 0) | CLF.CLONE_INVERTED) >>> 0;
  const leader = !(child.flags & CLF.CLONE_THREAD);
  if (!leader) child.flags |= CLF.CLONE_FILES;
  const src = st.getOrCreate(leader ? child.ptid : child.pid);
  let valid = true;
  if (src.invalid) {
    valid = false;
    if (!leader) {
      src.pid = child.pid;
      src.ptid = child.ptid;
      src.vpid = child.vpid;
      src.vtid = src.vpid;
      st.createDependencies(src);
    }
  }
  fillChildFromEvent(p, e, child);
  if (valid) {
    copyExeState(p, child, src);
    if (leader) {
      inheritFds(st, src, child);
      child.cwd = st.intern(st.cwdJoin('', st.cwd(src)));
      child.env = src.env;
    } else {
      child.lastExecTsHi = src.lastExecTsHi;
      child.lastExecTsLo = src.lastExecTsLo;
    }
  } else if (!leader) {
    src.exe = child.exe;
    src.comm = child.comm;
    src.setArgs(child.args);
  }
  if (child.flags & (CLF.CHILD_IN_PIDNS | CLF.CLONE_NEWPID) || child.tid !== child.vtid) {
    const ts = pbig(e, 'pidns_init_start_ts');
    if (ts !== undefined) child.pidnsInitStartTs = ts + p.bootTimeNs;
  } else child.pidnsInitStartTs = p.bootTimeNs;
  if (child.inherited !== src.inherited) st.shareRecentInherited(child);
  st.addThread(child, false);
  ctx.thread = child;
  void collision;
}

export function fillChildFromEvent(p: Parser, e: ScapEvent, child: ThreadInfo): void {
  const st = p.st;
  child.exe = st.intern(pstr(e, 'exe') ?? '');
  child.setArgs(st.internList(plist(e, 'args') ?? NO_STRINGS));
  const comm = pstr(e, 'comm');
  child.comm = comm === undefined || pempty(e, 'comm') ? child.exe : st.intern(comm);
  child.fdlimit = pint(e, 'fdlimit') ?? -1;
  readVm(e, child, false);
  child.uid = (pint(e, 'uid') ?? -1) >>> 0;
  child.gid = (pint(e, 'gid') ?? -1) >>> 0;
  if (!pempty(e, 'cgroups')) child.cgroups = st.internList(plist(e, 'cgroups') ?? NO_STRINGS);
  st.resolveContainer(child);
  child.cloneTsHi = e.tsHi;
  child.cloneTsLo = e.tsLo;
}

export function copyExeState(p: Parser, child: ThreadInfo, src: ThreadInfo): void {
  // exepath, exe flags and inode, root, sid, vpgid, pgid, tty, loginuid and capabilities, shared until changed.
  shareInherited(child, src);
  child.exeUpperLayer = src.exeUpperLayer;
  child.exeLowerLayer = src.exeLowerLayer;
  child.exeFromMemfd = src.exeFromMemfd;
  child.exeIno = src.exeIno;
  child.exeInoCtime = src.exeInoCtime;
  child.exeInoMtime = src.exeInoMtime;
}
