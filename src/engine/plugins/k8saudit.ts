// Field extraction for the k8saudit plugin (source `k8s_audit`), with the plugin's semantics as found in
// falcosecurity/plugins @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26, plugins/k8saudit/pkg/k8saudit/extract.go
// (Apache-2.0); the code here is our own. Every field is CHARBUF. A payload whose first byte is not `{` or
// `[`, that is not JSON, or that has no `auditID` member, has no k8saudit fields at all.
import type { FieldArg } from '../fields/types.js';
import { jsonGet, jsonPath, jsonStringOf, jsonText, type JsonValue } from './json-value.js';
import { normalize, type PayloadExtractor, type PluginPayload, type RawValue } from './payload.js';

const NO_INDEX = -1;
/** "The value is not there": the field has no value. */
const NA = undefined;

type Field = (root: JsonValue, arg: FieldArg | undefined) => RawValue;

/** The plugin's index filter: the argument's index when an argument is given (a key argument counts as index 0). */
const indexOf = (arg: FieldArg | undefined): number => (arg === undefined ? NO_INDEX : (arg.index ?? 0));

/**
 * Values along a key path where any array met on the way is expanded: every element (a missing value per
 * element that lacks the rest of the path) or only the element at `index`. The path is at most a few keys
 * long; recursion is per nested array, bounded by the parser's depth cap.
 */
function valuesAlong(v: JsonValue, index: number, keys: readonly string[], from = 0): (JsonValue | undefined)[] | undefined {
  let cur = v;
  for (let i = from; i < keys.length; i++) {
    if (cur.t === 'array') {
      if (index === NO_INDEX) {
        const res: (JsonValue | undefined)[] = [];
        for (const item of cur.items) {
          const vals = valuesAlong(item, index, keys, i);
          if (vals === undefined) res.push(undefined);
          else for (const x of vals) res.push(x);
        }
        return res;
      }
      const picked = cur.items[index];
      if (picked === undefined) return NA;
      cur = picked;
    }
    const k = keys[i] as string;
    const next = k.length ? jsonGet(cur, k) : cur;
    if (next === undefined) return NA;
    cur = next;
  }
  return [cur];
}

const containerValues = (root: JsonValue, list: string, index: number, ...sub: string[]): (JsonValue | undefined)[] | undefined =>
  valuesAlong(root, index, ['requestObject', 'spec', list, ...sub]);

/** Every value as text, skipping missing ones. */
const textsSkipMissing = (vals: readonly (JsonValue | undefined)[]): string[] => vals.flatMap((v) => (v === undefined ? [] : [jsonText(v)]));

/** Every value as text; a missing one makes the whole field fail. */
function textsStrict(vals: readonly (JsonValue | undefined)[]): string[] | undefined {
  const out: string[] = [];
  for (const v of vals) {
    if (v === undefined) return NA;
    out.push(jsonText(v));
  }
  return out;
}

/** The value at a fixed path as text, or (for list fields) the elements of the array there. */
function fromKeys(list: boolean, ...keys: string[]): Field {
  return (root) => {
    const v = jsonPath(root, ...keys);
    if (v === undefined) return NA;
    if (!list) return jsonText(v);
    if (v.t !== 'array') return NA;
    return v.items.map(jsonText);
  };
}

/** Array-valued members of every rule (`requestObject.rules[*].KEY`), flattened. */
function rulesField(...keys: string[]): Field {
  return (root, arg) => {
    const vals = valuesAlong(root, indexOf(arg), ['requestObject', 'rules', ...keys]);
    if (vals === undefined) return NA;
    const out: string[] = [];
    for (const v of vals) if (v?.t === 'array') for (const x of v.items) out.push(jsonText(x));
    return out;
  };
}

function subjectNames(kind: 'User' | 'ServiceAccount' | 'Group', withNamespace = false): Field {
  return (root) => {
    const subjects = jsonPath(root, 'requestObject', 'subjects');
    if (subjects === undefined) return [];
    if (subjects.t !== 'array') return NA;
    const out: string[] = [];
    for (const s of subjects.items) {
      const k = jsonGet(s, 'kind');
      const n = jsonGet(s, 'name');
      if (k === undefined || n === undefined || jsonText(k) !== kind) continue;
      if (withNamespace) {
        const ns = jsonGet(s, 'namespace');
        if (ns === undefined) continue;
        out.push(`${jsonText(ns)}:${jsonText(n)}`);
      } else out.push(jsonText(n));
    }
    return out;
  };
}

