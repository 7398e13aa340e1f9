/** `slack` event source (upstream `SlackEventSource`, `sources/slack/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `SlackEventSource`. */
export const SlackEventSourceCodec = object({
  /** Verifies `X-Slack-Signature`. */
  signingSecret: SecretKeySelectorCodec,
  /** Compared with the Events API body `token`. */
  token: SecretKeySelectorCodec,
  webhook: WebhookContextCodec,
  metadata: record(string()),
  filter: EventSourceFilterCodec,
});
export type SlackEventSource = Infer<typeof SlackEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateSlack(es: SlackEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (es.token === undefined) issues.push(issueAt(path, 'token', 'token not provided'));
  if (es.signingSecret === undefined)
    issues.push(issueAt(path, 'signingSecret', 'signingSecret not provided'));
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: the webhook context's `maxPayloadSize`. */
export function defaultSlack(es: SlackEventSource): SlackEventSource {
  return applyNestedWebhookDefaults(es);
}
