// ScapEvent: a reusable view over one event's bytes. The reader fills it in place for every event, so a
// handler must copy (`detach()`) anything it keeps beyond the callback. Parameter values decode on demand.
import { copyBytes, cstrEnd, i16, i32, i64, i64BigInt, splitNanos, u16, u32, u64, u64BigInt, u64Decimal, u64Hex } from './bytes.js';
import { flagNames } from './flags.js';
import { ipv4Text, ipv6Text, isIpv4Mapped } from './net.js';
import { decodeUtf8, splitNul, splitNulShared } from './text.js';
import { CURRENT_SCHEMA, INT_READ, isSignedType, PARAM_STRIDE, type EventSchema } from './schema/schema.js';
import { PT, type DynParamInfo, type EventInfo } from './schema/types.js';

/** Event codes with first-class accessors. */
export const PLUGIN_EVENT = 322;
export const ASYNC_EVENT = 402;
export const GENERIC_E = 0;
export const GENERIC_X = 1;

export interface SockAddr {
  /** PPM_AF_* family byte: 1 unix, 2 inet, 10 inet6. */
  family: number;
  kind: 'unix' | 'inet' | 'inet6' | 'other';
  /** Address text (dotted IPv4 or IPv6) for inet families. */
  addr?: string;
  port?: number;
  /** Socket path for unix sockets. */
  path?: string;
}

export interface SockTuple {
  family: number;
  kind: 'unix' | 'inet' | 'inet6' | 'other';
  srcAddr?: string;
  srcPort?: number;
  dstAddr?: string;
  dstPort?: number;
  /** Unix sockets: kernel socket addresses as hex text, and the path. */
  srcPtr?: string;
  dstPtr?: string;
  path?: string;
  /** True for an IPv6 tuple whose two ends are IPv4-mapped (shown as IPv4, like sysdig). */
  mapped?: boolean;
}

export interface FdListEntry {
  fd: number;
  /** Poll flags (`poll_flags` table). */
  flags: number;
}

/** A PT_DYN value: which alternative it is and where its payload is. */
export interface DynValue {
  index: number;
  /** PT type of the alternative (PT.NONE when the index is outside the table). */
  type: number;
  fmt: number;
  /** Absolute offset and length of the value after the index byte. */
  offset: number;
  length: number;
}

const EMPTY = new Uint8Array(0);

/** No event type has more than a few dozen parameters; more is a corrupt or hostile file. */
export const MAX_NPARAMS = 1024;

export class ScapEvent {
  /** Bytes holding the event (a chunk of the file, a block copy or a conversion buffer). */
  buf: Uint8Array = EMPTY;
  /** Offset of the event header in `buf`. */
  off = 0;
  /** 26 (v2 header with nparams) or 22 (v1). */
  hdrLen = 26;
  /** 2 or 4: width of each parameter length, from the event type's EF_LARGE_PAYLOAD flag. */
  lenSize = 2;
  /** 1-based event number, counted like sysdig (events the reader skips are not numbered). */
  num = 0;
  /** Timestamp in ns since the epoch as two u32 halves (exact; use `ts` / `tsText()` off the hot path). */
  tsHi = 0;
  tsLo = 0;
  cpu = 0;
  /** Thread id; −1 for none (plugin and meta events). */
  tid = 0;
  type = 0;
  /** Event length from the header (header + lengths + values). */
  len = 0;
  /** Parameters present in the event (may differ from the table's count). */
  nparams = 0;
  /** EVF dump flags (bit 0: STATE_ONLY), 0 for EV blocks. */
  flags = 0;
  /** Block type id and offset of the block in the (decompressed) capture stream. */
  blockType = 0;
  blockOffset = 0;
  /** 0-based section index (concatenated captures). */
  section = 0;
  schema: EventSchema = CURRENT_SCHEMA;
  /** True when the converter rewrote the event into a newer layout or type. */
  converted = false;
  /**
   * Converted mode with `keepEnterEvents`: true for an enter event current libs would not deliver (the
   * converter stores it for merging into its exit, or drops it as an old layout). Legacy consumers see it.
   */
  legacyOnly = false;
  /** Absolute offset and length of each parameter value (valid for i < nparams). */
  pOff: Int32Array = new Int32Array(32);
  pLen: Int32Array = new Int32Array(32);

