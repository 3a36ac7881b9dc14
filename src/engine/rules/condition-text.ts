// The textual steps of compiling a condition (docs/rules-language.md#list-substitution): Falco's list
// substitution over a text that remembers where each character came from, the exception clauses appended to a
// rule condition, and the names a text can depend on (docs/rules-language.md#compiling).
import { quoteItem } from '../condition/lists.js';
import { LIST_OPERATORS } from '../condition/parser.js';
import { isOperatorWithModifier, LoadError } from './collector.js';
import type { ExceptionInfo } from './items.js';
import type { LoadContext } from './load-result.js';
import { MappedText } from './source.js';

/** A list as substitution sees it: name and (one-level expanded) items. */
export interface SubstitutionList {
  readonly name: string;
  readonly items: readonly string[];
}

/** A list in the index, with the text that replaces its name and that text's tokens (worked out once). */
interface IndexedList extends SubstitutionList {
  sub?: string;
  subTokens?: readonly string[];
  /** The indices of the lists its tokens name, while the index held `count` lists (names are only ever added). */
  named?: { readonly count: number; readonly indices: readonly number[] };
}

const LIST_DELIMS = ' \t\n\r(),=';
/** A list name containing one of these matches without being a token of the text. */
export const LIST_DELIM_RE = /[ \t\n\r(),=]/;
const LIST_SPLIT_RE = /[ \t\n\r(),=]+/;
const isListDelim = (c: string | undefined): boolean => c !== undefined && LIST_DELIMS.includes(c);
const isBlankChar = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The lists in substitution order (first definition), with a name index; kept up to date as lists change. */
export class ListIndex {
  readonly order: IndexedList[] = [];
  readonly #byName = new Map<string, number>();
  /** Lists whose names contain a delimiter: they can match without being a token. */
  readonly #delimited: number[] = [];

  /** A list's items; a list not seen before comes after every other. */
  set(name: string, items: readonly string[]): void {
    const i = this.#byName.get(name);
    if (i !== undefined) {
      this.order[i] = { name, items };
      return;
    }
    this.#byName.set(name, this.order.length);
    if (LIST_DELIM_RE.test(name)) this.#delimited.push(this.order.length);
    this.order.push({ name, items });
  }

  /** Indices above `after` of the lists that may occur in `text`, ascending; `tokens` receives the text's tokens. */
  candidates(text: string, after: number, tokens?: Set<string>): number[] {
    const toks = text.split(LIST_SPLIT_RE);
    if (tokens) for (const t of toks) tokens.add(t);
    return this.#merge(this.#delimited.filter((i) => i > after), toks, after);
  }

  /**
   * The candidates after list `li` was substituted into a text whose candidates were `cands`: the later ones of
   * those, and the lists named by the substituted items. Substitution puts blanks around what it inserts and
   * only removes the list's name, blanks and a comma, so every other token of the text stays as it was.
   */
  candidatesAfter(cands: readonly number[], li: number): number[] {
    const l = this.order[li] as IndexedList;
    // The lists a list's items name are looked up once (a long list is substituted into many conditions).
    if (l.named?.count !== this.order.length) l.named = { count: this.order.length, indices: this.#named(subTokens(l)) };
    const out = cands.filter((i) => i > li);
    for (const i of l.named.indices) if (i > li) out.push(i);
    return this.#sorted(out);
  }

  #named(tokens: readonly string[]): number[] {
    const out: number[] = [];
    for (const tok of tokens) {
      const i = this.#byName.get(tok);
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  #merge(out: number[], tokens: readonly string[], after: number): number[] {
    for (const tok of tokens) {
      const i = this.#byName.get(tok);
      if (i !== undefined && i > after) out.push(i);
    }
    return this.#sorted(out);
  }

  #sorted(out: readonly number[]): number[] {
    // A native numeric sort (no comparator calls), then duplicates dropped.
    const sorted = Int32Array.from(out).sort();
    const res: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) res.push(sorted[i] as number);
    return res;
  }
}

/** The text that replaces a list's name. */
const listSub = (l: IndexedList): string => (l.sub ??= l.items.map(quoteItem).join(', '));
const subTokens = (l: IndexedList): readonly string[] => (l.subTokens ??= [...new Set(listSub(l).split(LIST_SPLIT_RE))]);

/**
 * Substitute every list into a condition text (Falco's textual algorithm: each list in definition order, every
 * delimited occurrence), keeping the origin map; the names of the lists substituted are pushed to `used`. A
 * delimited occurrence of a name without delimiter characters is a token of the text, so only the lists named
 * by tokens (and the rare names with delimiters) are searched. `tokens`, if given, receives the tokens of the
 * text and of the substituted items (see {@link substitutionTokens}).
 */
