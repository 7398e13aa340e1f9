/** `sqs` event source (upstream `SQSEventSource`, `sources/awssqs/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { boolean, integer, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `SQSEventSource`. */
export const SQSEventSourceCodec = object({
  accessKey: SecretKeySelectorCodec,
  secretKey: SecretKeySelectorCodec,
  region: string(),
  /** Queue name. */
  queue: string(),
  /** Long-poll wait, in seconds; 0 means the default. @default 3 */
  waitTimeSeconds: integer(),
  roleARN: string(),
  jsonBody: boolean(),
  /** Account that owns the queue, when not the caller's. */
  queueAccountId: string(),
  metadata: record(string()),
  /** Keep messages that fail to decode (for the queue's DLQ policy). @default false */
  dlq: boolean(),
  filter: EventSourceFilterCodec,
  /** Custom SQS endpoint URL. */
  endpoint: string(),
  sessionToken: SecretKeySelectorCodec,
});
export type SQSEventSource = Infer<typeof SQSEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateSqs(es: SQSEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.region ?? '') === '') issues.push(issueAt(path, 'region', 'must specify region'));
  if ((es.queue ?? '') === '') issues.push(issueAt(path, 'queue', 'must specify queue name'));
  return issues;
}

/** Defaults: `waitTimeSeconds` 3 when unset or 0. */
export function defaultSqs(es: SQSEventSource): SQSEventSource {
  return (es.waitTimeSeconds ?? 0) === 0 ? { ...es, waitTimeSeconds: 3 } : es;
}
