// The built-in field classes (libsinsp) and the plugins whose field catalogues we know, in the order
// libsinsp resolves field names: the first class that recognises a prefix of a name owns it.
import { CAPTURE_FIELDS } from './capture.js';
import { CLOUDTRAIL_FIELDS } from './cloudtrail.js';
import { CONTAINER_FIELDS } from './container.js';
import { fieldClass, type FieldClass } from './define.js';
import { EVENT_FIELDS, GEN_EVENT_FIELDS } from './evt.js';
import { FD_FIELDS } from './fd.js';
import { GCPAUDIT_FIELDS } from './gcpaudit.js';
import { FDLIST_FIELDS } from './fdlist.js';
import { FS_PATH_FIELDS } from './fs-path.js';
import { GROUP_FIELDS } from './group.js';
import { JSON_FIELDS } from './json.js';
import { K8S_FIELDS } from './k8s.js';
import { K8SAUDIT_FIELDS } from './k8saudit.js';
import { PROC_FIELDS } from './proc.js';
import { THREAD_FIELDS } from './thread.js';
import { USER_FIELDS } from './user.js';
import type { PayloadExtractor } from '../plugins/payload.js';

export const SYSCALL_SOURCE = 'syscall';

const GEN_EVENT = fieldClass(
  { name: 'evt', shortDesc: 'All event types', desc: 'Fields every event has, whatever its source.', generic: true, parser: 'generic' },
  GEN_EVENT_FIELDS,
);
const EVENT = fieldClass(
  {
    name: 'evt',
    shortDesc: 'Syscall events only',
    desc: 'Fields of system call events. Individual parameters are reachable by name with evt.arg, e.g. evt.arg.filename.',
    parser: 'event',
  },
  EVENT_FIELDS,
);
const PROCESS = fieldClass(
  { name: 'process', shortDesc: '', desc: 'The process and thread that performed the system call.', parser: 'thread' },
  PROC_FIELDS,
  THREAD_FIELDS,
);
const USER = fieldClass({ name: 'user', shortDesc: '', desc: 'The user the process runs as.', parser: 'generic' }, USER_FIELDS);
const GROUP = fieldClass({ name: 'group', shortDesc: '', desc: 'The group the process runs as.', parser: 'generic' }, GROUP_FIELDS);
const FD = fieldClass(
  { name: 'fd', shortDesc: '', desc: 'The file descriptor a system call uses: file, socket, pipe...', parser: 'fd' },
  FD_FIELDS,
);
const FS_PATH = fieldClass(
  {
    name: 'fs.path',
    shortDesc: '',
    desc: 'Path arguments of system calls that act on paths directly (mkdir, unlink, rename...), rather than on an open descriptor.',
    parser: 'generic',
  },
  FS_PATH_FIELDS,
);
const CAPTURE = fieldClass(
  { name: 'capture', shortDesc: 'falco-replay only', desc: 'The capture file an event was read from (not a libsinsp class: Falco reads one source at a time).', parser: 'generic' },
  CAPTURE_FIELDS,
);
const FDLIST = fieldClass({ name: 'fdlist', shortDesc: '', desc: 'The descriptors of poll events.', parser: 'generic' }, FDLIST_FIELDS);

/** libsinsp's classes for the syscall source, in its resolution order. */
export const SYSCALL_CLASSES: readonly FieldClass[] = [GEN_EVENT, EVENT, PROCESS, USER, GROUP, FD, FS_PATH, FDLIST, CAPTURE];
/** Classes every plugin source gets from libsinsp. */
export const GENERIC_CLASSES: readonly FieldClass[] = [GEN_EVENT];

/** A plugin whose fields (and event source, if any) the engine knows. */
export interface PluginInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** The event source the plugin produces, for source plugins. */
  readonly source?: string;
  /** Plugin ID in the registry (source plugins), as scap plugin events carry it. */
  readonly id?: number;
  /** Sources whose events the plugin's fields apply to; empty means every source. */
  readonly extractSources: readonly string[];
  /** Names of the asynchronous events the plugin emits (valid `evt.type` values). */
  readonly asyncEvents: readonly string[];
  readonly fields: FieldClass;
  /** Extractors of a plugin loaded at run time (a plugin library), by field name; built-in catalogues have none here. */
  readonly extractors?: ReadonlyMap<string, PayloadExtractor>;
}

export const CONTAINER_PLUGIN: PluginInfo = {
  name: 'container',
  version: '0.7.1',
  description: 'Container and Kubernetes pod metadata for syscall events.',
  extractSources: [SYSCALL_SOURCE],
  asyncEvents: ['container', 'container_removed'],
  fields: fieldClass(
    { name: 'container', shortDesc: '', desc: 'Container and Kubernetes pod metadata (container plugin).', plugin: 'container', parser: 'plugin' },
    CONTAINER_FIELDS,
    K8S_FIELDS,
  ),
};

export const K8SAUDIT_PLUGIN: PluginInfo = {
  name: 'k8saudit',
  version: '0.18.0',
  description: 'Kubernetes audit events.',
  source: 'k8s_audit',
  id: 1,
  extractSources: ['k8s_audit'],
  asyncEvents: [],
  fields: fieldClass(
    { name: 'k8saudit', shortDesc: '', desc: 'Kubernetes audit events (k8saudit plugin).', plugin: 'k8saudit', parser: 'plugin' },
    K8SAUDIT_FIELDS,
  ),
};

export const CLOUDTRAIL_PLUGIN: PluginInfo = {
  name: 'cloudtrail',
  version: '0.17.1',
  description: 'AWS CloudTrail log records.',
  source: 'aws_cloudtrail',
  id: 2,
  extractSources: ['aws_cloudtrail'],
  asyncEvents: [],
  fields: fieldClass(
    { name: 'cloudtrail', shortDesc: '', desc: 'AWS CloudTrail records (cloudtrail plugin).', plugin: 'cloudtrail', parser: 'plugin' },
    CLOUDTRAIL_FIELDS,
  ),
};

export const GCPAUDIT_PLUGIN: PluginInfo = {
  name: 'gcpaudit',
  version: '0.7.0',
  description: 'Google Cloud audit log entries.',
  source: 'gcp_auditlog',
  id: 12,
  extractSources: ['gcp_auditlog'],
  asyncEvents: [],
  fields: fieldClass(
    { name: 'gcpaudit', shortDesc: '', desc: 'Google Cloud audit log entries (gcpaudit plugin).', plugin: 'gcpaudit', parser: 'plugin' },
    GCPAUDIT_FIELDS,
  ),
};

export const JSON_PLUGIN: PluginInfo = {
  name: 'json',
  version: '0.7.4',
  description: 'Arbitrary values of JSON-encoded events.',
  extractSources: [],
  asyncEvents: [],
  fields: fieldClass(
    { name: 'json', shortDesc: '', desc: 'Values of JSON-encoded plugin events (json plugin).', plugin: 'json', parser: 'plugin' },
    JSON_FIELDS,
  ),
};

/** Every plugin catalogue we ship, in the order they are loaded by default. */
export const KNOWN_PLUGINS: readonly PluginInfo[] = [CONTAINER_PLUGIN, K8SAUDIT_PLUGIN, CLOUDTRAIL_PLUGIN, GCPAUDIT_PLUGIN, JSON_PLUGIN];
