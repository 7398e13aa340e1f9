/** `redis` event source (upstream `RedisEventSource`, `sources/redis/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec, TLSConfigCodec, validateTLSConfig } from '../../common.js';
import { array, boolean, childPath, integer, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `RedisEventSource`. */
export const RedisEventSourceCodec = object({
  hostAddress: string(),
  password: SecretKeySelectorCodec,
  /** Required when `password` is set (upstream quirk; otherwise unused). */
  namespace: string(),
  /** @default 0 */
  db: integer(),
  /** Channel names (exact, not patterns). */
  channels: array(string()),
  tls: TLSConfigCodec,
  metadata: record(string()),
  filter: EventSourceFilterCodec,
  jsonBody: boolean(),
  /** ACL user name. */
  username: string(),
});
export type RedisEventSource = Infer<typeof RedisEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateRedis(es: RedisEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.hostAddress ?? '') === '')
    issues.push(issueAt(path, 'hostAddress', 'host address must be specified'));
  if (es.channels === undefined) issues.push(issueAt(path, 'channels', 'channel/s must be specified'));
  if (es.password !== undefined && (es.namespace ?? '') === '') {
    issues.push(
      issueAt(
        path,
        'namespace',
        'namespace must be defined in order to retrieve the password from the secret',
      ),
    );
  }
  issues.push(...validateTLSConfig(es.tls, childPath(path, 'tls')));
  return issues;
}
