// A stand-in state engine for testing the replay loop itself (merging, matching, truncation, outputs): it
// extracts only what an event carries by itself, so tests do not depend on process or fd state.
import type { FieldRegistry, InspectorOptions, ReplayInspector } from './engine.js';
import type { ScapEvent } from '../../src/scap/index.js';

interface Ctx {
  epoch: number;
  e: ScapEvent;
}

/** A ReplayOptions.inspector factory; `seen` collects every inspector it made. */
export function fakeInspectors(seen: ReplayInspector[] = []): (registry: FieldRegistry, opts: InspectorOptions) => ReplayInspector {
  return () => {
    const ctx = { epoch: 0 } as Ctx;
    const insp: ReplayInspector = {
      stateHandler: {},
      readOptions: {},
      bind: (f) => {
        switch (f.def.name) {
          case 'evt.num':
            return (c) => (c as Ctx).e.num;
          case 'evt.type':
            return (c) => (c as Ctx).e.typeName;
          case 'evt.dir':
            return (c) => (c as Ctx).e.dir;
          case 'evt.rawtime':
            return (c) => (c as Ctx).e.ts;
          case 'thread.tid':
            return (c) => (c as Ctx).e.tid;
          case 'evt.arg':
            return (c, arg) => {
              const e = (c as Ctx).e;
              const i = arg?.key !== undefined ? e.paramIndex(arg.key) : (arg?.index ?? -1);
              return i >= 0 && i < e.nparams ? e.paramString(i) : undefined;
            };
          default:
            return undefined;
        }
      },
      next: (e) => {
        ctx.epoch++;
        ctx.e = e;
        return ctx as never;
      },
      snapshot: () => ({ evtNum: ctx.e.num, ts: ctx.e.tsText(), type: ctx.e.typeName, dir: ctx.e.dir, fdNum: -1, thread: undefined, ancestors: [], fds: [] }),
    };
    seen.push(insp);
    return insp;
  };
}
