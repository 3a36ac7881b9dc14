// Helpers for the recorder tests: record a command, read the capture back with sysdig 0.29.3, walk its blocks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startRecording } from '../../src/native/index.js';
import type { RecordOptions, RecordStats, Recording } from '../../src/native/index.js';
import { cli } from '../helpers/cli.js';
import { SYSDIG } from '../helpers/sysdig.js';

export const SEP = '\t';

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `fr-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Recorded {
  file: string;
  stats: RecordStats;
  exit: { code: number | null; signal: number | null };
}

/** Records `command` in tree mode until it exits; stdio goes to /dev/null unless given. */
export async function recordCommand(
  file: string,
  command: string[],
  extra: Partial<RecordOptions> = {},
  during?: (rec: Recording) => Promise<void> | void,
): Promise<Recorded> {
  const rec = await startRecording({
    out: file,
    mode: 'tree',
    command,
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', LANG: 'C' },
    ...extra,
  });
  const duringDone = during ? Promise.resolve(during(rec)) : Promise.resolve();
  const exit = await rec.exited;
  await duringDone;
  const stats = await rec.stop();
  return { file, stats, exit };
}

export interface SysdigResult {
  status: number | null;
  stdout: string;
  stderr: string;
  rows: string[][];
}

/** `sysdig -r FILE -p '*f1<TAB>f2...' FILTER` (the * keeps rows with <NA> fields), split into fields. */
export function sysdig(file: string, fields: readonly string[], filter?: string): SysdigResult {
  const fmt = `*${fields.map((f) => `%${f}`).join(SEP)}`;
  const args = ['-r', file, '-p', fmt];
  if (filter) args.push(filter);
  const r = spawnSync(SYSDIG, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const rows = r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split(SEP));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, rows };
}

/**
 * falco-replay's `events -p` rows as objects keyed by field name: with the sysdig-0.29.3 profile by default
 * (what `sysdig -r` shows), or with `extra` options such as `--convert` (current Falco).
 */
export async function replayObjects(file: string, fields: readonly string[], filter?: string, extra: string[] = ['--schema', 'sysdig-0.29.3']): Promise<Record<string, string>[]> {
  const sep = '#@#';
  const fmt = `*${fields.map((f) => `%${f}`).join(sep)}`;
  const r = await cli(['events', ...extra, '-p', fmt, file, ...(filter ? [filter] : [])]);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const cols = l.split(sep);
      return Object.fromEntries(fields.map((f, i) => [f, cols[i] ?? '']));
    });
}

/** Rows as objects keyed by field name. */
export function sysdigObjects(file: string, fields: readonly string[], filter?: string): { status: number | null; stderr: string; rows: Record<string, string>[] } {
  const r = sysdig(file, fields, filter);
  return {
    status: r.status,
    stderr: r.stderr,
    rows: r.rows.map((cols) => Object.fromEntries(fields.map((f, i) => [f, cols[i] ?? '']))),
  };
}

export interface RawEvent {
  blockType: number;
  cpu: number;
  ts: bigint;
  tid: bigint;
  type: number;
  params: Buffer[];
}

export interface BlockWalk {
  blocks: { type: number; offset: number; length: number }[];
  events: RawEvent[];
  /** Bytes after the last complete block (a truncated block), 0 if the file ends on a block boundary. */
  trailing: number;
}

const LARGE_TYPES = new Set([322, 324, 402]);

/** Minimal pcapng-style block walk (test-only; the product reader lives in src/scap). */
export function walkBlocks(file: string): BlockWalk {
  let buf = readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf, { finishFlush: 2 /* Z_SYNC_FLUSH: accept a stream cut at a sync point */ });
    } catch {
      buf = Buffer.alloc(0);
    }
  }
  const out: BlockWalk = { blocks: [], events: [], trailing: 0 };
  let off = 0;
  while (off + 12 <= buf.length) {
    const type = buf.readUInt32LE(off);
    const len = buf.readUInt32LE(off + 4);
    if (len < 12 || off + len > buf.length) break;
    out.blocks.push({ type, offset: off, length: len });
    if (type === 0x216 || type === 0x221) {
      const e = off + 10;
      const evlen = buf.readUInt32LE(e + 16);
      const etype = buf.readUInt16LE(e + 20);
      const np = buf.readUInt32LE(e + 22);
      const large = LARGE_TYPES.has(etype);
      const lsz = large ? 4 : 2;
      let v = e + 26 + np * lsz;
      const params: Buffer[] = [];
      for (let i = 0; i < np; i++) {
        const pl = large ? buf.readUInt32LE(e + 26 + i * 4) : buf.readUInt16LE(e + 26 + i * 2);
        params.push(buf.subarray(v, v + pl));
        v += pl;
      }
      if (v !== e + evlen) throw new Error(`event at ${off}: parameter lengths do not add up to len`);
      out.events.push({ blockType: type, cpu: buf.readUInt16LE(off + 8), ts: buf.readBigUInt64LE(e), tid: buf.readBigUInt64LE(e + 8), type: etype, params });
    }
    off += len;
  }
  out.trailing = buf.length - off;
  return out;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}
