// Extractors of the stateful thread fields `thread.exectime`, `thread.totexectime`, `thread.cpu`,
// `thread.cpu.user` and `thread.cpu.system`. In libsinsp these keep state inside the field instance and in
// per-thread slots, and update it only when the field is extracted: a value depends on which earlier events
// the same field instance was extracted for (the events a filter let through to a format, the events whose
// condition evaluation reached the field), not on every event of the capture.
//
// Semantics (libsinsp 2022 `filterchecks.cpp` and current `sinsp_filtercheck_thread.cpp` agree except where
// noted):
// - exectime: on a scheduler switch event, the time since the previous switch event this field instance saw
//   on the same CPU (0 the first time, and whenever that previous timestamp was 0); 0 on any other event.
//   Each field instance keeps its own per-CPU timestamps, sized by the machine's CPU count. 2022 counts both
//   switch layouts (1 and 6 parameters); current libsinsp only the 6-parameter one (older ones are converted).
// - totexectime: the same delta added to a per-thread u64 total, which is returned; missing without a thread.
//   2022: one total per field instance; current: one total per thread shared by every instance.
// - thread.cpu*: on procinfo events only (missing otherwise, and without a thread), with
//   t = cpu_usr + cpu_sys (thread.cpu), cpu_usr (.user) or cpu_sys (.system), in ticks: 0 when the thread's
//   previous t is 0, else min(t − previous t as u64, 100); t becomes the previous t. 2022: one previous t per
//   field instance; current: one per thread shared by all three fields (so `%thread.cpu %thread.cpu.user` on
//   one event compare against each other's value).
// All arithmetic is u64 with wrap-around, done on u32 halves (no BigInt unless a value exceeds 2^53).
import type { ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../../state/context.js';
import type { FieldValue } from '../types.js';
import { asExtractor, type ExtractEnv, type ExtractorFactory } from './env.js';

const TWO32 = 0x1_0000_0000;

/** Result halves of the last 64-bit operation (scratch, so the hot path allocates nothing). */
let rHi = 0;
let rLo = 0;

function sub64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  rLo = (aLo - bLo) >>> 0;
  rHi = (aHi - bHi - (aLo < bLo ? 1 : 0)) >>> 0;
}

function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo + bLo;
  rLo = lo >>> 0;
  rHi = (aHi + bHi + (lo >= TWO32 ? 1 : 0)) >>> 0;
}

/** An unsigned 64-bit value from halves: a number up to 2^53 − 1, a bigint beyond. */
function u64Value(hi: number, lo: number): number | bigint {
  return hi < 0x20_0000 ? hi * TWO32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
}

function isSwitch(env: ExtractEnv, e: ScapEvent): boolean {
  const n = e.info.enumName;
  return n === 'PPME_SCHEDSWITCH_6_E' || (env.legacy && n === 'PPME_SCHEDSWITCH_1_E');
}

/**
 * One field instance's last switch timestamp per CPU (libsinsp `m_last_proc_switch_times`). `delta` leaves
 * the u64 time since the previous switch on the event's CPU in rHi/rLo.
 */
class SwitchClock {
  /** (hi, lo) per CPU; undefined until the first switch event (then sized by the machine's CPU count). */
  #last: Uint32Array | undefined;

  delta(env: ExtractEnv, e: ScapEvent): void {
    rHi = 0;
    rLo = 0;
    let last = this.#last;
    if (last === undefined) {
      const n = env.state.numCpus;
      // Current libsinsp gives 0 and keeps nothing while the machine reports no CPUs.
      if (n === 0 && !env.legacy) return;
      last = this.#last = new Uint32Array(2 * Math.max(n, 1));
    }
    const cpu = e.cpu;
    if (2 * cpu >= last.length) {
      // A CPU number at or beyond the machine's CPU count is out of bounds in libsinsp (undefined behaviour);
      // we grow the table and treat the CPU as new.
      const grown = new Uint32Array(2 * (cpu + 1));
      grown.set(last);
      last = this.#last = grown;
    }
    const hi = last[2 * cpu] as number;
    const lo = last[2 * cpu + 1] as number;
    if (hi !== 0 || lo !== 0) sub64(e.tsHi, e.tsLo, hi, lo);
    last[2 * cpu] = e.tsHi;
    last[2 * cpu + 1] = e.tsLo;
  }
}

const exectime: ExtractorFactory = (env) => {
  const clock = new SwitchClock();
  return asExtractor((ctx: EventContext): FieldValue => {
    const e = ctx.event;
    if (!isSwitch(env, e)) return 0;
    clock.delta(env, e);
    return u64Value(rHi, rLo);
  });
};

const totexectime: ExtractorFactory = (env) => {
  const clock = new SwitchClock();
  const st = env.state;
  const slot = st.reserveThreadSlot('totexectime');
  return asExtractor((ctx: EventContext): FieldValue | undefined => {
    const e = ctx.event;
    // The clock moves on every switch the instance sees, with or without a thread.
    if (isSwitch(env, e)) clock.delta(env, e);
    else rHi = rLo = 0;
    const t = ctx.thread;
    if (!t) return undefined;
    add64(t.slotHi(slot), t.slotLo(slot), rHi, rLo);
    t.setSlot(slot, rHi, rLo, st.threadSlotCount);
    return u64Value(rHi, rLo);
  });
};

function threadCpu(user: boolean, system: boolean): ExtractorFactory {
  return (env) => {
    const st = env.state;
    const slot = st.reserveThreadSlot('cpu');
    return asExtractor((ctx: EventContext): FieldValue | undefined => {
      const t = ctx.thread;
      if (!t) return undefined;
      const e = ctx.event;
      if (e.info.enumName !== 'PPME_PROCINFO_E') return undefined;
      let hi = 0;
      let lo = 0;
      if (user) {
        const h = e.paramU64Hi(0);
        const l = e.paramU64Lo(0);
        // A damaged procinfo without an 8-byte parameter: no value, state untouched.
        if (h === undefined || l === undefined) return undefined;
        hi = h;
        lo = l;
      }
      if (system) {
        const h = e.paramU64Hi(1);
        const l = e.paramU64Lo(1);
        if (h === undefined || l === undefined) return undefined;
        add64(hi, lo, h, l);
        hi = rHi;
        lo = rLo;
      }
      const pHi = t.slotHi(slot);
      const pLo = t.slotLo(slot);
      let v = 0;
      if (pHi !== 0 || pLo !== 0) {
        sub64(hi, lo, pHi, pLo);
        v = rHi !== 0 || rLo > 100 ? 100 : rLo;
      }
      t.setSlot(slot, hi, lo, st.threadSlotCount);
      return v;
    });
  };
}

export const THREAD_TIME_EXTRACTORS: Readonly<Record<string, ExtractorFactory>> = {
  'thread.exectime': exectime,
  'thread.totexectime': totexectime,
  'thread.cpu': threadCpu(true, true),
  'thread.cpu.user': threadCpu(true, false),
  'thread.cpu.system': threadCpu(false, true),
};
