/** `gerrit` event source (upstream `GerritEventSource`, `sources/gerrit/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { BasicAuthCodec } from '../../common.js';
import { array, boolean, childPath, integer, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';
import {
  WebhookContextCodec,
  applyNestedWebhookDefaults,
  validateWebhookContext,
} from '../webhook-context.js';

/** Upstream `GerritEventSource`. */
export const GerritEventSourceCodec = object({
  webhook: WebhookContextCodec,
  hookName: string(),
  events: array(string()),
  auth: BasicAuthCodec,
  gerritBaseURL: string(),
  deleteHookOnFinish: boolean(),
  metadata: record(string()),
  projects: array(string()),
  sslVerify: boolean(),
  filter: EventSourceFilterCodec,
  /** Delivery attempts configured on the Gerrit hook. */
  maxTries: integer(),
});
export type GerritEventSource = Infer<typeof GerritEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateGerrit(es: GerritEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.projects ?? []).length === 0) issues.push(issueAt(path, 'projects', 'projects cannot be empty'));
  if (es.events === undefined) issues.push(issueAt(path, 'events', "events can't be empty"));
  if ((es.gerritBaseURL ?? '') === '')
    issues.push(issueAt(path, 'gerritBaseURL', "gerrit base url can't be empty"));
  if (es.auth === undefined) issues.push(issueAt(path, 'auth', "username and password can't be empty"));
  issues.push(...validateWebhookContext(es.webhook, childPath(path, 'webhook')));
  return issues;
}

/** Defaults: the webhook context's `maxPayloadSize`. */
export function defaultGerrit(es: GerritEventSource): GerritEventSource {
  return applyNestedWebhookDefaults(es);
}
