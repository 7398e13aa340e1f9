/** `gitlab` event source (upstream `GitlabEventSource`, `sources/gitlab/validate.go`). */
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

/** Upstream `GitlabEventSource`. */
export const GitlabEventSourceCodec = object({
  webhook: WebhookContextCodec,
  /** Deprecated: use `projects`. */
  projectID: string(),
  /** Hook option names, e.g. `PushEvents`, `MergeRequestsEvents`. */
  events: array(string()),
  accessToken: SecretKeySelectorCodec,
  enableSSLVerification: boolean(),
  gitlabBaseURL: string(),
  deleteHookOnFinish: boolean(),
  metadata: record(string()),
  /** Project ids or paths. */
  projects: array(string()),
  /** Compared with the `X-Gitlab-Token` header. */
  secretToken: SecretKeySelectorCodec,
  filter: EventSourceFilterCodec,
  groups: array(string()),
});
export type GitlabEventSource = Infer<typeof GitlabEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateGitlab(es: GitlabEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (es.events === undefined) issues.push(issueAt(path, 'events', "events can't be empty"));
  if ((es.gitlabBaseURL ?? '') === '')
    issues.push(issueAt(path, 'gitlabBaseURL', "gitlab base url can't be empty"));
  if (es.accessToken === undefined) issues.push(issueAt(path, 'accessToken', "access token can't be nil"));
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: the webhook context's `maxPayloadSize`. */
export function defaultGitlab(es: GitlabEventSource): GitlabEventSource {
  return applyNestedWebhookDefaults(es);
}
