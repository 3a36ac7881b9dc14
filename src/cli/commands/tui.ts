// `falco-replay tui CAPTURE... -r RULES...`: the interactive terminal UI over a replay (the options of `run`).
import type { Command } from 'commander';
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
  addReplayOptions(cmd, ops).action(async (captures: string[], opts: ReplayFlags) => {
    const runTui = await loadTui();
    io.exitCode = await runTui({ ...replayFlagOptions(captures, opts, ops), summary: false, progress: false }, io);
  });
};
