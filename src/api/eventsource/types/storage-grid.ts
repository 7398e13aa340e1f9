/** `storageGrid` event source (upstream `StorageGridEventSource`, `sources/storagegrid/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec, TLSConfigCodec } from '../../common.js';
import { array, childPath, object, record, string, type Infer } from '../../schema.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `StorageGridFilter`: object key prefix/suffix. */
export const StorageGridFilterCodec = object({
  prefix: string(),
  suffix: string(),
});
export type StorageGridFilter = Infer<typeof StorageGridFilterCodec>;

/** Upstream `StorageGridEventSource` (NetApp StorageGRID notifications). */
export const StorageGridEventSourceCodec = object({
  webhook: WebhookContextCodec,
  /** S3 event names, e.g. `s3:ObjectCreated:*`. */
  events: array(string()),
  filter: StorageGridFilterCodec,
  topicArn: string(),
  bucket: string(),
  /** @default "us-east-1" */
  region: string(),
  authToken: SecretKeySelectorCodec,
  apiURL: string(),
  metadata: record(string()),
  tls: TLSConfigCodec,
});
export type StorageGridEventSource = Infer<typeof StorageGridEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateStorageGrid(es: StorageGridEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.topicArn ?? '') === '') issues.push(issueAt(path, 'topicArn', 'topic arn must be provided'));
  if ((es.apiURL ?? '') === '') issues.push(issueAt(path, 'apiURL', 'api url must be provided'));
  if (es.authToken === undefined) issues.push(issueAt(path, 'authToken', 'api auth token must be provided'));
  if ((es.bucket ?? '') === '') issues.push(issueAt(path, 'bucket', 'bucket name must be provided'));
  if (es.events === undefined) issues.push(issueAt(path, 'events', 'event types must be provided'));
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: `region` us-east-1 and the webhook context's `maxPayloadSize`. */
export function defaultStorageGrid(es: StorageGridEventSource): StorageGridEventSource {
  const out = applyNestedWebhookDefaults(es);
  return (out.region ?? '') === '' ? { ...out, region: 'us-east-1' } : out;
}
