// Built-in plugin field extraction: every catalogue field has an extractor that answers with the catalogue's
// type, and the plugins' own semantics (list rendering, indexes, missing values, quirks) on synthetic records.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOUDTRAIL_FIELDS } from '../../../src/engine/fields/cloudtrail.js';
import { JSON_FIELDS } from '../../../src/engine/fields/json.js';
import { K8SAUDIT_FIELDS } from '../../../src/engine/fields/k8saudit.js';
import {
  BUILTIN_EXTRACTOR_PLUGINS,
  CLOUDTRAIL_EXTRACTORS,
  extractPluginField,
  GCPAUDIT_EXTRACTORS,
  GCPAUDIT_FIELDS,
  JSON_EXTRACTORS,
  K8SAUDIT_EXTRACTORS,
  PLUGIN_PAYLOAD_MAX,
  PluginEventCounts,
  PluginPayload,
  PluginPayloadCache,
  routePluginEvent,
  type PayloadExtractor,
} from '../../../src/engine/plugins/index.js';
import { CLOUDTRAIL_PLUGIN, EPF, FieldRegistry, K8SAUDIT_PLUGIN, type FieldArg, type FieldSpec } from '../../helpers/engine.js';

const enc = new TextEncoder();
const payload = (v: unknown, ts: bigint = 42n): PluginPayload => new PluginPayload(enc.encode(typeof v === 'string' ? v : JSON.stringify(v)), ts);
const idx = (i: number): FieldArg => ({ raw: String(i), index: i });
const key = (k: string): FieldArg => ({ raw: k, key: k });

