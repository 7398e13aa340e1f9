/** `emitter` event source (upstream `EmitterEventSource`, `sources/emitter/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { BackoffCodec, SecretKeySelectorCodec, TLSConfigCodec, validateTLSConfig } from '../../common.js';
import { boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `EmitterEventSource`. */
export const EmitterEventSourceCodec = object({
  /** Broker URL. */
  broker: string(),
  channelKey: string(),
  channelName: string(),
  username: SecretKeySelectorCodec,
  password: SecretKeySelectorCodec,
  connectionBackoff: BackoffCodec,
  jsonBody: boolean(),
  tls: TLSConfigCodec,
  metadata: record(string()),
  filter: EventSourceFilterCodec,
});
export type EmitterEventSource = Infer<typeof EmitterEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateEmitter(es: EmitterEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.broker ?? '') === '') issues.push(issueAt(path, 'broker', 'broker url must be specified'));
  if ((es.channelName ?? '') === '')
    issues.push(issueAt(path, 'channelName', 'channel name must be specified'));
  if ((es.channelKey ?? '') === '') {
    issues.push(issueAt(path, 'channelKey', 'channel key secret selector must be specified'));
  }
  issues.push(...validateTLSConfig(es.tls, childPath(path, 'tls')));
  return issues;
}
