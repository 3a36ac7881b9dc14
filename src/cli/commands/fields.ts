// `falco-replay fields [--json] [--source S] [-v] [--names] [--markdown]`: the field catalogue, laid out as
// `falco --list` prints it.
import type { Command } from 'commander';
import { escapeControl } from '../../common/index.js';
import { EPF, FieldRegistry, isExtracted, type ClassListing, type FieldDef } from '../../engine/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toJson } from '../json.js';
import { PLUGIN_FLAG_HELP, PluginLoadError, pluginSpecsOf, withPluginLibraries } from '../plugin-libraries.js';
import { PLUGINS_HELP, selectPlugins, UsageError } from '../rules-report.js';

const NOT_EXTRACTED = '[not extracted by falco-replay: always missing]';

/** Whether falco-replay extracts this field of this class. */
/** Whether a replay extracts a field: the state engine's fields, and every field of a loaded plugin library. */
type Extracted = (cls: string, f: FieldDef) => boolean;
const builtinExtracted: Extracted = (cls, f) => isExtracted(cls, f.name);

interface FieldsOptions {
  json?: boolean;
  source?: string;
  verbose?: boolean;
  names?: boolean;
  markdown?: boolean;
  plugins?: string;
  plugin?: string[];
}

const RIGHT = 30;
const WIDTH = 120;

