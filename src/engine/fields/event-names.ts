// Event and syscall names from the generated scap event table: what `evt.type` accepts, which event codes
// a name stands for, and the event parameters `evt.arg.NAME` / `evt.rawarg.NAME` can refer to.
import { EVENTS, EF, PPM_EVENT_MAX, PT, SYSCALL_NAMES, schemaById } from '../../scap/index.js';
import type { FieldType } from './types.js';

const PT_NAMES = new Map<number, FieldType>();
for (const [name, code] of Object.entries(PT)) {
  if (name === 'NONE') continue;
  const alias: Record<string, FieldType> = { DYN: 'DYNAMIC', FD32: 'FD', PID32: 'PID' };
  PT_NAMES.set(code, alias[name] ?? (name as FieldType));
}
/** Falco type name of a scap parameter type code (PT_*). */
function paramTypeName(code: number): FieldType | undefined {
  return PT_NAMES.get(code);
}

/** Number of event codes (PPM_EVENT_MAX): the universe of event-type sets. */
export const EVENT_CODE_COUNT = PPM_EVENT_MAX;
export const PPME_GENERIC_E = 0;
export const PPME_GENERIC_X = 1;
/** The code of async (meta) events, which every rule receives. */
export const PPME_ASYNCEVENT_E = EVENTS.find((e) => e.enumName === 'PPME_ASYNCEVENT_E')?.code ?? 402;
/** The code of plugin events, which rules of plugin sources are indexed on. */
export const PPME_PLUGINEVENT_E = EVENTS.find((e) => e.enumName === 'PPME_PLUGINEVENT_E')?.code ?? 322;

/** Event codes of each event name (codes 2 and up; generic events are matched through syscall names). */
const CODES_BY_NAME = new Map<string, number[]>();
for (const e of EVENTS) {
  if (e.code < 2 || e.code >= PPM_EVENT_MAX) continue;
  const list = CODES_BY_NAME.get(e.name);
  if (list) list.push(e.code);
  else CODES_BY_NAME.set(e.name, [e.code]);
}
const EVENT_NAMES = new Set(EVENTS.filter((e) => e.code < PPM_EVENT_MAX).map((e) => e.name));
const SC_NAMES = new Set(SYSCALL_NAMES.filter((n): n is string => n !== undefined));

/** True if `name` is an event name, a syscall name, or the name of an async event of a loaded plugin. */
export function isKnownEventName(name: string, asyncNames: ReadonlySet<string>): boolean {
  return EVENT_NAMES.has(name) || SC_NAMES.has(name) || asyncNames.has(name);
}

/**
 * The event codes the names stand for (libsinsp `names_to_event_set`): every event with that name, the async
 * event code for plugin async event names, and both generic codes when a name is only known as a syscall.
 */
export function namesToEventCodes(names: Iterable<string>, asyncNames: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  let leftover = false;
  for (const n of names) {
    const codes = CODES_BY_NAME.get(n);
    if (codes) for (const c of codes) out.add(c);
    else if (asyncNames.has(n)) out.add(PPME_ASYNCEVENT_E);
    else leftover = true;
    if (codes && asyncNames.has(n)) out.add(PPME_ASYNCEVENT_E);
  }
  if (leftover) {
    for (const n of names) {
      if (!CODES_BY_NAME.has(n) && !asyncNames.has(n) && SC_NAMES.has(n)) {
        out.add(PPME_GENERIC_E);
        out.add(PPME_GENERIC_X);
        break;
      }
    }
  }
  return out;
}

/** Names of a set of event codes, generic events resolved to every syscall they can stand for. */
export function eventCodesToNames(codes: Iterable<number>): Set<string> {
  const out = new Set<string>();
  for (const c of codes) {
    const e = EVENTS[c];
    if (!e) continue;
    if (c === PPME_GENERIC_E || c === PPME_GENERIC_X) continue;
    out.add(e.name);
  }
  return out;
}

/** True for event codes libs marks unused (EF_UNUSED). */
export function isUnusedEvent(code: number): boolean {
  const e = EVENTS[code];
  return e === undefined || (e.flags & EF.UNUSED) !== 0;
}

/** The event code of an event name for `evt.type.is.NAME` (first match in table order). */
export function eventCodeOfName(name: string): number | undefined {
  for (let i = 0; i < PPM_EVENT_MAX; i++) if (EVENTS[i]?.name === name) return i;
  return undefined;
}

/** Every event schema a capture can be read with (SchemaId): the current one and sysdig 0.29.3's. */
const ALL_SCHEMAS = ['current', 'sysdig-0.29.3'].map((id) => schemaById(id));

/**
 * The `evt.type` of every event of this code, whichever schema reads it; undefined when the code's events have
 * no one type (generic events name their syscall, async events their own name, plugin events are not syscall
 * events) or when the schemas name the code differently.
 */
export function fixedEventTypeName(code: number): string | undefined {
  if (code === PPME_GENERIC_E || code === PPME_GENERIC_X || code === PPME_ASYNCEVENT_E || code === PPME_PLUGINEVENT_E) return undefined;
  let name: string | undefined;
  for (const schema of ALL_SCHEMAS) {
    const n = schema?.events[code]?.name;
    if (n === undefined || (name !== undefined && n !== name)) return undefined;
    name = n;
  }
  return name;
}

interface ParamRef {
  readonly name: string;
  readonly type: FieldType;
}
/** Parameter names in event-table order; the first definition of a name gives its type. */
const PARAMS: ParamRef[] = [];
{
  const seen = new Set<string>();
  for (let i = 0; i < PPM_EVENT_MAX; i++) {
    for (const p of EVENTS[i]?.params ?? []) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      PARAMS.push({ name: p.name, type: paramTypeName(p.type) ?? 'DYNAMIC' });
    }
  }
}

/** The longest event parameter name that is a prefix of `text` (libsinsp `find_longest_matching_evt_param`). */
export function longestParamPrefix(text: string): ParamRef | undefined {
  let best: ParamRef | undefined;
  for (const p of PARAMS) {
    if (p.name.length > text.length || (best && p.name.length <= best.name.length)) continue;
    if (text.startsWith(p.name)) best = p;
  }
  return best;
}
