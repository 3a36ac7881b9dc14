// Writing our own output files (summary files): never over one of the inputs, never half-written.
import { lstatSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

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

const statOrUndefined = (f: () => Stats): Stats | undefined => {
  try {
    return f();
  } catch {
    return undefined;
  }
};

/** A path into the kernel's files (`/dev/stdout`, `/proc/self/fd/1`, a link to one): written where it is. */
const inPlace = (path: string, link: string | undefined): boolean => [resolve(path), link].some((p) => p !== undefined && /^\/(proc\/|dev\/(fd\/|std(in|out|err)$))/.test(p));

/**
 * Write a whole file through a temporary file in the same directory and a rename: never a half-written file.
 * A device, a pipe or a descriptor (`/dev/stdout`, `/dev/null`, a FIFO, `/proc/self/fd/N`, or a link to one) is
 * written to where it is, appending so that what the shell's redirection already holds stays (as root a rename
 * would swap the device node for a regular file; through `/dev/stdout` it would replace the file stdout writes
 * to); a symbolic link to a file, even one not there yet, is kept and its target written.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  let target = path;
  const l = statOrUndefined(() => lstatSync(path));
  const link = l?.isSymbolicLink() ? resolve(dirname(path), readlinkSync(path)) : undefined;
  const st = l?.isSymbolicLink() ? statOrUndefined(() => statSync(path)) : l;
  if ((st !== undefined && !st.isFile()) || inPlace(path, link)) {
    writeFileSync(path, data, { flag: 'a' });
    return;
  }
  if (link !== undefined) target = st ? realpathSync(path) : link;
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
