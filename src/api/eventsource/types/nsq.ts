/** `nsq` event source (upstream `NSQEventSource`, `sources/nsq/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { BackoffCodec, TLSConfigCodec, validateTLSConfig } from '../../common.js';
import { boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `NSQEventSource`. */
export const NSQEventSourceCodec = object({
  /** nsqlookupd address. */
  hostAddress: string(),
  topic: string(),
  channel: string(),
  connectionBackoff: BackoffCodec,
  jsonBody: boolean(),
  tls: TLSConfigCodec,
  metadata: record(string()),
  filter: EventSourceFilterCodec,
});
export type NSQEventSource = Infer<typeof NSQEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateNsq(es: NSQEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.hostAddress ?? '') === '')
    issues.push(issueAt(path, 'hostAddress', 'host address must be specified'));
  if ((es.topic ?? '') === '') issues.push(issueAt(path, 'topic', 'topic must be specified'));
  if ((es.channel ?? '') === '') issues.push(issueAt(path, 'channel', 'channel must be specified'));
  issues.push(...validateTLSConfig(es.tls, childPath(path, 'tls')));
  return issues;
}
