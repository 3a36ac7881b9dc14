// Writing our own output files (summary files): never over one of the inputs, never half-written.
import { existsSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** True when both paths name the same existing file (same device and inode, whatever the links in between). */
export function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Write a whole file through a temporary file in the same directory and a rename: never a half-written file.
 * A device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written to, never replaced by the rename (as root a
 * rename would swap the device node for a regular file); a symbolic link to a file is kept and its target replaced.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  let target = path;
  if (existsSync(path)) {
    if (!statSync(path).isFile()) {
      writeFileSync(path, data);
      return;
    }
    target = realpathSync(path);
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let created = false;
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    created = true;
    renameSync(tmp, target);
  } catch (e) {
    if (created) unlinkSync(tmp);
    throw e;
  }
}
