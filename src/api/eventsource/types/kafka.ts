/** `kafka` event source (upstream `KafkaEventSource`, `sources/kafka/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import {
  AWSMSKIAMConfigCodec,
  BackoffCodec,
  BasicAuthCodec,
  SASLConfigCodec,
  TLSConfigCodec,
  validateSASLConfig,
  validateTLSConfig,
} from '../../common.js';
import { boolean, childPath, integer, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `KafkaConsumerGroup`. */
export const KafkaConsumerGroupCodec = object({
  groupName: string(),
  /** Start from the oldest offset when the group has none. @default false */
  oldest: boolean(),
  /** `range`, `sticky` or `roundrobin`. @default "range" */
  rebalanceStrategy: string(),
});
export type KafkaConsumerGroup = Infer<typeof KafkaConsumerGroupCodec>;

/** Upstream `SchemaRegistryConfig` (Avro decoding with a Confluent schema registry). */
export const SchemaRegistryConfigCodec = object({
  url: string(),
  /** Unused by the decoder: the id comes from each message. */
  schemaId: integer(),
  auth: BasicAuthCodec,
});
export type SchemaRegistryConfig = Infer<typeof SchemaRegistryConfigCodec>;

/** Upstream `KafkaEventSource`. */
export const KafkaEventSourceCodec = object({
  /** Comma-separated brokers. */
  url: string(),
  /** Partition to read (partition mode, without `consumerGroup`). */
  partition: string(),
  topic: string(),
  connectionBackoff: BackoffCodec,
  tls: TLSConfigCodec,
  jsonBody: boolean(),
  metadata: record(string()),
  consumerGroup: KafkaConsumerGroupCodec,
  /** Rate limit in group mode; 0 means none. */
  limitEventsPerSecond: integer(),
  /** Kafka protocol version. @default "1.0.0" */
  version: string(),
  sasl: SASLConfigCodec,
  filter: EventSourceFilterCodec,
  /** YAML of sarama.Config overrides. */
  config: string(),
  schemaRegistry: SchemaRegistryConfigCodec,
  awsMskIamAuth: AWSMSKIAMConfigCodec,
});
export type KafkaEventSource = Infer<typeof KafkaEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateKafka(es: KafkaEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.url ?? '') === '') issues.push(issueAt(path, 'url', 'url must be specified'));
  if ((es.topic ?? '') === '') issues.push(issueAt(path, 'topic', 'topic must be specified'));
  if ((es.partition ?? '') === '' && es.consumerGroup === undefined) {
    issues.push(issueAt(path, undefined, 'consumerGroup or partition must be specified'));
  }
  // Upstream checks only the first present of tls, sasl, awsMskIamAuth.
  if (es.tls !== undefined) return [...issues, ...validateTLSConfig(es.tls, childPath(path, 'tls'))];
  if (es.sasl !== undefined) return [...issues, ...validateSASLConfig(es.sasl, childPath(path, 'sasl'))];
  if (es.awsMskIamAuth !== undefined && (es.awsMskIamAuth.region ?? '') === '') {
    issues.push(
      issueAt(childPath(path, 'awsMskIamAuth'), 'region', 'awsMskIamAuth.region must be specified'),
    );
  }
  return issues;
}

/** Defaults: `version` 1.0.0 and consumer group `rebalanceStrategy` range. */
export function defaultKafka(es: KafkaEventSource): KafkaEventSource {
  const out = (es.version ?? '') === '' ? { ...es, version: '1.0.0' } : { ...es };
  if (out.consumerGroup !== undefined && (out.consumerGroup.rebalanceStrategy ?? '') === '') {
    out.consumerGroup = { ...out.consumerGroup, rebalanceStrategy: 'range' };
  }
  return out;
}
