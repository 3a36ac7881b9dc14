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

// File → rules fired per audit event in it (the 2022 k8s audit rules, stock macros and lists).
export const EXPECTED: Record<string, string[][]> = {
  'anonymous_creates_namespace_foo.json': [['Anonymous Request Allowed', 'Create Disallowed Namespace', 'K8s Namespace Created']],
  'attach_cluster_admin_role.json': [['Attach to cluster-admin Role', 'K8s Role/Clusterrolebinding Created']],
  'attach_pod.json': [['Attach/Exec Pod']],
  'create_cluster_role_pod_exec.json': [['ClusterRole With Pod Exec Created', 'K8s Role/Clusterrole Created']],
  'create_cluster_role_wildcard_resources.json': [['ClusterRole With Wildcard Created', 'K8s Role/Clusterrole Created']],
  'create_cluster_role_wildcard_verbs.json': [['ClusterRole With Wildcard Created', 'K8s Role/Clusterrole Created']],
  'create_cluster_role_write_privileges.json': [['ClusterRole With Write Privileges Created', 'K8s Role/Clusterrole Created']],
  'create_clusterrole.json': [['K8s Role/Clusterrole Created']],
  'create_clusterrolebinding.json': [['K8s Role/Clusterrolebinding Created']],
  'create_configmap.json': [['K8s ConfigMap Created']],
  'create_configmap_no_sensitive_values.json': [['K8s ConfigMap Created']],
  // Falco's own test expects 6 detections of the private-credentials rule for this file of 6 JSON lines.
  'create_configmap_sensitive_values.json': Array.from({ length: 6 }, () => ['Create/Modify Configmap With Private Credentials', 'K8s ConfigMap Created']),
  'create_deployment.json': [['K8s Deployment Created']],
  // In kube-system: the secret rule leaves that namespace out.
  'create_kube_system_secret.json': [[]],
  'create_nginx_pod_hostnetwork.json': [['Create HostNetwork Pod']],
  'create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json': [['Create Privileged Pod']],
  'create_nginx_pod_nohostnetwork.json': [[]],
  'create_nginx_pod_privileged.json': [['Create Privileged Pod']],
  'create_nginx_pod_privileged_2nd_container.json': [['Create Privileged Pod']],
  'create_nginx_pod_sensitive_mount.json': [['Create Sensitive Mount Pod']],
  'create_nginx_pod_sensitive_mount_2nd_container.json': [['Create Sensitive Mount Pod']],
  'create_nginx_pod_unprivileged.json': [[]],
  'create_nginx_pod_unsensitive_mount.json': [[]],
  'create_nginx_service_nodeport.json': [['Create NodePort Service', 'K8s Service Created']],
  'create_nginx_service_nonodeport.json': [['K8s Service Created']],
  'create_pod_kube_public_namespace.json': [['Pod Created in Kube Namespace']],
  'create_pod_kube_system_namespace.json': [['Pod Created in Kube Namespace']],
  'create_secret.json': [['K8s Secret Created']],
  'create_service.json': [['K8s Service Created']],
  // Made by system:kube-controller-manager: the secret rule leaves system users out.
  'create_service_account_token_secret.json': [[]],
  'create_serviceaccount.json': [['K8s Serviceaccount Created']],
  'create_serviceaccount_kube_public_namespace.json': [['Service Account Created in Kube Namespace', 'K8s Serviceaccount Created']],
  'create_serviceaccount_kube_system_namespace.json': [['Service Account Created in Kube Namespace', 'K8s Serviceaccount Created']],
  'delete_cluster_role_kube_aggregator.json': [['System ClusterRole Modified/Deleted', 'K8s Role/Clusterrole Deleted']],
  'delete_clusterrole.json': [['K8s Role/Clusterrole Deleted']],
  'delete_clusterrolebinding.json': [['K8s Role/Clusterrolebinding Deleted']],
  'delete_configmap.json': [['K8s ConfigMap Deleted']],
  'delete_deployment.json': [['K8s Deployment Deleted']],
  'delete_namespace_foo.json': [['K8s Namespace Deleted']],
  'delete_secret.json': [['K8s Secret Deleted']],
  'delete_service.json': [['K8s Service Deleted']],
  'delete_serviceaccount.json': [['K8s Serviceaccount Deleted']],
  'exec_pod.json': [['Attach/Exec Pod']],
  // `{"kind": 0}`: not an audit event (no auditID), so no k8s audit field has a value.
  'fal_01_003.json': [[]],
  'minikube_creates_namespace_foo.json': [['Create Disallowed Namespace', 'K8s Namespace Created']],
  'modify_cluster_role_node_problem_detector.json': [['System ClusterRole Modified/Deleted']],
  'some-user_creates_namespace_foo.json': [['Disallowed K8s User', 'Create Disallowed Namespace', 'K8s Namespace Created']],
};