export function substituteLists(text: MappedText, index: ListIndex, used: string[], tokens?: Set<string>): MappedText {
  let cnd = text;
  let cands = index.candidates(cnd.text, -1, tokens);
  for (let ci = 0; ci < cands.length; ci++) {
    const li = cands[ci] as number;
    const l = index.order[li] as IndexedList;
    let found = false;
    let start = cnd.text.indexOf(l.name);
    while (start !== -1) {
      let end = start + l.name.length;
      const t = cnd.text;
      if ((start === 0 || isListDelim(t[start - 1])) && (end >= t.length || isListDelim(t[end]))) {
        const from = cnd;
        const at = start;
        while (start > 0 && isBlankChar(t[start - 1])) start--;
        while (end < t.length && isBlankChar(t[end])) end++;
        const sub = listSub(l);
        if (sub === '') {
          if (start > 0 && t[start - 1] === ',') start--;
          else if (end < t.length && t[end] === ',') end++;
        }
        const inserted = MappedText.syntheticAt(`${sub} `, from, at);
        const parts = start > 0 ? [cnd.slice(0, start), MappedText.syntheticAt(' ', from, at), inserted, cnd.slice(end)] : [inserted, cnd.slice(end)];
        cnd = MappedText.concat(parts);
        start += sub.length + 1;
        found = true;
      }
      start = cnd.text.indexOf(l.name, start + 1);
    }
    if (found) {
      used.push(l.name);
      if (tokens) for (const tok of subTokens(l)) tokens.add(tok);
      cands = index.candidatesAfter(cands, li);
      ci = -1;
    }
  }
  return cnd;
}

/** The exception clauses appended to a rule condition (docs/rules-language.md#exceptions). */
/** `appended` receives the names of the exceptions that added a clause (the explain tree labels them). */
export function exceptionCondition(cond: MappedText, exceptions: readonly ExceptionInfo[], fields: Set<string>, ruleCtx: LoadContext, appended?: string[]): MappedText {
  const origin = ruleCtx.last.source;
  const syn = (s: string): MappedText => MappedText.synthetic(s, origin?.file.id ?? -1, origin?.offset ?? -1);
  const parts: MappedText[] = [syn('('), cond, syn(')')];
  for (const ex of exceptions) {
    let icond = '';
    if (!ex.fields.isList) {
      for (const val of ex.values) {
        if (val.isList) throw new LoadError('LOAD_ERR_VALIDATE', 'Expected values array to contain a list of strings', ex.ctx);
        icond += icond === '' ? `(${ex.fields.item} ${ex.comps.item} (` : ', ';
        fields.add(ex.fields.item);
        icond += quoteItem(val.item);
      }
      icond += icond === '' ? '' : '))';
    } else {
      icond = '(';
      for (const values of ex.values) {
        if (ex.fields.items.length !== values.items.length) throw new LoadError('LOAD_ERR_VALIDATE', 'Fields and values lists must have equal length', ex.ctx);
        icond += icond === '(' ? '' : ' or ';
        icond += '(';
        ex.fields.items.forEach((field, k) => {
          icond += k === 0 ? '' : ' and ';
          const v = values.items[k];
          const comp = ex.comps.items[k]?.item ?? '=';
          let istr: string;
          if (v?.isList) {
            istr = `(${v.items.map((x) => quoteItem(x.item)).join(', ')})`;
          } else {
            istr = v?.item ?? '';
            if (LIST_OPERATORS.includes(comp) || isOperatorWithModifier(comp)) {
              if (istr[0] !== '(') istr = `(${istr})`;
            } else istr = quoteItem(istr);
          }
          icond += ` ${field.item} ${comp} ${istr}`;
          fields.add(field.item);
        });
        icond += ')';
      }
      icond += ')';
      if (icond === '()') icond = '';
    }
    if (icond !== '') {
      parts.push(syn(` and not ${icond}`));
      appended?.push(ex.name);
    }
  }
  return MappedText.concat(parts);
}


/**
 * The names a condition's list substitution can depend on: every token of the text before and after it and the
 * lists it substituted (a token that disappears was a substituted list name). A list outside this set, unless
 * its name holds a delimiter, cannot change the substitution. `tokens` holds the tokens of the text before and
 * of the substituted items (from {@link substituteLists}): every token of the text after is one of those. The set
 * returned is `tokens`, with the lists substituted added.
 */
export function substitutionTokens(tokens: Set<string>, used: readonly string[]): Set<string> {
  for (const t of used) tokens.add(t);
  return tokens;
}
