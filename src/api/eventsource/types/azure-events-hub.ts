/** `azureEventsHub` event source (upstream `AzureEventsHubEventSource`, `sources/azureeventshub/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `AzureEventsHubEventSource`. */
export const AzureEventsHubEventSourceCodec = object({
  /** Namespace host, e.g. `myns.servicebus.windows.net`. */
  fqdn: string(),
  /** Both or neither of the shared access key fields; neither means Azure AD credentials. */
  sharedAccessKeyName: SecretKeySelectorCodec,
  sharedAccessKey: SecretKeySelectorCodec,
  hubName: string(),
  metadata: record(string()),
  filter: EventSourceFilterCodec,
});
export type AzureEventsHubEventSource = Infer<typeof AzureEventsHubEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateAzureEventsHub(es: AzureEventsHubEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.fqdn ?? '') === '') issues.push(issueAt(path, 'fqdn', 'FQDN is not specified'));
  if ((es.hubName ?? '') === '') issues.push(issueAt(path, 'hubName', 'hub name/path is not specified'));
  if ((es.sharedAccessKey === undefined) !== (es.sharedAccessKeyName === undefined)) {
    issues.push(
      issueAt(
        path,
        es.sharedAccessKey === undefined ? 'sharedAccessKey' : 'sharedAccessKeyName',
        'SharedAccessKey or SharedAccessKeyName is not specified. If one is set then both must be set',
      ),
    );
  }
  return issues;
}
