// Plugins loaded at run time, through their structural interface (no native code): catalogue entries,
// flags, argument passing, and a replay where rules of the plugin's source fire on its events.
import { describe, expect, it } from 'vitest';
import { EPF, FieldRegistry, KNOWN_PLUGINS, Replay, type Alert } from '../../helpers/engine.js';
import { runtimePluginInfo, type RuntimePlugin } from '../../../src/engine/plugins/runtime.js';
import { Scenario } from '../../helpers/scenario.js';

/** A stand-in for the C test plugin: payload "count=N"; dummy.value = N, dummy.text, dummy.arg[k] = "k:N". */
function fakePlugin(calls: { num: number; source: string; id: number }[] = []): RuntimePlugin {
  return {
    name: 'dummy',
    version: '0.1.0',
    description: 'fake',
    id: 999,
    eventSource: 'dummy',
    extractSources: ['dummy'],
    fields: [
      { name: 'dummy.value', type: 'uint64', isList: false, desc: 'counter', properties: [] },
      { name: 'dummy.text', type: 'string', isList: false, desc: 'text', properties: [] },
      { name: 'dummy.arg', type: 'string', isList: false, arg: { isRequired: true, isIndex: false, isKey: true }, desc: 'arg', properties: [] },
      { name: 'dummy.digits', type: 'string', isList: true, desc: 'digits', properties: ['hidden'] },
    ],
    extract(num, source, id, payload, _ts, reqs) {
      calls.push({ num, source, id });
      const m = /^count=(\d+)$/.exec(Buffer.from(payload).toString());
      if (!m) return reqs.map(() => undefined);
      const n = Number(m[1]);
      return reqs.map((r) => [n, `event ${n}`, `${r.argKey}:${n}`, [...String(n)]][r.fieldId]);
    },
  };
}

describe('runtime plugin catalogue', () => {
  it('adds the plugin source and its fields with libsinsp flags', () => {
    const reg = new FieldRegistry([...KNOWN_PLUGINS, runtimePluginInfo(fakePlugin())]);
    expect(reg.sources).toContain('dummy');
    const arg = reg.resolve('dummy', 'dummy.arg[abc]');
    expect(arg.def.flags & (EPF.ARG_REQUIRED | EPF.ARG_KEY)).toBe(EPF.ARG_REQUIRED | EPF.ARG_KEY);
    expect(arg.arg?.key).toBe('abc');
    expect(reg.resolve('dummy', 'dummy.value').def.type).toBe('UINT64');
    expect(reg.resolve('dummy', 'dummy.digits').def.flags & (EPF.IS_LIST | EPF.TABLE_ONLY)).toBe(EPF.IS_LIST | EPF.TABLE_ONLY);
    expect(reg.tryResolve('syscall', 'dummy.value')).toBeUndefined();
  });
});

describe('runtime plugin replay', () => {
  const RULES = `
- rule: big dummy
  desc: counter above 2
  condition: dummy.value > 2 and dummy.arg[k] startswith "k:"
  output: "value=%dummy.value text=%dummy.text arg=%dummy.arg[k]"
  priority: WARNING
  source: dummy
- rule: any open
  desc: syscall rule never sees plugin events
  condition: evt.type = open
  output: open
  priority: INFO
`;

  it('routes events by the plugin ID and extracts its fields', async () => {
    const s = new Scenario();
    for (let n = 1; n <= 5; n++) s.pluginEvent(999, `count=${n}`);
    s.pluginEvent(998, 'count=9');
    s.pluginEvent(999, 'garbage');
    const calls: { num: number; source: string; id: number }[] = [];
    const buf = s.toBuffer();
    const replay = new Replay({
      rules: [{ name: 'r.yaml', content: RULES }],
      captures: [{ name: 'c.scap', open: async function* () { yield buf; } }],
      plugins: [...KNOWN_PLUGINS, runtimePluginInfo(fakePlugin(calls))],
      zoneSeconds: 0,
      appendOutput: [],
    });
    expect(replay.ok).toBe(true);
    const alerts: Alert[] = [];
    for await (const a of replay.alerts()) alerts.push(a);
    expect(alerts.map((a) => a.message)).toEqual([3, 4, 5].map((n) => `value=${n} text=event ${n} arg=k:${n}`));
    expect(alerts.every((a) => a.rule === 'big dummy' && a.source === 'dummy')).toBe(true);
    expect(calls.every((c) => c.source === 'dummy' && c.id === 999)).toBe(true);
  });
});
