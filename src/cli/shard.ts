// `--shard K/N`: one machine's part of a capture list, so N machines replay the list together and
// `falco-replay merge` puts their summaries and alerts back together as one run over the whole list.
//
// The list is ordered by capture file name (the basename; the full path only breaks ties between equal names)
// and cut into N contiguous runs of nearly equal length; shard K takes the K-th. File names do not change when
// each pod mounts the same files at another path, and the order does not depend on the order the captures were
// named in. Contiguous runs (not a hash) keep exactness: every capture of shard K precedes every capture of
// shard K+1, so an alert of shard K with the same time as one of shard K+1 comes first, as one run over the
// captures in name order prints it (on equal times the capture given first comes first).
import { InvalidArgumentError } from 'commander';
import { basename } from 'node:path';

export interface Shard {
  /** 0 ≤ index < count. */
  readonly index: number;
  readonly count: number;
}

/** A shard count above this is a typo, not a fleet. */
export const MAX_SHARDS = 1_000_000;

/** Parse `K/N` (0 ≤ K < N); throws an Error whose message says what is wrong. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,7})\/(\d{1,7})$/.exec(text.trim());
  if (!m) throw new Error(`expected K/N with whole numbers 0 ≤ K < N (e.g. 0/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new Error(`the shard count N must be at least 1, got "${text}"`);
  if (count > MAX_SHARDS) throw new Error(`the shard count N must be at most ${MAX_SHARDS}, got "${text}"`);
  if (index >= count) throw new Error(`the shard index K must be below N (shards are numbered 0 to ${count - 1}), got "${text}"`);
  return { index, count };
}

/** commander's parser for `--shard`: a bad value is a usage error (exit 2) naming the option. */
export function shardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** The order shards cut: by file name, then by the full path (UTF-16 code units, as a directory listing is sorted). */
export function compareCaptures(a: string, b: string): number {
  const na = basename(a);
  const nb = basename(b);
  if (na !== nb) return na < nb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where shard `index` of `count` starts in a list of `total` captures (`index = count` gives `total`). */
export function shardStart(index: number, count: number, total: number): number {
  return Math.floor((index * total) / count);
}

/**
 * The captures of one shard, in name order (the order it replays them in), with a line for the log saying
 * which part it took. Without a shard, the list unchanged.
 */
export function shardCaptures(captures: readonly string[], shard: Shard | undefined, notes?: string[]): string[] {
  if (!shard) return [...captures];
  const sorted = [...captures].sort(compareCaptures);
  const from = shardStart(shard.index, shard.count, sorted.length);
  const to = shardStart(shard.index + 1, shard.count, sorted.length);
  const picked = sorted.slice(from, to);
  const first = basename(picked[0] ?? '');
  const last = basename(picked[picked.length - 1] ?? '');
  const span = picked.length === 0 ? '' : picked.length === 1 ? ` (${first})` : ` (${first} … ${last} in file-name order)`;
  notes?.push(`shard ${shard.index}/${shard.count}: ${picked.length} of ${sorted.length} capture${sorted.length === 1 ? '' : 's'}${span}`);
  return picked;
}