/** Each container's string array (command, args) joined with spaces; none at all is no value. */
function joinedArrays(root: JsonValue, list: string, index: number, key: string): RawValue {
  const vals = containerValues(root, list, index, key);
  if (vals === undefined) return NA;
  const out: string[] = [];
  for (const v of vals) {
    if (v === undefined) continue;
    if (v.t !== 'array') return NA;
    const parts: string[] = [];
    for (const x of v.items) {
      if (x.t !== 'string') return NA;
      parts.push(x.v);
    }
    out.push(parts.join(' '));
  }
  return out.length ? out : NA;
}

function images(root: JsonValue, list: string, index: number): string[] | undefined {
  const vals = containerValues(root, list, index, 'image');
  return vals === undefined ? NA : textsStrict(vals);
}

/** `registry/repo:tag@digest` → `registry/repo`: everything before the first `:`, then before the first `@`. */
const repositoryOf = (image: string): string => (image.split(':')[0] as string).split('@')[0] as string;

function hostPorts(root: JsonValue, list: string, index: number): RawValue {
  const vals = containerValues(root, list, index, 'ports');
  if (vals === undefined) return NA;
  const out: string[] = [];
  for (const ports of vals) {
    if (ports === undefined) continue;
    if (ports.t !== 'array') return NA;
    for (const p of ports.items) {
      const v = jsonGet(p, 'hostPort') ?? jsonGet(p, 'containerPort');
      if (v !== undefined) out.push(jsonText(v));
    }
  }
  return out;
}

/** The container-level value of `key`, defaulting to the pod-level one (or "0"). */
function effective(root: JsonValue, list: string, index: number, key: string): RawValue {
  const pod = jsonPath(root, 'requestObject', 'spec', key);
  const dflt = pod === undefined ? '0' : jsonText(pod);
  const vals = containerValues(root, list, index, key);
  if (vals === undefined) return NA;
  return vals.map((v) => (v === undefined ? dflt : jsonText(v)));
}

/** `ka.req.pod.{containers,initContainers,ephemeralContainers}.<sub>`. */
function containerField(list: string, sub: string): Field {
  const secctx = (...k: string[]): Field => (root, arg) => {
    const vals = containerValues(root, list, indexOf(arg), 'securityContext', ...k);
    return vals === undefined ? NA : textsSkipMissing(vals);
  };
  switch (sub) {
    case 'args':
      return (root, arg) => joinedArrays(root, list, indexOf(arg), 'args');
    case 'command':
      return (root, arg) => joinedArrays(root, list, indexOf(arg), 'command');
    case 'name':
      return (root, arg) => {
        const vals = containerValues(root, list, indexOf(arg), 'name');
        return vals === undefined ? NA : textsStrict(vals);
      };
    case 'image':
      return (root, arg) => images(root, list, indexOf(arg));
    case 'image.repository':
      return (root, arg) => images(root, list, indexOf(arg))?.map(repositoryOf);
    case 'host_port':
      return (root, arg) => hostPorts(root, list, indexOf(arg));
    case 'privileged':
      return secctx('privileged');
    case 'allow_privilege_escalation':
      return secctx('allowPrivilegeEscalation');
    case 'read_only_fs':
      return secctx('readOnlyRootFilesystem');
    case 'run_as_user':
      return secctx('runAsUser');
    case 'run_as_group':
      return secctx('runAsGroup');
    case 'proc_mount':
      return secctx('procMount');
    case 'add_capabilities':
      return secctx('capabilities', 'add');
    // The plugin reads these at requestObject.spec.runAsUser and containers[*].runAsUser (not under securityContext).
    case 'eff_run_as_user':
      return (root, arg) => effective(root, list, indexOf(arg), 'runAsUser');
    case 'eff_run_as_group':
      return (root, arg) => effective(root, list, indexOf(arg), 'runAsGroup');
    default:
      throw new Error(`no k8saudit container field ${sub}`);
  }
}

/** `?a=1&b=2` → value of the first `key`, Go's `url.ParseQuery` rules; any malformed pair voids the lookup. */
function uriParam(uri: string, key: string): string | undefined {
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return NA;
  }
  const hash = uri.indexOf('#');
  const noFrag = hash < 0 ? uri : uri.slice(0, hash);
  const q = noFrag.indexOf('?');
  if (q < 0) return NA;
  let found: string | undefined;
  for (const part of noFrag.slice(q + 1).split('&')) {
    if (part.includes(';')) return NA;
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = queryUnescape(eq < 0 ? part : part.slice(0, eq));
    const v = queryUnescape(eq < 0 ? '' : part.slice(eq + 1));
    if (k === undefined || v === undefined) return NA;
    if (found === undefined && k === key) found = v;
  }
  return found;
}

