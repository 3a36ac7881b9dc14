// Plugin events end to end through the CLI: `record --plugin-events` writes the k8s audit and CloudTrail records of
// Falco's tests (../shared) as plugin events, and `run` replays them through the official 2022 rule files; a
// capture mixing syscall and plugin events replays both sources in one run with counts per source; unknown
// plugin IDs are reported by run and inspect.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';
import { O, Scenario } from '../helpers/scenario.js';
import { EXPECTED } from '../engine/plugins/plugin-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'falco-replay-plugin-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const K8S_RULES = sharedPath('rules', 'k8s_audit_rules-2022-03.yaml');
const CT_RULES = sharedPath('rules', 'aws_cloudtrail_rules-2022-03.yaml');
const ALICE = join(dir, 'alice.yaml');
writeFileSync(
  ALICE,
  '- rule: Alice starts instances\n  desc: d\n  condition: ct.name="StartInstances" and ct.user="Alice"\n  output: "%ct.user started %ec2.imageid (%evt.pluginname)"\n  priority: INFO\n  source: aws_cloudtrail\n',
);

const rulesOf = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { rule: string }).rule);

describe('record --plugin-events k8s_audit:FILE, replayed through the 2022 k8s audit rules', () => {
  const files = readdirSync(sharedPath('k8s_audit')).filter((f) => f.endsWith('.json'));

  it('the table covers every file of ../shared/k8s_audit', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...files].sort());
  });

  it.each(Object.entries(EXPECTED).filter(([f]) => f !== 'fal_01_003.json'))('%s fires the expected rules', async (file, want) => {
    const scap = join(dir, `${file}.scap`);
    const rec = await cli(['record', '-o', scap, '--plugin-events', `k8s_audit:${sharedPath('k8s_audit', file)}`]);
    expect(rec.stderr).toContain(`${want.length} plugin events (k8s_audit ${want.length})`);
    expect(rec.code).toBe(0);
    const run = await cli([scap, '-r', K8S_RULES, '--json', '--no-summary', '--rule-matching', 'all']);
    expect(run.code).toBe(0);
    expect(rulesOf(run.stdout)).toEqual(want.flat());
  });

  it('a record that is not an audit event stops the recording with file, line and column', async () => {
    const file = sharedPath('k8s_audit', 'fal_01_003.json');
    const rec = await cli(['record', '-o', join(dir, 'fal.scap'), '--plugin-events', `k8s_audit:${file}`]);
    expect(rec.code).toBe(1);
    expect(rec.stderr).toBe(`falco-replay record: error: ${file}:1:1: not a Kubernetes audit event ("kind": "Event"), EventList or list of them\n`);
  });

  it("each event keeps its own time (stageTimestamp) and alerts format as Falco's, with their source", async () => {
    const scap = join(dir, 'exec.scap');
    expect((await cli(['record', '-o', scap, '--plugin-events', `k8s_audit:${sharedPath('k8s_audit', 'exec_pod.json')}`])).code).toBe(0);
    const run = await cli([scap, '-r', K8S_RULES, '--json', '--no-summary']);
    const alert = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
    expect(alert).toMatchObject({ rule: 'Attach/Exec Pod', priority: 'Notice', source: 'k8s_audit', tags: ['k8s'], time: '2018-10-26T13:38:34.902914000Z' });
    expect(Object.keys(alert)).toEqual(['hostname', 'output', 'output_fields', 'priority', 'rule', 'source', 'tags', 'time']);
    expect(alert.output).toBe('13:38:34.902914000: Notice Attach/Exec to pod (user=minikube-user pod=nginx-deployment-7998647bdf-phvq7 ns=default action=exec command=bash)');
    const fields = await cli(['events', scap, '-p', '%evt.num %evt.type %evt.source %evt.pluginname %evt.rawtime']);
    expect(fields.stdout).toBe('1 pluginevent k8s_audit k8saudit 1540561114902914000\n');
  });

  it('an EventList and JSON lines are read too; records of several files are written in time order', async () => {
    const list = join(dir, 'list.json');
    const events = ['attach_pod.json', 'exec_pod.json'].map((f) => JSON.parse(readFileSync(sharedPath('k8s_audit', f), 'utf8')) as unknown);
    writeFileSync(list, JSON.stringify({ kind: 'EventList', items: [...events].reverse() }));
    const scap = join(dir, 'list.scap');
    const rec = await cli(['record', '-o', scap, '--plugin-events', `k8s_audit:${list}`, '--plugin-events', `k8s_audit:${sharedPath('k8s_audit', 'create_configmap_sensitive_values.json')}`]);
    expect(rec.code).toBe(0);
    expect(rec.stderr).toContain('8 plugin events (k8s_audit 8)');
    const times = await cli(['events', scap, '-p', '%evt.rawtime']);
    const ts = times.stdout.trim().split('\n').map(BigInt);
    expect(ts).toHaveLength(8);
    expect([...ts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ts);
  });
});

