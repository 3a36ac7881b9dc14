// `--base-ref GITREF`: the `--head` rules paths as they were at a git revision, copied into a temporary folder
// with the same layout, so the base side loads exactly what the revision had. git runs with argument arrays
// (never a shell), and what the revision holds is capped like any other input.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const BASE_REF_LIMITS = { files: 10_000, fileBytes: 64 << 20 } as const;

/** The revision or a path cannot be materialised; the message says which and why. */
export class BaseRefError extends Error {
  override readonly name = 'BaseRefError';
}

export interface Materialized {
  /** The temporary folder holding the files (remove with {@link Materialized.cleanup}). */
  readonly dir: string;
  /** Each `--head` path's counterpart at the revision, in the same order. */
  readonly paths: readonly string[];
  readonly cleanup: () => void;
}

function git(args: readonly string[], cwd: string, encoding: 'utf8' | 'buffer' = 'utf8'): Promise<{ ok: boolean; out: Buffer | string; err: string }> {
  return new Promise((done) => {
    execFile('git', [...args], { cwd, encoding, maxBuffer: BASE_REF_LIMITS.fileBytes, windowsHide: true }, (error, stdout, stderr) => {
      done({ ok: !error, out: stdout, err: String(stderr || (error ? error.message : '')).trim() });
    });
  });
}

/** Copy `paths` (files or folders of the working tree) as they are at `ref` into a new temporary folder. */
export async function materializeAtRevision(paths: readonly string[], ref: string): Promise<Materialized> {
  if (ref === '' || ref.startsWith('-') || /[\0\n]/.test(ref)) throw new BaseRefError(`--base-ref: invalid revision ${JSON.stringify(ref)}`);
  const dir = mkdtempSync(join(tmpdir(), 'falco-replay-base-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const out: string[] = [];
    let files = 0;
    for (const p of paths) {
      const abs = resolve(p);
      let isDir = false;
      let real = abs;
      try {
        isDir = statSync(abs).isDirectory();
        real = realpathSync(abs);
      } catch {
        // Absent from the working tree: it may still exist at the revision; git answers from its folder.
        real = join(realpathSync(dirname(abs)), abs.slice(dirname(abs).length + 1));
      }
      const cwd = isDir ? real : dirname(real);
      const top = await git(['rev-parse', '--show-toplevel'], cwd);
      if (!top.ok) throw new BaseRefError(`--base-ref: ${p} is not inside a git repository`);
      const root = realpathSync(String(top.out).trim());
      const rel = relative(root, real);
      if (rel.startsWith('..') || isAbsolute(rel)) throw new BaseRefError(`--base-ref: ${p} is outside the git repository at ${root}`);
      const commit = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
      if (!commit.ok) throw new BaseRefError(`--base-ref: unknown revision ${ref} in the git repository at ${root}`);
      const sha = String(commit.out).trim();
      const gitPath = rel.split(sep).join('/');
      const listing = await git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', gitPath === '' ? '.' : gitPath], root);
      if (!listing.ok) throw new BaseRefError(`--base-ref: cannot list ${p} at ${ref}: ${listing.err}`);
      const entries = String(listing.out)
        .split('\0')
        .filter(Boolean)
        .map((line) => {
          const tab = line.indexOf('\t');
          const [mode, type, object] = line.slice(0, tab).split(' ');
          return { mode, type, object: object as string, path: line.slice(tab + 1) };
        })
        // Regular files only: symlinks and submodules are not rules files.
        .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755'));
      const prefix = gitPath === '' ? '' : `${gitPath}/`;
      const mine = entries.filter((e) => e.path === gitPath || e.path.startsWith(prefix) || gitPath === '');
      if (!mine.length) throw new BaseRefError(`--base-ref: ${p} does not exist at ${ref}`);
      const target = join(dir, String(out.length), rel === '' ? '' : rel);
      for (const e of mine) {
        if (++files > BASE_REF_LIMITS.files) throw new BaseRefError(`--base-ref: more than ${BASE_REF_LIMITS.files} files under the given paths at ${ref}`);
        const blob = await git(['cat-file', 'blob', e.object], root, 'buffer');
        if (!blob.ok) throw new BaseRefError(`--base-ref: cannot read ${e.path} at ${ref}: ${blob.err}`);
        const dest = join(dir, String(out.length), ...e.path.split('/'));
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, blob.out);
      }
      out.push(target);
    }
    return { dir, paths: out, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
