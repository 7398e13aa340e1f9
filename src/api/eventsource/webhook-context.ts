/**
 * Upstream `WebhookContext` (`webhook_context.go`): the HTTP endpoint shared by the webhook
 * family (webhook, github, gitlab, bitbucket, bitbucketserver, gerrit, slack, stripe, sns,
 * storageGrid), and its validation (`pkg/eventsources/common/webhook/validate.go`).
 */
import type { Issue } from '../../shared/errors.js';
import { SecretKeySelectorCodec } from '../common.js';
import { integer, object, record, string, type Infer } from '../schema.js';
import { issueAt } from './issue.js';

/** Upstream `DefaultMaxWebhookPayloadSize`: 1 MiB, in bytes. */
export const DEFAULT_MAX_PAYLOAD_SIZE = 1048576;

export const webhookContextShape = {
  /** Path served, e.g. `/example`; must start with `/` to ever match. Required. */
  endpoint: string(),
  /** HTTP method accepted by the plain `webhook` type (exact compare); ignored by others. */
  method: string(),
  /** Port to listen on, as a decimal string. Required. */
  port: string(),
  /** External base URL, used to register hooks at SaaS providers. */
  url: string(),
  /** With `serverKeySecret`: serve HTTPS on this port. */
  serverCertSecret: SecretKeySelectorCodec,
  serverKeySecret: SecretKeySelectorCodec,
  /** Copied into every event's data. */
  metadata: record(string()),
  /** Bearer token required in `Authorization`. */
  authSecret: SecretKeySelectorCodec,
  /** Largest accepted request body, in bytes. @default 1048576 */
  maxPayloadSize: integer(),
};

/** Upstream `WebhookContext`. */
export const WebhookContextCodec = object(webhookContextShape);
export type WebhookContext = Infer<typeof WebhookContextCodec>;

/** Go `strconv.Atoi` on a decimal string: optional sign, digits, fits in int64. */
function atoiError(port: string): string | undefined {
  if (!/^[+-]?\d+$/.test(port)) return `strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`;
  const n = BigInt(port);
  if (n > 9223372036854775807n || n < -9223372036854775808n) {
    return `strconv.Atoi: parsing ${JSON.stringify(port)}: value out of range`;
  }
  return undefined;
}

/**
 * Upstream `ValidateWebhookContext`. `path` is where the context sits (the event itself for
 * `webhook`, `<event>.webhook` for the others).
 */
export function validateWebhookContext(context: WebhookContext | undefined, path: string): Issue[] {
  // Upstream returns an error with an empty message here; an empty message tells the user
  // nothing, so we use the text upstream's route check gives for the same condition.
  if (context === undefined) return [issueAt(path, undefined, "webhook can't be nil")];
  if ((context.endpoint ?? '') === '') return [issueAt(path, 'endpoint', "endpoint can't be empty")];
  const port = context.port ?? '';
  if (port === '') return [issueAt(path, 'port', "port can't be empty")];
  const err = atoiError(port);
  if (err !== undefined) return [issueAt(path, 'port', `failed to parse server port ${port}. err: ${err}`)];
  return [];
}

/** Fills `maxPayloadSize` (upstream `GetMaxPayloadSize`); `method` and `port` have no default. */
export function applyWebhookContextDefaults<C extends WebhookContext>(context: C): C {
  return context.maxPayloadSize === undefined
    ? { ...context, maxPayloadSize: DEFAULT_MAX_PAYLOAD_SIZE }
    : context;
}

/** Applies the context defaults to the `webhook` field of a webhook-family source, if present. */
export function applyNestedWebhookDefaults<E extends { webhook?: WebhookContext }>(es: E): E {
  return es.webhook === undefined ? es : { ...es, webhook: applyWebhookContextDefaults(es.webhook) };
}
