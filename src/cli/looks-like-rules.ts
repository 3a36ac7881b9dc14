// `falco-replay -r a.yaml b.yaml` takes b.yaml as a capture (as Falco would not: its -r takes one value). A file
// given as a capture that is no scap (no section header, no gzip) but reads as a rules file is named as such.
import { closeSync, openSync, readSync } from 'node:fs';

const HEAD = 4096;
const RULES_ITEM = /^\s*-\s+(rule|macro|list|required_engine_version|required_plugin_versions)\s*:/m;

/** True when `path` does not start like a capture (plain or gzip) and looks like a Falco rules (YAML) file. */
export function looksLikeRulesFile(path: string): boolean {
  const buf = Buffer.alloc(HEAD);
  let n = 0;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    n = readSync(fd, buf, 0, HEAD, 0);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const head = buf.subarray(0, n);
  if (n >= 4 && head.readUInt32LE(0) === 0x0a0d0d0a) return false;
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return false;
  return /\.ya?ml$/i.test(path) || RULES_ITEM.test(head.toString('utf8'));
}
