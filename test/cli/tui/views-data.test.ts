// The views' aggregation on a capture we build: counts per process, fd, event type and container, caps, and
// the rows of each view (tree, grouping, filters, alert counts) over them.
import { describe, expect, it } from 'vitest';
import { FieldRegistry, Inspector, Replay, type Alert, type CaptureInput } from '../../../src/engine/index.js';
import { AlertStore } from '../../../src/cli/tui/model.js';
import { Aggregator, MAX_PROCESSES, observingInspector } from '../../../src/cli/tui/views-data.js';
import { AGGREGATES, SOURCE_FIELDS, viewById, viewRows, VIEWS, type KeyFilter } from '../../../src/cli/tui/views.js';
import { writeCaptureBuffer } from '../../helpers/scap.js';
import { O, Scenario } from '../../helpers/scenario.js';

const RULES = `
- rule: Read shadow
  desc: d
  condition: evt.type in (open, openat) and evt.dir = < and fd.name = /etc/shadow
  output: shadow read by %proc.name
  priority: WARNING
- rule: Outbound to 443
  desc: d
  condition: evt.type = connect and evt.dir = < and fd.sport = 443
  output: connect by %proc.name to %fd.name
  priority: NOTICE
`;

function capture(): Buffer {
  const s = new Scenario({ start: 1_700_000_000_000_000_000n });
  const bash = s.process({ pid: 100, ppid: 1, comm: 'bash', args: ['-i'] });
  const cat = s.process({ pid: 101, ppid: 100, comm: 'cat', args: ['/etc/shadow'] });
  const curl = s.process({ pid: 102, ppid: 100, comm: 'curl', args: ['https://203.0.113.10/'] });
  bash.open('/etc/profile', O.RDONLY);
  const fd = cat.open('/etc/shadow', O.RDONLY);
  cat.read(fd, 'root:x:0:0');
  cat.read(fd, 'daemon:x:1:1');
  const sock = curl.socket();
  curl.connect(sock, '203.0.113.10:443');
  return writeCaptureBuffer((w) => s.writeTo(w));
}

async function replay(buf: Buffer): Promise<{ agg: Aggregator; alerts: Alert[]; rules: Replay['rules'] }> {
  const agg = new Aggregator();
  const input: CaptureInput = {
    name: 'views.scap',
    open: async function* () {
      yield buf;
    },
  };
  const r = new Replay({ rules: [{ name: 'r.yaml', content: RULES }], captures: [input], zoneSeconds: 0, snapshots: true, outputFields: true, inspector: (reg, o) => observingInspector(new Inspector(reg, o), agg) });
  const alerts: Alert[] = [];
  for await (const a of r.alerts()) alerts.push(a);
  return { agg, alerts, rules: r.rules };
}

describe('the views table', () => {
  const registry = new FieldRegistry();
  const known = (f: string): boolean => registry.find(f) !== undefined;

  it("names only known fields or aggregates in every view's columns, key and filter", () => {
    for (const v of VIEWS) {
      for (const c of v.columns) expect(known(c.field) || c.field in AGGREGATES, `${v.id}: ${c.field}`).toBe(true);
      expect(known(v.groupBy), v.groupBy).toBe(true);
      expect(SOURCE_FIELDS[v.source]).toContain(v.groupBy);
      if (v.filter) expect(SOURCE_FIELDS[v.source]).toContain(v.filter.field);
      for (const c of v.columns) if (!(c.field in AGGREGATES)) expect(SOURCE_FIELDS[v.source], `${v.id}: ${c.field}`).toContain(c.field);
      expect(v.drilldown === 'alerts' || VIEWS.some((x) => x.id === v.drilldown)).toBe(true);
      expect(v.sort.column).toBeLessThan(v.columns.length);
    }
    for (const fields of Object.values(SOURCE_FIELDS)) for (const f of fields) expect(known(f), f).toBe(true);
  });

  it('fits every view in 80 columns with one growing column', () => {
    for (const v of VIEWS) {
      expect(v.columns.filter((c) => c.width === 0)).toHaveLength(1);
      expect(2 + v.columns.reduce((n, c) => n + c.width, 0)).toBeLessThanOrEqual(80 - 20);
    }
  });
});