describe('record --plugin-events aws_cloudtrail:FILE', () => {
  const scap = join(dir, 'cloudtrail.scap');

  it('records both CloudTrail files (the 64 KB record included) and fires ct.name="StartInstances" and ct.user="Alice" on each', async () => {
    const files = ['alice_start_instances.json', 'alice_start_instances_bigevent.json'].map((f) => `aws_cloudtrail:${sharedPath('cloudtrail', f)}`);
    const rec = await cli(['record', '-o', scap, ...files.flatMap((f) => ['--plugin-events', f])]);
    expect(rec.code).toBe(0);
    expect(rec.stderr).toContain('2 plugin events (aws_cloudtrail 2)');
    const run = await cli([scap, '-r', ALICE]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l.includes('Informational'));
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^\d\d:\d\d:\d\d\.\d{9}: Informational Alice started (ami-\w+|<NA>) \(cloudtrail\)$/);
    const info = await cli(['events', scap, '-p', '%evt.num %evt.source %evt.pluginname %evt.plugininfo']);
    // The cloudtrail plugin's own rendering: region, user, short source, event name, then ct.info.
    const line = 'aws_cloudtrail cloudtrail us-east-2 Alice ec2 StartInstances Alice via 205.251.233.176 ← StartInstances';
    expect(info.stdout).toBe(`1 ${line}\n2 ${line}\n`);
  });

  it('the official CloudTrail rules load and run over them', async () => {
    const run = await cli([scap, '-r', CT_RULES]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.stdout).toContain('Events detected: 0');
  });

  it('a bad record names the file and line', async () => {
    const bad = join(dir, 'bad-trail.json');
    writeFileSync(bad, '{"Records": [{"eventName": "x"}]}');
    const rec = await cli(['record', '-o', join(dir, 'bad.scap'), '--plugin-events', `aws_cloudtrail:${bad}`]);
    expect(rec.code).toBe(1);
    expect(rec.stderr).toBe(`falco-replay record: error: ${bad}:1:1: CloudTrail record without an eventTime string\n`);
    const lines = join(dir, 'bad-lines.json');
    writeFileSync(lines, '{"a": 1}\n{"b": 2}\n{"c": \n');
    const rec2 = await cli(['record', '-o', join(dir, 'bad.scap'), '--plugin-events', `json:${lines}`]);
    expect(rec2.code).toBe(1);
    expect(rec2.stderr).toMatch(new RegExp(`^falco-replay record: error: ${lines.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: not a JSON line`));
    const usage = await cli(['record', '-o', join(dir, 'bad.scap'), '--plugin-events', `nosuch:${lines}`]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("unknown source 'nosuch'");
  });
});

