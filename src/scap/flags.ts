// Flag and enum names from the event table's flag tables, in libsinsp's resolution order.

/**
 * Flag names for value v from a flag table, in libsinsp's order. Bit flags: every entry whose bits are all set
 * (zero-valued entries only for v = 0), removing matched bits. Enum flags: the entries equal to v.
 */
export function flagNames(table: readonly (readonly [string, number])[], v: number, exact: boolean, legacy: boolean): string {
  const names: string[] = [];
  if (exact) {
    for (const [n, fv] of table) if (fv >>> 0 === v >>> 0) names.push(n);
    return names.join('|');
  }
  let val = v >>> 0;
  const initial = val;
  for (let k = 0; k < table.length; k++) {
    const [n, fvRaw] = table[k] as readonly [string, number];
    const fv = fvRaw >>> 0;
    if (legacy && fv === initial) {
      // 2022 libsinsp stops at the entry equal to the whole value and appends it.
      names.push(n);
      return names.join('|');
    }
    if ((fv === 0 && initial === 0) || (fv !== 0 && (val & fv) >>> 0 === fv && val !== 0)) {
      names.push(n);
      val = (val & ~fv) >>> 0;
      if (!legacy && fv === initial) break;
    }
  }
  return names.join('|');
}
