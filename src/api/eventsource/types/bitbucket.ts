/** `bitbucket` (Cloud) event source (upstream `BitbucketEventSource`, `sources/bitbucket/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { array, boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `BitbucketBasicAuth`. */
export const BitbucketBasicAuthCodec = object({
  username: SecretKeySelectorCodec,
  password: SecretKeySelectorCodec,
});
export type BitbucketBasicAuth = Infer<typeof BitbucketBasicAuthCodec>;

/** Upstream `BitbucketAuth`: basic auth or an OAuth token. */
export const BitbucketAuthCodec = object({
  basic: BitbucketBasicAuthCodec,
  oauthToken: SecretKeySelectorCodec,
});
export type BitbucketAuth = Infer<typeof BitbucketAuthCodec>;

/** Upstream `BitbucketRepository`. */
export const BitbucketRepositoryCodec = object({
  owner: string(),
  repositorySlug: string(),
});
export type BitbucketRepository = Infer<typeof BitbucketRepositoryCodec>;

/** Upstream `BitbucketEventSource`. */
export const BitbucketEventSourceCodec = object({
  deleteHookOnFinish: boolean(),
  metadata: record(string()),
  webhook: WebhookContextCodec,
  auth: BitbucketAuthCodec,
  events: array(string()),
  /** Deprecated: use `repositories`. */
  owner: string(),
  /** Deprecated and unused. */
  projectKey: string(),
  /** Deprecated: use `repositories`. */
  repositorySlug: string(),
  repositories: array(BitbucketRepositoryCodec),
  filter: EventSourceFilterCodec,
});
export type BitbucketEventSource = Infer<typeof BitbucketEventSourceCodec>;

/** Upstream `GetBitbucketRepositories`. */
export function getBitbucketRepositories(es: BitbucketEventSource): BitbucketRepository[] | undefined {
  if ((es.repositories ?? []).length > 0) return es.repositories;
  if ((es.owner ?? '') !== '' && (es.repositorySlug ?? '') !== '') {
    return [{ owner: es.owner, repositorySlug: es.repositorySlug }];
  }
  return undefined;
}

/** Upstream `ShouldCreateWebhooks`. */
export function needsBitbucketHooks(es: BitbucketEventSource): boolean {
  // Upstream dereferences `auth` here and would crash without it; absent auth means no hooks.
  const basic = es.auth?.basic;
  const creds =
    (basic !== undefined && basic.username !== undefined && basic.password !== undefined) ||
    es.auth?.oauthToken !== undefined;
  return creds && (es.webhook?.url ?? '') !== '';
}

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateBitbucket(es: BitbucketEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (getBitbucketRepositories(es) === undefined) {
    issues.push(issueAt(path, 'repositories', 'at least one repository is required'));
  }
  if (needsBitbucketHooks(es) && (es.events ?? []).length === 0) {
    issues.push(issueAt(path, 'events', 'events must be defined to create a bitbucket webhooks'));
  }
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: the webhook context's `maxPayloadSize`. */
export function defaultBitbucket(es: BitbucketEventSource): BitbucketEventSource {
  return applyNestedWebhookDefaults(es);
}
