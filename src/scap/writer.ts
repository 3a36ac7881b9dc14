// The scap writer: the inverse of the reader. It writes the layouts of docs/scap-format.md#writer-layout, which both
// sysdig 0.29.3 and current libs read identically: a 28-byte SHB without options, MI, IL v2, UL v2, one PL v9
// block with the 29-byte compat tail, FDL v2 blocks after the PL for known tids (fd types ≤ 16), then events
// as EV/EVF v2 blocks (LARGE blocks for EF_LARGE_PAYLOAD types), every block padded to 4 bytes.
import { FalcoReplayError } from '../common/index.js';
import { writeI64 } from './bytes.js';
import { scapDiagnostic } from './diagnostics.js';
import type { ScapEvent } from './event.js';
import { BT, DUMP_FLAG, FD_TYPE, IF_TYPE, LIMITS, MI_BODY_LEN, SHB_BODY_LEN, SHB_MAGIC, SHB_MAJOR, SHB_MINOR } from './format.js';
import { parseIpv4Bytes, parseIpv6 } from './net.js';
import { CURRENT_SCHEMA, type EventSchema } from './schema/schema.js';
import { PT } from './schema/types.js';
import { encodeTyped, hexToU64, type ParamValue } from './param-encoder.js';
import type { FdEntry, GroupEntry, InterfaceEntry, MachineInfo, ThreadEntry, UserEntry } from './state.js';

export type { ParamValue } from './param-encoder.js';

export interface EventInput {
  /** ns since the epoch: a bigint, or a number below 2^53. */
  ts: bigint | number;
  /** −1 for none. */
  tid: number;
  cpu?: number;
  type: number;
  /** Dump flags (DUMP_FLAG.STATE_ONLY…): non-zero selects an EVF block. */
  flags?: number;
  /**
   * Values by position. `null`/`undefined` writes an empty parameter; a Uint8Array is written as is; other
   * values are encoded by the table type (strings get their NUL for CHARBUF/FSPATH, string arrays become
   * NUL-separated BYTEBUFs, addresses accept objects or text like `1.2.3.4:80` and `1.2.3.4:5->6.7.8.9:80`).
   */
  params: readonly ParamValue[];
}

export type ThreadInput = Partial<ThreadEntry> & { tid: number };
export type FdInput = Omit<Partial<FdEntry>, 'tid'> & { fd: number; type: number };

export interface WriterOptions {
  /** Event table whose EF_LARGE_PAYLOAD flags and parameter types drive encoding (default current libs). */
  schema?: EventSchema;
  /** Refuse layouts sysdig 0.29.3 cannot read (metadata after events, FDL before PL, fd types > 16). Default true. */
  strict?: boolean;
  /** Bytes buffered before calling the sink (default 1 MiB). */
  chunkSize?: number;
}

/** Receives encoded bytes; may return false to ask the caller to wait (see `ScapFileWriter.ready`). */
export type ByteSink = (chunk: Uint8Array) => boolean | void;

const enum Stage {
  START,
  METADATA,
  EVENTS,
}

export class ScapWriter {
  private readonly sink: ByteSink;
  private readonly schema: EventSchema;
  private readonly strict: boolean;
  private readonly chunkSize: number;
  /** `fail` as a plain function for the parameter encoders. */
  readonly #failFn = (message: string): never => this.fail(message);
  private buf: Buffer;
  private pos = 0;
  private stage = Stage.START;
  private tids = new Set<number>();
  private plWritten = false;
  private written = 0;
  /** Last sink result: false means the consumer asked us to slow down. */
  needsDrain = false;

  constructor(sink: ByteSink, options: WriterOptions = {}) {
    this.sink = sink;
    this.schema = options.schema ?? CURRENT_SCHEMA;
    this.strict = options.strict ?? true;
    this.chunkSize = options.chunkSize ?? 1 << 20;
    this.buf = Buffer.allocUnsafe(Math.max(this.chunkSize, 4096) + 65600);
  }

  /** Bytes handed to the sink or buffered so far. */
  get bytesWritten(): number {
    return this.written + this.pos;
  }