function queryUnescape(s: string): string | undefined {
  if (!s.includes('%') && !s.includes('+')) return s;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '+') bytes.push(0x20);
    else if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return NA;
      bytes.push(parseInt(h, 16));
      i += 2;
    } else {
      const cp = s.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      for (const b of enc.encode(ch)) bytes.push(b);
      i += ch.length - 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const FIELDS = new Map<string, Field>([
  ['ka.auditid', fromKeys(false, 'auditID')],
  ['ka.stage', fromKeys(false, 'stage')],
  ['ka.auth.decision', fromKeys(false, 'annotations', 'authorization.k8s.io/decision')],
  ['ka.auth.reason', fromKeys(false, 'annotations', 'authorization.k8s.io/reason')],
  ['ka.auth.openshift.decision', fromKeys(false, 'annotations', 'authentication.openshift.io/decision')],
  ['ka.validations.admission.policy.failure', fromKeys(false, 'annotations', 'validation.policy.admission.k8s.io/validation_failure')],
  ['ka.security.pod.violations', fromKeys(false, 'annotations', 'pod-security.kubernetes.io/audit-violations')],
  ['ka.auth.openshift.username', fromKeys(false, 'annotations', 'authentication.openshift.io/username')],
  ['ka.user.name', fromKeys(false, 'user', 'username')],
  ['ka.user.groups', fromKeys(true, 'user', 'groups')],
  ['ka.impuser.name', fromKeys(false, 'impersonatedUser', 'username')],
  ['ka.verb', fromKeys(false, 'verb')],
  ['ka.uri', fromKeys(false, 'requestURI')],
  [
    'ka.uri.param',
    (root, arg) => {
      const uri = jsonGet(root, 'requestURI');
      return uri === undefined || arg?.key === undefined ? NA : uriParam(jsonText(uri), arg.key);
    },
  ],
  ['ka.target.name', fromKeys(false, 'objectRef', 'name')],
  ['ka.target.namespace', fromKeys(false, 'objectRef', 'namespace')],
  ['ka.target.resource', fromKeys(false, 'objectRef', 'resource')],
  ['ka.target.subresource', fromKeys(false, 'objectRef', 'subresource')],
  [
    'ka.target.pod.name',
    (root) => {
      if (jsonStringOf(jsonPath(root, 'objectRef', 'resource')) !== 'pods') return NA;
      if ((jsonStringOf(jsonPath(root, 'objectRef', 'subresource')) ?? '') !== '') return NA;
      const v = jsonPath(root, 'responseObject', 'metadata', 'name');
      return v === undefined ? NA : jsonText(v);
    },
  ],
  ['ka.req.binding.subjects', fromKeys(true, 'requestObject', 'subjects')],
  ['ka.req.binding.subjects.user_names', subjectNames('User')],
  ['ka.req.binding.subjects.serviceaccount_names', subjectNames('ServiceAccount')],
  ['ka.req.binding.subjects.serviceaccount_ns_names', subjectNames('ServiceAccount', true)],
  ['ka.req.binding.subjects.group_names', subjectNames('Group')],
  ['ka.req.binding.role', fromKeys(false, 'requestObject', 'roleRef', 'name')],
  // The plugin answers "true" for any name (kept from the original implementation).
  ['ka.req.binding.subject.has_name', () => 'true'],
  ['ka.req.configmap.name', fromKeys(false, 'objectRef', 'name')],
  ['ka.req.configmap.obj', fromKeys(false, 'requestObject', 'data')],
  ['ka.req.container.image', (root) => images(root, 'containers', 0)?.[0]],
  ['ka.req.container.image.repository', (root) => images(root, 'containers', 0)?.map(repositoryOf)[0]],
  ['ka.req.pod.host_ipc', fromKeys(false, 'requestObject', 'spec', 'hostIPC')],
  ['ka.req.pod.host_network', fromKeys(false, 'requestObject', 'spec', 'hostNetwork')],
  ['ka.req.container.host_network', fromKeys(false, 'requestObject', 'spec', 'hostNetwork')],
  ['ka.req.pod.host_pid', fromKeys(false, 'requestObject', 'spec', 'hostPID')],
  [
    'ka.req.container.privileged',
    (root) => {
      const vals = containerValues(root, 'containers', NO_INDEX, 'securityContext', 'privileged');
      if (vals === undefined) return NA;
      return vals.some((v) => v?.t === 'bool' && v.v) ? 'true' : 'false';
    },
  ],
  ['ka.req.pod.run_as_user', fromKeys(false, 'requestObject', 'spec', 'securityContext', 'runAsUser')],
  ['ka.req.pod.run_as_group', fromKeys(false, 'requestObject', 'spec', 'securityContext', 'runAsGroup')],
  ['ka.req.role.rules', fromKeys(true, 'requestObject', 'rules')],
  ['ka.req.role.rules.apiGroups', rulesField('apiGroups')],
  ['ka.req.role.rules.nonResourceURLs', rulesField('nonResourceURLs')],
  ['ka.req.role.rules.verbs', rulesField('verbs')],
  ['ka.req.role.rules.resources', rulesField('resources')],
  ['ka.req.pod.fs_group', fromKeys(false, 'requestObject', 'spec', 'securityContext', 'fsGroup')],
  ['ka.req.pod.supplemental_groups', fromKeys(true, 'requestObject', 'spec', 'securityContext', 'supplementalGroups')],
  ['ka.req.service.type', fromKeys(false, 'requestObject', 'spec', 'type')],
  [
    'ka.req.service.ports',
    (root, arg) => {
      const vals = valuesAlong(root, indexOf(arg), ['requestObject', 'spec', 'ports']);
      return vals === undefined ? NA : textsSkipMissing(vals);
    },
  ],
  [
    'ka.req.volume.hostpath',
    (root, arg) => {
      const vals = valuesAlong(root, indexOf(arg), ['requestObject', 'spec', 'volumes', 'hostPath', 'path']);
      const want = arg?.key ?? arg?.raw ?? '';
      if (vals === undefined || want === '') return NA;
      const prefix = want.endsWith('*') ? want.slice(0, -1) : undefined;
      return textsSkipMissing(vals).some((p) => (prefix !== undefined && p.startsWith(prefix)) || p === want) ? 'true' : 'false';
    },
  ],
  [
    'ka.req.pod.volumes.hostpath',
    (root, arg) => {
      const vals = valuesAlong(root, indexOf(arg), ['requestObject', 'spec', 'volumes', 'hostPath', 'path']);
      return vals === undefined ? NA : textsSkipMissing(vals);
    },
  ],
  [
    'ka.req.pod.volumes.flexvolume_driver',
    (root, arg) => {
      const vals = valuesAlong(root, indexOf(arg), ['requestObject', 'spec', 'volumes', 'flexVolume', 'driver']);
      return vals === undefined ? NA : textsSkipMissing(vals);
    },
  ],
  [
    'ka.req.pod.volumes.volume_type',
    (root, arg) => {
      const vals = valuesAlong(root, indexOf(arg), ['requestObject', 'spec', 'volumes', '']);
      if (vals === undefined) return NA;
      const out: string[] = [];
      for (const v of vals) if (v?.t === 'object') for (const k of v.keys) if (k !== 'name') out.push(k);
      return out;
    },
  ],
  ['ka.resp.name', fromKeys(false, 'responseObject', 'metadata', 'name')],
  ['ka.response.code', fromKeys(false, 'responseStatus', 'code')],
  ['ka.response.reason', fromKeys(false, 'responseStatus', 'reason')],
  ['ka.useragent', fromKeys(false, 'userAgent')],
  // The plugin reads source IPs through its role-rules helper, i.e. at requestObject.rules[*].sourceIPs.
  ['ka.sourceips', rulesField('sourceIPs')],
  ['ka.cluster.name', fromKeys(false, 'annotations', 'cluster_name')],
]);

for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
  for (const sub of ['args', 'command', 'name', 'image', 'image.repository', 'host_port', 'privileged', 'allow_privilege_escalation', 'read_only_fs', 'run_as_user', 'eff_run_as_user', 'run_as_group', 'eff_run_as_group', 'proc_mount', 'add_capabilities']) {
    // The plugin declares no host_port field for ephemeral containers (they have no ports).
    if (list === 'ephemeralContainers' && sub === 'host_port') continue;
    FIELDS.set(`ka.req.pod.${list}.${sub}`, containerField(list, sub));
  }
}

/** The audit event of a payload, or undefined when the payload is not one. */
function auditEvent(p: PluginPayload): JsonValue | undefined {
  const b = p.firstByte;
  if (b !== 0x7b && b !== 0x5b) return NA;
  const root = p.json;
  return root !== undefined && jsonGet(root, 'auditID') !== undefined ? root : NA;
}

/** Extractors of every k8saudit field, by name. */
export const K8SAUDIT_EXTRACTORS: ReadonlyMap<string, PayloadExtractor> = new Map(
  [...FIELDS].map(([name, f]) => [
    name,
    (p: PluginPayload, arg: FieldArg | undefined) => {
      const root = auditEvent(p);
      return root === undefined ? undefined : normalize(f(root, arg));
    },
  ]),
);
