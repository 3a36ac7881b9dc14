// Rendering rules-load results for people: Falco's layout (file verdict, location chain, code and
// message), with the snippet taken from the real file at the exact line and column.
import { escapeControl, FalcoReplayError } from '../common/index.js';
import { codeText, exactLocation, KNOWN_PLUGINS, matchesWildcard, RulesEngine, type LoadItem, type LoadResult, type PluginInfo, type RuleSelection, type RulesEngineOptions } from '../engine/index.js';
import { closest } from './closest.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { PluginLoadError, pluginSpecsOf, withPluginLibraries } from './plugin-libraries.js';
import { readRulesArgs, RulesFileError } from './rules-files.js';

const MAX_SNIPPET = 160;

function snippet(item: LoadItem): string {
  const where = exactLocation(item.context);
  if (!where) return '<No context available>\n';
  const { line, column } = where.file.lineColumn(where.offset);
  let text = where.file.lineText(line);
  let col = column - 1;
  if (text.length > MAX_SNIPPET) {
    const from = Math.max(0, Math.min(col - MAX_SNIPPET / 2, text.length - MAX_SNIPPET));
    text = `${from > 0 ? '...' : ''}${text.slice(from, from + MAX_SNIPPET)}${from + MAX_SNIPPET < text.length ? '...' : ''}`;
    col = col - from + (from > 0 ? 3 : 0);
  }
  const shown = escapeControl(text.replace(/\t/g, ' '));
  const caretCol = escapeControl(text.slice(0, col).replace(/\t/g, ' ')).length;
  return `${shown}\n${' '.repeat(caretCol)}^\n`;
}

function renderItem(item: LoadItem): string {
  let out = '';
  item.context.locations.forEach((l, n) => {
    out += `${n === 0 ? 'In ' : '    '}${l.itemType}${l.itemName ? ` '${escapeControl(l.itemName)}'` : ''}: (${escapeControl(l.name)}:${l.line}:${l.column})\n`;
  });
  out += `------\n${snippet(item)}------\n`;
  out += `${item.code} (${codeText(item)}): ${escapeControl(item.message)}\n`;
  const where = exactLocation(item.context);
  if (where) {
    const { line, column } = where.file.lineColumn(where.offset);
    out += `  at ${escapeControl(where.file.name)}:${line}:${column}\n`;
  }
  return out;
}

/** `<file>: Ok` / `Ok, with warnings` / `Invalid`, as Falco's validation summary says it. */
export function verdict(res: LoadResult): string {
  return `${escapeControl(res.name)}: ${res.successful ? (res.warnings.length ? 'Ok, with warnings' : 'Ok') : 'Invalid'}`;
}

/**
 * The errors (or warnings) of a load, in Falco's verbose layout with exact snippets. With `collapse`, only the
 * first item of each code is shown in full, followed by how many more of that code there are.
 */
export function renderItems(items: readonly LoadItem[], title: 'Errors' | 'Warnings', collapse = false): string {
  if (!items.length) return '';
  if (!collapse) return `${items.length} ${title}:\n${items.map(renderItem).join('')}`;
  const byCode = new Map<string, LoadItem[]>();
  for (const item of items) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  let out = `${items.length} ${title}:\n`;
  for (const [code, group] of byCode) {
    out += renderItem(group[0] as LoadItem);
    if (group.length > 1) out += `  (and ${group.length - 1} more ${code} like this; -v shows every one)\n`;
  }
  return out;
}

/** One line counting the errors and warnings of every result by code, or '' when there are none. */
export function countsByCode(results: readonly LoadResult[], errorsOnly = false): string {
  const counts = new Map<string, number>();
  for (const r of results) for (const item of errorsOnly ? r.errors : [...r.errors, ...r.warnings]) counts.set(item.code, (counts.get(item.code) ?? 0) + 1);
  if (!counts.size) return '';
  return `${[...counts].map(([code, n]) => `${code}: ${n}`).join(', ')}`;
}

