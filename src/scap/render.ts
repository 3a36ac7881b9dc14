// Parameter text the way sysdig and Falco print `evt.args`: `fd=3(<f>/etc/passwd) flags=4097(O_RDONLY|O_CLOEXEC)`.
// Values that need process or fd state (fd names, thread names, cwd-relative paths) come from a pluggable
// resolver; without one they print as sysdig prints them for a thread it does not know.
import { cstrEnd, i32, i64, u16, u32, u64Decimal } from './bytes.js';
import { decodeSockaddr, decodeSocktuple, GENERIC_E, GENERIC_X, type ScapEvent } from './event.js';
import { flagNames } from './flags.js';
import { errnoName, signalName } from './names.js';
import { endpointText, ipv4Text, ipv6Text, tupleText } from './net.js';
import { PF, PT } from './schema/types.js';
import { decodeUtf8 } from './text.js';

/** State lookups a renderer may use; the replay engine's thread and fd tables implement them. */
export interface ParamResolver {
  /** Whether the event's thread is known (sysdig resolves negative fds, fd lists and relative paths only then). */
  threadKnown?(e: ScapEvent): boolean;
  /** Resolution of an fd ≥ 0 of the event's thread, e.g. `<f>/etc/passwd` or `<4t>1.2.3.4:5->6.7.8.9:80`. */
  fd?(e: ScapEvent, fd: number): string | undefined;
  /** Type character of an fd for FDLIST parameters (`f`, `4`, `u`…). */
  fdTypeChar?(e: ScapEvent, fd: number): string | undefined;
  /** comm of a thread id (PID parameters). */
  comm?(e: ScapEvent, pid: number): string | undefined;
  /** Directory a relative path parameter is relative to, with a trailing '/', for parameter `index`. */
  baseDir?(e: ScapEvent, index: number): string | undefined;
  /**
   * The resolved text of path parameter `index` (takes precedence over `baseDir`): a state engine joins paths
   * with its own libsinsp generation's rules. Return '' for no resolution.
   */
  resolvePath?(e: ScapEvent, index: number, path: string): string;
  user?(e: ScapEvent, uid: number): string | undefined;
  group?(e: ScapEvent, gid: number): string | undefined;
}

/** How BYTEBUF parameters print (see {@link RenderOptions.buffer}). */
export type BufferDisplay = 'dots' | 'hex' | 'base64' | 'ascii' | 'hex-ascii';

export interface RenderOptions {
  resolver?: ParamResolver;
  /** BYTEBUF text is cut to this many characters with a `...` tail (sysdig's default 80; 0 = no limit, like `-v`). */
  maxBufLen?: number;
  /**
   * How BYTEBUF parameters print: non-printable bytes as dots (default), hex or base64, or on lines of their
   * own as `sysdig -A` (`ascii`) and `sysdig -X` (`hex-ascii`) print them (these two are never cut).
   */
  buffer?: BufferDisplay;
  /**
   * Follow sysdig 0.29.3's (2022 libsinsp) quirks instead of current libsinsp's: flag resolution order,
   * sanitised paths, and text for empty parameters. Defaults to the event's schema.
   */
  legacy?: boolean;
}

/** Value and resolution of one parameter (`res=-2(ENOENT)` → value `-2`, resolved `ENOENT`). */
export interface RenderedParam {
  name: string;
  value: string;
  resolved: string;
}

const PRINTABLE_MIN = 0x20;
const PRINTABLE_MAX = 0x7e;

