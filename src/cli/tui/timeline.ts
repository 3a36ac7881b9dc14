// The timeline: alerts over capture time per severity, in fixed buckets over the capture's span.
import { ours, type SafeText, type TuiData } from './model.js';
import { counted, type TimeWindow } from './views.js';

/** Buckets of the timeline (a screen's worth at 80×24 is 18; the rest scrolls). */
export const TIMELINE_BUCKETS = 40;

export interface Bucket {
  readonly index: number;
  /** ns since the epoch: from ≤ ts < to. */
  readonly from: number;
  readonly to: number;
  /** Alerts per priority (0 Emergency … 7 Debug). */
  readonly byPriority: readonly number[];
  readonly total: number;
  /** Offset of the bucket's start from the capture's first event. */
  readonly label: SafeText;
}

export interface Timeline {
  readonly buckets: readonly Bucket[];
  /** The largest bucket total (bars scale to it). */
  readonly max: number;
  /** ns since the epoch of the first event (or alert) and the bucket width. */
  readonly start: number;
  readonly width: number;
}

/** `+1.250s`, `+2m05.000s`: an offset from the capture's start, to the millisecond. */
export function offsetText(ns: number): string {
  const ms = Math.max(0, Math.round(ns / 1e6));
  const s = (ms % 60_000) / 1000;
  const m = Math.floor(ms / 60_000);
  return m > 0 ? `+${m}m${s.toFixed(3).padStart(6, '0')}s` : `+${s.toFixed(3)}s`;
}

/** The buckets over the span of what the replay saw (the alerts' span when no event counts were kept). */
export function timeline(d: TuiData): Timeline {
  const keys = d.keys ?? [];
  const n = Math.min(d.alertCount, keys.length);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const span = d.facts?.()?.span;
  if (span) {
    first = span.first;
    last = span.last;
  }
  for (let i = 0; i < n; i++) {
    const ts = (keys[i] as { ts: number }).ts;
    if (ts < first) first = ts;
    if (ts > last) last = ts;
  }
  if (!Number.isFinite(first)) return { buckets: [], max: 0, start: 0, width: 0 };
  // Whole milliseconds per bucket keep the labels exact.
  const width = Math.max(1e6, Math.ceil((last - first + 1) / TIMELINE_BUCKETS / 1e6) * 1e6);
  const count = Math.min(TIMELINE_BUCKETS, Math.floor((last - first) / width) + 1);
  const per = Array.from({ length: count }, () => new Array<number>(8).fill(0));
  for (let i = 0; i < n; i++) {
    const row = d.alerts[i];
    const ts = (keys[i] as { ts: number }).ts;
    if (!row || !counted(d, i)) continue;
    const b = per[Math.min(count - 1, Math.floor((ts - first) / width))] as number[];
    b[row.priority] = (b[row.priority] ?? 0) + 1;
  }
  let max = 0;
  const buckets = per.map((byPriority, index) => {
    const total = byPriority.reduce((a, b) => a + b, 0);
    max = Math.max(max, total);
    return { index, from: first + index * width, to: first + (index + 1) * width, byPriority, total, label: ours(offsetText(index * width)) };
  });
  return { buckets, max, start: first, width };
}

/** The window of buckets lo..hi (inclusive). */
export function windowOf(t: Timeline, lo: number, hi: number): TimeWindow | undefined {
  const a = t.buckets[Math.min(lo, hi)];
  const b = t.buckets[Math.max(lo, hi)];
  if (!a || !b) return undefined;
  return { from: a.from, to: b.to, label: ours(`${offsetText(a.from - t.start)}…${offsetText(b.to - t.start)}`) };
}

/** The bucket range a window covers (for marking it on the timeline). */
export function bucketsIn(t: Timeline, w: TimeWindow | undefined): { lo: number; hi: number } | undefined {
  if (!w || !t.width) return undefined;
  return { lo: Math.round((w.from - t.start) / t.width), hi: Math.round((w.to - t.start) / t.width) - 1 };
}
