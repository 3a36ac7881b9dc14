// Textual list substitution, as Falco does it before parsing (docs/rules-language.md#list-substitution): every
// delimited occurrence of a list name, even inside quoted strings, becomes the list's items.

const BLANKS = ' \t\n\r';
const DELIMS = ' \t\n\r(),=';

/** Quote an item that contains a blank and is not already quoted (no escaping: Falco's behaviour). */
export function quoteItem(item: string): string {
  return item.includes(' ') && item[0] !== '"' && item[0] !== "'" ? `"${item}"` : item;
}

/** Replace the occurrences of list `name` in `text`; returns the new text, or undefined if none were found. */
export function substituteList(text: string, name: string, items: readonly string[]): string | undefined {
  let cnd = text;
  let used = false;
  let start = cnd.indexOf(name);
  while (start !== -1) {
    let end = start + name.length;
    if ((start === 0 || DELIMS.includes(cnd[start - 1] as string)) && (end >= cnd.length || DELIMS.includes(cnd[end] as string))) {
      while (start > 0 && BLANKS.includes(cnd[start - 1] as string)) start--;
      while (end < cnd.length && BLANKS.includes(cnd[end] as string)) end++;
      const sub = items.map(quoteItem).join(', ');
      if (sub === '') {
        if (start > 0 && cnd[start - 1] === ',') start--;
        else if (end < cnd.length && cnd[end] === ',') end++;
      }
      cnd = (start > 0 ? `${cnd.slice(0, start)} ` : '') + `${sub} ` + cnd.slice(end);
      start += sub.length + 1;
      used = true;
    }
    start = cnd.indexOf(name, start + 1);
  }
  return used ? cnd : undefined;
}

/** A list as the compiler sees it: name and (one-level expanded) items. */
export interface ListItems {
  readonly name: string;
  readonly items: readonly string[];
}

/** Substitute every list, in definition order; reports which lists were used. */
export function substituteLists(text: string, lists: Iterable<ListItems>, onUsed?: (name: string) => void): string {
  let out = text;
  for (const l of lists) {
    const r = substituteList(out, l.name, l.items);
    if (r !== undefined) {
      out = r;
      onUsed?.(l.name);
    }
  }
  return out;
}
