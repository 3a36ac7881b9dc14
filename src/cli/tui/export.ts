// `w` in the TUI: the visible alerts as Falco JSON lines; `W`: the events of the current selection as a capture
// (through `slice`'s writer, state kept). Both written atomically, never over an input file.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { escapeControl } from '../../common/index.js';
import { alertJson, printCanonical, type Alert, type AlertJsonOptions, type Expr } from '../../engine/index.js';
import { SliceError, writeSlice } from '../slice.js';
import { sameFile, writeFileAtomic } from '../write-file.js';

/** The notice when `path` is one of `inputs` (captures, rules files), else undefined. */
function inputClash(path: string, inputs: readonly string[], cwd: string): string | undefined {
  const target = resolve(cwd, path);
  for (const input of inputs) {
    if (resolve(cwd, input) === target || (existsSync(target) && sameFile(target, input))) {
      return `not written: ${escapeControl(path)} is an input of this run (${escapeControl(input)})`;
    }
  }
  return undefined;
}

/**
 * Write `alerts` to `path` as JSON lines (as `run --json` prints them). Refuses a path that is one of `inputs`
 * (captures, rules files). Returns the notice to show (escaped).
 */
export function exportAlerts(path: string, alerts: readonly Alert[], inputs: readonly string[], opts: AlertJsonOptions, cwd = process.cwd()): { ok: boolean; message: string } {
  const target = resolve(cwd, path);
  const shown = escapeControl(path);
  const clash = inputClash(path, inputs, cwd);
  if (clash) return { ok: false, message: clash };
  try {
    writeFileAtomic(target, alerts.map((a) => `${alertJson(a, opts)}\n`).join(''));
  } catch (e) {
    return { ok: false, message: `not written: ${escapeControl((e as Error).message)}` };
  }
  return { ok: true, message: `wrote ${alerts.length} alert${alerts.length === 1 ? '' : 's'} to ${shown}` };
}

/**
 * What `W` writes: the events a screen stands for, as `slice` selects them (docs/tui-views.md#writing-a-selection-as-a-capture).
 * Values are raw (never shown): they become quoted constants of a Falco filter, printed from a syntax tree.
 */
export interface CaptureSelection {
  /** `field = value` checks (the views' drill-down filters, the around view's thread or process, the followed fd). */
  readonly keys: readonly { readonly field: string; readonly value: string }[];
  /** Filter expressions as typed with `f` (the loaded rules' macros and lists allowed). */
  readonly filters: readonly string[];
  /** The timeline's window: ns since the epoch, from ≤ ts < to. */
  readonly window?: { readonly from: number; readonly to: number };
  /** Event numbers, inclusive. */
  readonly events?: { readonly first: number; readonly last: number };
}

/** A `field = value` check as a syntax tree (printed canonically, the value reads back as itself). */
const check = (field: string, value: string): Expr => ({ kind: 'binary', op: '=', left: { kind: 'field', field, offset: 0 }, right: { kind: 'value', value, offset: 0 }, offset: 0 });

/**
 * The selection's Falco filter: every check and every typed filter (expanded by `expand` into the loaded rules'
 * macros and lists), joined by `and`; undefined when nothing filters. Throws a {@link SliceError} when a typed
 * filter does not compile.
 */
export function selectionFilter(sel: CaptureSelection, expand: (text: string) => Expr | undefined): string | undefined {
  const parts: Expr[] = sel.keys.map((k) => check(k.field, k.value));
  for (const f of sel.filters) {
    const e = expand(f);
    if (!e) throw new SliceError(`the filter ${escapeControl(f)} does not compile`);
    parts.push(e);
  }
  if (!parts.length) return undefined;
  return printCanonical(parts.length === 1 ? (parts[0] as Expr) : { kind: 'and', children: parts, offset: 0 });
}

/** Where `W` offers to write: next to the capture, `NAME-selection.scap` (never the capture itself). */
export function defaultCapturePath(capture: string): string {
  const name = basename(capture).replace(/\.gz$/, '').replace(/\.scap$/, '');
  return join(dirname(capture), `${name}-selection.scap`);
}

/**
 * The first time in ns that reads as `x` or more as a number: the TUI keeps times as numbers (exact to 256 ns
 * today), so its window `from ≤ Number(ts) < to` is `firstRoundingTo(from) ≤ ts < firstRoundingTo(to)` in whole
 * nanoseconds.
 */
export function firstRoundingTo(x: number): bigint {
  const n = BigInt(Math.floor(x));
  if (Math.abs(x) < 2 ** 53) return n;
  // Number(t) never decreases as t grows: search between n and twice the widest spacing of numbers near x below
  // it (exact at powers of two, where the spacing below is half the spacing above).
  let lo = n - 2n ** BigInt(Math.ceil(Math.log2(Math.abs(x))) - 51);
  let hi = n;
  while (lo < hi) {
    const mid = lo + (hi - lo) / 2n;
    if (Number(mid) >= x) hi = mid;
    else lo = mid + 1n;
  }
  return lo;
}

export interface CaptureExportOptions {
  readonly capture: string;
  /** Every input of the run (captures, rules files): never written over. */
  readonly inputs: readonly string[];
  readonly expand: (text: string) => Expr | undefined;
  readonly zoneSeconds?: number;
  readonly cwd?: string;
}

/** Write the selection's events to `path` with `slice`'s writer. Returns the notice to show (escaped). */
export async function exportSelectionAsCapture(path: string, sel: CaptureSelection, opts: CaptureExportOptions): Promise<{ ok: boolean; message: string }> {
  const cwd = opts.cwd ?? process.cwd();
  const clash = inputClash(path, opts.inputs, cwd);
  if (clash) return { ok: false, message: clash };
  const target = resolve(cwd, path);
  try {
    const filter = selectionFilter(sel, opts.expand);
    const r = await writeSlice({
      input: opts.capture,
      output: target,
      ...(filter !== undefined ? { filter } : {}),
      ...(sel.window ? { since: { epochNs: firstRoundingTo(sel.window.from) }, until: { epochNs: firstRoundingTo(sel.window.to) } } : {}),
      ...(sel.events ? { events: sel.events } : {}),
      zoneSeconds: opts.zoneSeconds ?? 0,
    });
    const carried = r.carried ? ` and ${r.carried} state-changing event${r.carried === 1 ? '' : 's'} of their processes` : '';
    return { ok: true, message: `wrote ${r.events} event${r.events === 1 ? '' : 's'}${carried} to ${escapeControl(path)} (with ${r.threads} thread${r.threads === 1 ? '' : 's'} and ${r.fds} fd${r.fds === 1 ? '' : 's'} of state)` };
  } catch (e) {
    return { ok: false, message: `not written: ${escapeControl((e as Error).message)}` };
  }
}
