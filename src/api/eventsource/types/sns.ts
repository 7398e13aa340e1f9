/** `sns` event source (upstream `SNSEventSource`, `sources/awssns/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `SNSEventSource` (AWS SNS delivering over HTTP). */
export const SNSEventSourceCodec = object({
  webhook: WebhookContextCodec,
  topicArn: string(),
  accessKey: SecretKeySelectorCodec,
  secretKey: SecretKeySelectorCodec,
  region: string(),
  roleARN: string(),
  metadata: record(string()),
  /** Verify each message's signature. @default false */
  validateSignature: boolean(),
  filter: EventSourceFilterCodec,
  /** Custom SNS endpoint URL. */
  endpoint: string(),
});
export type SNSEventSource = Infer<typeof SNSEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateSns(es: SNSEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.topicArn ?? '') === '') issues.push(issueAt(path, 'topicArn', 'must specify topic arn'));
  if ((es.region ?? '') === '') issues.push(issueAt(path, 'region', 'must specify region'));
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: the webhook context's `maxPayloadSize`. */
export function defaultSns(es: SNSEventSource): SNSEventSource {
  return applyNestedWebhookDefaults(es);
}
