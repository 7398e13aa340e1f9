/** The EventSource resource (upstream `eventsource_types.go` `EventSource`, `EventSourceSpec`). */
import { ObjectMetaCodec, ServiceCodec, StatusCodec, TemplateCodec } from '../common.js';
import { integer, object, record, string, type Infer } from '../schema.js';
import { AMQPEventSourceCodec } from './types/amqp.js';
import { AzureEventsHubEventSourceCodec } from './types/azure-events-hub.js';
import { AzureQueueStorageEventSourceCodec } from './types/azure-queue-storage.js';
import { AzureServiceBusEventSourceCodec } from './types/azure-service-bus.js';
import { BitbucketEventSourceCodec } from './types/bitbucket.js';
import { BitbucketServerEventSourceCodec } from './types/bitbucketserver.js';
import { CalendarEventSourceCodec } from './types/calendar.js';
import { EmitterEventSourceCodec } from './types/emitter.js';
import { FileEventSourceCodec } from './types/file.js';
import { GenericEventSourceCodec } from './types/generic.js';
import { GerritEventSourceCodec } from './types/gerrit.js';
import { GithubEventSourceCodec } from './types/github.js';
import { GitlabEventSourceCodec } from './types/gitlab.js';
import { HDFSEventSourceCodec } from './types/hdfs.js';
import { KafkaEventSourceCodec } from './types/kafka.js';
import { MinioEventSourceCodec } from './types/minio.js';
import { MNSEventSourceCodec } from './types/mns.js';
import { MQTTEventSourceCodec } from './types/mqtt.js';
import { NATSEventsSourceCodec } from './types/nats.js';
import { NSQEventSourceCodec } from './types/nsq.js';
import { PubSubEventSourceCodec } from './types/pub-sub.js';
import { PulsarEventSourceCodec } from './types/pulsar.js';
import { RedisEventSourceCodec } from './types/redis.js';
import { RedisStreamEventSourceCodec } from './types/redis-stream.js';
import { ResourceEventSourceCodec } from './types/resource.js';
import { SFTPEventSourceCodec } from './types/sftp.js';
import { SlackEventSourceCodec } from './types/slack.js';
import { SNSEventSourceCodec } from './types/sns.js';
import { SQSEventSourceCodec } from './types/sqs.js';
import { StorageGridEventSourceCodec } from './types/storage-grid.js';
import { StripeEventSourceCodec } from './types/stripe.js';
import { WebhookEventSourceCodec } from './types/webhook.js';

/** Upstream `EventSourceSpec`: deployment settings plus one map (event name → config) per type. */
export const EventSourceSpecCodec = object({
  /** EventBus to publish to. @default "default" */
  eventBusName: string(),
  /** Pod customisation. */
  template: TemplateCodec,
  /** ClusterIP service, created only when it has ports. */
  service: ServiceCodec,
  /** Pod replicas; values below 1 mean 1. @default 1 */
  replicas: integer(),
  amqp: record(AMQPEventSourceCodec),
  azureEventsHub: record(AzureEventsHubEventSourceCodec),
  azureQueueStorage: record(AzureQueueStorageEventSourceCodec),
  azureServiceBus: record(AzureServiceBusEventSourceCodec),
  bitbucket: record(BitbucketEventSourceCodec),
  bitbucketserver: record(BitbucketServerEventSourceCodec),
  calendar: record(CalendarEventSourceCodec),
  emitter: record(EmitterEventSourceCodec),
  file: record(FileEventSourceCodec),
  generic: record(GenericEventSourceCodec),
  gerrit: record(GerritEventSourceCodec),
  github: record(GithubEventSourceCodec),
  gitlab: record(GitlabEventSourceCodec),
  hdfs: record(HDFSEventSourceCodec),
  kafka: record(KafkaEventSourceCodec),
  minio: record(MinioEventSourceCodec),
  mns: record(MNSEventSourceCodec),
  mqtt: record(MQTTEventSourceCodec),
  nats: record(NATSEventsSourceCodec),
  nsq: record(NSQEventSourceCodec),
  pubSub: record(PubSubEventSourceCodec),
  pulsar: record(PulsarEventSourceCodec),
  redis: record(RedisEventSourceCodec),
  redisStream: record(RedisStreamEventSourceCodec),
  resource: record(ResourceEventSourceCodec),
  sftp: record(SFTPEventSourceCodec),
  slack: record(SlackEventSourceCodec),
  sns: record(SNSEventSourceCodec),
  sqs: record(SQSEventSourceCodec),
  storageGrid: record(StorageGridEventSourceCodec),
  stripe: record(StripeEventSourceCodec),
  webhook: record(WebhookEventSourceCodec),
});
export type EventSourceSpec = Infer<typeof EventSourceSpecCodec>;

/** Upstream `EventSourceStatus` (conditions `SourcesProvided`, `Deployed`). */
export const EventSourceStatusCodec = StatusCodec;
export type EventSourceStatus = Infer<typeof EventSourceStatusCodec>;

/** A whole `argoproj.io/v1alpha1` `EventSource` document. */
export const EventSourceCodec = object({
  apiVersion: string(),
  kind: string(),
  metadata: ObjectMetaCodec,
  spec: EventSourceSpecCodec,
  status: EventSourceStatusCodec,
});
export type EventSource = Infer<typeof EventSourceCodec>;
