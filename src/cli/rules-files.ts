// Finding and reading rules files the way Falco does for -r: a directory contributes its regular files
// named *.yaml or *.yml, sorted by full path; other file names are silently skipped. A file named explicitly is
// loaded whatever its name, as Falco does.
import { FalcoReplayError } from '../common/index.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFile, TextFileError } from './read-file.js';

/** A rules file could not be read; the message is Falco's. */
export class RulesFileError extends FalcoReplayError {
  override readonly name = 'RulesFileError';
}

const isYaml = (p: string): boolean => /\.ya?ml$/.test(p);

/** Expand rules paths (files and directories) into the files to load, in order. */
export function expandRulesPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) {
      let names: string[];
      try {
        names = readdirSync(p);
      } catch (e) {
        throw new RulesFileError(`Could not read rules directory ${p}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
      }
      const files = names
        .map((n) => join(p, n))
        .filter((f) => {
          try {
            return statSync(f).isFile();
          } catch {
            return false;
          }
        })
        .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      out.push(...files.filter(isYaml));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Read every file (all of them before any is loaded, as Falco does); throws {@link RulesFileError}. */
export function readRulesFiles(files: readonly string[]): { name: string; content: string }[] {
  return files.map((name) => {
    try {
      return { name, content: readTextFile(name) };
    } catch (e) {
      if (e instanceof TextFileError) throw new RulesFileError(`Could not open file ${name} for reading${e.cannotOpen ? '' : `: ${e.message}`}`);
      throw e;
    }
  });
}

/** The rules files a `-r` list names, expanded and read; throws {@link RulesFileError}, also when it names none. */
export function readRulesArgs(args: readonly string[]): { name: string; content: string }[] {
  const paths = expandRulesPaths(args);
  if (paths.length === 0) throw new RulesFileError(`no rules files (*.yaml, *.yml) in: ${args.join(', ')}`);
  return readRulesFiles(paths);
}