  /** The table entry of this event's type. */
  get info(): EventInfo {
    return this.schema.events[this.type] as EventInfo;
  }

  get name(): string {
    return (this.schema.events[this.type] as EventInfo).name;
  }

  /** Even codes are enter events. */
  get isEnter(): boolean {
    return (this.type & 1) === 0;
  }

  get dir(): '>' | '<' {
    return (this.type & 1) === 0 ? '>' : '<';
  }

  /** Timestamp as a bigint (slow path). */
  get ts(): bigint {
    return u64BigInt(this.tsHi, this.tsLo);
  }

  /** Timestamp as exact decimal nanoseconds text. */
  tsText(): string {
    return u64Decimal(this.tsHi, this.tsLo);
  }

  /** Timestamp as whole seconds and the nanosecond remainder, exact. */
  tsParts(): { sec: number; nsec: number } {
    return splitNanos(this.tsHi, this.tsLo);
  }

  /** Timestamp as a double in ns: rounded (about 256 ns at today's dates); fine for deltas, not identity. */
  tsApprox(): number {
    return this.tsHi * 4294967296 + this.tsLo;
  }

  /** Parameters the schema knows for this type (decode min(nparams, paramCount) of them). */
  get tableParamCount(): number {
    return this.schema.paramCount[this.type] as number;
  }

  paramName(i: number): string | undefined {
    return this.info.params[i]?.name;
  }

  /** PT type of parameter i from the table (PT.NONE beyond the table). */
  paramType(i: number): number {
    return i < (this.schema.paramCount[this.type] as number) ? (this.schema.paramTypes[this.type * PARAM_STRIDE + i] as number) : PT.NONE;
  }

  /** Index of the parameter named `name` in the table, or −1. */
  paramIndex(name: string): number {
    const ps = this.info.params;
    for (let i = 0; i < ps.length; i++) if ((ps[i] as { name: string }).name === name) return i;
    return -1;
  }

  paramLength(i: number): number {
    return i < this.nparams ? (this.pLen[i] as number) : 0;
  }

  paramOffset(i: number): number {
    return i < this.nparams ? (this.pOff[i] as number) : 0;
  }

  /** True when parameter i is missing from the event or has length 0 (the driver's "no value"). */
  paramIsEmpty(i: number): boolean {
    return i >= this.nparams || this.pLen[i] === 0;
  }

  /** A view of parameter i's raw bytes (allocates a view object; bytes are not copied). */
  paramBytes(i: number): Uint8Array | undefined {
    if (i >= this.nparams) return undefined;
    const o = this.pOff[i] as number;
    return this.buf.subarray(o, o + (this.pLen[i] as number));
  }

  /**
   * Integer value of parameter i as a number, signed or unsigned by its table type, read by its stored
   * width (1, 2, 4 or 8 bytes). 64-bit values beyond 2^53 are rounded: use `paramU64Hi/Lo` or `paramBigInt`.
   * Undefined when absent, empty or of a non-integer width.
   */
  paramInt(i: number): number | undefined {
    if (i >= this.nparams) return undefined;
    const schema = this.schema;
    const type = this.type;
    // Beyond the table's parameters the type is PT.NONE: unsigned.
    const read = i < (schema.paramCount[type] as number) ? (schema.paramIntRead[type * PARAM_STRIDE + i] as INT_READ) : INT_READ.UNSIGNED;
    const b = this.buf;
    let len = this.pLen[i] as number;
    let at = this.pOff[i] as number;
    let signed = read === INT_READ.SIGNED;
    if (read === INT_READ.DYN) {
      const d = this.dynType(i);
      if (d === undefined) return undefined;
      signed = isSignedType(d.type);
      at += 1;
      len -= 1;
    }
    switch (len) {
      case 1:
        return signed ? ((b[at] as number) << 24) >> 24 : b[at];
      case 2:
        return signed ? i16(b, at) : u16(b, at);
      case 4:
        return signed ? i32(b, at) : u32(b, at);
      case 8:
        return signed ? i64(b, at) : u64(b, at);
      default:
        return undefined;
    }
  }