describe('a capture mixing syscall and plugin events', () => {
  const scap = join(dir, 'mixed.scap');
  const shadow = join(dir, 'shadow.yaml');
  writeFileSync(shadow, '- rule: Shadow read\n  desc: d\n  condition: evt.type in (open, openat) and fd.name = /etc/shadow\n  output: "%proc.name read %fd.name"\n  priority: WARNING\n');
  const exec = readFileSync(sharedPath('k8s_audit', 'exec_pod.json'), 'utf8');
  const trail = JSON.stringify((JSON.parse(readFileSync(sharedPath('cloudtrail', 'alice_start_instances.json'), 'utf8')) as { Records: unknown[] }).Records[0]);
  const s = new Scenario({ start: 1_700_000_000_000_000_000n });
  const sh = s.process({ pid: 100, ppid: 1, comm: 'bash', exepath: '/bin/bash', args: [] });
  s.pluginEvent(1, exec);
  const fd = sh.open('/etc/shadow', O.RDONLY);
  sh.close(fd);
  s.pluginEvent(2, trail);
  s.pluginEvent(77, '{"not":"registered"}');
  s.pluginEvent(77, '{"not":"registered"}');
  s.pluginEvent(4242, '{}');
  writeFileSync(scap, s.toBuffer());

  it('replays both sources in one run, with separate counts per source', async () => {
    const summary = join(dir, 'mixed-summary.json');
    const run = await cli([scap, '-r', shadow, '-r', K8S_RULES, '-r', ALICE, '--summary-file', summary, '--json', '--no-summary']);
    expect(run.code).toBe(0);
    const alerts = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule: string; source: string });
    expect(alerts.map((a) => [a.rule, a.source])).toEqual([
      ['Attach/Exec Pod', 'k8s_audit'],
      ['Shadow read', 'syscall'],
      ['Alice starts instances', 'aws_cloudtrail'],
    ]);
    const doc = JSON.parse(readFileSync(summary, 'utf8')) as Record<string, unknown>;
    const events = doc.events as number;
    expect(doc.events_by_source).toEqual({ syscall: events - 5, k8s_audit: 1, aws_cloudtrail: 1 });
    expect(doc.alerts_by_source).toEqual({ syscall: 1, k8s_audit: 1, aws_cloudtrail: 1 });
    expect(doc.unknown_plugin_events).toEqual({ 77: 2, 4242: 1 });
    expect(run.stderr).toContain(`falco-replay: by source: syscall ${events - 5} events, 1 alert; k8s_audit 1 event, 1 alert; aws_cloudtrail 1 event, 1 alert\n`);
  });

  it('syscall rules never see plugin events and plugin rules see only their own source', async () => {
    const all = join(dir, 'all.yaml');
    writeFileSync(all, '- rule: Any syscall\n  desc: d\n  condition: evt.num > 0\n  output: "%evt.type"\n  priority: INFO\n- rule: Any k8s\n  desc: d\n  condition: evt.num > 0\n  output: "%evt.num"\n  priority: INFO\n  source: k8s_audit\n');
    const run = await cli([scap, '-r', all, '--json', '--no-summary', '--rule-matching', 'all']);
    const alerts = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule: string; output: string });
    expect(alerts.filter((a) => a.rule === 'Any syscall').every((a) => !a.output.includes('pluginevent'))).toBe(true);
    expect(alerts.filter((a) => a.rule === 'Any k8s')).toHaveLength(1);
  });

  it('run warns once about plugin events of unknown IDs, which reach no rule', async () => {
    const run = await cli([scap, '-r', shadow, '--no-summary']);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('unknown plugin'));
    expect(warnings).toEqual(['falco-replay: warning: 3 plugin events of unknown plugin IDs reached no rule: 77 (2 events), 4242 (1 event)']);
  });

  it('events -p renders plugin fields on the events of their source as run renders them in rule outputs', async () => {
    const K8S = '%evt.num %ka.verb %ka.target.resource %ka.user.name %json.value[/objectRef/namespace]';
    const CT = '%evt.num %ct.name %ct.user %ct.region %json.value[/eventSource]';
    const both = join(dir, 'both.yaml');
    const rule = (name: string, output: string, source: string): string => `- rule: ${name}\n  desc: d\n  condition: evt.num > 0\n  output: "${output}"\n  priority: INFO\n  source: ${source}\n`;
    writeFileSync(both, rule('K', K8S, 'k8s_audit') + rule('C', CT, 'aws_cloudtrail'));
    const run = await cli([scap, '-r', both, '--json', '--no-summary']);
    // Falco's output is the time, the priority and the rule's output.
    const outputs = run.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { output: string }).output.replace(/^\S+: Informational /, ''));
    expect(outputs).toHaveLength(2);
    const k8s = await cli(['events', '-p', K8S, scap]);
    const ct = await cli(['events', '-p', CT, scap]);
    expect([k8s.code, k8s.stderr, ct.code, ct.stderr]).toEqual([0, '', 0, '']);
    // Syscall events and the other source's lack these fields: their lines are skipped, as sysdig skips them.
    expect([k8s.stdout, ct.stdout]).toEqual(outputs.map((o) => `${o}\n`));
    expect([k8s.stdout, ct.stdout]).toEqual(['1 create pods minikube-user default\n', '5 StartInstances Alice us-east-2 ec2.amazonaws.com\n']);
    // With a leading * the others print, the fields missing there as <NA>; in JSON lines they are null.
    const star = (await cli(['events', '-p', '*%evt.num %ka.verb %proc.name', scap])).stdout.trim().split('\n');
    expect(star[0]).toBe('1 create <NA>');
    expect(star).toContain('5 <NA> <NA>');
    expect(star.filter((l) => /^\d+ <NA> bash$/.test(l)).length).toBeGreaterThan(0);
    const json = (await cli(['events', '--json', '-p', '%evt.num %ct.name %proc.name', scap])).stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(json[0]).toEqual({ 'evt.num': 1, 'ct.name': null, 'proc.name': null });
    expect(json).toContainEqual({ 'evt.num': 5, 'ct.name': 'StartInstances', 'proc.name': null });
    expect(json.filter((o) => (o as Record<string, unknown>)['proc.name'] === 'bash').length).toBeGreaterThan(0);
    // A plugin field in a filter is missing (false) on other events; a field of no source is still an error.
    const verb = await cli(['events', '-p', '*%evt.num %evt.type %ka.verb %ct.name', scap, 'ka.verb = create or ct.name startswith Start']);
    expect(verb.stdout).toBe('1 pluginevent create <NA>\n5 pluginevent <NA> StartInstances\n');
    const bad = await cli(['events', '-p', '%evt.num %ka.verbose', scap]);
    expect([bad.code, bad.stderr]).toEqual([0, '']);
    const unknown = await cli(['events', '-p', '%evt.num %kb.verb', scap]);
    expect([unknown.code, unknown.stderr]).toEqual([2, 'falco-replay: bad --format at column 10: unknown field %kb.verb\n']);
  });

  it('inspect reports plugin events per source and unknown IDs, in text and JSON', async () => {
    const text = await cli(['inspect', scap]);
    expect(text.stdout).toContain('plugin events k8s_audit 1, aws_cloudtrail 1\n');
    expect(text.stdout).toContain('unknown plugin IDs 77 (2 events), 4242 (1 event): no plugin has these IDs, so no rule sees their events\n');
    const json = await cli(['inspect', scap, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ plugin_ids: [1, 2, 77, 4242], plugin_sources: { k8s_audit: 1, aws_cloudtrail: 1 }, unknown_plugin_ids: { 77: 2, 4242: 1 } });
  });
});

