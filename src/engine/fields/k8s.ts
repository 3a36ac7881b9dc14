// Field facts (names, types, argument rules, order) transcribed from falcosecurity/plugins
// @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26, plugins/container/src/caps/extract/extract.cpp (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import { EPF } from './types.js';
import type { FieldSpec } from './define.js';

/** Container plugin: the `k8s.*` fields (pod and namespace of a container). */
export const K8S_FIELDS: readonly FieldSpec[] = [
  ["k8s.pod.name", 'CHARBUF', EPF.FORMAT_SUGGESTED, 'NA', "name of the Kubernetes pod of the container"],
  ["k8s.ns.name", 'CHARBUF', EPF.FORMAT_SUGGESTED, 'NA', "Kubernetes namespace of the pod of the container"],
  ["k8s.pod.id", 'CHARBUF', 0, 'NA', "legacy pod UID (same as k8s.pod.uid)"],
  ["k8s.pod.uid", 'CHARBUF', 0, 'NA', "UID of the Kubernetes pod"],
  ["k8s.pod.sandbox_id", 'CHARBUF', 0, 'NA', "pod sandbox container id, truncated to 12 characters"],
  ["k8s.pod.full_sandbox_id", 'CHARBUF', 0, 'NA', "full pod sandbox container id"],
  ["k8s.pod.label", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "one pod label: k8s.pod.label[app]", { argSyntax: 'plugin' }],
  ["k8s.pod.labels", 'CHARBUF', 0, 'NA', "all pod labels as key:value pairs"],
  ["k8s.pod.ip", 'CHARBUF', 0, 'NA', "IP address of the pod"],
  ["k8s.pod.cni.json", 'CHARBUF', 0, 'NA', "CNI result of the pod as JSON"],
  ["k8s.rc.name", 'CHARBUF', 0, 'NA', "replication controller name (deprecated, always empty)"],
  ["k8s.rc.id", 'CHARBUF', 0, 'NA', "replication controller id (deprecated, always empty)"],
  ["k8s.rc.label", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "replication controller label (deprecated, always empty)", { argSyntax: 'plugin' }],
  ["k8s.rc.labels", 'CHARBUF', 0, 'NA', "replication controller labels (deprecated, always empty)"],
  ["k8s.svc.name", 'CHARBUF', 0, 'NA', "service name (deprecated, always empty)"],
  ["k8s.svc.id", 'CHARBUF', 0, 'NA', "service id (deprecated, always empty)"],
  ["k8s.svc.label", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "service label (deprecated, always empty)", { argSyntax: 'plugin' }],
  ["k8s.svc.labels", 'CHARBUF', 0, 'NA', "service labels (deprecated, always empty)"],
  ["k8s.ns.id", 'CHARBUF', 0, 'NA', "namespace id (deprecated, always empty)"],
  ["k8s.ns.label", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "namespace label (deprecated, always empty)", { argSyntax: 'plugin' }],
  ["k8s.ns.labels", 'CHARBUF', 0, 'NA', "namespace labels (deprecated, always empty)"],
  ["k8s.rs.name", 'CHARBUF', 0, 'NA', "replica set name (deprecated, always empty)"],
  ["k8s.rs.id", 'CHARBUF', 0, 'NA', "replica set id (deprecated, always empty)"],
  ["k8s.rs.label", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "replica set label (deprecated, always empty)", { argSyntax: 'plugin' }],
  ["k8s.rs.labels", 'CHARBUF', 0, 'NA', "replica set labels (deprecated, always empty)"],
  ["k8s.deployment.name", 'CHARBUF', 0, 'NA', "deployment name (deprecated, always empty)"],
  ["k8s.deployment.id", 'CHARBUF', 0, 'NA', "deployment id (deprecated, always empty)"],
  ["k8s.deployment.label", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "deployment label (deprecated, always empty)", { argSyntax: 'plugin' }],
  ["k8s.deployment.labels", 'CHARBUF', 0, 'NA', "deployment labels (deprecated, always empty)"],
];
