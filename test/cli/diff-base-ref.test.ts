import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BaseRefError, materializeAtRevision } from '../../src/cli/commands/diff-base-ref.js';

const work = mkdtempSync(join(tmpdir(), 'fr-baseref-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const git = (repo: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function repoWithHistory(): string {
  const repo = join(work, 'repo');
  mkdirSync(join(repo, 'rules', 'extra'), { recursive: true });
  git(repo, 'init', '-q');
  writeFileSync(join(repo, 'rules', 'a.yaml'), 'v1 a\n');
  writeFileSync(join(repo, 'rules', 'extra', 'b.yaml'), 'v1 b\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'v1');
  writeFileSync(join(repo, 'rules', 'a.yaml'), 'v2 a\n');
  writeFileSync(join(repo, 'rules', 'new.yaml'), 'only in v2\n');
  symlinkSync('a.yaml', join(repo, 'rules', 'link.yaml'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'v2');
  return repo;
}

describe('--base-ref: the --head paths at a git revision', () => {
  const repo = repoWithHistory();

  it('copies a folder as it was at the revision, same layout, and cleans up', async () => {
    const m = await materializeAtRevision([join(repo, 'rules')], 'HEAD~1');
    try {
      expect(m.paths).toHaveLength(1);
      const base = m.paths[0] as string;
      expect(readFileSync(join(base, 'a.yaml'), 'utf8')).toBe('v1 a\n');
      expect(readFileSync(join(base, 'extra', 'b.yaml'), 'utf8')).toBe('v1 b\n');
      expect(existsSync(join(base, 'new.yaml'))).toBe(false);
    } finally {
      m.cleanup();
    }
    expect(existsSync(m.dir)).toBe(false);
  });

  it('copies single files, and skips symlinks', async () => {
    const m = await materializeAtRevision([join(repo, 'rules', 'a.yaml'), join(repo, 'rules')], 'HEAD');
    try {
      expect(readFileSync(m.paths[0] as string, 'utf8')).toBe('v2 a\n');
      expect(readFileSync(join(m.paths[1] as string, 'new.yaml'), 'utf8')).toBe('only in v2\n');
      expect(existsSync(join(m.paths[1] as string, 'link.yaml'))).toBe(false);
    } finally {
      m.cleanup();
    }
  });

  it('says when a path does not exist at the revision', async () => {
    await expect(materializeAtRevision([join(repo, 'rules', 'new.yaml')], 'HEAD~1')).rejects.toThrow(/new\.yaml does not exist at HEAD~1$/);
  });

  it('says when the revision is unknown, or is not a revision at all', async () => {
    await expect(materializeAtRevision([join(repo, 'rules')], 'no-such-branch')).rejects.toThrow(/unknown revision no-such-branch/);
    await expect(materializeAtRevision([join(repo, 'rules')], '--output=/tmp/x')).rejects.toThrow(BaseRefError);
  });

  it('says when the path is not in a git repository', async () => {
    const plain = join(work, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'r.yaml'), 'x');
    await expect(materializeAtRevision([join(plain, 'r.yaml')], 'HEAD')).rejects.toThrow(/r\.yaml is not inside a git repository/);
  });
});
