// The evaluation context of one event: the event view plus the thread and fd libsinsp attached to it.
// Extractors read it; the inspector refills the one instance for every event.
import type { ScapEvent } from '../../scap/index.js';
import type { EvalContext } from '../fields/types.js';
import type { PluginRoute } from '../plugins/routing.js';
import type { FdInfo } from './fdinfo.js';
import type { ThreadInfo } from './threadinfo.js';

export class EventContext implements EvalContext {
  /** A new number for every event (the per-event cache key of compiled conditions). */
  epoch = 0;
  /** The event (a reused view: valid until the next event). */
  event!: ScapEvent;
  /** False for events that do not reach the rules (they still update state). */
  reachesRules = true;
  /** The thread of the event, when libsinsp attaches one. */
  thread: ThreadInfo | undefined;
  /** The thread libsinsp's reset attached (before the lookup fallback of field extraction). */
  attached: ThreadInfo | undefined;
  /** libsinsp's `evt.fdinfo`: the fd record the event is about, as reset/parsing left it. */
  fd: FdInfo | undefined;
  /** errno of a failed exit event (0 otherwise), as libsinsp's reset computes it. */
  errorcode = 0;
  /** Whether the exit event paired with the thread's last enter event. */
  paired = false;
  /** The stored enter event retrieved for this exit (2022 profile: for openat 103 names). */
  enter: ScapEvent | undefined;
  /** Where a plugin event (or an async event with a plugin ID) goes by its ID; undefined for syscall-source events. */
  route: PluginRoute | undefined;
}
