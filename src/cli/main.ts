#!/usr/bin/env node
import { escapeControl } from '../common/index.js';
import { ExitCode } from './exit-codes.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

// `falco-replay events big.scap | head` closes our stdout early: stop quietly, as sysdig and coreutils do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.OK);
  throw err;
});

const io = processIo();
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const msg = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`falco-replay: internal error: ${escapeControl(msg, true)}\n`);
    process.exitCode = ExitCode.FAILURE;
  },
);
