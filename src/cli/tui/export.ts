// `w` in the TUI: the visible alerts as Falco JSON lines, written atomically, never over an input file.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { escapeControl } from '../../common/index.js';
import { alertJson, type Alert, type AlertJsonOptions } from '../../engine/index.js';
import { sameFile, writeFileAtomic } from '../write-file.js';

/**
 * Write `alerts` to `path` as JSON lines (as `run --json` prints them). Refuses a path that is one of `inputs`
 * (captures, rules files). Returns the notice to show (escaped).
 */
export function exportAlerts(path: string, alerts: readonly Alert[], inputs: readonly string[], opts: AlertJsonOptions, cwd = process.cwd()): { ok: boolean; message: string } {
  const target = resolve(cwd, path);
  const shown = escapeControl(path);
  for (const input of inputs) {
    if (resolve(cwd, input) === target || (existsSync(target) && sameFile(target, input))) {
      return { ok: false, message: `not written: ${shown} is an input of this run (${escapeControl(input)})` };
    }
  }
  try {
    writeFileAtomic(target, alerts.map((a) => `${alertJson(a, opts)}\n`).join(''));
  } catch (e) {
    return { ok: false, message: `not written: ${escapeControl((e as Error).message)}` };
  }
  return { ok: true, message: `wrote ${alerts.length} alert${alerts.length === 1 ? '' : 's'} to ${shown}` };
}

/**
 * Capture export of a selection ("events of the current selection as a capture, state kept") needs the
 * `slice` command's writer, which does not exist yet: when it does, `w` on an event list calls it from here.
 */
export const exportSelectionAsCapture: undefined = undefined;
