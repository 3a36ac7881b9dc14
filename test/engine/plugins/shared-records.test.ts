// The Kubernetes audit events and CloudTrail records of Falco's own tests (../shared), through the built-in
// plugin extractors and through the official 2022 k8s audit and CloudTrail rules compiled by our loader.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_ONLY_PLUGINS, extractPluginField, PluginPayload, REGISTERED_PLUGINS, RESERVED_SOURCES } from '../../../src/engine/plugins/index.js';
import { loadTexts } from '../../helpers/rules.js';
import { sharedPath } from '../../helpers/paths.js';
import { EXPECTED, firedRules, loadPluginRules, pluginBinder } from './plugin-rules.js';

/** The audit events of a file: one event, an EventList's items, or JSON lines. */
function auditEvents(file: string): string[] {
  const text = readFileSync(sharedPath('k8s_audit', file), 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return text.split('\n').filter((l) => l.trim() !== '');
  }
  const d = doc as { kind?: unknown; items?: unknown[] };
  return d.kind === 'EventList' && Array.isArray(d.items) ? d.items.map((i) => JSON.stringify(i)) : [text];
}

const payload = (text: string): PluginPayload => new PluginPayload(new TextEncoder().encode(text), 1_600_000_000_000_000_000n);
const ka = (file: string, field: string, arg?: { raw: string; index?: number; key?: string }): unknown =>
  extractPluginField('k8s_audit', payload(auditEvents(file)[0] as string), field, arg);

describe('the 2022 k8s audit rules on the k8s audit files of Falco\'s tests', () => {
  const { engine, errors } = loadPluginRules('k8s_audit_rules-2022-03.yaml');

  it('load with zero errors', () => {
    expect(errors).toEqual([]);
    expect(engine.compiled?.rules.filter((r) => r.source === 'k8s_audit').length).toBe(39);
  });

  it('the table covers every file of the folder', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(readdirSync(sharedPath('k8s_audit')).filter((f) => f.endsWith('.json')).sort());
  });

  it.each(Object.entries(EXPECTED))('%s fires the expected rules', (file, want) => {
    const events = auditEvents(file);
    expect(events.map((e, i) => firedRules(engine, 'k8s_audit', e, i + 1))).toEqual(want);
  });

  it('syscall rules never see plugin events, plugin rules only their own source', () => {
    const both = loadPluginRules('falco_rules-2022-03.yaml', 'k8s_audit_rules-2022-03.yaml');
    expect(both.errors).toEqual([]);
    expect(firedRules(both.engine, 'k8s_audit', auditEvents('exec_pod.json')[0] as string)).toEqual(['Attach/Exec Pod']);
    expect(firedRules(both.engine, 'aws_cloudtrail', auditEvents('exec_pod.json')[0] as string)).toEqual([]);
  });
});

