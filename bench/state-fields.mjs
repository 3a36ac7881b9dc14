// Child process of bench/run.mjs: the state engine over a capture, with the rules of the given files.
// Usage: node bench/state-fields.mjs FILE MODE RULES...
//   MODE state:  Inspector.next() for every event (state updates only)
//        rules:  + Ruleset.evaluate() of every rule (rule_matching all), i.e. what a replay does per event
//        fields: + every field the rule files reference extracted on every event (worst case)
// Prints one JSON line: events read, seconds, events/s, peak RSS.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Inspector, RulesEngine, SYSCALL_SOURCE } from '../dist/engine/index.js';
// Internals a benchmark times directly (not part of the engine's public face).
import { Ruleset } from '../dist/engine/ruleset.js';
import { compileValue } from '../dist/engine/condition/compile.js';
import { parseFieldOrTransformer } from '../dist/engine/condition/parser.js';
import { readCaptureFile } from '../dist/scap/index.js';

const [file, mode = 'rules', ...rulesFiles] = process.argv.slice(2);
let inspector;
const engine = new RulesEngine({ bind: (f) => inspector.bind(f) });
inspector = new Inspector(engine.registry);
for (const r of rulesFiles) {
  const res = engine.load(readFileSync(r, 'utf8'), basename(r));
  if (!res.successful) throw new Error(`${r} does not load`);
}
const compiled = engine.compiled;
const ruleset = new Ruleset(compiled, { matching: 'all' });
const matched = { match() {} };
// Every distinct field the rules reference, compiled against the same per-event cache.
const getters = [];
if (mode === 'fields') {
  const seen = new Set();
  for (const rule of compiled.rules) {
    for (const f of rule.fields) {
      const text = f.arg ? (f.def.argSyntax === 'evt.arg' ? `${f.def.name}.${f.arg.raw}` : `${f.def.name}[${f.arg.raw}]`) : f.def.name;
      if (seen.has(text)) continue;
      seen.add(text);
      try {
        const { expr } = parseFieldOrTransformer(text);
        getters.push(compileValue(expr, { registry: engine.registry, source: SYSCALL_SOURCE, cache: compiled.cache, bind: inspector.bind }).get);
      } catch {
        /* fields of other sources */
      }
    }
  }
}
let events = 0;
let alerts = 0;
let sink = 0;
const t0 = process.hrtime.bigint();
const summary = await readCaptureFile(
  file,
  {
    ...inspector.stateHandler,
    event(e) {
      events++;
      const ctx = inspector.next(e);
      if (!ctx || mode === 'state') return;
      alerts += ruleset.evaluate(ctx, SYSCALL_SOURCE, e.type, matched);
      if (mode === 'fields') for (const g of getters) if (g(ctx) !== undefined) sink++;
    },
  },
  inspector.readOptions,
);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const inputEvents = summary.events + summary.droppedEvents;
console.log(JSON.stringify({ inputEvents, events, seconds, eventsPerSecond: inputEvents / seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, alerts, rules: compiled.rules.length, fields: getters.length, sink }));
