// "Did you mean": the known names closest to a mistyped one, by edit distance.

/** Levenshtein distance between two strings, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Up to `limit` candidates within a third of the name's length in edits (case-insensitive), nearest first. */
export function closest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const want = name.toLowerCase();
  const max = Math.max(2, Math.floor(want.length / 3));
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    const d = editDistance(want, c.toLowerCase(), max);
    if (d <= max) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, limit).map(([c]) => c);
}
