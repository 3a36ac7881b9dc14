// Orderings that do not depend on the locale or the ICU build, so reports are byte-identical everywhere.

/** Compare strings by UTF-16 code units (never localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
