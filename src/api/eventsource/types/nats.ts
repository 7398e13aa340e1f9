/** `nats` event source (upstream `NATSEventsSource`, `sources/nats/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { BackoffCodec, NATSAuthCodec, TLSConfigCodec, validateTLSConfig } from '../../common.js';
import { boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `NATSEventsSource` (sic). */
export const NATSEventsSourceCodec = object({
  url: string(),
  /** Subject; wildcards allowed. */
  subject: string(),
  connectionBackoff: BackoffCodec,
  jsonBody: boolean(),
  tls: TLSConfigCodec,
  metadata: record(string()),
  /** First present of basic, token, nkey, credential is used. */
  auth: NATSAuthCodec,
  filter: EventSourceFilterCodec,
  /** Queue group; when present it must not be empty. */
  queue: string(),
});
export type NATSEventsSource = Infer<typeof NATSEventsSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateNats(es: NATSEventsSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.url ?? '') === '') issues.push(issueAt(path, 'url', 'url must be specified'));
  if ((es.subject ?? '') === '') issues.push(issueAt(path, 'subject', 'subject must be specified'));
  // Upstream returns the TLS result when `tls` is set, so `queue` is then never checked.
  if (es.tls !== undefined) return [...issues, ...validateTLSConfig(es.tls, childPath(path, 'tls'))];
  if (es.queue === '') issues.push(issueAt(path, 'queue', 'queue group cannot be empty if specified'));
  return issues;
}
