// Field extraction for the cloudtrail plugin (source `aws_cloudtrail`), with the plugin's semantics as found
// in falcosecurity/plugins @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26, plugins/cloudtrail/pkg/cloudtrail/
// extract.go and cloudtrail.go (Apache-2.0); the code here is our own. The payload is one CloudTrail record,
// read with NUL bytes at either end removed; a payload that is not JSON has no fields. A member that exists
// but is not a string reads as the empty string (the plugin takes string bytes of whatever is there).
import type { FieldArg } from '../fields/types.js';
import { jsonMarshal, jsonPath, jsonStringOf, type JsonValue } from './json-value.js';
import { normalize, type PayloadExtractor, type PluginPayload, type RawValue } from './payload.js';

const NA = undefined;
type Field = (rec: JsonValue, arg: FieldArg | undefined) => RawValue;

/** The string at a path; "" when the member is not a string; undefined when it is absent. */
function str(rec: JsonValue, ...keys: string[]): string | undefined {
  const v = jsonPath(rec, ...keys);
  return v === undefined ? NA : (jsonStringOf(v) ?? '');
}

const at = (...keys: string[]): Field => (rec) => str(rec, ...keys);
const marshalled = (key: string): Field => (rec) => {
  const v = jsonPath(rec, key);
  return v === undefined ? NA : jsonMarshal(v);
};
/** "true"/"false" of a boolean member (anything but JSON true is "false"), absent when the member is. */
const boolText = (key: string): Field => (rec) => {
  const v = jsonPath(rec, key);
  return v === undefined ? NA : v.t === 'bool' && v.v ? 'true' : 'false';
};

function user(rec: JsonValue): string | undefined {
  const type = jsonStringOf(jsonPath(rec, 'userIdentity', 'type'));
  switch (type) {
    case 'Root':
    case 'IAMUser':
      return str(rec, 'userIdentity', 'userName');
    case 'AWSService':
      return str(rec, 'userIdentity', 'invokedBy');
    case 'AssumedRole':
      return str(rec, 'userIdentity', 'sessionContext', 'sessionIssuer', 'userName') ?? 'AssumedRole';
    case 'AWSAccount':
    case 'FederatedUser':
      return type;
    default:
      return NA;
  }
}

function originalUser(rec: JsonValue): string | undefined {
  if (jsonStringOf(jsonPath(rec, 'userIdentity', 'type')) !== 'AssumedRole') return str(rec, 'userIdentity', 'userName');
  const arn = str(rec, 'userIdentity', 'arn');
  if (arn !== undefined) {
    const parts = arn.split('/');
    if (parts.length === 3) return parts[2];
  }
  const principal = str(rec, 'userIdentity', 'principalId');
  if (principal !== undefined) {
    const parts = principal.split(':');
    if (parts.length === 2) return parts[1];
  }
  return NA;
}

