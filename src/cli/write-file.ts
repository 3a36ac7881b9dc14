// Writing our own output files (summary files): never over one of the inputs, never half-written.
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

/** Write a whole file through a temporary file in the same directory and a rename: never a half-written file. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let created = false;
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    created = true;
    renameSync(tmp, path);
  } catch (e) {
    if (created) unlinkSync(tmp);
    throw e;
  }
}
