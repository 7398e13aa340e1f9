/** `pulsar` event source (upstream `PulsarEventSource`, `sources/pulsar/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { BackoffCodec, SecretKeySelectorCodec, TLSConfigCodec } from '../../common.js';
import { array, boolean, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `PulsarEventSource`. */
export const PulsarEventSourceCodec = object({
  topics: array(string()),
  /** Subscription type: `exclusive` or `shared` (required in practice, see validation). */
  type: string(),
  url: string(),
  tlsTrustCertsSecret: SecretKeySelectorCodec,
  tlsAllowInsecureConnection: boolean(),
  tlsValidateHostname: boolean(),
  tls: TLSConfigCodec,
  connectionBackoff: BackoffCodec,
  jsonBody: boolean(),
  metadata: record(string()),
  authTokenSecret: SecretKeySelectorCodec,
  filter: EventSourceFilterCodec,
  authAthenzParams: record(string()),
  authAthenzSecret: SecretKeySelectorCodec,
});
export type PulsarEventSource = Infer<typeof PulsarEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validatePulsar(es: PulsarEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (es.topics === undefined) issues.push(issueAt(path, 'topics', "topics can't be empty list"));
  if ((es.url ?? '') === '') issues.push(issueAt(path, 'url', 'url must be provided'));
  // Upstream's field doc says empty means exclusive, but its validation rejects it.
  if (es.type !== 'exclusive' && es.type !== 'shared') {
    issues.push(issueAt(path, 'type', 'subscription type must be either exclusive or shared'));
  }
  return issues;
}
