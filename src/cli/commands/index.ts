// One file per subcommand; each exports a function that registers itself on the program.
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerBaselineCommands } from './baseline.js';
import { registerDescribe } from './describe.js';
import { registerDiffCommand } from './diff.js';
import { registerEvents } from './events.js';
import { registerExplain } from './explain.js';
import { registerFields } from './fields.js';
import { registerInspect } from './inspect.js';
import { registerMerge } from './merge.js';
import { registerProfile } from './profile.js';
import { registerRecord } from './record.js';
import { registerRun } from './run.js';
import { registerSlice } from './slice.js';
import { registerTui } from './tui.js';
import { registerValidate } from './validate.js';

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commands: readonly RegisterCommand[] = [
  registerInspect,
  registerEvents,
  registerSlice,
  registerValidate,
  registerDescribe,
  registerFields,
  registerRecord,
  registerRun,
  registerMerge,
  registerProfile,
  registerTui,
  registerExplain,
  registerDiffCommand,
  registerBaselineCommands,
];
