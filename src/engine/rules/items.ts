// What the reader collects from rules files: lists, macros, rules and their updates, with the contexts
// their diagnostics point at.
import type { LoadContext } from './load-result.js';
import type { MappedText } from './source.js';

/** Falco's priorities, most severe first (index = numeric priority). */
export const PRIORITIES = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The upper-case short names used in the end-of-run statistics. */
export const PRIORITY_SHORT = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'] as const;

/** Priority number of a rules-file word (case-insensitive; `info` is `informational`). */
export function parsePriority(text: string): number | undefined {
  const t = text.toLowerCase();
  if (t === 'info') return 6;
  const i = PRIORITIES.findIndex((p) => p.toLowerCase() === t);
  return i < 0 ? undefined : i;
}

/** A semantic version as Falco reads it (`x.y.z`, anything after the third number ignored). */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export function parseVersion(text: string): Version | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)\.[ \t\n\v\f\r]*([+-]?\d+)\.[ \t\n\v\f\r]*([+-]?\d+)/.exec(text);
  if (!m) return undefined;
  const u32 = (s: string): number => Number(BigInt.asUintN(32, BigInt(s)));
  return { major: u32(m[1] as string), minor: u32(m[2] as string), patch: u32(m[3] as string) };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Same major and at least the requested version. */
export function versionCompatible(have: Version, want: Version): boolean {
  return have.major === want.major && compareVersions(have, want) >= 0;
}

export const versionString = (v: Version): string => `${v.major}.${v.minor}.${v.patch}`;

/** A value of an exception's fields/comps/values: a scalar, or a (nested) sequence of them. */
export interface ExceptionEntry {
  readonly isList: boolean;
  readonly item: string;
  readonly items: readonly ExceptionEntry[];
}

export const entryIsValid = (e: ExceptionEntry): boolean => (e.isList ? e.items.length > 0 : e.item !== '');
export const EMPTY_ENTRY: ExceptionEntry = { isList: false, item: '', items: [] };

export interface ExceptionInfo {
  readonly name: string;
  fields: ExceptionEntry;
  comps: ExceptionEntry;
  values: ExceptionEntry[];
  readonly ctx: LoadContext;
}

export interface ListInfo {
  name: string;
  items: string[];
  ctx: LoadContext;
  /** Position of the first definition (evaluation and visibility order). */
  index: number;
  /** Sequence id of the last definition or append. */
  visibility: number;
}

export interface MacroInfo {
  name: string;
  cond: MappedText;
  condCtx: LoadContext;
  ctx: LoadContext;
  index: number;
  visibility: number;
}

export interface RuleInfo {
  name: string;
  source: string;
  cond: MappedText;
  condCtx: LoadContext;
  output: MappedText;
  outputCtx: LoadContext;
  desc: string;
  priority: number;
  enabled: boolean;
  tags: Set<string>;
  exceptions: ExceptionInfo[];
  capture: boolean;
  captureDuration: number;
  warnEvttypes: boolean;
  skipIfUnknownFilter: boolean;
  unknownSource: boolean;
  ctx: LoadContext;
  index: number;
  visibility: number;
}

/** An `append: true` or `override` item for a rule: only the keys it names are set. */
export interface RuleUpdate {
  name: string;
  source: string;
  ctx: LoadContext;
  condCtx?: LoadContext;
  cond?: MappedText;
  output?: MappedText;
  desc?: string;
  tags?: Set<string>;
  exceptions?: ExceptionInfo[];
  priority?: number;
  capture?: boolean;
  captureDuration?: number;
  enabled?: boolean;
  warnEvttypes?: boolean;
  skipIfUnknownFilter?: boolean;
}

export function updateHasAnyValue(u: RuleUpdate): boolean {
  return (
    u.cond !== undefined ||
    u.output !== undefined ||
    u.desc !== undefined ||
    u.tags !== undefined ||
    u.exceptions !== undefined ||
    u.priority !== undefined ||
    u.enabled !== undefined ||
    u.capture !== undefined ||
    u.captureDuration !== undefined ||
    u.warnEvttypes !== undefined ||
    u.skipIfUnknownFilter !== undefined
  );
}

/** One requirement: any of these plugins at a compatible version. */
export interface PluginRequirement {
  readonly alternatives: readonly { readonly name: string; readonly version: string }[];
  readonly ctx: LoadContext;
}