  /** A section header (28 bytes unless options are given: sysdig 0.29.3 cannot read SHB options). */
  writeSectionHeader(opts: { minor?: number; options?: { code: number; value: Uint8Array }[] } = {}): this {
    if (this.stage !== Stage.START && this.stage !== Stage.EVENTS) this.fail('a new section header can only start the file or follow events');
    let optLen = 0;
    for (const o of opts.options ?? []) optLen += 4 + ((o.value.length + 3) & ~3);
    if (optLen) optLen += 4;
    const body = this.begin(BT.SHB, SHB_BODY_LEN + optLen);
    const b = this.buf;
    b.writeUInt32LE(SHB_MAGIC, body);
    b.writeUInt16LE(SHB_MAJOR, body + 4);
    b.writeUInt16LE(opts.minor ?? SHB_MINOR, body + 6);
    b.writeInt32LE(-1, body + 8);
    b.writeInt32LE(-1, body + 12);
    let p = body + SHB_BODY_LEN;
    for (const o of opts.options ?? []) {
      b.writeUInt16LE(o.code, p);
      b.writeUInt16LE(o.value.length, p + 2);
      b.set(o.value, p + 4);
      b.fill(0, p + 4 + o.value.length, p + 4 + ((o.value.length + 3) & ~3));
      p += 4 + ((o.value.length + 3) & ~3);
    }
    if (optLen) {
      b.writeUInt32LE(0, p);
      p += 4;
    }
    this.finish(p);
    this.stage = Stage.METADATA;
    this.tids = new Set();
    this.plWritten = false;
    return this;
  }

  writeMachineInfo(mi: Partial<MachineInfo>): this {
    this.metadata('machine info');
    const body = this.begin(BT.MI, MI_BODY_LEN);
    const b = this.buf;
    b.fill(0, body, body + MI_BODY_LEN);
    b.writeUInt32LE(mi.numCpus ?? 1, body);
    writeU64(b, body + 4, mi.memoryBytes ?? 0);
    writeU64(b, body + 12, mi.maxPid ?? 32768);
    const host = Buffer.from(mi.hostname ?? '', 'utf8').subarray(0, 127);
    b.set(host, body + 20);
    b.writeBigUInt64LE(BigInt.asUintN(64, mi.bootTimeNs ?? 0n), body + 148);
    b.writeBigUInt64LE(BigInt.asUintN(64, mi.flags ?? 0n), body + 156);
    this.finish(body + MI_BODY_LEN);
    return this;
  }

  /** IL v2: IPv4 entries then IPv6 entries, as libscap writes them. */
  writeInterfaces(list: readonly Partial<InterfaceEntry>[]): this {
    this.metadata('interface list');
    const entries = [...list.filter((i) => i.kind !== 'ipv6'), ...list.filter((i) => i.kind === 'ipv6')].map((i) => {
      const v6 = i.kind === 'ipv6';
      const name = Buffer.from(i.name ?? '', 'utf8');
      if (name.length >= LIMITS.FD_NAME) this.fail(`interface name of ${name.length} bytes is too long`);
      const addr = (t: string | undefined): Uint8Array => (v6 ? (parseIpv6(t ?? '::') ?? this.fail(`bad IPv6 address ${t}`)) : (parseIpv4Bytes(t ?? '0.0.0.0') ?? this.fail(`bad IPv4 address ${t}`)));
      return { v6, name, a: addr(i.addr), m: addr(i.netmask), bc: addr(i.broadcast), speed: i.linkSpeed ?? 0 };
    });
    let size = 0;
    for (const e of entries) size += 4 + 4 + 3 * (e.v6 ? 16 : 4) + 8 + e.name.length;
    const body = this.begin(BT.IL_V2, size);
    const b = this.buf;
    let p = body;
    for (const e of entries) {
      const entry = 4 + 3 * (e.v6 ? 16 : 4) + 8 + e.name.length;
      b.writeUInt32LE(entry, p);
      b.writeUInt16LE(e.v6 ? IF_TYPE.IPV6 : IF_TYPE.IPV4, p + 4);
      b.writeUInt16LE(e.name.length, p + 6);
      let q = p + 8;
      for (const a of [e.a, e.m, e.bc]) {
        b.set(a, q);
        q += a.length;
      }
      writeU64(b, q, e.speed);
      b.set(e.name, q + 8);
      p += 4 + entry;
    }
    this.finish(p);
    return this;
  }

