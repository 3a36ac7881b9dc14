// `falco-replay tui CAPTURE... -r RULES...`: the interactive terminal UI over a replay (the options of `run`).
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import type { ConfigOp } from '../falco-config.js';
import type { CliIo } from '../io.js';
import { loadTui } from '../tui/load.js';
import type { RegisterCommand } from './index.js';
import { addReplayOptions, replayFlagOptions, type ReplayFlags } from './run.js';

export const registerTui: RegisterCommand = (program: Command, io: CliIo) => {
  const ops: ConfigOp[] = [];
  const cmd = program
    .command('tui')
    .description('replay captures through Falco rules in an interactive terminal UI: live counts, then drill down from severity to rule, alert and event')
    .argument('[captures...]', 'scap capture files or directories (plain or gzip); several are merged in timestamp order');
  const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
  cmd
    .option('--base <path>', 'diff mode: rules file or directory of the old side (repeatable; with --head, instead of -r)', collect)
    .option('--head <path>', 'diff mode: rules file or directory of the new side (repeatable; with --base, instead of -r)', collect);
  addReplayOptions(cmd, ops).action(async (captures: string[], opts: ReplayFlags & { base?: string[]; head?: string[] }, self: Command) => {
    const diff = opts.base?.length || opts.head?.length;
    if (diff && !(opts.base?.length && opts.head?.length)) self.error('error: diff mode needs both --base <path> and --head <path>', { exitCode: ExitCode.USAGE });
    if (diff && opts.rules?.length) self.error('error: -r does not go with --base/--head (each side names its own rules)', { exitCode: ExitCode.USAGE });
    const runTui = await loadTui();
    io.exitCode = await runTui({ ...replayFlagOptions(captures, opts, ops), summary: false, progress: false, ...(diff ? { diff: { base: opts.base ?? [], head: opts.head ?? [] } } : {}) }, io);
  });
};
