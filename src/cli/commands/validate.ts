// `falco-replay validate [FILE...] [-r FILE...] [--json] [--quiet] [-v]`: Falco's `-V` — load each rules file in turn into one engine
// and report every error and warning, with Falco's exit codes and `falco_load_results` JSON.
import type { Command } from 'commander';
import { escapeControl } from '../../common/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toJson } from '../json.js';
import { countsByCode, openRules, PLUGINS_HELP, renderItems, renderLoadResult, verdict } from '../rules-report.js';
import { PLUGIN_FLAG_HELP } from '../plugin-libraries.js';

interface ValidateOptions {
  rules: string[];
  json?: boolean;
  plugins?: string;
  plugin?: string[];
  quiet?: boolean;
  verbose?: boolean;
}

export function registerValidate(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check Falco rules files as `falco -V` does: every error and warning, Falco exit codes')
    .argument('[files...]', 'rules files or directories, as with -r (falco -V FILE)')
    .option('-r, --rules <path...>', 'rules file or directory (repeatable; directories load their *.yaml/*.yml files in sorted order)')
    .option('--json', 'print Falco\'s JSON validation results ({"falco_load_results": [...]})')
    .option('-q, --quiet', 'print errors only: no warnings, no line for a valid file')
    .option('-v, --verbose', 'print every warning (by default repeated warnings of one code are shown once, with a count)')
    .option('--plugins <list>', PLUGINS_HELP)
    .option('--plugin <path[:init_config]>', PLUGIN_FLAG_HELP, (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .action((files: string[], opts: Omit<ValidateOptions, 'rules'> & { rules?: string[] }) => {
      const rules = [...files, ...(opts.rules ?? [])];
      if (!rules.length) {
        io.stderr.write('error: no rules files given (falco-replay validate FILE... or -r FILE)\n');
        io.exitCode = ExitCode.USAGE;
        return;
      }
      io.exitCode = runValidate({ ...opts, rules }, io);
    });
}

function runValidate(opts: ValidateOptions, io: CliIo): number {
  const opened = openRules(opts, io);
  if (typeof opened === 'number') return opened;
  const { files, engine } = opened;
  const results = [];
  const summary: string[] = [];
  let ok = true;
  for (const f of files) {
    const res = engine.load(f.content, f.name);
    const pluginError = engine.pluginRequirementsError();
    if (pluginError) {
      io.stderr.write(`Error: ${escapeControl(pluginError)}\n`);
      return ExitCode.FAILURE;
    }
    ok &&= res.successful;
    results.push(res);
    const collapse = !opts.verbose;
    if (opts.quiet) {
      if (!res.successful) summary.push(`${verdict(res)}\n${renderItems(res.errors, 'Errors')}`.trimEnd());
    } else if (!res.successful || !res.warnings.length) summary.push(renderLoadResult(res, collapse));
    else {
      summary.push(verdict(res));
      io.stderr.write(`${verdict(res)}\n${renderItems(res.warnings, 'Warnings', collapse)}`);
    }
  }
  if (opts.json) {
    const contents = engine.contents();
    io.stdout.write(`${toJson({ falco_load_results: results.map((r) => r.toFalcoJson(contents)) })}\n`);
  } else {
    const counts = countsByCode(results, opts.quiet ?? false);
    if (counts) summary.push(counts);
    if (summary.length) io.stdout.write(`${summary.join('\n')}\n`);
  }
  if (!ok) {
    const bad = results.filter((r) => !r.successful).length;
    io.stderr.write(`Error: ${bad} of ${results.length} rules file${results.length === 1 ? '' : 's'} invalid\n`);
    return ExitCode.FAILURE;
  }
  return ExitCode.OK;
}
