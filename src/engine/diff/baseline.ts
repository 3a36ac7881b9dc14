// Baselines: per capture, the alerts a rule set produced, as compact sorted JSON (one alert per line, so a
// version-control diff shows exactly which alerts moved), with the capture's content hash and the rules
// files' hashes. Comparing a replay with a baseline gives the same report as a diff of two rule sets.
import { createHash } from 'node:crypto';
import { PRIORITIES, parsePriority } from '../rules/items.js';
import { diffAlerts, type DiffAlert, type DiffReport } from './alerts.js';
import { compareText } from './order.js';

export const BASELINE_VERSION = 1;

export interface BaselineAlert {
  readonly evtnum: number;
  readonly time: string;
  readonly rule: string;
  readonly priority: string;
  readonly output: string;
}

export interface Baseline {
  readonly baseline_version: typeof BASELINE_VERSION;
  /** The capture's name as given when the baseline was saved (a path relative to where it was run). */
  readonly capture: string;
  readonly capture_sha256: string;
  readonly rules: readonly { readonly file: string; readonly sha256: string }[];
  readonly alerts: readonly BaselineAlert[];
}

/** Caps on what a baseline file may hold (it is read from disk and may have been edited by anyone). */
export const BASELINE_LIMITS = { textBytes: 1 << 30, alerts: 10_000_000, rulesFiles: 10_000, stringChars: 1 << 20 } as const;

/** A baseline is unreadable, malformed, or no longer matches its capture. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const byEvent = (a: BaselineAlert, b: BaselineAlert): number => a.evtnum - b.evtnum || compareText(a.rule, b.rule);

/** The baseline of one capture from its alerts (any order). */
export function makeBaseline(capture: string, captureSha256: string, rules: readonly { file: string; content: string }[], alerts: readonly DiffAlert[]): Baseline {
  return {
    baseline_version: BASELINE_VERSION,
    capture,
    capture_sha256: captureSha256,
    rules: rules.map((r) => ({ file: r.file, sha256: sha256Hex(r.content) })),
    alerts: alerts
      .filter((a) => a.capture === capture)
      .map((a) => ({ evtnum: a.evtnum, time: a.time, rule: a.rule, priority: PRIORITIES[a.priority] ?? 'Debug', output: a.output }))
      .sort(byEvent),
  };
}

/** The file text: header keys first, then one alert per line, keys in a fixed order; ends with a newline. */
export function baselineText(b: Baseline): string {
  const head = [
    `  "baseline_version": ${b.baseline_version}`,
    `  "capture": ${JSON.stringify(b.capture)}`,
    `  "capture_sha256": ${JSON.stringify(b.capture_sha256)}`,
    `  "rules": [${b.rules.map((r) => `\n    {"file": ${JSON.stringify(r.file)}, "sha256": ${JSON.stringify(r.sha256)}}`).join(',')}${b.rules.length ? '\n  ' : ''}]`,
  ];
  const alerts = [...b.alerts].sort(byEvent).map(
    (a) => `    {"evtnum": ${a.evtnum}, "time": ${JSON.stringify(a.time)}, "rule": ${JSON.stringify(a.rule)}, "priority": ${JSON.stringify(a.priority)}, "output": ${JSON.stringify(a.output)}}`,
  );
  return `{\n${head.join(',\n')},\n  "alerts": [${alerts.length ? `\n${alerts.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}

/** Read a baseline file's text; throws {@link BaselineError} naming the file and the line, column or key. */
export function parseBaseline(text: string, file: string): Baseline {
  if (text.length > BASELINE_LIMITS.textBytes) throw new BaselineError(`${file}: baseline larger than ${BASELINE_LIMITS.textBytes} bytes`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? `:${lineColumn(text, Number(m[1]))}` : '';
    throw new BaselineError(`${file}${where}: not valid JSON (${(e as Error).message})`);
  }
  const bad = (path: string, what: string): never => {
    throw new BaselineError(`${file}: ${path}: ${what}`);
  };
  const obj = (v: unknown, path: string): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : bad(path, 'expected an object'));
  const str = (v: unknown, path: string): string => {
    if (typeof v !== 'string') return bad(path, 'expected a string');
    if (v.length > BASELINE_LIMITS.stringChars) bad(path, `longer than ${BASELINE_LIMITS.stringChars} characters`);
    return v;
  };
  const arr = (v: unknown, path: string, cap: number): unknown[] => {
    if (!Array.isArray(v)) return bad(path, 'expected an array');
    if (v.length > cap) bad(path, `more than ${cap} entries`);
    return v;
  };
  const root = obj(doc, '(top level)');
  if (root.baseline_version !== BASELINE_VERSION) bad('baseline_version', `unsupported version ${JSON.stringify(root.baseline_version)} (this falco-replay reads version ${BASELINE_VERSION})`);
  const capture = str(root.capture, 'capture');
  const sha = str(root.capture_sha256, 'capture_sha256');
  if (!/^[0-9a-f]{64}$/.test(sha)) bad('capture_sha256', 'expected 64 lower-case hex digits');
  const rules = arr(root.rules, 'rules', BASELINE_LIMITS.rulesFiles).map((r, i) => {
    const o = obj(r, `rules[${i}]`);
    return { file: str(o.file, `rules[${i}].file`), sha256: str(o.sha256, `rules[${i}].sha256`) };
  });
  const alerts = arr(root.alerts, 'alerts', BASELINE_LIMITS.alerts).map((a, i): BaselineAlert => {
    const p = `alerts[${i}]`;
    const o = obj(a, p);
    const evtnum = o.evtnum;
    if (typeof evtnum !== 'number' || !Number.isSafeInteger(evtnum) || evtnum < 0) bad(`${p}.evtnum`, 'expected a non-negative integer');
    const priority = str(o.priority, `${p}.priority`);
    if (parsePriority(priority) === undefined) bad(`${p}.priority`, `unknown priority ${JSON.stringify(priority)}`);
    return { evtnum: evtnum as number, time: str(o.time, `${p}.time`), rule: str(o.rule, `${p}.rule`), priority, output: str(o.output, `${p}.output`) };
  });
  return { baseline_version: BASELINE_VERSION, capture, capture_sha256: sha, rules, alerts };
}

