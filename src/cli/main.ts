#!/usr/bin/env node
import { escapeControl } from '../common/index.js';
import { ExitCode } from './exit-codes.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

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