  /** UL v2: all users, then all groups. */
  writeUsers(users: readonly UserEntry[], groups: readonly GroupEntry[] = []): this {
    this.metadata('user list');
    const enc = (s: string, what: string): Buffer => {
      const v = Buffer.from(s, 'utf8');
      if (v.length >= LIMITS.CREDENTIAL) this.fail(`${what} of ${v.length} bytes is longer than ${LIMITS.CREDENTIAL - 1}`);
      return v;
    };
    const us = users.map((u) => ({ u, n: enc(u.name, 'user name'), h: enc(u.home, 'home'), s: enc(u.shell, 'shell') }));
    const gs = groups.map((g) => ({ g, n: enc(g.name, 'group name') }));
    let size = 0;
    for (const x of us) size += 4 + 1 + 8 + 6 + x.n.length + x.h.length + x.s.length;
    for (const x of gs) size += 4 + 1 + 4 + 2 + x.n.length;
    const body = this.begin(BT.UL_V2, size);
    const b = this.buf;
    let p = body;
    for (const { u, n, h, s } of us) {
      const len = 4 + 1 + 8 + 6 + n.length + h.length + s.length;
      b.writeUInt32LE(len, p);
      b[p + 4] = 0;
      b.writeUInt32LE(u.uid >>> 0, p + 5);
      b.writeUInt32LE(u.gid >>> 0, p + 9);
      let q = p + 13;
      for (const v of [n, h, s]) {
        b.writeUInt16LE(v.length, q);
        b.set(v, q + 2);
        q += 2 + v.length;
      }
      p += len;
    }
    for (const { g, n } of gs) {
      const len = 4 + 1 + 4 + 2 + n.length;
      b.writeUInt32LE(len, p);
      b[p + 4] = 1;
      b.writeUInt32LE(g.gid >>> 0, p + 5);
      b.writeUInt16LE(n.length, p + 9);
      b.set(n, p + 11);
      p += len;
    }
    this.finish(p);
    return this;
  }

  /** One PL v9 block; entries end in the 29-byte tail all readers agree on (docs/scap-format.md#process-list-tail). */
  writeProcesses(threads: readonly ThreadInput[]): this {
    this.metadata('process list');
    const encoded = threads.map((t) => this.encodeThread(t));
    let size = 0;
    for (const e of encoded) size += e.length;
    const body = this.begin(BT.PL_V9, size);
    let p = body;
    for (const e of encoded) {
      this.buf.set(e, p);
      p += e.length;
    }
    this.finish(p);
    for (const t of threads) this.tids.add(t.tid);
    this.plWritten = true;
    return this;
  }