const POD = {
  auditID: 'a-1',
  stage: 'ResponseComplete',
  verb: 'create',
  user: { username: 'alice', groups: ['system:authenticated', 'dev'] },
  requestURI: '/api/v1/namespaces/default/pods?dryRun=All&fieldManager=kubectl+client&x=%41%00z',
  objectRef: { resource: 'pods', namespace: 'default', name: 'web' },
  responseObject: { metadata: { name: 'web' } },
  responseStatus: { code: 201 },
  requestObject: {
    spec: {
      hostNetwork: true,
      runAsUser: 1000,
      securityContext: { runAsUser: 7, supplementalGroups: [1, 2] },
      containers: [
        { name: 'a', image: 'registry.io/app:1.0@sha256:ab', command: ['sh', '-c'], args: ['echo', 'hi'], ports: [{ containerPort: 80 }] },
        { name: 'b', image: 'nginx', securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN', 'SYS_TIME'] } }, runAsUser: 0, ports: [{ hostPort: 8080, containerPort: 80 }] },
      ],
      volumes: [{ name: 'v1', hostPath: { path: '/var/run/docker.sock' } }, { name: 'v2', emptyDir: {} }],
    },
  },
};
const k8s = (field: string, arg?: FieldArg, rec: unknown = POD): unknown => extractPluginField('k8s_audit', payload(rec), field, arg);

describe('catalogue agreement', () => {
  const cases: [string, readonly FieldSpec[], ReadonlyMap<string, PayloadExtractor>][] = [
    ['k8saudit', K8SAUDIT_FIELDS, K8SAUDIT_EXTRACTORS],
    ['cloudtrail', CLOUDTRAIL_FIELDS, CLOUDTRAIL_EXTRACTORS],
    ['json', JSON_FIELDS, JSON_EXTRACTORS],
    ['gcpaudit', GCPAUDIT_FIELDS, GCPAUDIT_EXTRACTORS],
  ];
  it.each(cases)('%s: every catalogue field has an extractor and every extractor a catalogue field', (_name, specs, extractors) => {
    expect([...extractors.keys()].sort()).toEqual(specs.map((s) => s[0]).sort());
  });

  // Records that give most fields a value, to check each value's shape against the catalogue type.
  const RICH: Record<string, unknown> = {
    k8saudit: { ...POD, annotations: { 'authorization.k8s.io/decision': 'allow' }, requestObject: { ...POD.requestObject, rules: [{ verbs: ['get'], resources: ['pods'], apiGroups: [''], sourceIPs: ['10.0.0.1'] }], subjects: [{ kind: 'User', name: 'u' }], roleRef: { name: 'r' } } },
    cloudtrail: { eventName: 'GetObject', userIdentity: { type: 'IAMUser', userName: 'Alice' }, sourceIPAddress: '1.2.3.4', requestParameters: { bucketName: 'b', key: 'k' }, additionalEventData: { bytesTransferredOut: 33.0 }, responseElements: { instancesSet: { items: [{ imageId: 'ami-1' }] } }, resources: [{ ARN: 'x' }] },
    json: { a: 1 },
    gcpaudit: { resource: { type: 't', labels: { zone: 'us-central1-a' } }, protoPayload: { methodName: 'm' } },
  };
  it.each(cases)('%s: values have the catalogue type (CHARBUF text, UINT64 number, IS_LIST arrays of text)', (name, specs, extractors) => {
    const p = payload(RICH[name]);
    let withValue = 0;
    for (const [field, type, flags] of specs) {
      const needsArg = (flags & EPF.ARG_REQUIRED) !== 0;
      const v = (extractors.get(field) as PayloadExtractor)(p, needsArg ? key(field.startsWith('ka.uri') ? 'dryRun' : '/a') : undefined);
      if (v === undefined) continue;
      withValue++;
      if (flags & EPF.IS_LIST) {
        expect(Array.isArray(v), field).toBe(true);
        for (const x of v as unknown[]) expect(typeof x, field).toBe('string');
      } else if (type === 'UINT64') expect(['number', 'bigint'], field).toContain(typeof v);
      else expect(typeof v, field).toBe('string');
    }
    expect(withValue).toBeGreaterThan(3);
  });

  it('fields resolved by the registry (with their argument syntax) feed the extractors', () => {
    const reg = new FieldRegistry();
    const ask = (source: string, text: string, rec: unknown): unknown => {
      const r = reg.resolve(source, text);
      return extractPluginField(source, payload(rec), r.def.name, r.arg);
    };
    expect(ask('k8s_audit', 'ka.req.pod.containers.image[1]', POD)).toEqual(['nginx']);
    expect(ask('k8s_audit', 'ka.uri.param[dryRun]', POD)).toBe('All');
    expect(ask('k8s_audit', 'jevt.value[/objectRef/name]', POD)).toBe('web');
    expect(ask('aws_cloudtrail', 'json.value[/a/b]', { a: { b: [1] } })).toBe('[1]');
  });

  it('the catalogues know the plugin IDs the routing table gives', () => {
    expect(routePluginEvent(K8SAUDIT_PLUGIN.id as number)).toMatchObject({ kind: 'source', plugin: 'k8saudit', source: K8SAUDIT_PLUGIN.source });
    expect(routePluginEvent(CLOUDTRAIL_PLUGIN.id as number)).toMatchObject({ kind: 'source', plugin: 'cloudtrail', source: CLOUDTRAIL_PLUGIN.source });
  });
});

describe('k8saudit', () => {
  it.each([
    ['ka.auditid', undefined, 'a-1'],
    ['ka.user.groups', undefined, ['system:authenticated', 'dev']],
    ['ka.response.code', undefined, '201'],
    ['ka.req.pod.host_network', undefined, 'true'],
    ['ka.req.pod.supplemental_groups', undefined, ['1', '2']],
    ['ka.target.pod.name', undefined, 'web'],
    // Lists: one entry per container that has the value; an index picks one container.
    ['ka.req.pod.containers.name', undefined, ['a', 'b']],
    ['ka.req.pod.containers.image', idx(0), ['registry.io/app:1.0@sha256:ab']],
    ['ka.req.pod.containers.image', idx(2), undefined],
    ['ka.req.pod.containers.image.repository', undefined, ['registry.io/app', 'nginx']],
    ['ka.req.pod.containers.privileged', undefined, ['true']],
    ['ka.req.pod.containers.privileged', idx(0), undefined],
    ['ka.req.pod.containers.add_capabilities', undefined, ['["NET_ADMIN","SYS_TIME"]']],
    ['ka.req.pod.containers.command', undefined, ['sh -c']],
    ['ka.req.pod.containers.args', idx(1), undefined],
    // hostPort, else containerPort.
    ['ka.req.pod.containers.host_port', undefined, ['80', '8080']],
    // The plugin reads runAsUser next to the containers (not in securityContext), defaulting to the pod's.
    ['ka.req.pod.containers.eff_run_as_user', undefined, ['1000', '0']],
    ['ka.req.pod.containers.run_as_user', undefined, undefined],
    ['ka.req.pod.initContainers.name', undefined, undefined],
    ['ka.req.container.image', undefined, 'registry.io/app:1.0@sha256:ab'],
    ['ka.req.container.image.repository', undefined, 'registry.io/app'],
    ['ka.req.container.privileged', undefined, 'true'],
    ['ka.req.pod.volumes.hostpath', undefined, ['/var/run/docker.sock']],
    ['ka.req.pod.volumes.volume_type', undefined, ['hostPath', 'emptyDir']],
    ['ka.req.volume.hostpath', key('/var/run/*'), 'true'],
    ['ka.req.volume.hostpath', key('/etc'), 'false'],
    ['ka.req.binding.subject.has_name', key('anyone'), 'true'],
    ['ka.req.binding.subjects.user_names', undefined, undefined],
    ['ka.impuser.name', undefined, undefined],
    // Query parameters: + is a space, %XX decoded, values end at a NUL (they cross the plugin API as C strings).
    ['ka.uri.param', key('fieldManager'), 'kubectl client'],
    ['ka.uri.param', key('x'), 'A'],
    ['ka.uri.param', key('missing'), undefined],
  ] as const)('%s[%o] = %j', (field, arg, want) => expect(k8s(field, arg)).toEqual(want));

  it.each([
    ['/p?a=1;b=2', 'a'],
    ['/p?a=%zz&b=1', 'b'],
    ['/p?a=1\n', 'a'],
  ])('a malformed query %j voids ka.uri.param', (uri, k) => expect(k8s('ka.uri.param', key(k), { ...POD, requestURI: uri })).toBeUndefined());

  it('binding subjects by kind, service accounts with their namespace', () => {
    const rec = { auditID: 'x', requestObject: { subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }, { kind: 'Group', name: 'g' }, { kind: 'User' }] } };
    expect(k8s('ka.req.binding.subjects.serviceaccount_names', undefined, rec)).toEqual(['sa']);
    expect(k8s('ka.req.binding.subjects.serviceaccount_ns_names', undefined, rec)).toEqual(['ns:sa']);
    expect(k8s('ka.req.binding.subjects.group_names', undefined, rec)).toEqual(['g']);
    expect(k8s('ka.req.binding.subjects', undefined, rec)).toEqual(['{"kind":"ServiceAccount","name":"sa","namespace":"ns"}', '{"kind":"Group","name":"g"}', '{"kind":"User"}']);
  });

  it('is silent on anything that is not an audit event', () => {
    expect(k8s('ka.verb', undefined, { verb: 'create' })).toBeUndefined();
    expect(k8s('ka.verb', undefined, ` ${JSON.stringify(POD)}`)).toBeUndefined();
    expect(k8s('ka.verb', undefined, '{"auditID":')).toBeUndefined();
    expect(k8s('ka.verb', undefined, [POD])).toBeUndefined();
  });

  it('a container without an image makes the image lists fail as a whole', () => {
    const rec = { auditID: 'x', requestObject: { spec: { containers: [{ image: 'a' }, { name: 'b' }] } } };
    expect(k8s('ka.req.pod.containers.image', undefined, rec)).toBeUndefined();
    expect(k8s('ka.req.pod.containers.image', idx(0), rec)).toEqual(['a']);
  });
});

