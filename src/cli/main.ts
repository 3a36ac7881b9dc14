#!/usr/bin/env node
// First, so that it applies before any other module's code runs.
import './tiering.js';
import { escapeControl, FalcoReplayError } from '../common/index.js';
import { ExitCode } from './exit-codes.js';
import { boundHeapGrowth } from './heap.js';
import { processIo } from './io.js';
import { prestartJobsFor } from './job-processes.js';

// `--jobs N`: the job processes boot and import while this one loads the commands (docs/architecture.md#jobs),
// so the commands are imported after that.
prestartJobsFor(process.argv.slice(2));
const { runCli } = await import('./program.js');

// `falco-replay events big.scap | head` closes our stdout early: stop quietly, as sysdig and coreutils do.
// Any other write error (ENOSPC on /dev/full, EIO) ends the run with one line and exit 1, never a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.OK);
  process.stderr.write(`falco-replay: cannot write to standard output: ${escapeControl(err.message)}\n`);
  process.exit(ExitCode.FAILURE);
});

// Before the state grows: full collections often enough that garbage never outweighs the live state.
boundHeapGrowth();

const io = processIo();
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A system error (a file that cannot be read or written) is the user's to fix: its message names the path.
    if (err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string') {
      process.stderr.write(`falco-replay: error: ${escapeControl(err.message)}\n`);
      process.exitCode = ExitCode.FAILURE;
      return;
    }
    // An error thrown on purpose (a replay job process that died, say) is a failure to report, not a defect.
    if (err instanceof FalcoReplayError) {
      process.stderr.write(`falco-replay: error: ${escapeControl(err.message)}\n`);
      process.exitCode = ExitCode.FAILURE;
      return;
    }
    const msg = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`falco-replay: internal error: ${escapeControl(msg, true)}\n`);
    process.exitCode = ExitCode.FAILURE;
  },
);