  /** High and low u32 of an 8-byte parameter (exact 64-bit access without BigInt); undefined otherwise. */
  paramU64Hi(i: number): number | undefined {
    return i < this.nparams && this.pLen[i] === 8 ? u32(this.buf, (this.pOff[i] as number) + 4) : undefined;
  }

  paramU64Lo(i: number): number | undefined {
    return i < this.nparams && this.pLen[i] === 8 ? u32(this.buf, this.pOff[i] as number) : undefined;
  }

  /** Exact integer value as a bigint (slow path). */
  paramBigInt(i: number): bigint | undefined {
    if (i >= this.nparams) return undefined;
    const len = this.pLen[i] as number;
    if (len === 8) {
      const o = this.pOff[i] as number;
      const hi = u32(this.buf, o + 4);
      const lo = u32(this.buf, o);
      return isSignedType(this.paramType(i)) ? i64BigInt(hi, lo) : u64BigInt(hi, lo);
    }
    const v = this.paramInt(i);
    return v === undefined ? undefined : BigInt(v);
  }

  /** Exact decimal text of an integer parameter. */
  paramIntText(i: number): string | undefined {
    const v = this.paramBigInt(i);
    return v === undefined ? undefined : v.toString();
  }

  /**
   * Text of a string parameter (CHARBUF, FSPATH, FSRELPATH, or any bytes): UTF-8 up to the first NUL.
   * Undefined when absent; '' when empty.
   */
  paramString(i: number): string | undefined {
    if (i >= this.nparams) return undefined;
    const o = this.pOff[i] as number;
    const end = cstrEnd(this.buf, o, o + (this.pLen[i] as number));
    return decodeUtf8(this.buf, o, end);
  }

  /** NUL-separated strings of a BYTEBUF or CHARBUFARRAY (execve args, env, cgroups). */
  paramStringList(i: number): string[] | undefined {
    if (i >= this.nparams) return undefined;
    const o = this.pOff[i] as number;
    return splitNul(this.buf, o, o + (this.pLen[i] as number));
  }

  /** `paramStringList`, as one list shared by every event with the same bytes (short lists). */
  paramStringListShared(i: number): readonly string[] | undefined {
    if (i >= this.nparams) return undefined;
    const o = this.pOff[i] as number;
    return splitNulShared(this.buf, o, o + (this.pLen[i] as number));
  }

  /**
   * Names of the flags set in a FLAGS/ENUMFLAGS/MODE parameter (e.g. ['O_RDONLY', 'O_CLOEXEC']), from the
   * parameter's flag table; undefined when the parameter has no table or is empty.
   */
  paramFlagNames(i: number): string[] | undefined {
    const table = this.info.params[i]?.flagsTable;
    const v = this.paramInt(i);
    if (table === undefined || v === undefined) return undefined;
    const t = this.paramType(i);
    const exact = t === PT.ENUMFLAGS8 || t === PT.ENUMFLAGS16 || t === PT.ENUMFLAGS32;
    const text = flagNames(this.schema.flagTables[table] ?? [], v, exact, this.schema.id === 'sysdig-0.29.3' || t === PT.MODE);
    return text === '' ? [] : text.split('|');
  }

  /** Decoded SOCKADDR parameter, undefined when absent or empty. */
  paramSockaddr(i: number): SockAddr | undefined {
    const len = this.paramLength(i);
    if (len === 0) return undefined;
    return decodeSockaddr(this.buf, this.pOff[i] as number, len);
  }

