// The result of loading one rules file, with Falco's error and warning codes, its chain of locations, and
// its renderings: Falco's JSON (`falco -V -o json_output=true`), Falco's verbose text, and our diagnostics.
import type { Diagnostic } from '../../common/index.js';
import { MappedText, parserPosition, type Mark, type SourceFile } from './source.js';

/** Error codes with their short descriptions (also the JSON `codedesc` of errors). */
export const ERROR_CODES = {
  LOAD_ERR_FILE_READ: 'File read error',
  LOAD_ERR_YAML_PARSE: 'YAML parse error',
  LOAD_ERR_YAML_VALIDATE: 'Error validating internal structure of YAML file',
  LOAD_ERR_COMPILE_CONDITION: 'Error compiling condition',
  LOAD_ERR_COMPILE_OUTPUT: 'Error compiling output',
  LOAD_ERR_VALIDATE: 'Error validating rule/macro/list/exception objects',
  LOAD_ERR_EXTENSION: 'Error in extension item',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** Warning codes with their short texts. */
export const WARNING_CODES = {
  LOAD_UNKNOWN_SOURCE: 'Unknown event source',
  LOAD_UNSAFE_NA_CHECK: 'Unsafe <NA> comparison in condition',
  LOAD_NO_EVTTYPE: 'Condition has no event-type restriction',
  LOAD_UNKNOWN_FILTER: 'Unknown field or event-type in condition or output',
  LOAD_UNUSED_MACRO: 'Unused macro',
  LOAD_UNUSED_LIST: 'Unused list',
  LOAD_UNKNOWN_ITEM: 'Unknown rules file item',
  LOAD_DEPRECATED_ITEM: 'Used deprecated item',
  LOAD_WARNING_EXTENSION: 'Warning in extension item',
  LOAD_APPEND_NO_VALUES: 'Overriding/appending with no values',
  LOAD_EXCEPTION_NAME_NOT_UNIQUE: 'Multiple exceptions defined with the same name',
  LOAD_INVALID_MACRO_NAME: 'Invalid macro name',
  LOAD_INVALID_LIST_NAME: 'Invalid list name',
  LOAD_COMPILE_CONDITION: 'Warning in rule condition',
  LOAD_UNKNOWN_KEY: 'Unknown key in item definition',
} as const;
export type WarningCode = keyof typeof WARNING_CODES;

/**
 * Falco's long warning descriptions: the JSON `codedesc` of warnings. They are part of Falco's output
 * format (tools compare them), so they are reproduced verbatim.
 */
export const WARNING_DESCRIPTIONS: Readonly<Record<WarningCode, string>> = {
  LOAD_UNKNOWN_SOURCE:
    'A rule has a unknown event source. This can occur when reading rules content without having a corresponding plugin loaded, etc. The rule will be silently ignored.',
  LOAD_UNSAFE_NA_CHECK:
    "Comparing a field value with <NA> is unsafe and can lead to unpredictable behavior of the rule condition. If you need to check for the existence of a field, consider using the 'exists' operator instead.",
  LOAD_NO_EVTTYPE:
    'A rule condition matches too many evt.type values. This has a significant performance penalty. Make the condition more specific by adding an evt.type field or further restricting the number of evt.type values in the condition.',
  LOAD_UNKNOWN_FILTER:
    'A rule condition or output refers to a field or evt.type that does not exist. This is normally an error, but if a rule has a skip-if-unknown-filter property, the error is downgraded to a warning.',
  LOAD_UNUSED_MACRO: 'A macro is defined in the rules content but is not used by any other macro or rule.',
  LOAD_UNUSED_LIST: 'A list is defined in the rules content but is not used by any other list, macro, or rule.',
  LOAD_UNKNOWN_ITEM: 'An unknown top-level object is in the rules content. It will be ignored.',
  LOAD_DEPRECATED_ITEM: 'A deprecated item is employed by lists, macros, or rules.',
  LOAD_WARNING_EXTENSION: 'An extension item has a warning',
  LOAD_APPEND_NO_VALUES: 'A rule exception is overriding/appending with no values',
  LOAD_EXCEPTION_NAME_NOT_UNIQUE: 'A rule is defining multiple exceptions with the same name',
  LOAD_INVALID_MACRO_NAME: 'A macro is defined with an invalid name',
  LOAD_INVALID_LIST_NAME: 'A list is defined with an invalid name',
  LOAD_COMPILE_CONDITION: 'A rule condition or output have been parsed with a warning',
  LOAD_UNKNOWN_KEY:
    'An item in the rules content contains an unrecognized key. The key will be ignored. This may indicate a typo or a property placed on the wrong item type.',
};

/** Fields Falco warns about (LOAD_DEPRECATED_ITEM with a `deprecated_field` key). */
export const DEPRECATED_FIELDS: Readonly<Record<string, string>> = {
  'evt.dir':
    "due to the drop of enter events, 'evt.dir = <' always evaluates to true, and 'evt.dir = >' always evaluates to false. The rule expression can be simplified by removing the condition on 'evt.dir'",
  'evt.latency': 'field is not available due to the drop of enter events.',
  'evt.latency.s': 'field is not available due to the drop of enter events.',
  'evt.latency.ns': 'field is not available due to the drop of enter events.',
  'evt.latency.human': 'field is not available due to the drop of enter events.',
  'evt.wait_latency': 'field is not available due to the drop of enter events.',
};

/** The kinds of places a location can name, as Falco spells them. */
export type ItemType =
  | 'value for'
  | 'exceptions'
  | 'exception'
  | 'exception values'
  | 'exception value'
  | 'rules content'
  | 'rules content item'
  | 'required_engine_version'
  | 'required plugin versions'
  | 'required plugin versions entry'
  | 'required plugin versions alternative'
  | 'list'
  | 'list item'
  | 'macro'
  | 'macro condition'
  | 'rule'
  | 'rule condition'
  | 'condition expression'
  | 'rule output'
  | 'rule output expression'
  | 'rule priority'
  | 'overrides'
  | 'extension item';

/** `locs` and then `loc` (a copy and a push: an array spread is slow before V8 optimises, and the reader makes thousands). */
function withLast(locs: readonly Location[], loc: Location): Location[] {
  const out = locs.slice();
  out.push(loc);
  return out;
}

/** A place in the rules: Falco's numbers (0-based marks; condition offsets added Falco's way) and the real one. */
export interface Location {
  readonly itemType: ItemType;
  readonly itemName: string;
  /** File name, or the quoted start of a condition for condition expressions. */
  readonly name: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** Where this is in a file, exactly (absent when the place is made up, e.g. an exception clause). */
  readonly source?: { readonly file: SourceFile; readonly offset: number };
}

/**
 * A location of a node in a file whose line, column and byte offset are worked out when first read: most contexts
 * never reach a diagnostic. A class, not an object literal with getters (which V8 creates about ten times slower,
 * and a load makes thousands); copy one with {@link copyLocation}, as a spread would drop the getters.
 */
class FileLocation implements Location {
  readonly itemType: ItemType;
  readonly itemName: string;
  readonly name: string;
  readonly source: { readonly file: SourceFile; readonly offset: number };
  #mark: Mark | undefined;

  constructor(itemType: ItemType, itemName: string, name: string, file: SourceFile, offset: number) {
    this.itemType = itemType;
    this.itemName = itemName;
    this.name = name;
    this.source = { file, offset };
  }

  #at(): Mark {
    return (this.#mark ??= this.source.file.mark(this.source.offset));
  }

  get line(): number {
    return this.#at().line;
  }

  get column(): number {
    return this.#at().column;
  }

  get offset(): number {
    return this.#at().offset;
  }

  toJSON(): Location {
    return copyLocation(this);
  }
}

/** A plain copy of a location (its computed numbers read once). */
function copyLocation(l: Location): Location {
  return { itemType: l.itemType, itemName: l.itemName, name: l.name, line: l.line, column: l.column, offset: l.offset, ...(l.source ? { source: l.source } : {}) };
}

/** A chain of locations, outermost first; condition contexts carry the condition text for the snippet. */
export class LoadContext {
  readonly locations: readonly Location[];
  readonly conditionText?: string;

  constructor(locations: readonly Location[], conditionText?: string) {
    this.locations = locations;
    if (conditionText !== undefined) this.conditionText = conditionText;
  }

  /** The context of a whole file. */
  static root(file: SourceFile): LoadContext {
    return new LoadContext([{ itemType: 'rules content', itemName: '', name: file.name, line: 0, column: 0, offset: 0, source: { file, offset: 0 } }]);
  }

  get last(): Location {
    return this.locations[this.locations.length - 1] as Location;
  }

  get file(): SourceFile | undefined {
    for (let i = this.locations.length - 1; i >= 0; i--) {
      const s = this.locations[i]?.source;
      if (s) return s.file;
    }
    return undefined;
  }

  /** A child context for a node of the same file at `offset`. */
  at(offset: number, itemType: ItemType, itemName = ''): LoadContext {
    const file = this.file;
    if (!file) return new LoadContext([...this.locations, { ...copyLocation(this.last), itemType, itemName }]);
    return new LoadContext(withLast(this.locations, new FileLocation(itemType, itemName, this.locations[0]?.name ?? file.name, file, offset)));
  }

  /** A condition-expression context for offset `idx` of `text` (Falco adds the parser position to the parent's). */
  condition(text: MappedText, idx: number, files: readonly SourceFile[]): LoadContext {
    const p = parserPosition(text.text, idx);
    const parent = this.last;
    const t = text.text;
    let name = `"${t.length > 20 ? `${t.slice(0, 17)}..."` : `${t}"`}`;
    name = name.replace(/[\n\r]/g, ' ');
    const origin = text.origin(idx);
    const file = origin ? files[origin.file] : undefined;
    const loc: Location = {
      itemType: 'condition expression',
      itemName: '',
      name,
      line: parent.line + p.line,
      column: parent.column + p.col,
      offset: parent.offset + p.idx,
      ...(file && origin ? { source: { file, offset: origin.offset } } : {}),
    };
    return new LoadContext([...this.locations, loc], t);
  }

  /** The condition context Falco uses for whole-condition warnings: the condition's own position. */
  conditionStart(text: MappedText, files: readonly SourceFile[]): LoadContext {
    const c = this.condition(text, 0, files);
    const last = c.last;
    const parent = this.last;
    const locs = [...c.locations.slice(0, -1), { ...copyLocation(last), line: parent.line, column: parent.column, offset: parent.offset }];
    return new LoadContext(locs, c.conditionText);
  }

  /** The same context, with the exact place of the last location taken from another text's origin map. */
  withOrigin(text: MappedText, idx: number, files: readonly SourceFile[]): LoadContext {
    const origin = text.origin(idx);
    const file = origin ? files[origin.file] : undefined;
    if (!file || !origin) return this;
    return this.withExactSource(origin.offset, file);
  }

  /** The same context with the exact place of the last location replaced (Falco's numbers unchanged). */
  withExactSource(offset: number, file?: SourceFile): LoadContext {
    const last = this.last;
    const f = file ?? last.source?.file;
    if (!f) return this;
    const locs = [...this.locations.slice(0, -1), { ...copyLocation(last), source: { file: f, offset } }];
    return this.conditionText === undefined ? new LoadContext(locs) : new LoadContext(locs, this.conditionText);
  }
}

export type Severity = 'error' | 'warning';


/** One error or warning of a load. */
export interface LoadItem {
  readonly severity: Severity;
  readonly code: ErrorCode | WarningCode;
  readonly message: string;
  readonly context: LoadContext;
  /** For deprecated-field warnings. */
  readonly deprecatedField?: string;
}

/** Falco's snippet: the line holding the position (at most 80 characters around it) and a caret line. */
export function falcoSnippet(content: string, byteOffset: number, width = 160): string {
  const bytes = new TextEncoder().encode(content);
  if (bytes.length === 0) return '<No context available>\n';
  let offset = byteOffset;
  while (offset > 0 && (offset >= bytes.length || bytes[offset] === 10)) offset--;
  const half = width / 2;
  let from = offset;
  while (from > 0 && bytes[from] !== 10 && offset - from < half) from--;
  let to = offset;
  while (to < bytes.length - 1 && bytes[to] !== 10 && to - offset < half) to++;
  if (from < bytes.length && bytes[from] === 10) from++;
  if (to < bytes.length && bytes[to] === 10) to--;
  if (to < from) return '<No context available>\n';
  let ret = new TextDecoder().decode(bytes.subarray(from, to + 1));
  if (ret === '') return '<No context available>\n';
  if (offset - from >= half) ret = `...${ret.slice(3)}`;
  if (to - offset >= half) ret = `${ret.slice(0, -3)}...`;
  ret += '\n';
  if (offset - from <= ret.length - 1) ret += `${' '.repeat(offset - from)}^\n`;
  return ret;
}

/** Everything one rules file produced when loaded into the engine. */
export class LoadResult {
  readonly name: string;
  readonly errors: LoadItem[] = [];
  readonly warnings: LoadItem[] = [];
  #schema: string[] | undefined | (() => string[] | undefined);

  constructor(name: string) {
    this.name = name;
  }

  /** Schema check outcome: the problems found (empty when valid), or undefined when it did not run. */
  get schemaWarnings(): string[] | undefined {
    if (typeof this.#schema === 'function') this.#schema = this.#schema();
    return this.#schema;
  }

  set schemaWarnings(v: string[] | undefined) {
    this.#schema = v;
  }

  /** Run the (advisory) schema check when its outcome is first read: a replay that loads fine never reads it. */
  deferSchemaCheck(check: () => string[] | undefined): void {
    this.#schema = check;
  }

  get successful(): boolean {
    return this.errors.length === 0;
  }

  error(code: ErrorCode, message: string, context: LoadContext): void {
    this.errors.push({ severity: 'error', code, message, context });
  }

  warning(code: WarningCode, message: string, context: LoadContext, deprecatedField?: string): void {
    this.warnings.push({ severity: 'warning', code, message, context, ...(deprecatedField !== undefined ? { deprecatedField } : {}) });
  }

  /** The `falco_load_results` entry for this file; `contents` maps file names to their text. */
  toFalcoJson(contents: ReadonlyMap<string, string>): Record<string, unknown> {
    const item = (i: LoadItem): Record<string, unknown> => {
      const out: Record<string, unknown> = {
        code: i.code,
        codedesc: i.severity === 'error' ? ERROR_CODES[i.code as ErrorCode] : WARNING_DESCRIPTIONS[i.code as WarningCode],
        context: {
          locations: i.context.locations.map((l) => ({
            item_name: l.itemName,
            item_type: l.itemType,
            position: { column: l.column, line: l.line, name: l.name, offset: l.offset },
          })),
          snippet: falcoSnippetOf(i.context, contents),
        },
        message: i.message,
      };
      if (i.deprecatedField !== undefined) out.deprecated_field = i.deprecatedField;
      return out;
    };
    const res: Record<string, unknown> = { errors: this.errors.map(item), name: this.name };
    if (this.schemaWarnings !== undefined) {
      res.schema_valid = this.schemaWarnings.length === 0;
      res.schema_warnings = [...this.schemaWarnings];
    }
    res.successful = this.successful;
    res.warnings = this.warnings.map(item);
    return res;
  }

  /** Falco's verbose text for this file (`<file>: Ok`, or the errors and warnings with their contexts). */
  toFalcoText(contents: ReadonlyMap<string, string>): string {
    let os = `${this.name}: ${this.successful ? (this.warnings.length ? 'Ok, with warnings' : 'Ok') : 'Invalid'}`;
    if (this.schemaWarnings !== undefined && this.schemaWarnings.length > 0) {
      os += `\n${this.schemaWarnings.length} Schema warnings:\n`;
      for (const w of this.schemaWarnings) os += `------\n${w}\n`;
      os += '------\n';
    }
    const block = (items: LoadItem[], title: string): void => {
      if (!items.length) return;
      os += `\n${items.length} ${title}:\n`;
      for (const i of items) {
        os += i.context.locations
          .map((l, n) => `${n === 0 ? 'In ' : '    '}${l.itemType}${l.itemName ? ` '${l.itemName}'` : ''}: (${l.name}:${l.line}:${l.column})\n`)
          .join('');
        os += `------\n${falcoSnippetOf(i.context, contents)}------\n`;
        os += `${i.code} (${codeText(i)}): ${i.message}\n`;
      }
    };
    block(this.errors, 'Errors');
    block(this.warnings, 'Warnings');
    return os;
  }

  /** Our diagnostics: exact file, line and column, with the context chain as notes. */
  toDiagnostics(): Diagnostic[] {
    return [...this.errors, ...this.warnings].map(toDiagnostic);
  }
}

/** The short description Falco prints after a code in text form. */
export function codeText(i: LoadItem): string {
  if (i.severity === 'error') return ERROR_CODES[i.code as ErrorCode];
  const base = WARNING_CODES[i.code as WarningCode];
  return i.deprecatedField !== undefined ? `${base}: field '${i.deprecatedField}'` : base;
}

function falcoSnippetOf(ctx: LoadContext, contents: ReadonlyMap<string, string>): string {
  const last = ctx.last;
  if (ctx.conditionText !== undefined) {
    if (ctx.conditionText === '') return '<No context available>\n';
    // Falco takes the condition's file offset plus the position in the condition as the snippet position.
    return falcoSnippet(ctx.conditionText, last.offset);
  }
  const content = contents.get(last.name);
  if (content === undefined) return `<No context for file + ${last.name}>\n`;
  return falcoSnippet(content, last.offset);
}

/** The innermost location that is a real place in a file. */
export function exactLocation(ctx: LoadContext): { file: SourceFile; offset: number } | undefined {
  for (let i = ctx.locations.length - 1; i >= 0; i--) {
    const s = ctx.locations[i]?.source;
    if (s) return s;
  }
  return undefined;
}

function toDiagnostic(i: LoadItem): Diagnostic {
  const where = exactLocation(i.context);
  const context = [...i.context.locations]
    .reverse()
    .filter((l) => l.itemType !== 'rules content')
    .map((l) => `${l.itemType}${l.itemName ? ` '${l.itemName}'` : ''}`);
  const d: Diagnostic = { code: i.code, severity: i.severity, message: i.message, context };
  if (where) {
    const { line, column } = where.file.lineColumn(where.offset);
    d.location = { file: where.file.name, offset: where.offset, line, column };
  }
  return d;
}

export { MappedText };
