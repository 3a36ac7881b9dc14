// `falco-replay describe -r FILE... [--json] [--rule NAME]`: what `falco -L` shows about loaded rules —
// per rule its event types, condition and output fields, macros, lists, exceptions, tags, priority, enabled.
import type { Command } from 'commander';
import { escapeControl } from '../../common/index.js';
import { describeRules } from '../../engine/index.js';
import { closest } from '../closest.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toJson } from '../json.js';
import { openRules, PLUGINS_HELP, renderLoadResult } from '../rules-report.js';
import { PLUGIN_FLAG_HELP } from '../plugin-libraries.js';

interface DescribeCliOptions {
  rules: string[];
  json?: boolean;
  rule?: string;
  plugins?: string;
  plugin?: string[];
}

interface RuleJson {
  info: { name: string; description: string; priority: string; enabled: boolean; source: string; tags: string[] };
  details: {
    events: string[];
    condition_fields: string[];
    output_fields: string[];
    macros: string[];
    lists: string[];
    exception_names: string[];
    exception_fields: string[];
    plugins: string[];
  };
}

export function registerDescribe(program: Command, io: CliIo): void {
  program
    .command('describe')
    .description('describe loaded rules as `falco -L` does: event types, fields, macros, lists, exceptions, tags, priority')
    .requiredOption('-r, --rules <path...>', 'rules file or directory (repeatable)')
    .option('--json', "print Falco's describe JSON (`falco -L -o json_output=true`)")
    .option('--rule <name>', 'describe only this rule (`falco -l NAME`)')
    .option('--plugins <list>', PLUGINS_HELP)
    .option('--plugin <path[:init_config]>', PLUGIN_FLAG_HELP, (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .action((opts: DescribeCliOptions) => {
      io.exitCode = runDescribe(opts, io);
    });
}

const list = (items: readonly string[]): string => (items.length ? items.map((i) => escapeControl(i)).join(', ') : '-');

function runDescribe(opts: DescribeCliOptions, io: CliIo): number {
  const opened = openRules(opts, io);
  if (typeof opened === 'number') return opened;
  const { files, engine } = opened;
  for (const f of files) {
    const res = engine.load(f.content, f.name);
    if (!res.successful) {
      io.stderr.write(`Error: ${renderLoadResult(res)}\n`);
      return ExitCode.FAILURE;
    }
  }
  const pluginError = engine.pluginRequirementsError();
  if (pluginError) {
    io.stderr.write(`Error: ${escapeControl(pluginError)}\n`);
    return ExitCode.FAILURE;
  }
  if (!engine.compiled) {
    io.stderr.write('Error: no rules files were loaded\n');
    return ExitCode.FAILURE;
  }
  let described: Record<string, unknown>;
  try {
    described = describeRules(engine, opts.rule !== undefined ? { rule: opts.rule } : {});
  } catch (e) {
    // A mistyped name gets the closest loaded ones, as --enable-rule and explain --rule do.
    const near = opts.rule !== undefined ? closest(opts.rule, engine.compiled.rules.map((r) => r.name)) : [];
    const hint = near.length ? ` (closest: ${near.map((n) => `"${n}"`).join(', ')})` : '';
    io.stderr.write(`Error: ${escapeControl(e instanceof Error ? e.message : String(e))}${escapeControl(hint)}\n`);
    return ExitCode.FAILURE;
  }
  if (opts.json) {
    io.stdout.write(`${toJson(described)}\n`);
    return ExitCode.OK;
  }
  const rules = described.rules as RuleJson[];
  let out = '';
  for (const r of rules) {
    const { info, details } = r;
    out += `Rule: ${escapeControl(info.name)}\n`;
    out += `  priority: ${info.priority}  enabled: ${info.enabled ? 'yes' : 'no'}  source: ${escapeControl(info.source)}\n`;
    out += `  description: ${escapeControl(info.description.trim().replace(/\s+/g, ' '))}\n`;
    out += `  tags: ${list(info.tags)}\n`;
    // A rule without an evt.type restriction matches every event type: say so rather than list hundreds.
    out += `  event types: ${details.events.length > 100 ? `any (${details.events.length} event types)` : list(details.events)}\n`;
    out += `  condition fields: ${list(details.condition_fields)}\n`;
    out += `  output fields: ${list(details.output_fields)}\n`;
    out += `  macros: ${list(details.macros)}\n`;
    out += `  lists: ${list(details.lists)}\n`;
    out += `  exceptions: ${list(details.exception_names)}${details.exception_fields.length ? ` (fields: ${list(details.exception_fields)})` : ''}\n`;
    if (details.plugins.length) out += `  plugins: ${list(details.plugins)}\n`;
    out += '\n';
  }
  if (opts.rule === undefined) {
    const enabled = rules.filter((r) => r.info.enabled).length;
    const macros = (described.macros as unknown[]).length;
    const lists = (described.lists as unknown[]).length;
    out += `${rules.length} rules (${enabled} enabled), ${macros} macros, ${lists} lists\n`;
  }
  io.stdout.write(out);
  return ExitCode.OK;
}