  /** Decoded SOCKTUPLE parameter, undefined when absent or empty. */
  paramSocktuple(i: number): SockTuple | undefined {
    const len = this.paramLength(i);
    if (len === 0) return undefined;
    return decodeSocktuple(this.buf, this.pOff[i] as number, len);
  }

  /** Decoded FDLIST parameter (fd and poll flags per entry), undefined when absent or empty. */
  paramFdList(i: number): FdListEntry[] | undefined {
    const len = this.paramLength(i);
    if (len < 2) return undefined;
    const o = this.pOff[i] as number;
    const n = Math.min(u16(this.buf, o), Math.floor((len - 2) / 10));
    const out: FdListEntry[] = [];
    for (let j = 0; j < n; j++) out.push({ fd: i64(this.buf, o + 2 + 10 * j), flags: u16(this.buf, o + 10 + 10 * j) });
    return out;
  }

  /** The alternative chosen by a PT_DYN parameter and where its value is. */
  paramDyn(i: number): DynValue | undefined {
    const d = this.dynType(i);
    if (d === undefined) return undefined;
    const o = this.pOff[i] as number;
    return { index: this.buf[o] as number, type: d.type, fmt: d.fmt, offset: o + 1, length: (this.pLen[i] as number) - 1 };
  }

  private dynType(i: number): DynParamInfo | { type: number; fmt: number } | undefined {
    if (i >= this.nparams || this.pLen[i] === 0) return undefined;
    const p = this.info.params[i];
    const table = p?.dynTable === undefined ? undefined : this.schema.dynTables[p.dynTable];
    const idx = this.buf[this.pOff[i] as number] as number;
    return table?.[idx] ?? { type: PT.NONE, fmt: 0 };
  }

  /**
   * Any parameter as a plain JS value (slow path for JSON output and tests): numbers (bigint beyond 2^53),
   * strings, string lists, decoded addresses, fd lists, or raw bytes.
   */
  paramValue(i: number): unknown {
    if (i >= this.nparams) return undefined;
    if (this.pLen[i] === 0) return null;
    let t = this.paramType(i);
    if (t === PT.DYN) t = this.dynType(i)?.type ?? PT.NONE;
    switch (t) {
      case PT.CHARBUF:
      case PT.FSPATH:
      case PT.FSRELPATH:
        return this.paramString(i);
      case PT.CHARBUFARRAY:
        return this.paramStringList(i);
      case PT.SOCKADDR:
        return this.paramSockaddr(i);
      case PT.SOCKTUPLE:
        return this.paramSocktuple(i);
      case PT.FDLIST:
        return this.paramFdList(i);
      case PT.BYTEBUF:
      case PT.NONE:
        return this.paramBytes(i);
      case PT.IPV4ADDR:
        return this.pLen[i] === 4 ? ipv4Text(this.buf, this.pOff[i] as number) : this.paramBytes(i);
      case PT.IPV6ADDR:
        return this.pLen[i] === 16 ? ipv6Text(this.buf, this.pOff[i] as number) : this.paramBytes(i);
      case PT.DOUBLE:
        return this.pLen[i] === 8 ? Buffer.from(this.buf.buffer, this.buf.byteOffset + (this.pOff[i] as number), 8).readDoubleLE(0) : this.paramBytes(i);
      default: {
        const len = this.pLen[i] as number;
        if (len === 8) {
          const v = this.paramBigInt(i) as bigint;
          return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
        }
        return this.paramInt(i) ?? this.paramBytes(i);
      }
    }
  }

  /** Plugin id of a plugin event (322) or async event (402); undefined for other events. */
  get pluginId(): number | undefined {
    if ((this.type !== PLUGIN_EVENT && this.type !== ASYNC_EVENT) || this.nparams < 1 || this.pLen[0] !== 4) return undefined;
    return u32(this.buf, this.pOff[0] as number);
  }

