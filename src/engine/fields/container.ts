// Field facts (names, types, argument rules, order) transcribed from falcosecurity/plugins
// @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26, plugins/container/src/caps/extract/extract.cpp (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import { EPF } from './types.js';
import type { FieldSpec } from './define.js';

/** Container plugin: `container.*` and `proc.is_container_*` fields. */
export const CONTAINER_FIELDS: readonly FieldSpec[] = [
  ["container.id", 'CHARBUF', EPF.FORMAT_SUGGESTED, 'NA', "container id truncated to 12 characters; host for processes outside containers"],
  ["container.full_id", 'CHARBUF', 0, 'NA', "full container id"],
  ["container.name", 'CHARBUF', EPF.FORMAT_SUGGESTED, 'NA', "container name; host for processes outside containers"],
  ["container.image", 'CHARBUF', 0, 'NA', "container image name with tag, e.g. falcosecurity/falco:latest"],
  ["container.image.id", 'CHARBUF', 0, 'NA', "container image id"],
  ["container.type", 'CHARBUF', 0, 'NA', "container runtime, e.g. docker, cri-o or containerd"],
  ["container.privileged", 'BOOL', 0, 'NA', "true if the container runs privileged"],
  ["container.mounts", 'CHARBUF', 0, 'NA', "all mounts of the container as source:dest:mode:rdwr:propagation items"],
  ["container.mount", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_INDEX | EPF.ARG_KEY, 'NA', "one mount of the container as source:dest:mode:rdwr:propagation, by index or by source glob: container.mount[/usr/local/*]", { argSyntax: 'plugin' }],
  ["container.mount.source", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_INDEX | EPF.ARG_KEY, 'NA', "source of a mount, by index or by destination glob", { argSyntax: 'plugin' }],
  ["container.mount.dest", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_INDEX | EPF.ARG_KEY, 'NA', "destination of a mount, by index or by source glob: container.mount.dest[/proc*]", { argSyntax: 'plugin' }],
  ["container.mount.mode", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_INDEX | EPF.ARG_KEY, 'NA', "mode of a mount, by index or by source glob", { argSyntax: 'plugin' }],
  ["container.mount.rdwr", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_INDEX | EPF.ARG_KEY, 'NA', "read/write flag of a mount, by index or by source glob", { argSyntax: 'plugin' }],
  ["container.mount.propagation", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_INDEX | EPF.ARG_KEY, 'NA', "propagation mode of a mount, by index or by source glob", { argSyntax: 'plugin' }],
  ["container.image.repository", 'CHARBUF', EPF.FORMAT_SUGGESTED, 'NA', "repository part of the container image name"],
  ["container.image.tag", 'CHARBUF', EPF.FORMAT_SUGGESTED, 'NA', "tag part of the container image name"],
  ["container.image.digest", 'CHARBUF', 0, 'NA', "registry digest of the container image"],
  ["container.healthcheck", 'CHARBUF', 0, 'NA', "health check command of the container"],
  ["container.liveness_probe", 'CHARBUF', 0, 'NA', "liveness probe command of the container"],
  ["container.readiness_probe", 'CHARBUF', 0, 'NA', "readiness probe command of the container"],
  ["container.start_ts", 'ABSTIME', 0, 'DEC', "container start time in nanoseconds since the epoch"],
  ["container.duration", 'RELTIME', 0, 'DEC', "nanoseconds since the container started"],
  ["container.ip", 'CHARBUF', 0, 'NA', "IP address of the container"],
  ["container.cni.json", 'CHARBUF', 0, 'NA', "CNI result of the container as JSON"],
  ["container.host_pid", 'BOOL', 0, 'NA', "true if the container shares the host PID namespace"],
  ["container.host_network", 'BOOL', 0, 'NA', "true if the container shares the host network namespace"],
  ["container.host_ipc", 'BOOL', 0, 'NA', "true if the container shares the host IPC namespace"],
  ["container.label", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "one container label: container.label[com.example.team]", { argSyntax: 'plugin' }],
  ["container.labels", 'CHARBUF', 0, 'NA', "all container labels as key:value pairs"],
  ["proc.is_container_healthcheck", 'BOOL', 0, 'NA', "true if the process runs the container health check"],
  ["proc.is_container_liveness_probe", 'BOOL', 0, 'NA', "true if the process runs the container liveness probe"],
  ["proc.is_container_readiness_probe", 'BOOL', 0, 'NA', "true if the process runs the container readiness probe"],
];