describe('gcpaudit: gcp.* fields are known to rules and extract on gcp_auditlog events', () => {
  it('a rule on gcp.methodName loads, fires on a recorded audit entry and formats gcp.* fields', async () => {
    const log = join(dir, 'gcp.jsonl');
    writeFileSync(
      log,
      `${JSON.stringify({
        insertId: 'a1',
        protoPayload: { authenticationInfo: { principalEmail: 'mallory@example.com' }, methodName: 'storage.setIamPermissions', serviceName: 'storage.googleapis.com', resourceName: 'projects/_/buckets/b1' },
        resource: { type: 'gcs_bucket', labels: { bucket_name: 'b1', project_id: 'p1', location: 'us' } },
        timestamp: '2026-12-01T10:00:00Z',
      })}\n`,
    );
    const rules = join(dir, 'gcp-rules.yaml');
    writeFileSync(
      rules,
      '- rule: GCS bucket permissions changed\n  desc: d\n  condition: gcp.methodName = "storage.setIamPermissions"\n  output: "by %gcp.user on %gcp.storage.bucket (%gcp.projectId, %evt.pluginname)"\n  priority: WARNING\n  source: gcp_auditlog\n',
    );
    const scap = join(dir, 'gcp.scap');
    const rec = await cli(['record', '-o', scap, '--plugin-events', `gcp_auditlog:${log}`]);
    expect(rec.code).toBe(0);
    expect(rec.stderr).toContain('1 plugin events (gcp_auditlog 1)');
    const run = await cli([scap, '-r', rules, '--json', '--no-summary']);
    expect(run.code).toBe(0);
    const alert = JSON.parse(run.stdout.trim()) as { rule: string; source: string; output: string };
    expect(alert.rule).toBe('GCS bucket permissions changed');
    expect(alert.source).toBe('gcp_auditlog');
    expect(alert.output).toContain('by mallory@example.com on b1 (p1, gcpaudit)');
  });
});
