// A test-only evaluation context for plugin rules: compiled conditions read plugin fields straight from one
// payload through the built-in extractors (the replay engine does the real binding).
import { readFileSync } from 'node:fs';
import type { EvalContext, FieldBinder, Extractor } from '../../helpers/engine.js';
import { RulesEngine } from '../../helpers/engine.js';
import { sharedPath } from '../../helpers/paths.js';
import { pluginFieldExtractor, PluginPayload } from '../../../src/engine/plugins/index.js';

export interface PluginEvalContext extends EvalContext {
  readonly payload: PluginPayload;
  readonly num: number;
  readonly source: string;
}

export const pluginBinder: FieldBinder = (f): Extractor => {
  const name = f.def.name;
  const c = (ctx: EvalContext): PluginEvalContext => ctx as PluginEvalContext;
  if (name === 'evt.num') return (ctx) => c(ctx).num;
  if (name === 'evt.source') return (ctx) => c(ctx).source;
  return (ctx) => pluginFieldExtractor(c(ctx).source, name)?.(c(ctx).payload, f.arg);
};

/** The official rules files from ../shared/rules loaded into one engine bound to the plugin extractors. */
export function loadPluginRules(...files: string[]): { engine: RulesEngine; errors: string[] } {
  const engine = new RulesEngine({ bind: pluginBinder });
  const errors: string[] = [];
  for (const f of files) {
    const res = engine.load(readFileSync(sharedPath('rules', f), 'utf8'), f);
    for (const e of res.errors) errors.push(`${e.code}: ${e.message}`);
  }
  return { engine, errors };
}

let epoch = 0;

/** Names of the enabled rules of `source` whose condition holds on the payload, in rule order. */
export function firedRules(engine: RulesEngine, source: string, payload: Uint8Array | string, num = 1, ts: bigint = 1_000_000_000n): string[] {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const ctx: PluginEvalContext = { epoch: ++epoch, payload: new PluginPayload(bytes, ts), num, source };
  const rules = engine.compiled?.rules ?? [];
  return rules.filter((r) => r.enabled && r.source === source && r.predicate(ctx)).map((r) => r.name);
}
