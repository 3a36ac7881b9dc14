// An event schema is one generation of the libs event table, with lookups precomputed for the decoder.
import { DYN_TABLES, EVENTS, FLAG_TABLES, PPM_EVENT_MAX, SOURCE_REVISION, SYSCALL_NAMES } from './event-table.generated.js';
import {
  V0293_DYN_TABLES,
  V0293_EVENTS,
  V0293_FLAG_TABLES,
  V0293_PPM_EVENT_MAX,
  V0293_SOURCE_REVISION,
  V0293_SYSCALL_NAMES,
} from './event-table-0.29.3.generated.js';
import { EF, PT, type DynParamInfo, type EventInfo } from './types.js';

export type SchemaId = 'current' | 'sysdig-0.29.3';

export interface EventSchema {
  readonly id: SchemaId;
  /** falcosecurity/libs commit the table was extracted from. */
  readonly revision: string;
  /** Event codes ≥ this are unknown: readers skip them without numbering them. */
  readonly eventMax: number;
  readonly events: readonly EventInfo[];
  readonly flagTables: Readonly<Record<string, readonly (readonly [string, number])[]>>;
  readonly dynTables: Readonly<Record<string, readonly DynParamInfo[]>>;
  readonly syscallNames: readonly (string | undefined)[];
  /** Per event code: 4 when parameter lengths are u32 (EF_LARGE_PAYLOAD), else 2. */
  readonly lenSize: Uint8Array;
  /** Per event code: number of parameters in the table. */
  readonly paramCount: Uint8Array;
  /** Per event code and parameter: PT type, at `code * PARAM_STRIDE + index`. */
  readonly paramTypes: Uint8Array;
  /** Per event code and parameter, like `paramTypes`: how an integer reads (`INT_READ`). */
  readonly paramIntRead: Uint8Array;
}

/** How `paramIntRead` says an integer parameter reads: unsigned, sign-extended, or through its PT_DYN table. */
export const enum INT_READ {
  UNSIGNED = 0,
  SIGNED = 1,
  DYN = 2,
}

/** Signed integer parameter types (read sign-extended). */
export function isSignedType(t: number): boolean {
  return (
    t === PT.INT8 || t === PT.INT16 || t === PT.INT32 || t === PT.INT64 || t === PT.ERRNO || t === PT.FD || t === PT.PID || t === PT.FD32 || t === PT.PID32
  );
}

/** Row width of `EventSchema.paramTypes`; larger than any event's parameter count. */
export const PARAM_STRIDE = 64;

function build(
  id: SchemaId,
  revision: string,
  eventMax: number,
  events: readonly EventInfo[],
  flagTables: EventSchema['flagTables'],
  dynTables: EventSchema['dynTables'],
  syscallNames: readonly (string | undefined)[],
): EventSchema {
  const lenSize = new Uint8Array(eventMax);
  const paramCount = new Uint8Array(eventMax);
  const paramTypes = new Uint8Array(eventMax * PARAM_STRIDE);
  const paramIntRead = new Uint8Array(eventMax * PARAM_STRIDE);
  for (const e of events) {
    if (e.code >= eventMax) continue;
    lenSize[e.code] = e.flags & EF.LARGE_PAYLOAD ? 4 : 2;
    paramCount[e.code] = e.params.length;
    e.params.forEach((p, i) => {
      paramTypes[e.code * PARAM_STRIDE + i] = p.type;
      paramIntRead[e.code * PARAM_STRIDE + i] = p.type === PT.DYN ? INT_READ.DYN : isSignedType(p.type) ? INT_READ.SIGNED : INT_READ.UNSIGNED;
    });
  }
  return Object.freeze({ id, revision, eventMax, events, flagTables, dynTables, syscallNames, lenSize, paramCount, paramTypes, paramIntRead });
}

/** The current libs table (what Falco ≥ 0.42 reads with). */
export const CURRENT_SCHEMA: EventSchema = build('current', SOURCE_REVISION, PPM_EVENT_MAX, EVENTS, FLAG_TABLES, DYN_TABLES, SYSCALL_NAMES);

/** The table of the libs sysdig 0.29.3 is built on: use it to read and display exactly as sysdig 0.29.3 does. */
export const SYSDIG_0293_SCHEMA: EventSchema = build(
  'sysdig-0.29.3',
  V0293_SOURCE_REVISION,
  V0293_PPM_EVENT_MAX,
  V0293_EVENTS,
  V0293_FLAG_TABLES,
  V0293_DYN_TABLES,
  V0293_SYSCALL_NAMES,
);

export function schemaById(id: string): EventSchema | undefined {
  if (id === 'current') return CURRENT_SCHEMA;
  if (id === 'sysdig-0.29.3' || id === '0.29.3') return SYSDIG_0293_SCHEMA;
  return undefined;
}
