// `falco-replay validate -r FILE... [--json]`: Falco's `-V` — load each rules file in turn into one engine
// and report every error and warning, with Falco's exit codes and `falco_load_results` JSON.
import type { Command } from 'commander';
import { escapeControl } from '../../common/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toJson } from '../json.js';
import { openRules, PLUGINS_HELP, renderItems, renderLoadResult, verdict } from '../rules-report.js';

interface ValidateOptions {
  rules: string[];
  json?: boolean;
  plugins?: string;
}

export function registerValidate(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check Falco rules files as `falco -V` does: every error and warning, Falco exit codes')
    .requiredOption('-r, --rules <path...>', 'rules file or directory (repeatable; directories load their *.yaml/*.yml files in sorted order)')
    .option('--json', 'print Falco\'s JSON validation results ({"falco_load_results": [...]})')
    .option('--plugins <list>', PLUGINS_HELP)
    .action((opts: ValidateOptions) => {
      io.exitCode = runValidate(opts, io);
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
    if (!res.successful || !res.warnings.length) summary.push(renderLoadResult(res));
    else {
      summary.push(verdict(res));
      io.stderr.write(`${verdict(res)}\n${renderItems(res.warnings, 'Warnings')}`);
    }
  }
  if (opts.json) {
    const contents = engine.contents();
    io.stdout.write(`${toJson({ falco_load_results: results.map((r) => r.toFalcoJson(contents)) })}\n`);
  } else {
    io.stdout.write(`${summary.join('\n')}\n`);
  }
  if (!ok) {
    const bad = results.filter((r) => !r.successful).length;
    io.stderr.write(`Error: ${bad} of ${results.length} rules file${results.length === 1 ? '' : 's'} invalid\n`);
    return ExitCode.FAILURE;
  }
  return ExitCode.OK;
}