describe('cloudtrail', () => {
  const ct = (rec: unknown, field: string, arg?: FieldArg): unknown => extractPluginField('aws_cloudtrail', payload(rec), field, arg);
  const assumed = { userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Admin/bob', principalId: 'AROA:bob', sessionContext: { sessionIssuer: { userName: 'Admin' } } }, eventName: 'PutObject', sourceIPAddress: 's3.amazonaws.com', readOnly: false, errorCode: 'AccessDenied', requestParameters: { bucketName: 'b', key: 'k/x' }, additionalEventData: { bytesTransferredIn: 10, bytesTransferredOut: 2.9 } };

  it.each([
    ['ct.user', 'Admin'],
    ['ct.originaluser', 'bob'],
    ['ct.readonly', 'false'],
    ['ct.info', 'Admin via s3.amazonaws.com !→ PutObject Size=12 URI=s3://b/k/x'],
    ['s3.uri', 's3://b/k/x'],
    ['s3.bytes', 12],
    ['s3.bytes.out', 2],
    ['s3.cnt.put', 1],
    ['s3.cnt.get', undefined],
    ['s3.cnt.other', undefined],
    ['ct.request.documentname', undefined],
  ])('%s of an assumed-role S3 upload = %j', (field, want) => expect(ct(assumed, field)).toEqual(want));

  it.each([
    [{ type: 'Root', userName: 'root' }, 'root'],
    [{ type: 'AWSService', invokedBy: 'ec2.amazonaws.com' }, 'ec2.amazonaws.com'],
    [{ type: 'AWSAccount' }, 'AWSAccount'],
    [{ type: 'AssumedRole' }, 'AssumedRole'],
    [{ type: 'IAMUser' }, undefined],
    [{ type: 'Other', userName: 'x' }, undefined],
    [{ type: 'IAMUser', userName: 7 }, ''],
  ])('ct.user of %j = %j', (identity, want) => expect(ct({ userIdentity: identity }, 'ct.user')).toEqual(want));

  it('image ids: all of the response, one by index, else the request', () => {
    const resp = { responseElements: { instancesSet: { items: [{ imageId: 'ami-1' }, { instanceId: 'i' }, { imageId: 'ami-3' }] } } };
    expect(ct(resp, 'ec2.imageids')).toEqual(['ami-1', 'ami-3']);
    expect(ct(resp, 'ec2.imageids', idx(2))).toEqual(['ami-3']);
    expect(ct(resp, 'ec2.imageids', idx(1))).toBeUndefined();
    expect(ct(resp, 'ec2.imageid')).toBe('ami-1');
    expect(ct({ requestParameters: { imageId: 'ami-9' } }, 'ec2.imageids')).toEqual(['ami-9']);
    expect(ct({ requestParameters: { imageId: 'ami-9' } }, 'ec2.imageids', idx(1))).toBeUndefined();
  });

  it('ec2.name from the instance Name tag', () => {
    const rec = { requestParameters: { tagSpecificationSet: { items: [{ resourceType: 'volume', tags: [{ key: 'Name', value: 'vol' }] }, { resourceType: 'instance', tags: [{ key: 'Env', value: 'x' }, { key: 'Name', value: 'web-1' }] }] } } };
    expect(ct(rec, 'ec2.name')).toBe('web-1');
  });

  it('reads a record padded with NUL bytes; objects print as compact JSON', () => {
    const p = new PluginPayload(enc.encode('\0{"eventName":"X","requestParameters":{"a": [1, 2]}}\0\0'));
    expect(extractPluginField('aws_cloudtrail', p, 'ct.name')).toBe('X');
    expect(extractPluginField('aws_cloudtrail', p, 'ct.request')).toBe('{"a":[1,2]}');
    expect(extractPluginField('aws_cloudtrail', p, 'json.value', key('/eventName'))).toBeUndefined();
  });

  it('a member that is not a string reads as ""', () => expect(ct({ eventName: { x: 1 } }, 'ct.name')).toBe(''));
});

describe('gcpaudit', () => {
  const gcp = (rec: unknown, field: string): unknown => extractPluginField('gcp_auditlog', payload(rec), field);
  it.each([
    [{ resource: { labels: { location: 'europe-west1', region: 'r' } } }, 'gcp.location', 'europe-west1'],
    [{ resource: { labels: { zone: 'us-central1-a' } } }, 'gcp.location', 'us-central1'],
    [{ resource: { labels: { zone: 'ab' } } }, 'gcp.location', 'ab'],
    [{ resource: { labels: { zone: '' } } }, 'gcp.location', undefined],
    [{ resource: { type: 'logging_sink', labels: { name: 's' } } }, 'gcp.logging.sink', 's'],
    [{ resource: { type: 'gce_instance', labels: { name: 's' } } }, 'gcp.logging.sink', undefined],
    [{ resource: { labels: { b: '1', a: 2 } } }, 'gcp.resourceLabels', '{"b":"1","a":2}'],
    // Objects where the plugin takes string bytes read as "".
    [{ protoPayload: { request: { a: 1 } } }, 'gcp.request', ''],
    [{ protoPayload: { authenticationInfo: { principalEmail: 'a@b.c' } } }, 'gcp.user', 'a@b.c'],
    [{ timestamp: '2024-01-01T00:00:00Z' }, 'gcp.time', '2024-01-01T00:00:00Z'],
  ])('%j: %s = %j', (rec, field, want) => expect(gcp(rec, field)).toEqual(want));
  it('has no fields on other sources', () => expect(extractPluginField('k8s_audit', payload({ timestamp: 't' }), 'gcp.time')).toBeUndefined());
});

describe('json plugin', () => {
  const doc = { 'a/b': { 'c~d': [10, { e: 'x' }] }, s: 'text', n: null };
  const json = (field: string, arg?: FieldArg, rec: unknown = doc, source = 'test'): unknown => extractPluginField(source, payload(rec, 1700000000123456789n), field, arg);
  it.each([
    ['json.value', key('/a~1b/c~0d/1/e'), 'x'],
    ['json.value', key('/a~1b/c~0d'), '[10,{"e":"x"}]'],
    ['json.value', key('/s'), 'text'],
    ['json.value', key('/n'), 'null'],
    ['json.value', key('/missing'), undefined],
    ['jevt.value', key('/a~1b/c~0d/0'), '10'],
    ['json.rawtime', undefined, '1700000000123456789'],
    ['jevt.obj', undefined, '{\n  "a/b": {\n    "c~d": [\n      10,\n      {\n        "e": "x"\n      }\n    ]\n  },\n  "s": "text",\n  "n": null\n}'],
  ] as const)('%s[%o] = %j', (field, arg, want) => expect(json(field, arg)).toEqual(want));

  it('applies to events of every source', () => {
    for (const source of ['k8s_audit', 'aws_cloudtrail', 'gcp_auditlog', 'okta']) expect(json('json.value', key('/s'), doc, source)).toBe('text');
  });
  it('reads strings fastjson accepts but strict JSON does not; json.obj (Go\'s validating indenter) has none then', () => {
    expect(json('json.value', key('/a'), '{"a":"x\\qy"}')).toBe('x\\qy');
    expect(json('json.obj', undefined, '{"a":"x\\qy"}')).toBeUndefined();
    expect(json('json.obj', undefined, '{"a":"x\\ny"}')).toBe('{\n  "a": "x\\ny"\n}');
  });
  it('has nothing for payloads that do not start with { or [, or are not JSON', () => {
    expect(json('json.value', key('/s'), ' {"s":"t"}')).toBeUndefined();
    expect(json('json.rawtime', undefined, '{"s":')).toBeUndefined();
    expect(json('json.obj', undefined, '"str"')).toBeUndefined();
  });
});

describe('routing by plugin ID', () => {
  it.each([
    [1, 'k8saudit', 'k8s_audit'],
    [2, 'cloudtrail', 'aws_cloudtrail'],
    [9, 'k8saudit-eks', 'k8s_audit'],
    [12, 'gcpaudit', 'gcp_auditlog'],
    [999, 'test', 'test'],
  ])('ID %i → %s (%s)', (id, plugin, source) => expect(routePluginEvent(id)).toEqual({ kind: 'source', id, plugin, source }));

  it('an unknown ID is a distinct result, counted per ID', () => {
    const counts = new PluginEventCounts();
    for (const id of [1, 1, 2, 0, 77, 77]) counts.add(routePluginEvent(id));
    expect(routePluginEvent(77)).toEqual({ kind: 'unknown', id: 77 });
    expect(Object.fromEntries(counts.bySource)).toEqual({ k8s_audit: 2, aws_cloudtrail: 1 });
    expect(Object.fromEntries(counts.unknownIds)).toEqual({ 0: 1, 77: 2 });
    expect(counts.unknown).toBe(3);
  });

  it('a plugin loaded at run time routes its own ID', () => {
    expect(routePluginEvent(500, [{ id: 500, name: 'mine', source: 'my_src' }])).toEqual({ kind: 'source', id: 500, plugin: 'mine', source: 'my_src' });
  });

  it('built-in extractors apply to their sources only, json to all', () => {
    expect(BUILTIN_EXTRACTOR_PLUGINS.map((p) => [p.name, p.sources])).toEqual([['k8saudit', ['k8s_audit']], ['cloudtrail', ['aws_cloudtrail']], ['gcpaudit', ['gcp_auditlog']], ['json', []]]);
    expect(extractPluginField('aws_cloudtrail', payload(POD), 'ka.verb')).toBeUndefined();
    expect(extractPluginField('k8s_audit', payload(POD), 'ka.verb')).toBe('create');
  });
});

describe('payloads', () => {
  it('parse once per event epoch', () => {
    const cache = new PluginPayloadCache();
    const bytes = enc.encode(JSON.stringify(POD));
    const a = cache.get(1, bytes, 1n);
    const first = a.json;
    expect(cache.get(1, bytes, 1n)).toBe(a);
    expect(cache.get(1, bytes, 1n).json).toBe(first);
    expect(cache.get(2, bytes, 2n)).not.toBe(a);
  });

  it(`refuse payloads over ${PLUGIN_PAYLOAD_MAX} bytes without parsing them`, () => {
    const big = new Uint8Array(PLUGIN_PAYLOAD_MAX + 1).fill(0x5b);
    const p = new PluginPayload(big);
    expect(p.json).toBeUndefined();
    expect(p.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(extractPluginField('aws_cloudtrail', p, 'ct.name')).toBeUndefined();
  });

  it('report where a payload stopped parsing', () => expect(payload('{"a":1,}').error).toEqual({ code: 'JSON_SYNTAX', offset: 7, message: 'expected a string key' }));

  it('no extractor throws on random or hostile payloads', () => {
    const all = BUILTIN_EXTRACTOR_PLUGINS.flatMap((p) => [...p.extractors].map(([name, x]) => ({ name, x, source: p.sources[0] ?? 'test' })));
    const hostile = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => new PluginPayload(b)),
      fc.jsonValue({ maxDepth: 6 }).map((v) => payload(v)),
      fc.record({ auditID: fc.jsonValue({ maxDepth: 2 }), requestObject: fc.jsonValue({ maxDepth: 6 }), requestURI: fc.string(), objectRef: fc.jsonValue({ maxDepth: 2 }) }).map((v) => payload(v)),
      fc.record({ userIdentity: fc.jsonValue({ maxDepth: 3 }), requestParameters: fc.jsonValue({ maxDepth: 4 }), responseElements: fc.jsonValue({ maxDepth: 4 }), eventName: fc.jsonValue({ maxDepth: 1 }) }).map((v) => payload(v)),
      fc.integer({ min: 301, max: 5000 }).map((n) => payload(`{"auditID":1,"requestObject":${'['.repeat(n)}`)),
    );
    const args = fc.oneof(fc.constant(undefined), fc.nat(5).map(idx), fc.string().map(key));
    fc.assert(
      fc.property(hostile, args, (p, arg) => {
        for (const { x } of all) {
          const v = x(p, arg);
          if (v !== undefined) expect(['string', 'number', 'bigint', 'object']).toContain(typeof v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a pod spec 290 arrays deep extracts without blowing the stack', () => {
    const deep = `{"auditID":"x","requestObject":{"spec":{"containers":${'['.repeat(290)}{"image":"i"}${']'.repeat(290)}}}}`;
    expect(extractPluginField('k8s_audit', payload(deep), 'ka.req.pod.containers.image')).toEqual(['i']);
  });
});
