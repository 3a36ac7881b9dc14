// Memory and meta events: brk/mmap/munmap, context switches, container metadata, user and group events.
import type { ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import { containerFromJson, emptyContainer } from '../containers.js';
import { jsonLimitViolation, StateLimit } from '../limits.js';
import { Parser, pint, pstr } from './core.js';

export function vmExit(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t || e.nparams < 4) return;
  t.vmsizeKb = e.paramInt(1) ?? t.vmsizeKb;
  t.vmrssKb = e.paramInt(2) ?? t.vmrssKb;
  t.vmswapKb = e.paramInt(3) ?? t.vmswapKb;
}

export function contextSwitch(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t || e.nparams < 6) return;
  t.pfMajor = e.paramInt(1) ?? t.pfMajor;
  t.pfMinor = e.paramInt(2) ?? t.pfMinor;
  const m = p.st.mainThread(t);
  if (!m) return;
  m.vmsizeKb = e.paramInt(3) ?? m.vmsizeKb;
  m.vmrssKb = e.paramInt(4) ?? m.vmrssKb;
  m.vmswapKb = e.paramInt(5) ?? m.vmswapKb;
}

export function containerOld(p: Parser, e: ScapEvent): void {
  const id = e.paramString(0) ?? '';
  const c = emptyContainer(id, e.paramInt(1) ?? 0);
  c.name = e.paramString(2) ?? '';
  c.image = e.paramString(3) ?? '';
  p.st.containers.set(id, c);
}

export function containerJson(p: Parser, e: ScapEvent): void {
  const json = e.paramString(0) ?? '';
  const why = jsonLimitViolation(json);
  if (why !== undefined) {
    p.st.warnings.note(StateLimit.METADATA_REJECTED, () => `container event ${e.num}: ${why}`);
    return;
  }
  const c = containerFromJson(json);
  if (c) p.st.containers.set(c.id, c);
}

export function userEvent(p: Parser, e: ScapEvent, added: boolean): void {
  if (p.legacy) return;
  const cid = pstr(e, 'container_id') ?? '';
  const uid = (pint(e, 'uid') ?? 0) >>> 0;
  if (added) p.st.addUser({ uid, gid: (pint(e, 'gid') ?? 0) >>> 0, name: pstr(e, 'name') ?? '', home: pstr(e, 'home') ?? '', shell: pstr(e, 'shell') ?? '' }, cid);
  else p.st.users.get(cid)?.delete(uid);
}

export function groupEvent(p: Parser, e: ScapEvent, added: boolean): void {
  if (p.legacy) return;
  const cid = pstr(e, 'container_id') ?? '';
  const gid = (pint(e, 'gid') ?? 0) >>> 0;
  if (added) p.st.addGroup({ gid, name: pstr(e, 'name') ?? '' }, cid);
  else p.st.groupsById.get(cid)?.delete(gid);
}