/** Render parameter i of e (value and resolution). */
export function renderParam(e: ScapEvent, i: number, options: RenderOptions = {}): RenderedParam {
  const name = e.paramName(i) ?? `param${i}`;
  const legacy = options.legacy ?? e.schema.id === 'sysdig-0.29.3';
  const r = options.resolver;
  let type = e.paramType(i);
  const fmt = e.info.params[i]?.fmt ?? PF.NA;
  const b = e.buf;
  let o = e.paramOffset(i);
  let len = e.paramLength(i);
  if (len === 0) return { name, value: emptyText(type, legacy), resolved: '' };
  if (type === PT.DYN) {
    const d = e.paramDyn(i);
    if (d && d.type !== PT.NONE) {
      type = d.type;
      o = d.offset;
      len = d.length;
    }
  }
  const flagsTable = e.info.params[i]?.flagsTable;
  switch (type) {
    case PT.INT8:
    case PT.INT16:
    case PT.INT32:
    case PT.INT64:
    case PT.UINT8:
    case PT.UINT16:
    case PT.UINT32:
    case PT.UINT64:
      return { name, value: numeric(b, o, len, type, fmt), resolved: '' };
    case PT.FD:
    case PT.FD32: {
      const fd = len >= 8 ? i64(b, o) : len >= 4 ? i32(b, o) : 0;
      return { name, value: String(fd), resolved: resolveFd(e, fd, r) };
    }
    case PT.PID:
    case PT.PID32: {
      const pid = len >= 8 ? i64(b, o) : len >= 4 ? i32(b, o) : 0;
      return { name, value: String(pid), resolved: r?.comm?.(e, pid) ?? '' };
    }
    case PT.ERRNO: {
      const v = i64(b, o);
      // libsinsp truncates to 32 bits before the lookup.
      const code = -(v | 0);
      return { name, value: String(v), resolved: v < 0 ? (errnoName(code) ?? '') : '' };
    }
    case PT.CHARBUF:
      return { name, value: decodeUtf8(b, o, cstrEnd(b, o, o + len)), resolved: '' };
    case PT.FSPATH:
    case PT.FSRELPATH: {
      const end = cstrEnd(b, o, o + len);
      const path = legacy ? sanitizedAscii(b, o, end) : decodeUtf8(b, o, end);
      let resolved = '';
      if (r?.resolvePath) resolved = r.resolvePath(e, i, path);
      else if (r?.threadKnown?.(e) && path !== '<NA>' && path.length > 0 && !path.startsWith('/')) {
        const base = r.baseDir?.(e, i);
        if (base !== undefined) resolved = joinPath(base, path);
      }
      return { name, value: path, resolved };
    }
    case PT.BYTEBUF:
      return { name, value: bufferText(b, o, len, options), resolved: '' };
    case PT.CHARBUFARRAY:
      return { name, value: bufferText(b, o, len, options.buffer === 'ascii' || options.buffer === 'hex-ascii' ? { ...options, buffer: 'dots' } : options), resolved: '' };
    case PT.SOCKADDR:
      return { name, value: sockaddrText(b, o, len), resolved: '' };
    case PT.SOCKTUPLE:
      return { name, value: socktupleText(b, o, len), resolved: '' };
    case PT.FDLIST:
      return { name, value: fdListText(e, b, o, len, r), resolved: '' };
    case PT.SYSCALLID: {
      const id = u16(b, o);
      // 2022 libsinsp names PPM_SC_UNKNOWN (0) <unknown>, as evt.type does.
      return { name, value: String(id), resolved: legacy && id === 0 ? '<unknown>' : (e.schema.syscallNames[id] ?? '') };
    }
    case PT.SIGTYPE: {
      const v = b[o] as number;
      return { name, value: String(v), resolved: signalName(v) ?? '' };
    }
    case PT.RELTIME: {
      if (len < 8) return { name, value: numeric(b, o, len, PT.UINT64, PF.DEC), resolved: '' };
      const hi = u32(b, o + 4);
      const lo = u32(b, o);
      if (hi === 0xffffffff && lo === 0xffffffff) return { name, value: 'none', resolved: '' };
      return { name, value: u64Decimal(hi, lo), resolved: `${formatG((hi * 4294967296 + lo) / 1e9)}s` };
    }
    case PT.ABSTIME:
      return { name, value: len >= 8 ? u64Decimal(u32(b, o + 4), u32(b, o)) : numeric(b, o, len, PT.UINT64, PF.DEC), resolved: '' };
    case PT.FLAGS8:
    case PT.FLAGS16:
    case PT.FLAGS32:
    case PT.ENUMFLAGS8:
    case PT.ENUMFLAGS16:
    case PT.ENUMFLAGS32: {
      const v = len >= 4 ? u32(b, o) : len >= 2 ? u16(b, o) : (b[o] as number);
      const table = flagsTable === undefined ? undefined : e.schema.flagTables[flagsTable];
      const exact = type === PT.ENUMFLAGS8 || type === PT.ENUMFLAGS16 || type === PT.ENUMFLAGS32;
      return { name, value: String(v), resolved: table ? flagNames(table, v, exact, legacy) : '' };
    }
    case PT.MODE: {
      const v = u32(b, o);
      const table = flagsTable === undefined ? undefined : e.schema.flagTables[flagsTable];
      return { name, value: numeric(b, o, 4, PT.UINT32, fmt), resolved: table ? flagNames(table, v, false, true) : '' };
    }
    case PT.UID:
    case PT.GID: {
      const v = u32(b, o);
      if (v === 0xffffffff) return { name, value: '-1', resolved: '<NONE>' };
      const n = type === PT.UID ? r?.user?.(e, v) : r?.group?.(e, v);
      return { name, value: String(v | 0), resolved: n ?? '<NA>' };
    }
    case PT.SIGSET: {
      const v = u32(b, o);
      const names: string[] = [];
      for (let s = 0; s < 32; s++) if (v & (1 << s)) names.push(signalName(s + 1) ?? '');
      return { name, value: names.filter((x) => x).join(' '), resolved: '' };
    }
    case PT.IPV4ADDR:
      return { name, value: len >= 4 ? ipv4Text(b, o) : '', resolved: '' };
    case PT.IPV6ADDR:
      return { name, value: len >= 16 ? ipv6Text(b, o) : '', resolved: '' };
    case PT.PORT:
    case PT.L4PROTO:
    case PT.SOCKFAMILY:
    case PT.BOOL:
      return { name, value: numeric(b, o, len, len === 1 ? PT.UINT8 : len === 2 ? PT.UINT16 : PT.UINT32, PF.DEC), resolved: '' };
    case PT.DOUBLE:
      return { name, value: len >= 8 ? String(Buffer.from(b.buffer, b.byteOffset + o, 8).readDoubleLE(0)) : '', resolved: '' };
    case PT.DYN:
      return { name, value: 'INVALID DYNAMIC PARAMETER', resolved: '' };
    default:
      return { name, value: '(n.a.)', resolved: '' };
  }
}

