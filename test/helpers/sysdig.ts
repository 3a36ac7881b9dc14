import { execFileSync } from 'node:child_process';

/** The sysdig binary: its tier hands it over as $FALCO_REPLAY_SYSDIG (test/helpers/tiers.ts); other tiers get none. */
export const SYSDIG = process.env.FALCO_REPLAY_SYSDIG ?? 'sysdig';

/**
 * Run sysdig 0.29.3 (the independent oracle; CI installs it) and return its event lines. sysdig writes its
 * own log lines to stdout with -D; only lines starting with an event number are kept when `eventsOnly`.
 */
export function sysdig(args: string[], eventsOnly = true): string[] {
  // sysdig prints local times; it inherits our time zone, as the in-process CLI uses it.
  const out = execFileSync(SYSDIG, args, { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }).toString('latin1');
  const lines = out.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return eventsOnly ? lines.filter((l) => /^\d+ /.test(l) || /^\d+$/.test(l)) : lines;
}

/**
 * Remove what only a full state engine can print: fd resolutions `fd=3(<f>/etc/passwd)` → `fd=3`, and fd
 * type characters in fd lists `fds=4:64 5:u1` → `fds=4:?4 5:?1`.
 */
export function stripFdState(line: string): string {
  const tokens = line.replace(/=(-?\d+)\(<[^>]*>[^ ]*\)/g, '=$1').split(' ');
  let inList = false;
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i] as string;
    let prefix = '';
    if (t.startsWith('fds=')) {
      prefix = 'fds=';
      t = t.slice(4);
      inList = true;
    }
    const m = inList ? /^(\d+):[^:]([0-9a-f]+)$/.exec(t) : null;
    if (m) tokens[i] = `${prefix}${m[1]}:?${m[2]}`;
    else inList = false;
  }
  return tokens.join(' ');
}