  /** Payload of a plugin event (param 1) or async event (param 2), as a view. */
  pluginPayload(): Uint8Array | undefined {
    if (this.type === PLUGIN_EVENT) return this.paramBytes(1);
    if (this.type === ASYNC_EVENT) return this.paramBytes(2);
    return undefined;
  }

  /** Event name declared by the plugin for an async event (402). */
  asyncName(): string | undefined {
    return this.type === ASYNC_EVENT ? this.paramString(1) : undefined;
  }

  /** PPM_SC syscall id of a generic event (0/1), else undefined. */
  get syscallId(): number | undefined {
    if ((this.type !== GENERIC_E && this.type !== GENERIC_X) || this.nparams < 1 || this.pLen[0] !== 2) return undefined;
    return u16(this.buf, this.pOff[0] as number);
  }

  /** Name sysdig shows as `evt.type`: the syscall name for generic events, else the table name. */
  get typeName(): string {
    const id = this.syscallId;
    // libsinsp shows PPM_SC_UNKNOWN (0) and ids outside its table as <unknown>.
    if (id !== undefined) return (id !== 0 && this.schema.syscallNames[id]) || '<unknown>';
    return this.name;
  }

  /** A copy that owns its bytes, safe to keep after the handler returns. */
  detach(): ScapEvent {
    return new ScapEvent().copyFrom(this, Buffer.allocUnsafe(this.len));
  }

  /**
   * Take over where `src` came from and when (number, time, cpu, thread, dump flags, block, section): what a
   * copy or a conversion of an event keeps, whatever its new layout.
   */
  copyOrigin(src: ScapEvent): void {
    this.num = src.num;
    this.tsHi = src.tsHi;
    this.tsLo = src.tsLo;
    this.cpu = src.cpu;
    this.tid = src.tid;
    this.flags = src.flags;
    this.blockType = src.blockType;
    this.blockOffset = src.blockOffset;
    this.section = src.section;
  }

  /**
   * Make this view a copy of `src` whose bytes are put at the start of `buf` (which must hold `src.len`
   * bytes): detached copies, and holders reused for stored enter events without allocating.
   */
  copyFrom(src: ScapEvent, buf: Uint8Array): this {
    const n = src.nparams;
    copyBytes(src.buf, src.off, src.len, buf, 0);
    this.buf = buf;
    this.off = 0;
    this.hdrLen = src.hdrLen;
    this.lenSize = src.lenSize;
    this.copyOrigin(src);
    this.type = src.type;
    this.len = src.len;
    this.nparams = n;
    this.schema = src.schema;
    this.converted = src.converted;
    this.legacyOnly = src.legacyOnly;
    this.ensureParamCapacity(n);
    const base = src.off;
    for (let i = 0; i < n; i++) {
      this.pOff[i] = (src.pOff[i] as number) - base;
      this.pLen[i] = src.pLen[i] as number;
    }
    return this;
  }

  /** Make room for n parameter slots. */
  ensureParamCapacity(n: number): void {
    if (n > this.pOff.length) {
      let cap = this.pOff.length * 2;
      while (cap < n) cap *= 2;
      this.pOff = new Int32Array(cap);
      this.pLen = new Int32Array(cap);
    }
  }

