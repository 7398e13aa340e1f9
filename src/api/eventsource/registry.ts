/**
 * The table of event-source types: for each spec key, its codec, its validation, its
 * defaults, its upstream type name and its deployment strategy class. Adding a type means one
 * file under `types/` and one line here; the `satisfies` clause makes the compiler report a
 * key of `EVENT_SOURCE_TYPES` without an entry.
 */
import type { Issue } from '../../shared/errors.js';
import type { Codec } from '../schema.js';
import { AMQPEventSourceCodec, defaultAmqp, validateAmqp } from './types/amqp.js';
import { AzureEventsHubEventSourceCodec, validateAzureEventsHub } from './types/azure-events-hub.js';
import {
  AzureQueueStorageEventSourceCodec,
  defaultAzureQueueStorage,
  validateAzureQueueStorage,
} from './types/azure-queue-storage.js';
import { AzureServiceBusEventSourceCodec, validateAzureServiceBus } from './types/azure-service-bus.js';
import { BitbucketEventSourceCodec, defaultBitbucket, validateBitbucket } from './types/bitbucket.js';
import {
  BitbucketServerEventSourceCodec,
  defaultBitbucketServer,
  validateBitbucketServer,
} from './types/bitbucketserver.js';
import { CalendarEventSourceCodec, validateCalendar } from './types/calendar.js';
import { EmitterEventSourceCodec, validateEmitter } from './types/emitter.js';
import { FileEventSourceCodec, validateFile } from './types/file.js';
import { GenericEventSourceCodec, validateGeneric } from './types/generic.js';
import { GerritEventSourceCodec, defaultGerrit, validateGerrit } from './types/gerrit.js';
import { GithubEventSourceCodec, defaultGithub, validateGithub } from './types/github.js';
import { GitlabEventSourceCodec, defaultGitlab, validateGitlab } from './types/gitlab.js';
import { HDFSEventSourceCodec, defaultHdfs, validateHdfs } from './types/hdfs.js';
import { KafkaEventSourceCodec, defaultKafka, validateKafka } from './types/kafka.js';
import { MinioEventSourceCodec, validateMinio } from './types/minio.js';
import { MNSEventSourceCodec, validateMns } from './types/mns.js';
import { MQTTEventSourceCodec, validateMqtt } from './types/mqtt.js';
import { NATSEventsSourceCodec, validateNats } from './types/nats.js';
import { NSQEventSourceCodec, validateNsq } from './types/nsq.js';
import { PubSubEventSourceCodec, validatePubSub } from './types/pub-sub.js';
import { PulsarEventSourceCodec, validatePulsar } from './types/pulsar.js';
import { RedisEventSourceCodec, validateRedis } from './types/redis.js';
import {
  RedisStreamEventSourceCodec,
  defaultRedisStream,
  validateRedisStream,
} from './types/redis-stream.js';
import { ResourceEventSourceCodec, validateResource } from './types/resource.js';
import { SFTPEventSourceCodec, defaultSftp, validateSftp } from './types/sftp.js';
import { SlackEventSourceCodec, defaultSlack, validateSlack } from './types/slack.js';
import { SNSEventSourceCodec, defaultSns, validateSns } from './types/sns.js';
import { SQSEventSourceCodec, defaultSqs, validateSqs } from './types/sqs.js';
import {
  StorageGridEventSourceCodec,
  defaultStorageGrid,
  validateStorageGrid,
} from './types/storage-grid.js';
import { StripeEventSourceCodec, defaultStripe, validateStripe } from './types/stripe.js';
import { WebhookEventSourceCodec, defaultWebhook, validateWebhook } from './types/webhook.js';

/**
 * The spec keys of every event-source type, in the order of spec `eventsources.md` §1.
 * Validation walks types in this order (upstream walks a Go map, in random order).
 */
export const EVENT_SOURCE_TYPES = [
  'amqp',
  'azureEventsHub',
  'azureQueueStorage',
  'azureServiceBus',
  'bitbucket',
  'bitbucketserver',
  'calendar',
  'emitter',
  'file',
  'generic',
  'gerrit',
  'github',
  'gitlab',
  'hdfs',
  'kafka',
  'minio',
  'mns',
  'mqtt',
  'nats',
  'nsq',
  'pubSub',
  'pulsar',
  'redis',
  'redisStream',
  'resource',
  'sftp',
  'slack',
  'sns',
  'sqs',
  'storageGrid',
  'stripe',
  'webhook',
] as const;

/** A spec key of an event-source type (`webhook`, `redisStream`, …). */
export type EventSourceType = (typeof EVENT_SOURCE_TYPES)[number];

/**
 * How upstream deploys an EventSource holding this type: `Recreate` types consume from a
 * broker and run active-passive (leader election); `RollingUpdate` types serve requests on
 * every replica. One EventSource may not mix the two.
 */
export type DeploymentStrategy = 'Recreate' | 'RollingUpdate';

/** Everything the API layer knows about one event-source type. */
export interface EventSourceTypeDefinition<T> {
  /** Upstream `EventSourceType`: the CloudEvent `type` and the metrics label (`pubsub`, `storagegrid`…). */
  readonly eventType: string;
  /** Decodes one event's configuration. */
  readonly codec: Codec<T>;
  readonly strategy: DeploymentStrategy;
  /** Upstream's per-type validation; `path` locates the event (`spec.webhook.example`). */
  readonly validate: (config: T, path: string) => Issue[];
  /** Fills upstream's run-time defaults; pure. Absent when the type has none. */
  readonly applyDefaults?: (config: T) => T;
}

function define<T>(definition: EventSourceTypeDefinition<T>): EventSourceTypeDefinition<T> {
  return definition;
}

const R = 'Recreate';
const U = 'RollingUpdate';

