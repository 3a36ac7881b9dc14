// The shapes of the field catalogue: what a field is (name, Falco type, flags, description) and the
// contract between compiled conditions and the replay engine that extracts values from events.

/** Falco's field types, named as `falco --list -v` prints them (libsinsp `param_type_to_string`). */
export type FieldType =
  | 'INT8' | 'INT16' | 'INT32' | 'INT64'
  | 'UINT8' | 'UINT16' | 'UINT32' | 'UINT64'
  | 'CHARBUF' | 'BYTEBUF' | 'FSPATH' | 'FSRELPATH'
  | 'ERRNO' | 'FD' | 'PID' | 'UID' | 'GID' | 'MODE' | 'PORT' | 'SYSCALLID' | 'SIGTYPE'
  | 'FLAGS8' | 'FLAGS16' | 'FLAGS32' | 'ENUMFLAGS8' | 'ENUMFLAGS16' | 'ENUMFLAGS32'
  | 'RELTIME' | 'ABSTIME' | 'DOUBLE' | 'BOOL'
  | 'IPV4ADDR' | 'IPV6ADDR' | 'IPADDR' | 'IPV4NET' | 'IPV6NET' | 'IPNET'
  | 'L4PROTO' | 'SOCKFAMILY' | 'SOCKADDR' | 'SOCKTUPLE' | 'FDLIST' | 'SIGSET'
  | 'CHARBUFARRAY' | 'CHARBUF_PAIR_ARRAY' | 'DYNAMIC';

/** Field flags, with the bit values libsinsp uses (`filtercheck_field_flags`). */
export const EPF = {
  NONE: 0,
  /** Usable in conditions only, not in outputs. */
  FILTER_ONLY: 1 << 0,
  /** Usable in outputs only (such fields are never listed). */
  PRINT_ONLY: 1 << 1,
  ARG_REQUIRED: 1 << 2,
  /** Not listed by `fields` (sysdig table views only). */
  TABLE_ONLY: 1 << 3,
  INFO: 1 << 4,
  CONVERSATION: 1 << 5,
  IS_LIST: 1 << 6,
  ARG_ALLOWED: 1 << 7,
  ARG_INDEX: 1 << 8,
  ARG_KEY: 1 << 9,
  DEPRECATED: 1 << 10,
  NO_TRANSFORMER: 1 << 11,
  /** Cannot be compared with a right-hand-side field, nor be one. */
  NO_RHS: 1 << 12,
  NO_PTR_STABILITY: 1 << 13,
  /** A plugin suggests this field for every output of its source (`suggested_output`). */
  FORMAT_SUGGESTED: 1 << 14,
} as const;

/** How a numeric value is printed (libsinsp `ppm_print_format`). */
export type PrintFormat = 'NA' | 'DEC' | 'HEX' | 'OCT' | 'ID' | 'PADDED_DEC' | 'DIR';

/**
 * How the argument of a field is written and parsed. Built-in fields reproduce libsinsp's own parsing
 * (`evt.arg.name`/`evt.arg[1]`, `proc.aname[2]`, `proc.env[HOME]`, `thread.cgroup.cpu`...); plugin fields
 * take `[arg]` that is an index, a key or both.
 */
export type ArgSyntax =
  | 'evt.arg' | 'evt.rawarg' | 'evt.around' | 'evt.abspath' | 'evt.type.is'
  | 'ancestor-index' | 'env-key' | 'cgroup' | 'fd-index' | 'plugin';

/**
 * A parsed field argument, fixed at compile time: `proc.aname[2]` → `{raw: '2', index: 2}`,
 * `proc.env[HOME]` → `{raw: 'HOME', key: 'HOME'}`, `evt.arg.flags` → `{raw: 'flags', key: 'flags'}`,
 * `json.value[/a/b]` → `{raw: '/a/b', key: '/a/b'}`. Plugin fields that accept both an index and a key
 * (`container.mount.dest[0]`, `container.mount.dest[/proc*]`) get `index` when the text is a valid index.
 */
export interface FieldArg {
  readonly raw: string;
  readonly index?: number;
  readonly key?: string;
  /** `evt.rawarg.NAME`: the type of the named event parameter (`evt.rawarg` is declared DYNAMIC). */
  readonly paramType?: FieldType;
}

/**
 * An IP address as the replay engine hands it over: IPv4 as an unsigned 32-bit number in host order
 * (`10.0.0.1` → 0x0a000001), IPv6 as its 16 bytes.
 */
export type IpValue = number | Uint8Array;

/**
 * A typed field value. Strings for CHARBUF/FSPATH; numbers for integer, time and port types (a `bigint` only
 * when the magnitude exceeds 2^53, e.g. nanosecond timestamps); booleans for BOOL; bytes for BYTEBUF;
 * {@link IpValue} for address and network fields; arrays for list fields and for the multi-valued fields
 * described by {@link FieldDef.multi}.
 */
export type FieldValue = string | number | bigint | boolean | Uint8Array | readonly FieldValue[];

/**
 * What compiled conditions know about the event being evaluated. The replay engine implements this (with
 * the event, thread, fd and container state behind it); conditions only ever read `epoch` themselves, to
 * cache extracted values for the duration of one event: give every event a different `epoch`.
 */
export interface EvalContext {
  readonly epoch: number;
}

/**
 * Extracts one field from the current event: a typed value, or `undefined` when the field has no value
 * for this event (no thread, no fd, no such parameter...). Missing values make every check on them false.
 */
export type Extractor = (ctx: EvalContext, arg: FieldArg | undefined) => FieldValue | undefined;

/**
 * Fields whose checks have special semantics in libsinsp, expressed as multi-valued extractions:
 * - `any-ancestor` (`proc.aname` etc. without an index): the extractor returns the values of all
 *   ancestors (parent first, not the process itself); a check is true if any of them satisfies it,
 *   `exists` is true if there is at least one ancestor.
 * - `either-side` (`fd.ip`, `fd.port`, `fd.proto`): the extractor returns `[client, server]` for a
 *   connected socket, `[local]` for a listening socket and `[]` for any other fd (`undefined` without an
 *   fd). `=`, `in` and the ordering operators are true if any value satisfies them, `!=` only if all do;
 *   `exists` is true whenever the event has an fd.
 * - `either-side-first-net` (`fd.net`): like `either-side`, but libsinsp compares only against the first
 *   network of an `in (...)` list.
 */
export type MultiValueSemantics = 'any-ancestor' | 'either-side' | 'either-side-first-net';

/** One entry of the field catalogue. */
export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  /** {@link EPF} bits. */
  readonly flags: number;
  readonly print: PrintFormat;
  /** One line saying what the field holds (our wording). */
  readonly desc: string;
  /** Field class, as `fields` groups them: `evt`, `process`, `fd`, `container`, `k8saudit`... */
  readonly fieldClass: string;
  readonly argSyntax?: ArgSyntax;
  readonly multi?: MultiValueSemantics;
}

export const hasFlag = (def: { readonly flags: number }, flag: number): boolean => (def.flags & flag) !== 0;