describe('k8s audit field values a Falco user expects', () => {
  it.each([
    ['create_nginx_pod_privileged.json', 'ka.req.pod.containers.privileged', undefined, ['true']],
    ['create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json', 'ka.req.pod.containers.privileged', undefined, ['true']],
    ['create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json', 'ka.req.pod.containers.image', undefined, ['nginx', 'mysql:latest']],
    ['create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json', 'ka.req.pod.containers.image', { raw: '1', index: 1 }, ['mysql:latest']],
    ['create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json', 'ka.req.pod.containers.image.repository', undefined, ['nginx', 'mysql']],
    ['create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json', 'ka.req.container.privileged', undefined, 'true'],
    ['create_nginx_pod_unprivileged.json', 'ka.req.pod.containers.privileged', undefined, undefined],
    ['create_nginx_pod_unprivileged.json', 'ka.req.container.privileged', undefined, 'false'],
    ['create_nginx_pod_hostnetwork.json', 'ka.req.pod.host_network', undefined, 'true'],
    ['create_nginx_pod_sensitive_mount.json', 'ka.req.pod.volumes.hostpath', undefined, ['/etc']],
    ['create_nginx_pod_sensitive_mount.json', 'ka.req.volume.hostpath', { raw: '/etc', key: '/etc' }, 'true'],
    ['create_nginx_pod_sensitive_mount.json', 'ka.req.pod.volumes.volume_type', undefined, ['hostPath']],
    ['exec_pod.json', 'ka.target.subresource', undefined, 'exec'],
    ['exec_pod.json', 'ka.target.resource', undefined, 'pods'],
    ['exec_pod.json', 'ka.uri.param', { raw: 'command', key: 'command' }, 'bash'],
    ['exec_pod.json', 'ka.uri.param', { raw: 'container', key: 'container' }, 'nginx1'],
    ['exec_pod.json', 'ka.uri.param', { raw: 'nosuch', key: 'nosuch' }, undefined],
    ['exec_pod.json', 'ka.stage', undefined, 'ResponseStarted'],
    ['exec_pod.json', 'jevt.value', { raw: '/objectRef/subresource', key: '/objectRef/subresource' }, 'exec'],
    ['attach_pod.json', 'ka.target.subresource', undefined, 'attach'],
    ['create_cluster_role_wildcard_verbs.json', 'ka.req.role.rules.verbs', undefined, ['*', 'get']],
    ['create_cluster_role_wildcard_verbs.json', 'ka.req.role.rules.verbs', { raw: '1', index: 1 }, ['get']],
    ['create_cluster_role_wildcard_verbs.json', 'ka.req.role.rules.resources', undefined, ['pods']],
    ['create_cluster_role_wildcard_verbs.json', 'ka.req.role.rules', undefined, [
      '{"apiGroups":[""],"resources":["pods"],"verbs":["*"]}',
      '{"nonResourceURLs":["/api","/api/*","/apis","/apis/*","/healthz","/openapi","/openapi/*","/swagger-2.0.0.pb-v1","/swagger.json","/swaggerapi","/swaggerapi/*","/version","/version/"],"verbs":["get"]}',
    ]],
    ['attach_cluster_admin_role.json', 'ka.req.binding.role', undefined, 'cluster-admin'],
    ['attach_cluster_admin_role.json', 'ka.req.binding.subjects.user_names', undefined, ['minikube']],
    ['attach_cluster_admin_role.json', 'ka.req.binding.subjects.group_names', undefined, undefined],
    ['some-user_creates_namespace_foo.json', 'ka.user.name', undefined, 'some-user'],
    ['some-user_creates_namespace_foo.json', 'ka.target.name', undefined, 'foo'],
    ['fal_01_003.json', 'ka.verb', undefined, undefined],
    ['fal_01_003.json', 'jevt.value', { raw: '/kind', key: '/kind' }, '0'],
  ] as const)('%s: %s[%o] = %j', (file, field, arg, want) => {
    expect(ka(file, field, arg)).toEqual(want);
  });

  it('every event of every file answers every field the rules use without throwing', () => {
    const fields = ['ka.user.name', 'ka.target.name', 'ka.target.namespace', 'ka.response.code', 'ka.auth.reason', 'ka.auth.decision', 'ka.target.resource', 'ka.verb', 'ka.req.configmap.obj', 'ka.req.pod.containers.image.repository', 'ka.uri', 'ka.target.subresource', 'ka.resp.name', 'ka.req.pod.containers.image', 'ka.req.role.rules', 'ka.req.role.rules.verbs', 'ka.req.role.rules.resources', 'ka.req.binding.subjects', 'ka.req.binding.role', 'ka.response.reason', 'ka.req.service.type', 'ka.req.service.ports', 'ka.req.pod.volumes.hostpath', 'ka.req.pod.host_network', 'ka.req.pod.containers.privileged', 'ka.req.configmap.name', 'jevt.rawtime', 'jevt.obj'];
    let values = 0;
    for (const file of Object.keys(EXPECTED)) {
      for (const e of auditEvents(file)) {
        const p = payload(e);
        for (const f of fields) if (extractPluginField('k8s_audit', p, f) !== undefined) values++;
      }
    }
    expect(values).toBe(671);
  });
});

