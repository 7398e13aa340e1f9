/**
 * The EventSource kind: codecs for every upstream event-source type (upstream field names),
 * defaults and validation with upstream's messages.
 *
 * Deliberate differences from upstream (also listed in each type's file):
 * - every problem is reported (upstream stops at the first), in a fixed order;
 * - a missing `webhook` context is reported as `webhook can't be nil` (upstream: an empty message);
 * - minio without `bucket` is rejected (`bucket name can't be empty`; upstream crashes at start);
 * - bitbucket without `auth` is treated as "no hooks to manage" (upstream dereferences nil);
 * - defaults honour a valid sftp `pollIntervalDuration` (upstream ignores it, see defaultSftp).
 */
export { applyEventSourceDefaults, DEFAULT_EVENT_BUS_NAME } from './defaults.js';
export {
  EVENT_SOURCE_DEFINITIONS,
  EVENT_SOURCE_TYPES,
  type DeploymentStrategy,
  type EventSourceType,
  type EventSourceTypeDefinition,
} from './registry.js';
export {
  EventSourceCodec,
  EventSourceSpecCodec,
  EventSourceStatusCodec,
  type EventSource,
  type EventSourceSpec,
  type EventSourceStatus,
} from './spec.js';
export { validateEventSource } from './validate.js';
export { listDeclaredEvents, type DeclaredEvent } from './events.js';
export { EventSourceFilterCodec, type EventSourceFilter } from './filter.js';
export {
  DEFAULT_MAX_PAYLOAD_SIZE,
  WebhookContextCodec,
  validateWebhookContext,
  type WebhookContext,
} from './webhook-context.js';
export * from './types/amqp.js';
export * from './types/azure-events-hub.js';
export * from './types/azure-queue-storage.js';
export * from './types/azure-service-bus.js';
export * from './types/bitbucket.js';
export * from './types/bitbucketserver.js';
export * from './types/calendar.js';
export * from './types/emitter.js';
export * from './types/file.js';
export * from './types/generic.js';
export * from './types/gerrit.js';
export * from './types/github.js';
export * from './types/gitlab.js';
export * from './types/hdfs.js';
export * from './types/kafka.js';
export * from './types/minio.js';
export * from './types/mns.js';
export * from './types/mqtt.js';
export * from './types/nats.js';
export * from './types/nsq.js';
export * from './types/pub-sub.js';
export * from './types/pulsar.js';
export * from './types/redis.js';
export * from './types/redis-stream.js';
export * from './types/resource.js';
export * from './types/sftp.js';
export * from './types/slack.js';
export * from './types/sns.js';
export * from './types/sqs.js';
export * from './types/storage-grid.js';
export * from './types/stripe.js';
export * from './types/webhook.js';