/**
 * The text of parameter i as `evt.arg.NAME` shows it: the resolution when there is one, else the value.
 * Flags (the common case in rules: `evt.arg.flags contains O_CREAT`) skip building the full rendering.
 */
export function paramDisplay(e: ScapEvent, i: number, options: RenderOptions = {}): string {
  const type = e.paramType(i);
  const len = e.paramLength(i);
  if (len > 0 && type >= PT.FLAGS8 && type <= PT.FLAGS32) {
    const b = e.buf;
    const o = e.paramOffset(i);
    const v = len >= 4 ? u32(b, o) : len >= 2 ? u16(b, o) : (b[o] as number);
    const flagsTable = e.info.params[i]?.flagsTable;
    const table = flagsTable === undefined ? undefined : e.schema.flagTables[flagsTable];
    const legacy = options.legacy ?? e.schema.id === 'sysdig-0.29.3';
    return (table ? flagNames(table, v, false, legacy) : '') || String(v);
  }
  const p = renderParam(e, i, options);
  return p.resolved || p.value;
}

/**
 * All parameters as sysdig's `evt.args`: `name=value ` or `name=value(resolved) ` for each, with the
 * trailing space. Generic syscall events (codes 0/1) have none, as in sysdig.
 */
export function renderArgs(e: ScapEvent, options: RenderOptions = {}): string {
  if (e.type === GENERIC_E || e.type === GENERIC_X) return '';
  const n = Math.min(e.nparams, e.schema.paramCount[e.type] as number);
  let out = '';
  for (let i = 0; i < n; i++) {
    const p = renderParam(e, i, options);
    out += p.resolved ? `${p.name}=${p.value}(${p.resolved}) ` : `${p.name}=${p.value} `;
  }
  return out;
}

/** sysdig's `evt.arg.NAME` / `evt.arg[i]`: the resolution when there is one, else the value. */
export function renderArg(e: ScapEvent, nameOrIndex: string | number, options: RenderOptions = {}): string | undefined {
  const i = typeof nameOrIndex === 'number' ? nameOrIndex : e.paramIndex(nameOrIndex);
  if (i < 0 || i >= Math.min(e.nparams, e.schema.paramCount[e.type] as number)) return undefined;
  const p = renderParam(e, i, options);
  return p.resolved || p.value;
}