describe('CloudTrail records of Falco\'s tests', () => {
  const records = (file: string): string[] => (JSON.parse(readFileSync(sharedPath('cloudtrail', file), 'utf8')) as { Records: unknown[] }).Records.map((r) => JSON.stringify(r));
  const files = ['alice_start_instances.json', 'alice_start_instances_bigevent.json'];

  it('the official CloudTrail rules load with zero errors', () => {
    const { engine, errors } = loadPluginRules('aws_cloudtrail_rules-2022-03.yaml');
    expect(errors).toEqual([]);
    expect(engine.compiled?.rules.filter((r) => r.source === 'aws_cloudtrail').length).toBeGreaterThan(20);
    // A StartInstances call by an IAM user matches none of them.
    for (const f of files) for (const r of records(f)) expect(firedRules(engine, 'aws_cloudtrail', r)).toEqual([]);
  });

  it.each(files)('%s fires ct.name="StartInstances" and ct.user="Alice"', (file) => {
    const rule = '- rule: Alice starts instances\n  desc: d\n  condition: ct.name="StartInstances" and ct.user="Alice"\n  output: o %ct.user\n  priority: INFO\n  source: aws_cloudtrail\n';
    const { engine, results } = loadTexts([['alice.yaml', rule]], { bind: pluginBinder });
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const recs = records(file);
    expect(recs.length).toBe(1);
    if (file.includes('bigevent')) expect((recs[0] as string).length).toBeGreaterThan(64_000);
    expect(recs.map((r) => firedRules(engine, 'aws_cloudtrail', r))).toEqual([['Alice starts instances']]);
    expect(firedRules(engine, 'k8s_audit', recs[0] as string)).toEqual([]);
  });

  it.each(files)('%s: field values', (file) => {
    const p = payload(records(file)[0] as string);
    const ct = (f: string, arg?: { raw: string; index?: number; key?: string }): unknown => extractPluginField('aws_cloudtrail', p, f, arg);
    expect(ct('ct.user')).toBe('Alice');
    expect(ct('ct.name')).toBe('StartInstances');
    expect(ct('ct.src')).toBe('ec2.amazonaws.com');
    expect(ct('ct.shortsrc')).toBe('ec2');
    expect(ct('ct.region')).toBe('us-east-2');
    expect(ct('ct.srcip')).toBe('205.251.233.176');
    expect(ct('ct.user.arn')).toBe('arn:aws:iam::123456789012:user/Alice');
    expect(ct('ct.user.accountid')).toBe('123456789012');
    expect(ct('ct.error')).toBeUndefined();
    expect(ct('ct.readonly')).toBeUndefined();
    expect(ct('ct.info')).toBe('Alice via 205.251.233.176 ← StartInstances');
    expect(ct('ct.request')).toBe('{"instancesSet":{"items":[{"instanceId":"i-ebeaf9e2"}]}}');
    expect(ct('json.value', { raw: '/responseElements/instancesSet/items/0/instanceId', key: '/responseElements/instancesSet/items/0/instanceId' })).toBe('i-ebeaf9e2');
    expect(ct('s3.cnt.other')).toBe(1);
    expect(ct('s3.bytes')).toBeUndefined();
    expect(ct('ka.verb')).toBeUndefined();
  });

  it('Falco\'s cloudtrail_create_instances test rule fires on both records', () => {
    const text = readFileSync(sharedPath('falco-tests', 'rules', 'cloudtrail_create_instances.yaml'), 'utf8');
    const { engine, results } = loadTexts([['cloudtrail_create_instances.yaml', text]], { bind: pluginBinder });
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    for (const f of files) expect(firedRules(engine, 'aws_cloudtrail', records(f)[0] as string, 7)).toEqual(['Cloudtrail Create Instance']);
  });
});

describe('the routing table', () => {
  it('is the plugin registry of the reference data, ID for ID', () => {
    const reg = JSON.parse(readFileSync(sharedPath('data', 'plugin-registry.json'), 'utf8')) as { plugins: { name: string; id: number; source: string }[]; reserved_sources: string[]; extractor_only: string[] };
    expect(REGISTERED_PLUGINS.map((p) => ({ name: p.name, id: p.id, source: p.source }))).toEqual(reg.plugins);
    expect(RESERVED_SOURCES).toEqual(reg.reserved_sources);
    expect(EXTRACTOR_ONLY_PLUGINS).toEqual(reg.extractor_only);
  });
});
