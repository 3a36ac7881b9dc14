// Small statistics, and the formatting of their figures, that the benchmarks share.

/** The median of numbers; of an even count, the lower middle one (the suites run odd counts: a round's own figure). */
export const medianOf = (l) => [...l].sort((a, b) => a - b)[Math.floor((l.length - 1) / 2)];

/** A ratio less one as a signed percentage: 0.123 → '+12.3 %'. */
export const signedPct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

/** A count in billions: 44_001_234_567 → '44.00 G'. */
export const giga = (n) => `${(n / 1e9).toFixed(2)} G`;

/** '1 thread', '2 threads'. */
export const threadsLabel = (n) => `${n} thread${n === 1 ? '' : 's'}`;