function emptyText(type: number, legacy: boolean): string {
  switch (type) {
    case PT.BYTEBUF:
    case PT.CHARBUF:
    case PT.FSPATH:
    case PT.FSRELPATH:
      if (legacy) return '';
      return type === PT.BYTEBUF ? 'NULL' : '<NA>';
    case PT.SOCKADDR:
      return legacy ? 'NULL' : '<NA>';
    case PT.SOCKTUPLE:
    case PT.FDLIST:
    case PT.CHARBUFARRAY:
    case PT.CHARBUF_PAIR_ARRAY:
    case PT.DYN:
      return 'NULL';
    default:
      return '<NA>';
  }
}

/** Exact two's-complement value of len bytes at b[o] as a bigint. */
function readBig(b: Uint8Array, o: number, len: number, signed: boolean): bigint {
  let v = 0n;
  for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i] as number);
  return signed ? BigInt.asIntN(len * 8, v) : v;
}

/**
 * printf-style number as libsinsp prints it: %d for PF_DEC (unsigned 32/64-bit values print signed, like
 * libsinsp's PRId formats), %X for PF_HEX, %#o for PF_OCT, %09d for PF_10_PADDED_DEC.
 */
function numeric(b: Uint8Array, o: number, len: number, type: number, fmt: number): string {
  const width = type === PT.INT8 || type === PT.UINT8 ? 1 : type === PT.INT16 || type === PT.UINT16 ? 2 : type === PT.INT32 || type === PT.UINT32 ? 4 : 8;
  const n = Math.min(len, width);
  if (n < width) return '<NA>';
  // 8- and 16-bit values are promoted to int in C: unsigned ones stay positive. 32/64-bit go through PRId.
  const signedDec = type === PT.INT8 || type === PT.INT16 || type === PT.INT32 || type === PT.INT64 || type === PT.UINT32 || type === PT.UINT64;
  switch (fmt) {
    case PF.HEX:
      return readBig(b, o, width, false).toString(16).toUpperCase();
    case PF.OCT: {
      // %#o of the value as C sees it: sign-extended to int for signed 8/16-bit types.
      const v = readBig(b, o, width, type === PT.INT8 || type === PT.INT16);
      const u = v < 0n ? BigInt.asUintN(32, v) : v;
      return u === 0n ? '0' : `0${u.toString(8)}`;
    }
    case PF.PADDED_DEC: {
      const v = readBig(b, o, width, signedDec);
      const s = (v < 0n ? -v : v).toString().padStart(v < 0n ? 8 : 9, '0');
      return v < 0n ? `-${s}` : s;
    }
    default:
      return readBig(b, o, width, signedDec).toString();
  }
}

function resolveFd(e: ScapEvent, fd: number, r: ParamResolver | undefined): string {
  if (!r?.threadKnown?.(e)) return '';
  if (fd >= 0) return r.fd?.(e, fd) ?? '';
  if (fd === -100) return 'AT_FDCWD';
  return errnoName(-(fd | 0)) ?? '';
}

/** Printable ASCII only, as libsinsp's strcpy_sanitized leaves a path. */
function sanitizedAscii(b: Uint8Array, o: number, end: number): string {
  let s = '';
  for (let i = o; i < end; i++) {
    const c = b[i] as number;
    if (c >= PRINTABLE_MIN && c <= PRINTABLE_MAX) s += String.fromCharCode(c);
  }
  return s;
}

