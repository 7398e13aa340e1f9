/** `github` event source (upstream `GithubEventSource`, `sources/github/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { GithubAppCredsCodec, SecretKeySelectorCodec } from '../../common.js';
import { array, boolean, childPath, integer, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `OwnedRepositories`. */
export const OwnedRepositoriesCodec = object({
  owner: string(),
  names: array(string()),
});
export type OwnedRepositories = Infer<typeof OwnedRepositoriesCodec>;

/** Upstream `GithubEventSource`. */
export const GithubEventSourceCodec = object({
  /** Unused upstream. */
  id: integer(),
  webhook: WebhookContextCodec,
  /** Deprecated: use `repositories`. */
  owner: string(),
  /** Deprecated: use `repositories`. */
  repository: string(),
  /** GitHub event names for the hook (`*` for all). */
  events: array(string()),
  apiToken: SecretKeySelectorCodec,
  /** HMAC secret; requests are verified when set. */
  webhookSecret: SecretKeySelectorCodec,
  insecure: boolean(),
  active: boolean(),
  /** `json` or `form`. */
  contentType: string(),
  githubBaseURL: string(),
  githubUploadURL: string(),
  deleteHookOnFinish: boolean(),
  metadata: record(string()),
  repositories: array(OwnedRepositoriesCodec),
  organizations: array(string()),
  githubApp: GithubAppCredsCodec,
  filter: EventSourceFilterCodec,
});
export type GithubEventSource = Infer<typeof GithubEventSourceCodec>;

/** Upstream `GetOwnedRepositories`: `repositories`, else the deprecated owner/repository pair. */
export function getOwnedRepositories(es: GithubEventSource): OwnedRepositories[] | undefined {
  if ((es.repositories ?? []).length > 0) return es.repositories;
  if ((es.owner ?? '') !== '' && (es.repository ?? '') !== '') {
    return [{ owner: es.owner, names: [es.repository ?? ''] }];
  }
  return undefined;
}

/** Upstream `NeedToCreateHooks`: credentials and an external URL are both configured. */
export function needsGithubHooks(es: GithubEventSource): boolean {
  const creds = es.apiToken !== undefined || es.githubApp?.privateKey !== undefined;
  return creds && (es.webhook?.url ?? '') !== '';
}

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateGithub(es: GithubEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  const repos = getOwnedRepositories(es);
  if (repos === undefined && es.organizations === undefined) {
    issues.push(issueAt(path, undefined, 'either repositories or organizations is required'));
  }
  if (repos !== undefined && es.organizations !== undefined) {
    issues.push(issueAt(path, undefined, 'only one of repositories and organizations is allowed'));
  }
  if (needsGithubHooks(es) && (es.events ?? []).length === 0) {
    issues.push(issueAt(path, 'events', 'events must be defined to create a github webhook'));
  }
  const contentType = es.contentType ?? '';
  if (contentType !== '' && contentType !== 'json' && contentType !== 'form') {
    issues.push(issueAt(path, 'contentType', 'content type must be "json" or "form"'));
  }
  const base = es.githubBaseURL ?? '';
  const upload = es.githubUploadURL ?? '';
  if (base === '' && upload !== '') {
    issues.push(issueAt(path, 'githubBaseURL', 'githubBaseURL is required when githubUploadURL is set'));
  }
  if (base !== '' && upload === '') {
    issues.push(issueAt(path, 'githubUploadURL', 'githubUploadURL is required when githubBaseURL is set'));
  }
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: the webhook context's `maxPayloadSize`. */
export function defaultGithub(es: GithubEventSource): GithubEventSource {
  return applyNestedWebhookDefaults(es);
}
