// Small statistics the benchmarks share.

/** The median of numbers; of an even count, the lower middle one (the suites run odd counts: a round's own figure). */
export const medianOf = (l) => [...l].sort((a, b) => a - b)[Math.floor((l.length - 1) / 2)];
