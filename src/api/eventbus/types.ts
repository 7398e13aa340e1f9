/**
 * The EventBus resource (upstream `eventbus_types.go`, `nats_eventbus.go`,
 * `jetstream_eventbus.go`, `kafka_eventbus.go`), field for field with upstream's names.
 * Semantics: ../shared/spec/eventbus.md §1.
 */
import {
  ContainerTemplateCodec,
  KafkaConsumerGroupCodec,
  LocalObjectReferenceCodec,
  MetadataCodec,
  ObjectMetaCodec,
  PersistenceStrategyCodec,
  SASLConfigCodec,
  SecretKeySelectorCodec,
  StatusCodec,
  TLSConfigCodec,
} from '../common.js';
import { array, integer, json, object, record, string, type Infer } from '../schema.js';

/** Upstream `NativeStrategy`: a NATS Streaming cluster run by the controller (deprecated). */
export const NativeStrategyCodec = object({
  /** StatefulSet size (the installer enforces at least 3). */
  replicas: integer('int32'),
  /** `none`, `token` or `basic`. @default "none" */
  auth: string(),
  persistence: PersistenceStrategyCodec,
  containerTemplate: ContainerTemplateCodec,
  metricsContainerTemplate: ContainerTemplateCodec,
  nodeSelector: record(string()),
  tolerations: array(json()),
  metadata: MetadataCodec,
  securityContext: json(),
  /** @default "72h" */
  maxAge: string(),
  imagePullSecrets: array(LocalObjectReferenceCodec),
  serviceAccountName: string(),
  priorityClassName: string(),
  priority: integer('int32'),
  affinity: json(),
  /** @default 1000000 */
  maxMsgs: integer('uint64'),
  /** @default "1GB" */
  maxBytes: string(),
  /** @default 1000 */
  maxSubs: integer('uint64'),
  /** @default "1MB" */
  maxPayload: string(),
  /** @default "2s" */
  raftHeartbeatTimeout: string(),
  /** @default "2s" */
  raftElectionTimeout: string(),
  /** @default "1s" */
  raftLeaseTimeout: string(),
  /** @default "100ms" */
  raftCommitTimeout: string(),
});
export type NativeStrategy = Infer<typeof NativeStrategyCodec>;

/** Upstream `NATSConfig`: an existing NATS Streaming cluster (`nats.exotic`, `status.config.nats`). */
export const NATSConfigCodec = object({
  url: string(),
  clusterID: string(),
  /** `none`, `token` or `basic`. @default "none" */
  auth: string(),
  accessSecret: SecretKeySelectorCodec,
});
export type NATSConfig = Infer<typeof NATSConfigCodec>;

/** Upstream `NATSBus`. */
export const NATSBusCodec = object({ native: NativeStrategyCodec, exotic: NATSConfigCodec });
export type NATSBus = Infer<typeof NATSBusCodec>;

/** Upstream `JetStreamBus`: a JetStream cluster run by the controller. */
export const JetStreamBusCodec = object({
  /** A version listed in the controller config (`2.10.29`, `latest`, …). */
  version: string(),
  /** 1 or ≥ 3. @default 3 */
  replicas: integer('int32'),
  containerTemplate: ContainerTemplateCodec,
  reloaderContainerTemplate: ContainerTemplateCodec,
  metricsContainerTemplate: ContainerTemplateCodec,
  persistence: PersistenceStrategyCodec,
  metadata: MetadataCodec,
  nodeSelector: record(string()),
  tolerations: array(json()),
  securityContext: json(),
  imagePullSecrets: array(LocalObjectReferenceCodec),
  priorityClassName: string(),
  priority: integer('int32'),
  affinity: json(),
  serviceAccountName: string(),
  /** nats-server `jetstream {}` block content; replaces the global default. */
  settings: string(),
  startArgs: array(string()),
  /** YAML text merged over the global stream config. */
  streamConfig: string(),
  /** @default "1MB" */
  maxPayload: string(),
});
export type JetStreamBus = Infer<typeof JetStreamBusCodec>;

/** Upstream `JetStreamConfig`: an existing JetStream server (`jetstreamExotic`, `status.config.jetstream`). */
export const JetStreamConfigCodec = object({
  url: string(),
  /** Secret key holding YAML `username`/`password` (or `token`). */
  accessSecret: SecretKeySelectorCodec,
  /** YAML text of the stream settings. */
  streamConfig: string(),
  tls: TLSConfigCodec,
});
export type JetStreamConfig = Infer<typeof JetStreamConfigCodec>;

/** Upstream `KafkaBus`: an existing Kafka cluster. */
export const KafkaBusCodec = object({
  /** Comma-separated brokers. */
  url: string(),
  /** @default "<namespace>-<eventbus name>" */
  topic: string(),
  version: string(),
  tls: TLSConfigCodec,
  sasl: SASLConfigCodec,
  consumerGroup: KafkaConsumerGroupCodec,
  /** `random`, `hash`, `roundrobin`, `manual`. @default "random" */
  partitioner: string(),
});
export type KafkaBus = Infer<typeof KafkaBusCodec>;

/** Upstream `EventBusSpec`: exactly one bus kind. */
export const EventBusSpecCodec = object({
  nats: NATSBusCodec,
  jetstream: JetStreamBusCodec,
  kafka: KafkaBusCodec,
  jetstreamExotic: JetStreamConfigCodec,
});
export type EventBusSpec = Infer<typeof EventBusSpecCodec>;

/** Upstream `BusConfig`: the finalised connection settings in `status.config`. */
export const BusConfigCodec = object({
  nats: NATSConfigCodec,
  jetstream: JetStreamConfigCodec,
  kafka: KafkaBusCodec,
});
export type BusConfig = Infer<typeof BusConfigCodec>;

/** Upstream `EventBusStatus`. */
export const EventBusStatusCodec = object({
  conditions: StatusCodec.shape.conditions,
  config: BusConfigCodec,
});
export type EventBusStatus = Infer<typeof EventBusStatusCodec>;

/** A whole EventBus manifest. */
export const EventBusCodec = object({
  apiVersion: string(),
  kind: string(),
  metadata: ObjectMetaCodec,
  spec: EventBusSpecCodec,
  status: EventBusStatusCodec,
});
export type EventBus = Infer<typeof EventBusCodec>;
