/** `pubSub` event source (upstream `PubSubEventSource`, `sources/gcppubsub/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { boolean, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `PubSubEventSource` (Google Cloud Pub/Sub). */
export const PubSubEventSourceCodec = object({
  /** @default the project of the GCP metadata server */
  projectID: string(),
  /** @default projectID */
  topicProjectID: string(),
  topic: string(),
  /** @default `<eventName>-<FNV-1a hash>` */
  subscriptionID: string(),
  credentialSecret: SecretKeySelectorCodec,
  deleteSubscriptionOnFinish: boolean(),
  jsonBody: boolean(),
  metadata: record(string()),
  filter: EventSourceFilterCodec,
});
export type PubSubEventSource = Infer<typeof PubSubEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validatePubSub(es: PubSubEventSource, path: string): Issue[] {
  const topic = es.topic ?? '';
  if ((es.topicProjectID ?? '') !== '' && topic === '') {
    return [issueAt(path, 'topicProjectID', "you can't specify topicProjectID if you don't specify topic")];
  }
  if (topic === '' && (es.subscriptionID ?? '') === '') {
    return [issueAt(path, undefined, 'must specify topic or subscriptionID')];
  }
  return [];
}
