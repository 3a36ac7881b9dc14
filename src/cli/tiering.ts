// V8 tier-up for a process that starts by running much code once (docs/architecture.md#start-up): reading and
// compiling the rules runs parser and compiler functions over hundreds of conditions, enough for V8 to hand
// them to its optimising compiler, whose background threads then spend more CPU than the whole load took
// interpreted, on code that is never run again. A larger interrupt budget (bytecode executed between tier-up
// checks) leaves that code to the baseline tiers; the replay's per-event functions still run millions of times
// and are optimised a few thousand events later, which a measured replay does not show.
import { setFlagsFromString } from 'node:v8';

/** Ten times V8's default (66 KB of bytecode in the V8 of Node 20). */
export const START_UP_INTERRUPT_BUDGET = 10 * 66 * 1024;

/** Set the larger interrupt budget for this process (its worker threads share it; job processes import this too), unless node was given one. */
export function deferOptimisation(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => a.startsWith('--interrupt-budget'))) return false;
  setFlagsFromString(`--interrupt-budget=${START_UP_INTERRUPT_BUDGET}`);
  return true;
}

/**
 * How many times V8's young generation grows at each step (V8's default is 2). Loading rules keeps much of what it
 * allocates (the compiled rules), and every scavenge copies what is live: starting at 1 MB and doubling, the stock
 * rules' load went through about a dozen scavenges. The maximum size is V8's own; a replay reaches it sooner (the
 * peak RSS of a 1 M-event replay with one thread went from 116 to 131 MB).
 */
export const SEMI_SPACE_GROWTH_FACTOR = 4;

/** Set the faster young-generation growth for this process, unless node was given a growth factor. */
export function growYoungGeneration(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => /^--semi[-_]space[-_]growth[-_]factor\b/.test(a))) return false;
  setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`);
  return true;
}

deferOptimisation();
growYoungGeneration();
