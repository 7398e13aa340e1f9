/** `stripe` event source (upstream `StripeEventSource`, `sources/stripe/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { array, boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `StripeEventSource` (no source-side `filter`; `eventFilter` instead). */
export const StripeEventSourceCodec = object({
  webhook: WebhookContextCodec,
  /** Register the endpoint at Stripe on start. @default false */
  createWebhook: boolean(),
  apiKey: SecretKeySelectorCodec,
  /** Accepted Stripe event types; empty accepts all. */
  eventFilter: array(string()),
  metadata: record(string()),
});
export type StripeEventSource = Infer<typeof StripeEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateStripe(es: StripeEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (es.createWebhook === true && es.apiKey === undefined) {
    issues.push(issueAt(path, 'apiKey', 'api key K8s secret selector not provided'));
  }
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: the webhook context's `maxPayloadSize`. */
export function defaultStripe(es: StripeEventSource): StripeEventSource {
  return applyNestedWebhookDefaults(es);
}