describe('aggregation during the replay', () => {
  it('counts events per process, fd name, event type and container, with parents', async () => {
    const { agg, alerts } = await replay(capture());
    expect(alerts.map((a) => a.rule)).toEqual(['Read shadow', 'Outbound to 443']);
    const f = agg.facts();
    const proc = (pid: number) => f.processes.find((p) => p.fields['proc.pid'] === String(pid));
    expect(proc(101)?.fields).toMatchObject({ 'proc.name': 'cat', 'proc.ppid': '100', 'proc.cmdline': 'cat /etc/shadow', 'container.id': 'host' });
    expect(proc(102)?.fields['proc.ppid']).toBe('100');
    // cat: open (enter+exit) and two reads (enter+exit), as the rules see them (Falco ≥ 0.42 drops most enters).
    expect(proc(101)?.events).toBeGreaterThanOrEqual(3);
    const shadow = f.fds.find((x) => x.fields['fd.name'] === '/etc/shadow');
    expect(shadow?.fields).toMatchObject({ 'proc.pid': '101', 'fd.type': 'file' });
    expect(shadow?.events).toBeGreaterThanOrEqual(3);
    const conn = f.fds.find((x) => x.fields['fd.type'] === 'ipv4');
    expect(conn?.fields['fd.name']).toContain('203.0.113.10:443');
    expect(conn?.fields['fd.l4proto']).toBe('tcp');
    expect(f.types.filter((t) => t.fields['proc.pid'] === '101').map((t) => t.fields['evt.type'])).toEqual(expect.arrayContaining(['read']));
    expect(f.span && f.span.last >= f.span.first).toBe(true);
    expect(f.dropped).toEqual({ processes: 0, fds: 0, types: 0 });
  });

  it('feeds the views: the process tree with alert counts per subtree, files, connections, drill-down filters', async () => {
    const { agg, alerts, rules } = await replay(capture());
    const store = new AlertStore(rules, { title: 'views.scap', totalBytes: 1, zoneSeconds: 0, facts: () => agg.facts() });
    for (const a of alerts) store.add(a);
    store.finish({ events: 1 }, 1);
    const d = store.snapshot();
    const procs = viewRows(d, viewById('processes'), [], undefined, viewById('processes').sort);
    const at = (pid: string) => procs.find((r) => r.key === pid);
    // bash (100) is the parent of cat and curl, each with one alert: its subtree holds both.
    expect(at('100')?.depth).toBe(0);
    expect(at('101')?.depth).toBe(1);
    const col = (name: string) => viewById('processes').columns.findIndex((c) => c.field === name);
    expect(at('100')?.values[col('alerts')]).toBe(0);
    expect(at('100')?.values[col('tree.alerts')]).toBe(2);
    expect(at('101')?.values[col('alerts')]).toBe(1);
    expect(procs.indexOf(at('101') as never)).toBeGreaterThan(procs.indexOf(at('100') as never));

    const files = viewRows(d, viewById('files'), [], undefined, viewById('files').sort);
    expect(files.map((r) => r.key)).toEqual(expect.arrayContaining(['/etc/shadow', '/etc/profile']));
    expect(files.every((r) => !r.key.includes('203.0.113.10'))).toBe(true);
    const conns = viewRows(d, viewById('connections'), [], undefined, viewById('connections').sort);
    expect(conns).toHaveLength(1);
    expect(conns[0]?.values[1]).toBe(1);

    const byCat: KeyFilter[] = [{ field: 'proc.pid', value: '101', text: 'proc.pid=101' as never }];
    expect(viewRows(d, viewById('files'), byCat, undefined, viewById('files').sort).map((r) => r.key)).toEqual(['/etc/shadow']);
    // A filter on a field a view's rows do not carry: the view does not apply.
    expect(viewRows(d, viewById('processes'), [{ field: 'fd.name', value: '/etc/shadow', text: '' as never }], undefined, viewById('processes').sort)).toEqual([]);
  });

  it('caps the process table and counts what it dropped', () => {
    const agg = new Aggregator();
    const ev = { tsHi: 0, tsLo: 1, typeName: 'read' };
    for (let pid = 0; pid < MAX_PROCESSES + 5; pid++) agg.observe({ event: ev, thread: { pid, ptid: 1, comm: 'p', args: [], containerId: '' }, fd: undefined });
    const f = agg.facts();
    expect(f.processes).toHaveLength(MAX_PROCESSES);
    expect(f.dropped.processes).toBe(5);
  });
});