  /**
   * Point the view at an event in v2 layout (26-byte header) at buf[off] and compute parameter offsets.
   * Returns an error message when the event does not fit its own length; the view is then unusable.
   */
  setV2(buf: Uint8Array, off: number, avail: number, schema: EventSchema): string | undefined {
    this.buf = buf;
    this.off = off;
    this.hdrLen = 26;
    this.schema = schema;
    this.tsLo = u32(buf, off);
    this.tsHi = u32(buf, off + 4);
    this.tid = i64(buf, off + 8);
    const len = u32(buf, off + 16);
    const type = u16(buf, off + 20);
    const nparams = u32(buf, off + 22);
    this.len = len;
    this.type = type;
    this.nparams = nparams;
    if (len < 26) return `event length ${len} is smaller than the 26-byte header`;
    if (len > avail) return `event length ${len} exceeds the ${avail} bytes of its block`;
    const ls = type < schema.eventMax ? (schema.lenSize[type] as number) : 2;
    this.lenSize = ls;
    const vals = 26 + nparams * ls;
    if (vals > len) return `${nparams} parameters do not fit in event length ${len}`;
    if (nparams > MAX_NPARAMS) return `${nparams} parameters exceed the reader's cap of ${MAX_NPARAMS}`;
    return this.computeOffsets(vals);
  }

  /** Parameter offsets from the lengths array; `vals` is the offset of the first value from the header start. */
  computeOffsets(vals: number): string | undefined {
    const n = this.nparams;
    if (n > this.pOff.length) this.ensureParamCapacity(n);
    const b = this.buf;
    const base = this.off;
    const end = base + this.len;
    let p = base + vals;
    let l = base + this.hdrLen;
    const pOff = this.pOff;
    const pLen = this.pLen;
    if (this.lenSize === 2) {
      for (let i = 0; i < n; i++, l += 2) {
        const pl = (b[l] as number) | ((b[l + 1] as number) << 8);
        pOff[i] = p;
        pLen[i] = pl;
        p += pl;
      }
    } else {
      for (let i = 0; i < n; i++, l += 4) {
        const pl = u32(b, l);
        if (pl > end - p) return `parameter ${i} length ${pl} exceeds event length ${this.len}`;
        pOff[i] = p;
        pLen[i] = pl;
        p += pl;
      }
    }
    if (p > end) return `parameter values (${p - base - vals} bytes) exceed event length ${this.len}`;
    return undefined;
  }
}

function familyKind(f: number): SockAddr['kind'] {
  return f === 1 ? 'unix' : f === 2 ? 'inet' : f === 10 ? 'inet6' : 'other';
}

export function decodeSockaddr(b: Uint8Array, o: number, len: number): SockAddr {
  const family = b[o] as number;
  const kind = familyKind(family);
  if (kind === 'inet' && len >= 7) return { family, kind, addr: ipv4Text(b, o + 1), port: u16(b, o + 5) };
  if (kind === 'inet6' && len >= 19) return { family, kind, addr: ipv6Text(b, o + 1), port: u16(b, o + 17) };
  if (kind === 'unix') return { family, kind, path: decodeUtf8(b, o + 1, cstrEnd(b, o + 1, o + len)) };
  return { family, kind };
}

export function decodeSocktuple(b: Uint8Array, o: number, len: number): SockTuple {
  const family = b[o] as number;
  const kind = familyKind(family);
  if (kind === 'inet' && len >= 13) {
    return { family, kind, srcAddr: ipv4Text(b, o + 1), srcPort: u16(b, o + 5), dstAddr: ipv4Text(b, o + 7), dstPort: u16(b, o + 11) };
  }
  if (kind === 'inet6' && len >= 37) {
    if (isIpv4Mapped(b, o + 1) && isIpv4Mapped(b, o + 19)) {
      return { family, kind, srcAddr: ipv4Text(b, o + 13), srcPort: u16(b, o + 17), dstAddr: ipv4Text(b, o + 31), dstPort: u16(b, o + 35), mapped: true };
    }
    return { family, kind, srcAddr: ipv6Text(b, o + 1), srcPort: u16(b, o + 17), dstAddr: ipv6Text(b, o + 19), dstPort: u16(b, o + 35) };
  }
  if (kind === 'unix' && len >= 17) {
    return { family, kind, srcPtr: u64Hex(b, o + 1), dstPtr: u64Hex(b, o + 9), path: decodeUtf8(b, o + 17, cstrEnd(b, o + 17, o + len)) };
  }
  return { family, kind };
}
