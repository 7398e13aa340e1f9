/** `mns` event source (upstream `MNSEventSource`, AlibabaCloud MNS, `sources/alibabacloudmns/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { boolean, object, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `MNSEventSource` (no `metadata` field). */
export const MNSEventSourceCodec = object({
  accessKey: SecretKeySelectorCodec,
  secretKey: SecretKeySelectorCodec,
  queue: string(),
  /** Present upstream but ignored by the source. */
  jsonBody: boolean(),
  endpoint: string(),
  filter: EventSourceFilterCodec,
});
export type MNSEventSource = Infer<typeof MNSEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateMns(es: MNSEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.queue ?? '') === '') issues.push(issueAt(path, 'queue', 'must specify queue name'));
  if ((es.endpoint ?? '') === '') issues.push(issueAt(path, 'endpoint', 'must specify a endpoint'));
  return issues;
}