/** base + relative path with `.` and `..` segments folded and a trailing '/' dropped, like libsinsp. */
export function joinPath(base: string, rel: string): string {
  const parts: string[] = [];
  for (const seg of (base + rel).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function bufferText(b: Uint8Array, o: number, len: number, options: RenderOptions): string {
  const max = options.maxBufLen ?? 80;
  if (options.buffer === 'ascii') return asciiLines(b, o, len);
  if (options.buffer === 'hex-ascii') return hexAsciiRows(b, o, len);
  if (options.buffer === 'hex') return Buffer.from(b.buffer, b.byteOffset + o, len).toString('hex');
  if (options.buffer === 'base64') return Buffer.from(b.buffer, b.byteOffset + o, len).toString('base64');
  const n = max > 0 ? Math.min(len, max) : len;
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = b[o + i] as number;
    s += c >= PRINTABLE_MIN && c <= PRINTABLE_MAX ? String.fromCharCode(c) : '.';
  }
  if (max > 0 && len > max && max > 3) s = s.slice(0, max - 3) + '...';
  return s;
}

const isPrint = (c: number): boolean => c >= PRINTABLE_MIN && c <= PRINTABLE_MAX;

/**
 * sysdig -A: the printable bytes on a new line; a carriage return ends a line, a newline does unless it
 * follows a carriage return or opens the buffer; any other byte is left out. Only printable ASCII and
 * newlines come out.
 */
function asciiLines(b: Uint8Array, o: number, len: number): string {
  if (len === 0) return '';
  let s = '\n';
  for (let j = 0; j < len; j++) {
    const c = b[o + j] as number;
    if (isPrint(c)) s += String.fromCharCode(c);
    else if (c === 13) s += '\n';
    else if (c === 10 && j > 0 && b[o + j - 1] !== 13) s += '\n';
  }
  return s;
}

const hex2 = (c: number): string => c.toString(16).padStart(2, '0');

/**
 * sysdig -X: rows of 16 bytes, each `\n\t0xOFFS:` then the bytes in groups of two (an odd last byte alone),
 * padded, two spaces and the bytes as text (`.` for non-printable); a newline ends the block.
 */
function hexAsciiRows(b: Uint8Array, o: number, len: number): string {
  if (len === 0) return '';
  let s = '';
  for (let j = 0; j < len; j += 16) {
    s += `\n\t0x${j.toString(16).padStart(4, '0')}:`;
    const end = Math.min(j + 16, len);
    let chunks = 0;
    for (let k = j; k < end; k += 2, chunks++) s += k + 1 < end ? ` ${hex2(b[o + k] as number)}${hex2(b[o + k + 1] as number)}` : ` ${hex2(b[o + k] as number)}`;
    s += '     '.repeat(8 - chunks) + '  ';
    for (let k = j; k < end; k++) {
      const c = b[o + k] as number;
      s += isPrint(c) ? String.fromCharCode(c) : '.';
    }
  }
  return s + '\n';
}

function sockaddrText(b: Uint8Array, o: number, len: number): string {
  const a = decodeSockaddr(b, o, len);
  switch (a.kind) {
    case 'unix':
      return sanitizedAscii(b, o + 1, cstrEnd(b, o + 1, o + len));
    case 'inet':
      return len === 7 ? endpointText(a.addr, a.port) : 'INVALID IPv4';
    case 'inet6':
      return len === 19 ? endpointText(a.addr, a.port) : 'INVALID IPv6';
    default:
      return `family ${a.family}`;
  }
}

function socktupleText(b: Uint8Array, o: number, len: number): string {
  const t = decodeSocktuple(b, o, len);
  switch (t.kind) {
    case 'inet':
      return len === 13 ? tupleText(t.srcAddr, t.srcPort, t.dstAddr, t.dstPort) : 'INVALID IPv4';
    case 'inet6':
      return len === 37 ? tupleText(t.srcAddr, t.srcPort, t.dstAddr, t.dstPort) : 'INVALID IPv6';
    case 'unix':
      return len >= 17 ? `${t.srcPtr}->${t.dstPtr} ${sanitizedAscii(b, o + 17, cstrEnd(b, o + 17, o + len))}` : 'INVALID UNIX';
    default:
      return `family ${t.family}`;
  }
}

function fdListText(e: ScapEvent, b: Uint8Array, o: number, len: number, r: ParamResolver | undefined): string {
  if (len < 2) return '';
  const n = Math.min(u16(b, o), Math.floor((len - 2) / 10));
  const parts: string[] = [];
  for (let j = 0; j < n; j++) {
    const at = o + 2 + 10 * j;
    const fd = i64(b, at);
    const flags = u16(b, at + 8);
    const ch = r?.fdTypeChar?.(e, fd) ?? '?';
    // libsinsp prints the fd with %lu and the (sign-extended 16-bit) flags with %x.
    const fdText = fd < 0 ? BigInt.asUintN(64, BigInt(fd)).toString() : String(fd);
    const flagText = (flags & 0x8000 ? (flags | 0xffff0000) >>> 0 : flags).toString(16);
    parts.push(`${fdText}:${ch}${flagText}`);
  }
  return parts.join(' ');
}

/** C's %g (6 significant digits, shortest of fixed and exponent forms, trailing zeros dropped). */
export function formatG(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const [mant, expText] = x.toExponential(5).split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = x.toFixed(Math.max(0, 5 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

export { flagNames };
