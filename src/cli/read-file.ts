// Reading a whole text input (rules, falco.yaml) safely: only a regular file (after following symlinks), never a
// FIFO or device that blocks or never ends, and never more than a cap.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Largest rules or configuration file read (Falco's own rules are under 1 MiB). */
export const MAX_TEXT_FILE = 32 << 20;

/** Why a text file could not be read, in a few words (no path: callers name the file their own way). */
export class TextFileError extends Error {
  override readonly name = 'TextFileError';
  constructor(
    message: string,
    /** The file could not be opened at all (missing, no permission), as opposed to refused after opening. */
    readonly cannotOpen = false,
  ) {
    super(message);
  }
}

const mib = (n: number): string => `${n / (1 << 20)} MiB`;

/** Read a regular file as UTF-8, at most `cap` bytes; throws {@link TextFileError} otherwise. */
export function readTextFile(path: string, cap = MAX_TEXT_FILE): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TextFileError(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message, true);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new TextFileError('is a directory');
    if (!st.isFile()) throw new TextFileError('not a regular file');
    if (st.size > cap) throw new TextFileError(`${st.size} bytes is over the ${mib(cap)} limit`);
    // Read at most cap + 1 bytes: a file growing while it is read is still bounded.
    const buf = Buffer.allocUnsafe(Math.min(st.size, cap) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n === buf.length) break;
    }
    if (n > cap) throw new TextFileError(`over the ${mib(cap)} limit`);
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}
