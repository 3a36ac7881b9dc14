// What extractors see of the inspector (a structural view, so field code does not depend on the class).
import type { BufferDisplay, ParamResolver } from '../../../scap/index.js';
import type { PluginExtractorSource, PluginPayloadCache } from '../../plugins/index.js';
import type { EventContext } from '../../state/context.js';
import type { SinspState } from '../../state/sinsp.js';
import type { ThreadInfo } from '../../state/threadinfo.js';
import type { ResolvedField } from '../registry.js';
import type { Extractor, FieldArg, FieldValue } from '../types.js';

export interface ExtractEnv {
  readonly legacy: boolean;
  readonly state: SinspState;
  readonly resolver: ParamResolver;
  readonly hostname: string | undefined;
  /** The capture file being read, as named by the caller (capture.file). */
  readonly captureFile: string | undefined;
  readonly zoneSeconds: number;
  readonly maxBufLen: number;
  /** How BYTEBUF parameters of evt.args/evt.info/evt.arg print (sysdig -A/-X); dots when absent. */
  readonly bufferDisplay?: BufferDisplay;
  readonly firstTsHi: number;
  readonly firstTsLo: number;
  /** One parse of a plugin event's payload, shared by every plugin field extracted from the event. */
  readonly pluginPayloads: PluginPayloadCache;
  /** Plugin field extraction besides the built-in plugins (loaded plugin libraries). */
  readonly pluginExtractors: readonly PluginExtractorSource[];
}

/** Builds the extractor of one field reference (arguments are fixed at compile time). */
export type ExtractorFactory = (env: ExtractEnv, field: ResolvedField) => Extractor | undefined;

/** An extractor over the concrete context type. */
export type CtxExtractor = (ctx: EventContext, arg: FieldArg | undefined) => FieldValue | undefined;

export const asExtractor = (f: CtxExtractor): Extractor => f as unknown as Extractor;

/** A thread-level factory: missing when the event has no thread. */
export function th(get: (env: ExtractEnv, t: ThreadInfo, ctx: EventContext) => FieldValue | undefined): ExtractorFactory {
  return (env) =>
    asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      return t ? get(env, t, ctx) : undefined;
    });
}
