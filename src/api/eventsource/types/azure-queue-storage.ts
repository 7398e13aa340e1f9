/** `azureQueueStorage` event source (upstream `AzureQueueStorageEventSource`, `sources/azurequeuestorage/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { boolean, integer, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `AzureQueueStorageEventSource`. */
export const AzureQueueStorageEventSourceCodec = object({
  /** Either this (Azure AD auth) or `connectionString`. */
  storageAccountName: string(),
  connectionString: SecretKeySelectorCodec,
  queueName: string(),
  jsonBody: boolean(),
  /** Keep messages that fail to decode. @default false */
  dlq: boolean(),
  metadata: record(string()),
  filter: EventSourceFilterCodec,
  /** Base64-decode the message text first. @default false */
  decodeMessage: boolean(),
  /** Pause after an empty poll, in seconds. @default 3 */
  waitTimeInSeconds: integer(),
});
export type AzureQueueStorageEventSource = Infer<typeof AzureQueueStorageEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateAzureQueueStorage(es: AzureQueueStorageEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (es.connectionString === undefined && (es.storageAccountName ?? '') === '') {
    issues.push(issueAt(path, undefined, 'must specify connection string or storageAccountName'));
  }
  if ((es.queueName ?? '') === '') issues.push(issueAt(path, 'queueName', 'must specify queue name'));
  return issues;
}

/** Defaults: `waitTimeInSeconds` 3 when unset. */
export function defaultAzureQueueStorage(es: AzureQueueStorageEventSource): AzureQueueStorageEventSource {
  return es.waitTimeInSeconds === undefined ? { ...es, waitTimeInSeconds: 3 } : es;
}