/** The whole verbose report of one file (a bare verdict line when there is nothing to report). */
export function renderLoadResult(res: LoadResult, collapse = false): string {
  if (!res.errors.length && !res.warnings.length && !res.schemaWarnings?.length) return verdict(res);
  let out = `${verdict(res)}\n`;
  if (res.schemaWarnings?.length) {
    out += `${res.schemaWarnings.length} Schema warnings:\n${res.schemaWarnings.map((w) => `------\n${escapeControl(w)}\n`).join('')}------\n`;
  }
  if (res.errors.length) out += `${renderItems(res.errors, 'Errors')}`;
  if (res.warnings.length) out += `${res.errors.length ? '\n' : ''}${renderItems(res.warnings, 'Warnings', collapse)}`;
  return out;
}

/** Engine options from the shared command-line flags. */
export function engineOptions(opts: { plugins?: string; plugin?: readonly string[] }): RulesEngineOptions {
  return { plugins: withPluginLibraries(selectPlugins(opts.plugins), pluginSpecsOf(opts.plugin, undefined, undefined, [])) };
}

/**
 * The rules files of `-r` read, and an engine with the `--plugins` catalogues to load them into (validate,
 * describe). On a bad argument the error is written to stderr and the exit code returned instead.
 */
export function openRules(opts: { rules: string[]; plugins?: string; plugin?: readonly string[] }, io: CliIo): { files: { name: string; content: string }[]; engine: RulesEngine } | number {
  try {
    const files = readRulesArgs(opts.rules);
    return { files, engine: new RulesEngine(engineOptions(opts)) };
  } catch (e) {
    if (e instanceof RulesFileError || e instanceof UsageError || e instanceof PluginLoadError) {
      io.stderr.write(`Error: ${escapeControl(e.message)}\n`);
      return e instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
    }
    throw e;
  }
}

/** A bad command-line value. */
export class UsageError extends FalcoReplayError {
  override readonly name = 'UsageError';
}

/** `--plugins container,json` (or `none`): which plugin catalogues are loaded; default all. */
export function selectPlugins(spec: string | undefined): readonly PluginInfo[] {
  if (spec === undefined || spec === 'all') return KNOWN_PLUGINS;
  if (spec === 'none' || spec === '') return [];
  const names = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const out: PluginInfo[] = [];
  for (const n of names) {
    const p = KNOWN_PLUGINS.find((k) => k.name === n);
    if (!p) throw new UsageError(`unknown plugin '${n}' (known: ${KNOWN_PLUGINS.map((k) => k.name).join(', ')}, or none)`);
    out.push(p);
  }
  return out;
}

export const PLUGINS_HELP = `plugins whose fields and sources are available: a comma-separated list of ${KNOWN_PLUGINS.map((k) => k.name).join(', ')}, "all" (default) or "none"`;

/** A warning for each rule-selection entry (`--enable-rule`, `rules[].disable.tag`…) that matches no loaded rule, with the closest names. */
export function unmatchedSelection(selection: readonly RuleSelection[], rules: readonly { name: string; tags: readonly string[] }[]): string[] {
  const out: string[] = [];
  const quote = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(', ');
  for (const sel of selection) {
    if (sel.rule !== undefined && !rules.some((r) => matchesWildcard(sel.rule as string, r.name))) {
      const near = closest(sel.rule, rules.map((r) => r.name));
      out.push(`${sel.op}.rule '${sel.rule}' matches no rule${near.length ? ` (closest: ${quote(near)})` : ''}`);
    }
    if (sel.tag !== undefined && !rules.some((r) => r.tags.includes(sel.tag as string))) {
      const near = closest(sel.tag, rules.flatMap((r) => r.tags));
      out.push(`${sel.op}.tag '${sel.tag}' matches no rule${near.length ? ` (closest tags: ${quote(near)})` : ''}`);
    }
  }
  return out;
}
