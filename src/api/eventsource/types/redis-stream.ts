/** `redisStream` event source (upstream `RedisStreamEventSource`, `sources/redis_stream/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec, TLSConfigCodec, validateTLSConfig } from '../../common.js';
import { array, childPath, integer, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `RedisStreamEventSource`. */
export const RedisStreamEventSourceCodec = object({
  hostAddress: string(),
  password: SecretKeySelectorCodec,
  /** @default 0 */
  db: integer(),
  /** Stream keys; each must exist. */
  streams: array(string()),
  /** Entries per XREADGROUP. @default 10 */
  maxMsgCountPerRead: integer(),
  /** @default "argo-events-cg" */
  consumerGroup: string(),
  tls: TLSConfigCodec,
  metadata: record(string()),
  filter: EventSourceFilterCodec,
  username: string(),
});
export type RedisStreamEventSource = Infer<typeof RedisStreamEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateRedisStream(es: RedisStreamEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.hostAddress ?? '') === '')
    issues.push(issueAt(path, 'hostAddress', 'host address must be specified'));
  if (es.streams === undefined) issues.push(issueAt(path, 'streams', 'stream/streams must be specified'));
  issues.push(...validateTLSConfig(es.tls, childPath(path, 'tls')));
  return issues;
}

/** Defaults: `maxMsgCountPerRead` 10 when 0, `consumerGroup` argo-events-cg when empty. */
export function defaultRedisStream(es: RedisStreamEventSource): RedisStreamEventSource {
  return {
    ...es,
    maxMsgCountPerRead: (es.maxMsgCountPerRead ?? 0) === 0 ? 10 : es.maxMsgCountPerRead,
    consumerGroup: (es.consumerGroup ?? '') === '' ? 'argo-events-cg' : es.consumerGroup,
  };
}
