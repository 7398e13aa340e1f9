/** `bitbucketserver` event source (upstream `BitbucketServerEventSource`, `sources/bitbucketserver/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec, TLSConfigCodec } from '../../common.js';
import { array, boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { tryParseGoDuration } from '../../../kernels/duration.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `BitbucketServerRepository`. */
export const BitbucketServerRepositoryCodec = object({
  projectKey: string(),
  repositorySlug: string(),
});
export type BitbucketServerRepository = Infer<typeof BitbucketServerRepositoryCodec>;

/** Upstream `BitbucketServerEventSource`. */
export const BitbucketServerEventSourceCodec = object({
  webhook: WebhookContextCodec,
  /** Deprecated: use `repositories`. */
  projectKey: string(),
  /** Deprecated: use `repositories`. */
  repositorySlug: string(),
  projects: array(string()),
  repositories: array(BitbucketServerRepositoryCodec),
  events: array(string()),
  skipBranchRefsChangedOnOpenPR: boolean(),
  oneEventPerChange: boolean(),
  accessToken: SecretKeySelectorCodec,
  /** HMAC secret checked against `X-Hub-Signature`. */
  webhookSecret: SecretKeySelectorCodec,
  bitbucketserverBaseURL: string(),
  deleteHookOnFinish: boolean(),
  metadata: record(string()),
  filter: EventSourceFilterCodec,
  tls: TLSConfigCodec,
  /** Go duration between hook checks. @default "1m" */
  checkInterval: string(),
});
export type BitbucketServerEventSource = Infer<typeof BitbucketServerEventSourceCodec>;

/** Upstream `GetBitbucketServerRepositories`. */
export function getBitbucketServerRepositories(es: BitbucketServerEventSource): BitbucketServerRepository[] {
  if ((es.repositories ?? []).length > 0) return es.repositories ?? [];
  if ((es.projectKey ?? '') !== '' && (es.repositorySlug ?? '') !== '') {
    return [{ projectKey: es.projectKey, repositorySlug: es.repositorySlug }];
  }
  return [];
}

/** Upstream `ShouldCreateWebhooks`. */
export function needsBitbucketServerHooks(es: BitbucketServerEventSource): boolean {
  return (
    es.accessToken !== undefined &&
    (es.webhook?.url ?? '') !== '' &&
    (getBitbucketServerRepositories(es).length > 0 || (es.projects ?? []).length > 0)
  );
}

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateBitbucketServer(es: BitbucketServerEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (needsBitbucketServerHooks(es) && (es.events ?? []).length === 0) {
    issues.push(issueAt(path, 'events', 'events must be defined to create a bitbucket server webhook'));
  }
  if ((es.bitbucketserverBaseURL ?? '') === '') {
    issues.push(issueAt(path, 'bitbucketserverBaseURL', "bitbucket server base url can't be empty"));
  }
  const interval = es.checkInterval ?? '';
  if (interval !== '') {
    const parsed = tryParseGoDuration(interval);
    if (!parsed.ok) {
      issues.push(
        issueAt(path, 'checkInterval', `failed to parse webhook check interval duration: ${parsed.error}`),
      );
    }
  }
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: `checkInterval` 1m and the webhook context's `maxPayloadSize`. */
export function defaultBitbucketServer(es: BitbucketServerEventSource): BitbucketServerEventSource {
  const out = applyNestedWebhookDefaults(es);
  return (out.checkInterval ?? '') === '' ? { ...out, checkInterval: '1m' } : out;
}
