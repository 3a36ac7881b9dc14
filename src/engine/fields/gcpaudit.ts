// Field facts (names, types, order) transcribed from falcosecurity/plugins
// @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26, plugins/gcpaudit/pkg/gcpaudit/extract.go (Apache-2.0).
// Descriptions are our own wording. The extractors live in src/engine/plugins/gcpaudit.ts.
import type { FieldSpec } from './define.js';

/** gcpaudit plugin (source `gcp_auditlog`): names, types and order from the plugin's field list. */
export const GCPAUDIT_FIELDS: readonly FieldSpec[] = [
  ['gcp.user', 'CHARBUF', 0, 'NA', 'principal (e-mail) that made the call'],
  ['gcp.callerIP', 'CHARBUF', 0, 'NA', 'IP address of the caller'],
  ['gcp.userAgent', 'CHARBUF', 0, 'NA', 'user agent the caller supplied'],
  ['gcp.authorizationInfo', 'CHARBUF', 0, 'NA', 'authorization information of the call'],
  ['gcp.serviceName', 'CHARBUF', 0, 'NA', 'name of the API service called'],
  ['gcp.policyDelta', 'CHARBUF', 0, 'NA', 'access policy changes made by the call'],
  ['gcp.request', 'CHARBUF', 0, 'NA', 'request of the call'],
  ['gcp.methodName', 'CHARBUF', 0, 'NA', 'API method called'],
  ['gcp.cloudfunctions.function', 'CHARBUF', 0, 'NA', 'Cloud Functions function name'],
  ['gcp.cloudsql.databaseId', 'CHARBUF', 0, 'NA', 'Cloud SQL database id'],
  ['gcp.compute.instanceId', 'CHARBUF', 0, 'NA', 'Compute Engine instance id'],
  ['gcp.compute.networkId', 'CHARBUF', 0, 'NA', 'network id'],
  ['gcp.compute.subnetwork', 'CHARBUF', 0, 'NA', 'subnetwork name'],
  ['gcp.compute.subnetworkId', 'CHARBUF', 0, 'NA', 'subnetwork id'],
  ['gcp.dns.zone', 'CHARBUF', 0, 'NA', 'Cloud DNS zone'],
  ['gcp.iam.serviceAccount', 'CHARBUF', 0, 'NA', 'service account (e-mail)'],
  ['gcp.iam.serviceAccountId', 'CHARBUF', 0, 'NA', 'unique id of the service account'],
  ['gcp.location', 'CHARBUF', 0, 'NA', 'location of the resource: its location, region, or zone without the zone letter'],
  ['gcp.logging.sink', 'CHARBUF', 0, 'NA', 'logging sink name (for logging_sink resources)'],
  ['gcp.projectId', 'CHARBUF', 0, 'NA', 'project id'],
  ['gcp.resourceName', 'CHARBUF', 0, 'NA', 'name of the resource acted on'],
  ['gcp.resourceType', 'CHARBUF', 0, 'NA', 'type of the resource acted on'],
  ['gcp.resourceLabels', 'CHARBUF', 0, 'NA', 'labels of the resource as JSON'],
  ['gcp.storage.bucket', 'CHARBUF', 0, 'NA', 'Cloud Storage bucket name'],
  ['gcp.time', 'CHARBUF', 0, 'NA', 'time of the entry (RFC 3339)'],
];