  private encodeThread(t: ThreadInput): Buffer {
    const str = (s: string | undefined, what: string, max: number): Buffer => {
      const v = Buffer.from(s ?? '', 'utf8');
      if (v.length > max) this.fail(`${what} of thread ${t.tid} is ${v.length} bytes, over the ${max}-byte limit`);
      return v;
    };
    const list = (l: readonly string[] | undefined, what: string): Buffer => {
      const v = Buffer.from((l ?? []).map((s) => s + '\0').join(''), 'utf8');
      if (v.length > LIMITS.ARGS) this.fail(`${what} of thread ${t.tid} is ${v.length} bytes, over the ${LIMITS.ARGS}-byte limit`);
      return v;
    };
    const comm = str(t.comm, 'comm', LIMITS.PATH);
    const exe = str(t.exe ?? t.comm, 'exe', LIMITS.PATH);
    const exepath = str(t.exepath, 'exepath', LIMITS.PATH);
    const args = list(t.args, 'args');
    const cwd = str(t.cwd ?? '/', 'cwd', LIMITS.PATH);
    const env = list(t.env, 'env');
    const cgroups = list(t.cgroups, 'cgroups');
    const root = str(t.root ?? '/', 'root', LIMITS.PATH);
    const len = 4 + 5 * 8 + 2 * 8 + [comm, exe, exepath, args, cwd, env, cgroups, root].reduce((n, v) => n + 2 + v.length, 0) + 8 + 4 * 3 + 4 * 3 + 8 * 2 + 29;
    const b = Buffer.alloc(len);
    let p = 0;
    const u32 = (v: number): void => {
      b.writeUInt32LE(v >>> 0, p);
      p += 4;
    };
    const i64 = (v: number): void => {
      writeI64(b, p, v);
      p += 8;
    };
    const u64 = (v: number | bigint): void => {
      b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), p);
      p += 8;
    };
    const lstr = (v: Buffer): void => {
      b.writeUInt16LE(v.length, p);
      b.set(v, p + 2);
      p += 2 + v.length;
    };
    u32(len);
    i64(t.tid);
    i64(t.pid ?? t.tid);
    i64(t.ptid ?? 0);
    i64(t.sid ?? 0);
    i64(t.vpgid ?? t.pid ?? t.tid);
    lstr(comm);
    lstr(exe);
    lstr(exepath);
    lstr(args);
    lstr(cwd);
    u64(t.fdlimit ?? 1024);
    u32(t.flags ?? 0);
    u32(t.uid ?? 0);
    u32(t.gid ?? 0);
    u32(t.vmsizeKb ?? 0);
    u32(t.vmrssKb ?? 0);
    u32(t.vmswapKb ?? 0);
    u64(t.pfMajor ?? 0);
    u64(t.pfMinor ?? 0);
    lstr(env);
    i64(t.vtid ?? t.tid);
    i64(t.vpid ?? t.pid ?? t.tid);
    lstr(cgroups);
    lstr(root);
    u32(t.loginuid ?? 0xffffffff);
    b[p++] = t.exeWritable ? 1 : 0;
    u64(t.capInheritable ?? 0n);
    u64(t.capPermitted ?? 0n);
    u64(t.capEffective ?? 0n);
    return b;
  }

  /** One FDL v2 block for a thread of the process list. */
  writeFds(tid: number, fds: readonly FdInput[]): this {
    this.metadata('fd list');
    if (this.strict && (!this.plWritten || !this.tids.has(tid))) this.fail(`fd list for thread ${tid}, which is not in a preceding process list`);
    const encoded = fds.map((f) => this.encodeFd(f));
    let size = 8;
    for (const e of encoded) size += e.length;
    const body = this.begin(BT.FDL_V2, size);
    writeI64(this.buf, body, tid);
    let p = body + 8;
    for (const e of encoded) {
      this.buf.set(e, p);
      p += e.length;
    }
    this.finish(p);
    return this;
  }

  private encodeFd(f: FdInput): Buffer {
    if (this.strict && (f.type <= FD_TYPE.UNKNOWN || f.type > FD_TYPE.FILE_V2)) this.fail(`fd type ${f.type} cannot be written for sysdig 0.29.3 (1–16 only)`);
    const name = Buffer.from(f.name ?? '', 'utf8');
    if (name.length >= LIMITS.FD_NAME) this.fail(`fd name of ${name.length} bytes is too long`);
    const ip = (t: string | undefined, v6: boolean): Uint8Array =>
      v6 ? (parseIpv6(t ?? '::') ?? this.fail(`bad IPv6 address ${t}`)) : (parseIpv4Bytes(t ?? '0.0.0.0') ?? this.fail(`bad IPv4 address ${t}`));
    const parts: Uint8Array[] = [];
    const u16 = (v: number): Uint8Array => Uint8Array.of(v & 0xff, (v >>> 8) & 0xff);
    const u32 = (v: number): Uint8Array => {
      const x = Buffer.alloc(4);
      x.writeUInt32LE(v >>> 0);
      return x;
    };
    const lstr = (): void => {
      parts.push(u16(name.length), name);
    };
    switch (f.type) {
      case FD_TYPE.IPV4_SOCK:
      case FD_TYPE.IPV6_SOCK: {
        const v6 = f.type === FD_TYPE.IPV6_SOCK;
        parts.push(ip(f.sip, v6), ip(f.dip, v6), u16(f.sport ?? 0), u16(f.dport ?? 0), Uint8Array.of(f.l4proto ?? 2));
        break;
      }
      case FD_TYPE.IPV4_SERVSOCK:
      case FD_TYPE.IPV6_SERVSOCK:
        parts.push(ip(f.sip, f.type === FD_TYPE.IPV6_SERVSOCK), u16(f.sport ?? 0), Uint8Array.of(f.l4proto ?? 2));
        break;
      case FD_TYPE.UNIX_SOCK:
        parts.push(hexToU64(f.source ?? '0'), hexToU64(f.destination ?? '0'));
        lstr();
        break;
      case FD_TYPE.FILE_V2:
        parts.push(u32(f.openFlags ?? 0));
        lstr();
        if (f.dev !== undefined) parts.push(u32(f.dev));
        break;
      case FD_TYPE.UNKNOWN:
        break;
      default:
        lstr();
    }
    const payload = Buffer.concat(parts);
    const out = Buffer.alloc(4 + 8 + 8 + 1 + payload.length);
    out.writeUInt32LE(out.length, 0);
    writeI64(out, 4, f.fd);
    out.writeBigUInt64LE(BigInt(f.ino ?? 0), 12);
    out[20] = f.type;
    out.set(payload, 21);
    return out;
  }

  /** Any block, verbatim (tests: unknown or hand-made blocks). */
  writeRawBlock(type: number, body: Uint8Array, opts: { trailer?: number; pad?: boolean } = {}): this {
    const start = this.reserve(12 + body.length + 3);
    const b = this.buf;
    const padded = opts.pad === false ? body.length : (body.length + 3) & ~3;
    const tl = 12 + padded;
    b.writeUInt32LE(type >>> 0, start);
    b.writeUInt32LE(tl, start + 4);
    b.set(body, start + 8);
    b.fill(0, start + 8 + body.length, start + 8 + padded);
    b.writeUInt32LE((opts.trailer ?? tl) >>> 0, start + 8 + padded);
    this.pos = start + tl;
    this.maybeFlush();
    return this;
  }

  /** An event from typed values, or a copy of an event view read elsewhere (parameters copied verbatim). */
  writeEvent(e: EventInput | ScapEvent): this {
    if (this.stage === Stage.START) this.fail('an event needs a section header first');
    this.stage = Stage.EVENTS;
    const type = e.type;
    if (type >= this.schema.eventMax) this.fail(`event code ${type} is unknown to the ${this.schema.id} event table`);
    const ls = this.schema.lenSize[type] as number;
    const large = ls === 4;
    const flags = e.flags ?? 0;
    const evf = flags !== 0;
    const isView = 'pOff' in e;
    let values: Uint8Array[];
    if (isView) {
      values = [];
      for (let i = 0; i < e.nparams; i++) values.push(e.buf.subarray(e.pOff[i], (e.pOff[i] as number) + (e.pLen[i] as number)));
    } else {
      values = e.params.map((v, i) => this.encodeParam(type, i, v));
    }
    const n = values.length;
    let valLen = 0;
    for (const v of values) {
      if (!large && v.length > 0xffff) this.fail(`parameter of ${v.length} bytes does not fit the u16 length of event code ${type}`);
      valLen += v.length;
    }
    const evLen = 26 + n * ls + valLen;
    const bodyLen = 2 + (evf ? 4 : 0) + evLen;
    if (!large && 12 + ((bodyLen + 3) & ~3) > LIMITS.EVENT_BLOCK_BODY + 8) this.fail(`event of ${evLen} bytes is too large for a non-LARGE block`);
    const bt = large ? (evf ? BT.EVF_V2_LARGE : BT.EV_V2_LARGE) : evf ? BT.EVF_V2 : BT.EV_V2;
    const body = this.begin(bt, bodyLen);
    const b = this.buf;
    b.writeUInt16LE(e.cpu ?? 0, body);
    let p = body + 2;
    if (evf) {
      b.writeUInt32LE(flags >>> 0, p);
      p += 4;
    }
    if (isView) {
      b.writeUInt32LE(e.tsLo >>> 0, p);
      b.writeUInt32LE(e.tsHi >>> 0, p + 4);
    } else {
      const ts = typeof e.ts === 'bigint' ? e.ts : BigInt(e.ts);
      b.writeBigUInt64LE(BigInt.asUintN(64, ts), p);
    }
    writeI64(b, p + 8, e.tid);
    b.writeUInt32LE(evLen, p + 16);
    b.writeUInt16LE(type, p + 20);
    b.writeUInt32LE(n, p + 22);
    let l = p + 26;
    let v = l + n * ls;
    for (const val of values) {
      if (large) b.writeUInt32LE(val.length, l);
      else b.writeUInt16LE(val.length, l);
      l += ls;
      b.set(val, v);
      v += val.length;
    }
    this.finish(v);
    return this;
  }

  /** Encode one parameter value for event `type`, parameter `i`, by its table type. */
  encodeParam(type: number, i: number, v: ParamValue): Uint8Array {
    if (v === null || v === undefined) return EMPTY;
    if (v instanceof Uint8Array) return v;
    const info = this.schema.events[type];
    const pinfo = info?.params[i];
    if (pinfo === undefined) this.fail(`event code ${type} has no parameter ${i} in the ${this.schema.id} table (pass raw bytes)`);
    const t = pinfo.type;
    if (typeof v === 'object' && 'dyn' in v) {
      const table = pinfo.dynTable === undefined ? undefined : this.schema.dynTables[pinfo.dynTable];
      const alt = table?.[v.dyn];
      if (!alt) this.fail(`parameter ${pinfo.name} has no dynamic alternative ${v.dyn}`);
      const inner = encodeTyped(alt.type, v.value, pinfo.name, this.#failFn);
      const out = new Uint8Array(inner.length + 1);
      out[0] = v.dyn;
      out.set(inner, 1);
      return out;
    }
    if (t === PT.DYN) this.fail(`parameter ${pinfo.name} is dynamic: pass { dyn, value }`);
    return encodeTyped(t, v, pinfo.name, this.#failFn);
  }

  /** Hand buffered bytes to the sink. */
  flush(): void {
    if (this.pos === 0) return;
    const chunk = Buffer.from(this.buf.subarray(0, this.pos));
    this.written += this.pos;
    this.pos = 0;
    this.needsDrain = this.sink(chunk) === false;
  }

  /** Flush; a capture needs at least one event for sysdig to open it (docs/scap-format.md#writer-layout). */
  end(): void {
    if (this.strict && this.stage !== Stage.EVENTS) this.fail('a capture needs at least one event block (sysdig refuses files without events)');
    this.flush();
  }

  fail(message: string): never {
    throw new FalcoReplayError(scapDiagnostic('SCAP_WRITE', 'error', message, '<writer>'));
  }

  private metadata(what: string): void {
    if (this.stage === Stage.START) this.fail(`${what} needs a section header first`);
    if (this.stage === Stage.EVENTS && this.strict) this.fail(`${what} after events: readers take it for a new section and stop`);
  }

  /** Reserve room for a block with `bodyLen` body bytes; returns the body offset. */
  private begin(type: number, bodyLen: number): number {
    const start = this.reserve(12 + bodyLen + 3);
    this.buf.writeUInt32LE(type >>> 0, start);
    this.blockStart = start;
    return start + 8;
  }

  private blockStart = 0;

  /** Close the block whose body ends at `end`: pad to 4, write both lengths. */
  private finish(end: number): void {
    const start = this.blockStart;
    const bodyLen = end - start - 8;
    const padded = (bodyLen + 3) & ~3;
    this.buf.fill(0, end, start + 8 + padded);
    const tl = 12 + padded;
    this.buf.writeUInt32LE(tl, start + 4);
    this.buf.writeUInt32LE(tl, start + 8 + padded);
    this.pos = start + tl;
    this.maybeFlush();
  }

  private reserve(n: number): number {
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
    }
    return this.pos;
  }

  private maybeFlush(): void {
    if (this.pos >= this.chunkSize) this.flush();
  }
}

const EMPTY = new Uint8Array(0);

function writeU64(b: Buffer, off: number, v: number | bigint): void {
  b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), off);
}

/** Write a capture to memory (tests, fixtures): `build` receives the writer; returns the bytes. */
export function writeCaptureBuffer(build: (w: ScapWriter) => void, options: WriterOptions = {}): Buffer {
  const chunks: Uint8Array[] = [];
  const w = new ScapWriter((c) => void chunks.push(c), options);
  build(w);
  w.end();
  return Buffer.concat(chunks);
}

export { DUMP_FLAG };
