// Rules and configuration files are read only when they are regular files under a size cap; an explicitly
// named rules file loads whatever its name (as in Falco); -o list indexes stay within the list.
import { chmodSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, parseOption, ConfigError } from '../../src/cli/falco-config.js';
import { MAX_TEXT_FILE } from '../../src/cli/read-file.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-files-'));
const RULE = '- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: WARNING\n';

describe('rules and config files that are not ordinary files', () => {
  it('a .yaml symlink to /dev/zero, a FIFO, a sparse huge file: one-line errors naming the file, at once', async () => {
    const zero = join(tmp, 'zero.yaml');
    symlinkSync('/dev/zero', zero);
    const fifo = join(tmp, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const big = join(tmp, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, MAX_TEXT_FILE + 1);
    for (const [f, why] of [[zero, 'not a regular file'], [fifo, 'not a regular file'], [big, `${MAX_TEXT_FILE + 1} bytes is over the 32 MiB limit`]] as const) {
      const r = await cli(['validate', '-r', f]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`Error: Could not open file ${f} for reading: ${why}\n`);
      const c = await cli(['-c', f, '--no-summary']);
      expect(c.code).toBe(2);
      expect(c.stderr).toBe(`Error: cannot read configuration ${f}: ${why}\n`);
    }
  });

  it('an unreadable -r directory is a one-line error with its path', () => {
    // Root reads any directory: run the built CLI as nobody then.
    const d = mkdtempSync(join(tmpdir(), 'fr-locked-'));
    chmodSync(d, 0o000);
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'validate', '-r', d], { encoding: 'utf8', ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    expect(r.stderr).toBe(`Error: Could not read rules directory ${d}: permission denied\n`);
    expect(r.status).toBe(1);
  });
});

describe('explicitly named rules files load whatever their extension (Falco filters only directory entries)', () => {
  it('alone and next to another -r alike', async () => {
    const txt = join(tmp, 'rules.txt');
    writeFileSync(txt, RULE);
    const y = join(tmp, 'other.yaml');
    writeFileSync(y, '- list: l\n  items: [x]\n');
    const alone = await cli(['validate', '-r', txt]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe(`${txt}: Ok\n`);
    const both = await cli(['validate', '-r', y, '-r', txt]);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain(`${txt}: Ok`);
  });
});

describe('-o list indexes', () => {
  it('an index beyond the end of the list + 1 is a config error, at once', async () => {
    expect(() => resolveConfig([parseOption('rules[4294967294].disable.rule=x')])).toThrow(ConfigError);
    const t0 = Date.now();
    const r = await cli(['-o', 'rules[4294967294].disable.rule=x', '--no-summary']);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: Config error at key "rules[4294967294].disable.rule": list index 4294967294 is beyond the end of the list (0 elements)\n');
  });
  it('the next index (appending) is still accepted', () => {
    expect(resolveConfig([parseOption('rules[0].disable.rule=x'), parseOption('rules[1].enable.rule=y')]).selection.length).toBe(2);
  });
});