/** The table: one entry per spec key. */
export const EVENT_SOURCE_DEFINITIONS = {
  amqp: define({
    eventType: 'amqp',
    codec: AMQPEventSourceCodec,
    strategy: R,
    validate: validateAmqp,
    applyDefaults: defaultAmqp,
  }),
  azureEventsHub: define({
    eventType: 'azureEventsHub',
    codec: AzureEventsHubEventSourceCodec,
    strategy: R,
    validate: validateAzureEventsHub,
  }),
  azureQueueStorage: define({
    eventType: 'azureQueueStorage',
    codec: AzureQueueStorageEventSourceCodec,
    strategy: U,
    validate: validateAzureQueueStorage,
    applyDefaults: defaultAzureQueueStorage,
  }),
  azureServiceBus: define({
    eventType: 'azureServiceBus',
    codec: AzureServiceBusEventSourceCodec,
    strategy: R,
    validate: validateAzureServiceBus,
  }),
  bitbucket: define({
    eventType: 'bitbucket',
    codec: BitbucketEventSourceCodec,
    strategy: U,
    validate: validateBitbucket,
    applyDefaults: defaultBitbucket,
  }),
  bitbucketserver: define({
    eventType: 'bitbucketserver',
    codec: BitbucketServerEventSourceCodec,
    strategy: U,
    validate: validateBitbucketServer,
    applyDefaults: defaultBitbucketServer,
  }),
  calendar: define({
    eventType: 'calendar',
    codec: CalendarEventSourceCodec,
    strategy: R,
    validate: validateCalendar,
  }),
  emitter: define({
    eventType: 'emitter',
    codec: EmitterEventSourceCodec,
    strategy: R,
    validate: validateEmitter,
  }),
  file: define({ eventType: 'file', codec: FileEventSourceCodec, strategy: R, validate: validateFile }),
  generic: define({
    eventType: 'generic',
    codec: GenericEventSourceCodec,
    strategy: R,
    validate: validateGeneric,
  }),
  gerrit: define({
    eventType: 'gerrit',
    codec: GerritEventSourceCodec,
    strategy: U,
    validate: validateGerrit,
    applyDefaults: defaultGerrit,
  }),
  github: define({
    eventType: 'github',
    codec: GithubEventSourceCodec,
    strategy: U,
    validate: validateGithub,
    applyDefaults: defaultGithub,
  }),
  gitlab: define({
    eventType: 'gitlab',
    codec: GitlabEventSourceCodec,
    strategy: U,
    validate: validateGitlab,
    applyDefaults: defaultGitlab,
  }),
  hdfs: define({
    eventType: 'hdfs',
    codec: HDFSEventSourceCodec,
    strategy: R,
    validate: validateHdfs,
    applyDefaults: defaultHdfs,
  }),
  kafka: define({
    eventType: 'kafka',
    codec: KafkaEventSourceCodec,
    strategy: R,
    validate: validateKafka,
    applyDefaults: defaultKafka,
  }),
  minio: define({ eventType: 'minio', codec: MinioEventSourceCodec, strategy: R, validate: validateMinio }),
  mns: define({ eventType: 'mns', codec: MNSEventSourceCodec, strategy: U, validate: validateMns }),
  mqtt: define({ eventType: 'mqtt', codec: MQTTEventSourceCodec, strategy: R, validate: validateMqtt }),
  nats: define({ eventType: 'nats', codec: NATSEventsSourceCodec, strategy: R, validate: validateNats }),
  nsq: define({ eventType: 'nsq', codec: NSQEventSourceCodec, strategy: R, validate: validateNsq }),
  pubSub: define({
    eventType: 'pubsub',
    codec: PubSubEventSourceCodec,
    strategy: R,
    validate: validatePubSub,
  }),
  pulsar: define({
    eventType: 'pulsar',
    codec: PulsarEventSourceCodec,
    strategy: R,
    validate: validatePulsar,
  }),
  redis: define({ eventType: 'redis', codec: RedisEventSourceCodec, strategy: R, validate: validateRedis }),
  redisStream: define({
    eventType: 'redisStream',
    codec: RedisStreamEventSourceCodec,
    strategy: R,
    validate: validateRedisStream,
    applyDefaults: defaultRedisStream,
  }),
  resource: define({
    eventType: 'resource',
    codec: ResourceEventSourceCodec,
    strategy: R,
    validate: validateResource,
  }),
  sftp: define({
    eventType: 'sftp',
    codec: SFTPEventSourceCodec,
    strategy: R,
    validate: validateSftp,
    applyDefaults: defaultSftp,
  }),
  slack: define({
    eventType: 'slack',
    codec: SlackEventSourceCodec,
    strategy: U,
    validate: validateSlack,
    applyDefaults: defaultSlack,
  }),
  sns: define({
    eventType: 'sns',
    codec: SNSEventSourceCodec,
    strategy: U,
    validate: validateSns,
    applyDefaults: defaultSns,
  }),
  sqs: define({
    eventType: 'sqs',
    codec: SQSEventSourceCodec,
    strategy: U,
    validate: validateSqs,
    applyDefaults: defaultSqs,
  }),
  storageGrid: define({
    eventType: 'storagegrid',
    codec: StorageGridEventSourceCodec,
    strategy: U,
    validate: validateStorageGrid,
    applyDefaults: defaultStorageGrid,
  }),
  stripe: define({
    eventType: 'stripe',
    codec: StripeEventSourceCodec,
    strategy: U,
    validate: validateStripe,
    applyDefaults: defaultStripe,
  }),
  webhook: define({
    eventType: 'webhook',
    codec: WebhookEventSourceCodec,
    strategy: U,
    validate: validateWebhook,
    applyDefaults: defaultWebhook,
  }),
} satisfies Record<EventSourceType, unknown>;