export function registerFields(program: Command, io: CliIo): void {
  program
    .command('fields')
    .description('list the fields conditions and outputs can use, as `falco --list` does')
    .option('--json', "print Falco's JSON field catalogue")
    .option('--source <source>', 'only the fields of this event source (syscall, k8s_audit, aws_cloudtrail)')
    .option('-v, --verbose', 'show each field type')
    .option('--names', 'print field names only')
    .option('--markdown', 'print Markdown tables')
    .option('--plugins <list>', PLUGINS_HELP)
    .option('--plugin <path[:init_config]>', PLUGIN_FLAG_HELP, (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .action((opts: FieldsOptions) => {
      io.exitCode = runFields(opts, io);
    });
}

/** Falco's tags for a field (`(ARG_ALLOWED,EPF_NO_RHS)`), sorted as a std::set. */
function tags(f: FieldDef): string[] {
  const t: string[] = [];
  if (f.flags & EPF.FILTER_ONLY) t.push('FILTER_ONLY');
  if (f.flags & EPF.TABLE_ONLY) t.push('EPF_TABLE_ONLY');
  if (f.flags & EPF.DEPRECATED) t.push('EPF_DEPRECATED');
  if (f.flags & EPF.NO_RHS) t.push('EPF_NO_RHS');
  if (f.flags & EPF.NO_TRANSFORMER) t.push('EPF_NO_TRANSFORMER');
  if (f.flags & (EPF.ARG_REQUIRED | EPF.ARG_ALLOWED)) {
    t.push(f.flags & EPF.ARG_REQUIRED ? 'ARG_REQUIRED' : 'ARG_ALLOWED');
    if (f.flags & EPF.ARG_INDEX) t.push('ARG_INDEX');
    if (f.flags & EPF.ARG_KEY) t.push('ARG_KEY');
  }
  if (f.flags & EPF.IS_LIST) t.push('EPF_IS_LIST');
  return t.sort();
}

/** Fields `--list` shows: not print-only, not table-only, not deprecated. */
const listed = (f: FieldDef): boolean => !(f.flags & (EPF.PRINT_ONLY | EPF.TABLE_ONLY | EPF.DEPRECATED));

function wrap(text: string): string {
  let out = '';
  let len = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const wl = word.length + 1;
    if (len + wl <= WIDTH - RIGHT) len += wl;
    else {
      out += `\n${' '.repeat(RIGHT)}`;
      len = wl;
    }
    out += `${word} `;
  }
  return out;
}

function asText({ cls, sources }: ClassListing, verbose: boolean, extracted: Extracted): string {
  const fields = cls.fields.filter((f) => !(f.flags & EPF.PRINT_ONLY));
  if (!fields.some(listed)) return '';
  let os = '-------------------------------\n';
  os += `${'Field Class:'.padEnd(RIGHT)}${cls.name}${cls.shortDesc ? ` (${cls.shortDesc})` : ''}\n`;
  if (cls.desc) os += `${'Description:'.padEnd(RIGHT)}${wrap(cls.desc)}\n`;
  if (sources.length) os += `${'Event Sources:'.padEnd(RIGHT)}${sources.map((s) => `${s} `).join('')}\n`;
  os += '\n';
  for (const f of fields.filter(listed)) {
    os += f.name.length > RIGHT ? `${f.name}\n${' '.repeat(RIGHT)}` : f.name.padEnd(RIGHT);
    let desc = f.desc;
    const t = tags(f);
    if (t.length) desc = `(${t.join(',')}) ${desc}`;
    if (verbose) desc = `(Type: ${f.type}) ${desc}`;
    if (!extracted(cls.name, f)) desc = `${desc} ${NOT_EXTRACTED}`;
    os += `${wrap(desc)}\n`;
  }
  return os;
}

function asMarkdown({ cls, sources }: ClassListing, extracted: Extracted): string {
  const fields = cls.fields.filter(listed);
  if (!fields.length) return '';
  let os = `## Field Class: ${cls.name}\n\n`;
  if (cls.desc) os += `${cls.desc}\n\n`;
  if (sources.length) os += `Event Sources: ${sources.map((s) => `${s} `).join('')}\n\n`;
  os += 'Name | Type | Description\n:----|:-----|:-----------\n';
  for (const f of fields) os += `\`${f.name}\` | ${f.flags & EPF.IS_LIST ? `LIST(${f.type})` : f.type} | ${f.desc}${extracted(cls.name, f) ? '' : ` ${NOT_EXTRACTED}`}\n`;
  return os;
}

function asJson({ cls, sources }: ClassListing, extracted: Extracted): Record<string, unknown> | undefined {
  const fields = cls.fields.filter(listed);
  if (!fields.length) return undefined;
  const out: Record<string, unknown> = { name: cls.name };
  if (cls.desc) out.desc = cls.desc;
  if (sources.length) out.event_sources = [...sources];
  out.fields = fields.map((f) => {
    const argument =
      f.flags & (EPF.ARG_REQUIRED | EPF.ARG_ALLOWED)
        ? { required: (f.flags & EPF.ARG_REQUIRED) !== 0, type: [...(f.flags & EPF.ARG_INDEX ? ['INDEX'] : []), ...(f.flags & EPF.ARG_KEY ? ['KEY'] : [])] }
        : null;
    return { argument, desc: f.desc, is_list: (f.flags & EPF.IS_LIST) !== 0, name: f.name, type: f.type, falco_replay_extracts: extracted(cls.name, f) };
  });
  return out;
}

function runFields(opts: FieldsOptions, io: CliIo): number {
  let registry: FieldRegistry;
  try {
    registry = new FieldRegistry(withPluginLibraries(selectPlugins(opts.plugins), pluginSpecsOf(opts.plugin, undefined, undefined, [])));
  } catch (e) {
    if (e instanceof UsageError || e instanceof PluginLoadError) {
      io.stderr.write(`Error: ${escapeControl(e.message)}\n`);
      return e instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
    }
    throw e;
  }
  const runtime = new Set(registry.plugins.filter((p) => p.extractors !== undefined).map((p) => p.fields.name));
  const extracted: Extracted = (cls, f) => runtime.has(cls) || builtinExtracted(cls, f);
  if (opts.source !== undefined && !registry.hasSource(opts.source)) {
    io.stderr.write(`Error: unknown event source '${escapeControl(opts.source)}' (known: ${registry.sources.join(', ')})\n`);
    return ExitCode.USAGE;
  }
  const listing = registry.listing(opts.source);
  if (opts.names) {
    const names = listing.flatMap(({ cls }) => cls.fields.filter(listed).map((f) => f.name));
    io.stdout.write(opts.json ? `${toJson({ fieldnames: names }, 2)}\n` : `${names.join('\n')}\n`);
    return ExitCode.OK;
  }
  if (opts.json) {
    io.stdout.write(`${toJson({ fieldclasses: listing.map((c) => asJson(c, extracted)).filter((c) => c !== undefined) }, 2)}\n`);
    return ExitCode.OK;
  }
  const render = opts.markdown ? (c: ClassListing): string => asMarkdown(c, extracted) : (c: ClassListing): string => asText(c, opts.verbose ?? false, extracted);
  io.stdout.write(listing.map((c) => `${render(c)}\n`).join(''));
  return ExitCode.OK;
}
