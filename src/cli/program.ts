import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { escapeControl } from '../common/index.js';
import { commands } from './commands/index.js';
import { BUNDLED_RULES } from './commands/run.js';
import { translateFalcoArgs } from './falco-flags.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

/** Build the commander program writing to `io`; commander never exits the process itself. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('falco-replay')
    .description('Replay Falco/sysdig scap captures through Falco rules, offline and fast.')
    .version(pkg.version, '--version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const register of commands) register(program, io);
  return program;
}

/** Run the CLI with `argv` (without the node and script entries); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  const falco = translateFalcoArgs(argv, new Set(program.commands.map((c) => c.name())), BUNDLED_RULES);
  if ('error' in falco) {
    io.stderr.write(`error: ${escapeControl(falco.error)}\n`);
    return ExitCode.USAGE;
  }
  for (const n of falco.notes) io.stderr.write(`falco-replay: ${escapeControl(n)}\n`);
  try {
    await program.parseAsync(falco.argv, { from: 'user' });
    return io.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.OK;
      return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    throw err;
  }
}