/** Throws when the capture's content is not the one the baseline was recorded from. */
export function checkBaselineCapture(b: Baseline, captureSha256: string, file: string): void {
  if (b.capture_sha256 !== captureSha256) {
    throw new BaselineError(
      `${file}: capture ${b.capture} changed since the baseline was saved (sha256 ${b.capture_sha256.slice(0, 12)}… now ${captureSha256.slice(0, 12)}…); record the baseline again (--update) if the new capture is intended`,
    );
  }
}

/** The rules files whose content differs from the baseline's (added, removed or edited), sorted. */
export function changedRulesFiles(b: Baseline, rules: readonly { file: string; content: string }[]): string[] {
  const before = new Map(b.rules.map((r) => [r.file, r.sha256]));
  const now = new Map(rules.map((r) => [r.file, sha256Hex(r.content)]));
  const out = new Set<string>();
  for (const [f, h] of before) if (now.get(f) !== h) out.add(f);
  for (const f of now.keys()) if (!before.has(f)) out.add(f);
  return [...out].sort(compareText);
}

/** A baseline's alerts as the diff's base side (tags and process are not recorded, so not compared). */
export function baselineAlerts(b: Baseline): DiffAlert[] {
  return b.alerts.map((a) => ({ capture: b.capture, evtnum: a.evtnum, time: a.time, rule: a.rule, priority: parsePriority(a.priority) ?? 7, output: a.output }));
}

/**
 * Compare baselines with the alerts of a replay now (the head); the report is the same as a diff's. Each
 * baseline's capture hash must match `captureHashes` (capture name → sha256), or this throws.
 */
export function compareBaselines(
  baselines: readonly { readonly file: string; readonly baseline: Baseline }[],
  captureHashes: ReadonlyMap<string, string>,
  current: readonly DiffAlert[],
  labels: { base?: string; head?: string } = {},
): DiffReport {
  const captures: string[] = [];
  const base: DiffAlert[] = [];
  for (const { file, baseline } of baselines) {
    const hash = captureHashes.get(baseline.capture);
    if (hash === undefined) throw new BaselineError(`${file}: capture ${baseline.capture} was not replayed (is it still there?)`);
    checkBaselineCapture(baseline, hash, file);
    captures.push(baseline.capture);
    base.push(...baselineAlerts(baseline));
  }
  for (const c of captureHashes.keys()) if (!captures.includes(c)) captures.push(c);
  // Tags are not in baselines: leave them out of the comparison.
  const head = current.map((a): DiffAlert => ({ ...a, tags: undefined }));
  return diffAlerts({
    captures,
    base: { alerts: base, ...(labels.base !== undefined ? { label: labels.base } : {}) },
    head: { alerts: head, ...(labels.head !== undefined ? { label: labels.head } : {}) },
  });
}

/**
 * The file name of a capture's baseline in a baseline folder: the capture's name made safe for any file
 * system, plus a short hash of the full name so two captures never share a file (`a/b.scap` vs `a_b.scap`).
 */
export function baselineFileName(capture: string): string {
  const safe = capture.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-120) || 'capture';
  return `${safe}.${sha256Hex(capture).slice(0, 8)}.baseline.json`;
}
