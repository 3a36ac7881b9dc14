// Field extraction for the gcpaudit plugin (source `gcp_auditlog`), with the plugin's semantics as found in
// falcosecurity/plugins @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26, plugins/gcpaudit/pkg/gcpaudit/extract.go
// (Apache-2.0); the code here is our own. The payload is one Cloud Audit Logs entry. Every field is CHARBUF;
// a member that exists but is not a string reads as the empty string (the plugin takes string bytes of
// whatever is there), except `gcp.resourceLabels`, which is the labels object as JSON.
import type { FieldArg } from '../fields/types.js';
import { jsonMarshal, jsonPath, jsonStringOf, type JsonValue } from './json-value.js';
import { normalize, type PayloadExtractor, type PluginPayload, type RawValue } from './payload.js';

const NA = undefined;
type Field = (entry: JsonValue) => RawValue;

export { GCPAUDIT_FIELDS } from '../fields/gcpaudit.js';

/** The string at a path; "" when the member is not a string; undefined when it is absent. */
function str(entry: JsonValue, ...keys: string[]): string | undefined {
  const v = jsonPath(entry, ...keys);
  return v === undefined ? NA : (jsonStringOf(v) ?? '');
}
const at = (...keys: string[]): Field => (e) => str(e, ...keys);
const label = (name: string): Field => at('resource', 'labels', name);
const resourceType = (e: JsonValue): string => jsonStringOf(jsonPath(e, 'resource', 'type')) ?? '';

const FIELDS = new Map<string, Field>([
  ['gcp.user', at('protoPayload', 'authenticationInfo', 'principalEmail')],
  ['gcp.callerIP', at('protoPayload', 'requestMetadata', 'callerIp')],
  ['gcp.userAgent', at('protoPayload', 'requestMetadata', 'callerSuppliedUserAgent')],
  ['gcp.authorizationInfo', at('protoPayload', 'authorizationInfo')],
  ['gcp.serviceName', at('protoPayload', 'serviceName')],
  [
    'gcp.policyDelta',
    (e) =>
      resourceType(e) === 'gcs_bucket'
        ? str(e, 'protoPayload', 'serviceData', 'policyDelta', 'bindingDeltas')
        : str(e, 'protoPayload', 'metadata', 'datasetChange', 'bindingDeltas'),
  ],
  ['gcp.request', at('protoPayload', 'request')],
  ['gcp.methodName', at('protoPayload', 'methodName')],
  ['gcp.cloudfunctions.function', label('function_name')],
  ['gcp.cloudsql.databaseId', label('database_id')],
  ['gcp.compute.instanceId', label('instance_id')],
  ['gcp.compute.networkId', label('network_id')],
  ['gcp.compute.subnetwork', label('subnetwork_name')],
  ['gcp.compute.subnetworkId', label('subnetwork_id')],
  ['gcp.dns.zone', label('zone_name')],
  ['gcp.iam.serviceAccount', label('email_id')],
  ['gcp.iam.serviceAccountId', label('unique_id')],
  [
    'gcp.location',
    (e) => {
      const loc = str(e, 'resource', 'labels', 'location') ?? str(e, 'resource', 'labels', 'region');
      if (loc !== undefined) return loc;
      const zone = jsonStringOf(jsonPath(e, 'resource', 'labels', 'zone'));
      if (zone === undefined || zone === '') return NA;
      // "us-central1-a" → "us-central1" (lengths in bytes, as the plugin counts them).
      const bytes = new TextEncoder().encode(zone);
      return bytes.length > 2 ? new TextDecoder().decode(bytes.subarray(0, bytes.length - 2)) : zone;
    },
  ],
  ['gcp.logging.sink', (e) => (resourceType(e) === 'logging_sink' ? str(e, 'resource', 'labels', 'name') : NA)],
  ['gcp.projectId', label('project_id')],
  ['gcp.resourceName', at('protoPayload', 'resourceName')],
  ['gcp.resourceType', at('resource', 'type')],
  [
    'gcp.resourceLabels',
    (e) => {
      const v = jsonPath(e, 'resource', 'labels');
      return v === undefined ? NA : jsonMarshal(v);
    },
  ],
  ['gcp.storage.bucket', label('bucket_name')],
  ['gcp.time', at('timestamp')],
]);

/** Extractors of every gcpaudit field, by name. */
export const GCPAUDIT_EXTRACTORS: ReadonlyMap<string, PayloadExtractor> = new Map(
  [...FIELDS].map(([name, f]) => [
    name,
    (p: PluginPayload, _arg: FieldArg | undefined) => {
      const entry = p.json;
      return entry === undefined ? undefined : normalize(f(entry));
    },
  ]),
);
