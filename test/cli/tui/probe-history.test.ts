// Rules and filters on the thread CPU and exec-time fields, whose value depends on the earlier events the same
// field instance was extracted for: the TUI's explain and filter probes give the answers of a replay from the
// capture's start for them (a read from a checkpoint, with the rules compiled at the event, would see no history).
import { describe, expect, it } from 'vitest';
import { explainEvent, explainIndexed } from '../../../src/cli/explain-event.js';
import { indexedProbe } from '../../../src/cli/tui/explain.js';
import { tuiProbe } from '../../../src/cli/tui/run-tui.js';
import { EventIndex, FieldRegistry, Inspector, Replay, type Alert } from '../../../src/engine/index.js';
import { fileChunks } from '../../../src/scap/index.js';
import { sharedPath } from '../../helpers/paths.js';

const RULES = `
- rule: Thread used CPU
  desc: d
  condition: evt.type = procinfo and thread.cpu > 0
  output: "cpu %thread.cpu"
  priority: WARNING
`;

describe('explain and filters on fields that remember earlier events', () => {
  it('give the answers of a replay from the start (single_ipv6_conn.scap, procinfo events)', async () => {
    const file = sharedPath('captures', 'single_ipv6_conn.scap');
    const registry = new FieldRegistry();
    const index = new EventIndex(
      { name: file, openAt: (o) => fileChunks(file, 4096, o), inspector: () => new Inspector(registry, { zoneSeconds: 0, captureFile: file }) },
      { checkpointEvery: 64, budget: 1 },
    );
    const options = { rules: [{ name: 'r.yaml', content: RULES }], captures: [{ name: file, open: () => fileChunks(file, 4096) }], zoneSeconds: 0 };
    const alerts: Alert[] = [];
    for await (const a of new Replay({ ...options, outputFields: true, snapshots: true, index }).alerts()) alerts.push(a);
    expect(alerts.length).toBeGreaterThan(5);
    for (const a of alerts.slice(-5)) {
      const indexed = await explainIndexed(options, index, { evtNum: a.evtNum });
      expect(indexed).toEqual(await explainEvent(options, { evtNum: a.evtNum }));
      expect(indexed.ok && indexed.rules[0]?.matched).toBe(true);
    }
    const probe = indexedProbe(options, index, tuiProbe(options));
    const wanted = alerts.map((a, i) => ({ index: i, capture: 0, evtNum: a.evtNum }));
    const kept = await probe.filterMatches('thread.cpu > 0', wanted);
    expect(kept).toEqual(await tuiProbe(options).filterMatches('thread.cpu > 0', wanted));
    expect(kept.size).toBeGreaterThan(0);
  });
});
