// Flag and enum names from the event table's flag tables, in libsinsp's resolution order.

/**
 * Flag names for value v from a flag table, in libsinsp's order. Bit flags: every entry whose bits are all set
 * (zero-valued entries only for v = 0), removing matched bits. Enum flags: the entries equal to v.
 */
export function flagNames(table: FlagTable, v: number, exact: boolean, legacy: boolean): string {
  // Rules test flags text (evt.arg.flags contains O_CREAT) on most open events: remember each table's texts.
  let known = memo.get(table);
  if (known === undefined) {
    known = new Map();
    memo.set(table, known);
  }
  const key = (v >>> 0) * 4 + (exact ? 2 : 0) + (legacy ? 1 : 0);
  let text = known.get(key);
  if (text === undefined) {
    text = resolveFlagNames(table, v, exact, legacy);
    if (known.size < MEMO_CAP) known.set(key, text);
  }
  return text;
}

type FlagTable = readonly (readonly [string, number])[];
/** Texts per flag table; a table's distinct values are few, and a hostile file cannot grow one past the cap. */
const memo = new WeakMap<FlagTable, Map<number, string>>();
const MEMO_CAP = 4096;

function resolveFlagNames(table: FlagTable, v: number, exact: boolean, legacy: boolean): string {
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
