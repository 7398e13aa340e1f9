/** `mqtt` event source (upstream `MQTTEventSource`, `sources/mqtt/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import {
  BackoffCodec,
  BasicAuthCodec,
  TLSConfigCodec,
  validateBasicAuth,
  validateTLSConfig,
} from '../../common.js';
import { boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `MQTTEventSource`. */
export const MQTTEventSourceCodec = object({
  url: string(),
  /** Topic filter; wildcards allowed. */
  topic: string(),
  clientId: string(),
  connectionBackoff: BackoffCodec,
  jsonBody: boolean(),
  tls: TLSConfigCodec,
  metadata: record(string()),
  filter: EventSourceFilterCodec,
  auth: BasicAuthCodec,
});
export type MQTTEventSource = Infer<typeof MQTTEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateMqtt(es: MQTTEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.url ?? '') === '') issues.push(issueAt(path, 'url', 'url must be specified'));
  if ((es.topic ?? '') === '') issues.push(issueAt(path, 'topic', 'topic must be specified'));
  if ((es.clientId ?? '') === '') issues.push(issueAt(path, 'clientId', 'client id must be specified'));
  // Upstream returns the TLS result when `tls` is set, so `auth` is then never checked.
  if (es.tls !== undefined) return [...issues, ...validateTLSConfig(es.tls, childPath(path, 'tls'))];
  return [...issues, ...validateBasicAuth(es.auth, childPath(path, 'auth'))];
}
