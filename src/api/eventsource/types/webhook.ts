/** `webhook` event source (upstream `WebhookEventSource`, `sources/webhook/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { object, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import {
  applyWebhookContextDefaults,
  validateWebhookContext,
  webhookContextShape,
} from '../webhook-context.js';

/** A plain HTTP endpoint: the `WebhookContext` fields inline, plus `filter`. */
export const WebhookEventSourceCodec = object({
  ...webhookContextShape,
  filter: EventSourceFilterCodec,
});
export type WebhookEventSource = Infer<typeof WebhookEventSourceCodec>;

/** Upstream checks only the context (endpoint, port); `method` is not validated. */
export function validateWebhook(es: WebhookEventSource, path: string): Issue[] {
  return validateWebhookContext(es, path);
}

/** Defaults: `maxPayloadSize` 1 MiB. `method` is not defaulted: an empty method rejects every request. */
export function defaultWebhook(es: WebhookEventSource): WebhookEventSource {
  return applyWebhookContextDefaults(es);
}