/** The plugin's integer reading of a byte count: an unsigned integer, else a float truncated, else 0. */
function u64(v: JsonValue): number | bigint {
  if (v.t !== 'number') return 0;
  if (/^\d+$/.test(v.raw)) {
    const b = BigInt(v.raw);
    if (b <= 0xffffffffffffffffn) return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  const f = Number(v.raw);
  return Number.isFinite(f) && f >= 0 ? (f < 2 ** 64 ? Math.trunc(f) : 0) : 0;
}

function bytesTotal(rec: JsonValue, keys: readonly string[]): number | bigint | undefined {
  let total = 0n;
  let any = false;
  for (const k of keys) {
    const v = jsonPath(rec, 'additionalEventData', k);
    if (v === undefined) continue;
    any = true;
    total += BigInt(u64(v));
  }
  if (!any) return NA;
  total &= 0xffffffffffffffffn;
  return total <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(total) : total;
}

/** Image ids of the instances in the response, or of the request when there is no instance list. */
function imageIds(rec: JsonValue, index: number | undefined): string[] | undefined {
  const items = jsonPath(rec, 'responseElements', 'instancesSet', 'items');
  if (items !== undefined) {
    const list = items.t === 'array' ? items.items : [];
    if (index === undefined) {
      const ids = list.map((i) => jsonStringOf(jsonPath(i, 'imageId')) ?? '').filter((s) => s !== '');
      return ids.length ? ids : NA;
    }
    const item = list[index];
    const id = item && jsonPath(item, 'imageId');
    return id === undefined ? NA : [jsonStringOf(id) ?? ''];
  }
  if (index !== undefined && index !== 0) return NA;
  for (const path of [['requestParameters', 'imageId'], ['requestParameters', 'DescribeFastLaunchImagesRequest', 'ImageId', 'content'], ['requestParameters', 'launchSpecification', 'imageId']]) {
    const v = str(rec, ...path);
    if (v !== undefined) return [v];
  }
  return NA;
}

function ec2Name(rec: JsonValue): string | undefined {
  const items = jsonPath(rec, 'requestParameters', 'tagSpecificationSet', 'items');
  if (items?.t !== 'array') return NA;
  let name = '';
  for (const item of items.items) {
    if ((jsonStringOf(jsonPath(item, 'resourceType')) ?? '') !== 'instance') continue;
    const tags = jsonPath(item, 'tags');
    if (tags?.t !== 'array') continue;
    for (const tag of tags.items) {
      if ((jsonStringOf(jsonPath(tag, 'key')) ?? '') === 'Name') {
        name = jsonStringOf(jsonPath(tag, 'value')) ?? '';
        break;
      }
    }
  }
  return name === '' ? NA : name;
}

/** `ct.info`: who, from where, did what, with the S3 or host details when there are some. */
function info(rec: JsonValue): string {
  const u = user(rec);
  if (u === undefined) return '<invalid cloudtrail event: userIdentity field missing>';
  const src = str(rec, 'sourceIPAddress');
  if (src === undefined) return '<invalid cloudtrail event: eventSource field missing>';
  const err = str(rec, 'errorCode') !== undefined ? '!' : '';
  const rw = FIELDS.get('ct.readonly')?.(rec, undefined) === 'false' ? '→' : '←';
  const name = str(rec, 'eventName');
  if (name === undefined) return '<invalid cloudtrail event: eventName field missing>';
  let out = u === src ? `${u} ${err}${rw} ${name}` : `${u} via ${src} ${err}${rw} ${name}`;
  if (name === 'PutBucketPublicAccessBlock') {
    // The plugin reads these four flags at the top level of the record, where they never are.
    if (jsonPath(rec, 'requestParameters', 'PublicAccessBlockConfiguration')?.t === 'object') {
      const flag = (k: string): string => {
        const v = jsonPath(rec, k);
        return v?.t === 'bool' && v.v ? 'true' : 'false';
      };
      out += ` BlockPublicAcls=${flag('BlockPublicAcls')} BlockPublicPolicy=${flag('BlockPublicPolicy')} IgnorePublicAcls=${flag('IgnorePublicAcls')} RestrictPublicBuckets=${flag('RestrictPublicBuckets')} `;
    }
    return out;
  }
  const size = bytesTotal(rec, ['bytesTransferredIn', 'bytesTransferredOut']);
  if (size !== undefined) out += ` Size=${size}`;
  const uri = s3Uri(rec);
  if (uri !== undefined) return `${out} URI=${uri}`;
  const bucket = str(rec, 'requestParameters', 'bucketName');
  if (bucket !== undefined) return `${out} Bucket=${bucket}`;
  const key = str(rec, 'requestParameters', 'key');
  if (key !== undefined) return `${out} Key=${key}`;
  const host = str(rec, 'requestParameters', 'Host');
  if (host !== undefined) return `${out} Host=${host}`;
  return out;
}

function s3Uri(rec: JsonValue): string | undefined {
  const bucket = jsonStringOf(jsonPath(rec, 'requestParameters', 'bucketName'));
  const key = jsonStringOf(jsonPath(rec, 'requestParameters', 'key'));
  return bucket === undefined || key === undefined ? NA : `s3://${bucket}/${key}`;
}

const FIELDS = new Map<string, Field>([
  ['ct.id', at('eventID')],
  ['ct.error', at('errorCode')],
  ['ct.errormessage', at('errorMessage')],
  ['ct.time', at('eventTime')],
  ['ct.src', at('eventSource')],
  [
    'ct.shortsrc',
    (rec) => {
      const v = str(rec, 'eventSource');
      const suffix = '.amazonaws.com';
      if (v === undefined) return NA;
      return v.length > suffix.length && v.endsWith(suffix) ? v.slice(0, -suffix.length) : v;
    },
  ],
  ['ct.name', at('eventName')],
  ['ct.user', user],
  ['ct.originaluser', originalUser],
  ['ct.user.accountid', (rec) => str(rec, 'userIdentity', 'accountId') ?? str(rec, 'recipientAccountId')],
  ['ct.user.identitytype', at('userIdentity', 'type')],
  ['ct.user.principalid', at('userIdentity', 'principalId')],
  ['ct.user.arn', at('userIdentity', 'arn')],
  ['ct.region', at('awsRegion')],
  ['ct.response.subnetid', at('responseElements', 'subnetId')],
  ['ct.response.reservationid', at('responseElements', 'reservationId')],
  ['ct.response', marshalled('responseElements')],
  ['ct.request.availabilityzone', at('requestParameters', 'availabilityZone')],
  ['ct.request.cluster', at('requestParameters', 'cluster')],
  ['ct.request.functionname', at('requestParameters', 'functionName')],
  ['ct.request.groupname', at('requestParameters', 'groupName')],
  ['ct.request.host', at('requestParameters', 'Host')],
  ['ct.request.name', at('requestParameters', 'name')],
  ['ct.request.policy', at('requestParameters', 'policy')],
  ['ct.request.reason', at('requestParameters', 'reason')],
  ['ct.request.target', at('requestParameters', 'target')],
  // The plugin matches this field under a differently-cased name, so it never has a value.
  ['ct.request.documentname', () => NA],
  ['ct.request.serialnumber', at('requestParameters', 'serialNumber')],
  ['ct.request.servicename', at('requestParameters', 'serviceName')],
  ['ct.request.subnetid', at('requestParameters', 'subnetId')],
  ['ct.request.taskdefinition', at('requestParameters', 'taskDefinition')],
  ['ct.request.username', at('requestParameters', 'userName')],
  ['ct.request', marshalled('requestParameters')],
  ['ct.srcip', at('sourceIPAddress')],
  ['ct.useragent', at('userAgent')],
  ['ct.info', info],
  ['ct.managementevent', boolText('managementEvent')],
  ['ct.readonly', boolText('readOnly')],
  ['ct.requestid', at('requestID')],
  ['ct.eventtype', at('eventType')],
  ['ct.apiversion', at('apiVersion')],
  [
    'ct.resources',
    (rec) => {
      const v = jsonPath(rec, 'resources');
      if (v?.t !== 'array' || v.items.length === 0) return NA;
      return v.items.map(jsonMarshal).join(',');
    },
  ],
  ['ct.recipientaccountid', at('recipientAccountId')],
  ['ct.serviceeventdetails', at('serviceEventDetails')],
  ['ct.sharedeventid', at('sharedEventID')],
  ['ct.vpcendpointid', at('vpcEndpointId')],
  ['ct.eventcategory', at('eventCategory')],
  ['ct.addendum.reason', at('addendum', 'reason')],
  ['ct.addendum.updatedfields', at('addendum', 'updatedFields')],
  ['ct.addendum.originalrequestid', at('addendum', 'originalRequestID')],
  ['ct.addendum.originaleventid', at('addendum', 'originalEventID')],
  ['ct.sessioncredentialfromconsole', boolText('sessionCredentialFromConsole')],
  ['ct.edgedevicedetails', at('edgeDeviceDetails')],
  ['ct.tlsdetails.tlsversion', at('tlsDetails', 'tlsVersion')],
  ['ct.tlsdetails.ciphersuite', at('tlsDetails', 'cipherSuite')],
  ['ct.tlsdetails.clientprovidedhostheader', at('tlsDetails', 'clientProvidedHostHeader')],
  ['ct.additionaleventdata', marshalled('additionalEventData')],
  ['s3.uri', s3Uri],
  ['s3.bucket', at('requestParameters', 'bucketName')],
  ['s3.key', at('requestParameters', 'key')],
  ['s3.bytes', (rec) => bytesTotal(rec, ['bytesTransferredIn', 'bytesTransferredOut'])],
  ['s3.bytes.in', (rec) => bytesTotal(rec, ['bytesTransferredIn'])],
  ['s3.bytes.out', (rec) => bytesTotal(rec, ['bytesTransferredOut'])],
  ['s3.cnt.get', (rec) => (jsonStringOf(jsonPath(rec, 'eventName')) === 'GetObject' ? 1 : NA)],
  ['s3.cnt.put', (rec) => (jsonStringOf(jsonPath(rec, 'eventName')) === 'PutObject' ? 1 : NA)],
  [
    's3.cnt.other',
    (rec) => {
      const n = jsonStringOf(jsonPath(rec, 'eventName'));
      return n === 'GetObject' || n === 'PutObject' ? NA : 1;
    },
  ],
  ['ec2.name', ec2Name],
  ['ec2.imageid', (rec) => imageIds(rec, 0)?.[0]],
  ['ec2.imageids', (rec, arg) => imageIds(rec, arg === undefined ? undefined : (arg.index ?? 0))],
  ['ecr.repository', at('requestParameters', 'repositoryName')],
  ['ecr.imagetag', at('requestParameters', 'imageTag')],
  ['iam.role', at('requestParameters', 'roleName')],
  ['iam.policy', at('requestParameters', 'policyName')],
]);

/** Extractors of every cloudtrail field, by name. */
export const CLOUDTRAIL_EXTRACTORS: ReadonlyMap<string, PayloadExtractor> = new Map(
  [...FIELDS].map(([name, f]) => [
    name,
    (p: PluginPayload, arg: FieldArg | undefined) => {
      const rec = p.jsonNulTrimmed;
      return rec === undefined ? undefined : normalize(f(rec, arg));
    },
  ]),
);

/**
 * The plugin's one-line rendering of a record (what `evt.plugininfo` shows): region, user, the event source
 * without `.amazonaws.com`, the event name and `ct.info`. A record without a string eventSource, awsRegion or
 * eventName has none (the plugin answers with an error).
 */
export function cloudtrailEventText(p: PluginPayload): string | undefined {
  const rec = p.json;
  if (rec === undefined) return undefined;
  let src = jsonStringOf(jsonPath(rec, 'eventSource'));
  const region = jsonStringOf(jsonPath(rec, 'awsRegion'));
  const name = jsonStringOf(jsonPath(rec, 'eventName'));
  if (src === undefined || region === undefined || name === undefined) return undefined;
  const suffix = '.amazonaws.com';
  if (src.length > suffix.length && src.endsWith(suffix)) src = src.slice(0, -suffix.length);
  const u = user(rec);
  return normalize(`${region}${u ? ` ${u}` : ''} ${src} ${name} ${info(rec)}`) as string | undefined;
}
