// One file per subcommand; each exports a function that registers itself on the program.
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerDescribe } from './describe.js';
import { registerFields } from './fields.js';
import { registerValidate } from './validate.js';

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commands: readonly RegisterCommand[] = [registerValidate, registerDescribe, registerFields];
