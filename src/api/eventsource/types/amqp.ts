/** `amqp` event source (upstream `AMQPEventSource`, `sources/amqp/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import {
  BackoffCodec,
  BasicAuthCodec,
  SecretKeySelectorCodec,
  TLSConfigCodec,
  validateBasicAuth,
  validateTLSConfig,
} from '../../common.js';
import { boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `AMQPExchangeDeclareConfig`. */
export const AMQPExchangeDeclareConfigCodec = object({
  durable: boolean(),
  autoDelete: boolean(),
  internal: boolean(),
  noWait: boolean(),
});
export type AMQPExchangeDeclareConfig = Infer<typeof AMQPExchangeDeclareConfigCodec>;

/** Upstream `AMQPQueueDeclareConfig`. */
export const AMQPQueueDeclareConfigCodec = object({
  /** Queue name; empty lets the server name it. */
  name: string(),
  durable: boolean(),
  autoDelete: boolean(),
  exclusive: boolean(),
  noWait: boolean(),
  /** Extra queue arguments as a YAML/JSON table in a string, e.g. `"{x-queue-type: quorum}"`. */
  arguments: string(),
});
export type AMQPQueueDeclareConfig = Infer<typeof AMQPQueueDeclareConfigCodec>;

/** Upstream `AMQPQueueBindConfig`. */
export const AMQPQueueBindConfigCodec = object({ noWait: boolean() });
export type AMQPQueueBindConfig = Infer<typeof AMQPQueueBindConfigCodec>;

/** Upstream `AMQPConsumeConfig`. */
export const AMQPConsumeConfigCodec = object({
  consumerTag: string(),
  autoAck: boolean(),
  exclusive: boolean(),
  noLocal: boolean(),
  noWait: boolean(),
});
export type AMQPConsumeConfig = Infer<typeof AMQPConsumeConfigCodec>;

/** Upstream `AMQPEventSource`. */
export const AMQPEventSourceCodec = object({
  /** Broker URL; exactly one of `url` and `urlSecret`. */
  url: string(),
  exchangeName: string(),
  exchangeType: string(),
  routingKey: string(),
  connectionBackoff: BackoffCodec,
  /** Embed the payload as JSON instead of base64. @default false */
  jsonBody: boolean(),
  tls: TLSConfigCodec,
  metadata: record(string()),
  /** @default {durable: true} when the whole block is absent */
  exchangeDeclare: AMQPExchangeDeclareConfigCodec,
  /** @default {name: "", exclusive: true} when the whole block is absent */
  queueDeclare: AMQPQueueDeclareConfigCodec,
  /** @default {} */
  queueBind: AMQPQueueBindConfigCodec,
  /** @default {autoAck: true} when the whole block is absent */
  consume: AMQPConsumeConfigCodec,
  auth: BasicAuthCodec,
  urlSecret: SecretKeySelectorCodec,
  filter: EventSourceFilterCodec,
});
export type AMQPEventSource = Infer<typeof AMQPEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateAmqp(es: AMQPEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  const hasUrl = (es.url ?? '') !== '';
  if (!hasUrl && es.urlSecret === undefined) {
    issues.push(issueAt(path, 'url', 'either url or urlSecret must be specified'));
  }
  if (hasUrl && es.urlSecret !== undefined) {
    issues.push(issueAt(path, 'urlSecret', 'only one of url or urlSecret can be specified'));
  }
  if ((es.routingKey ?? '') === '') issues.push(issueAt(path, 'routingKey', 'routing key must be specified'));
  if ((es.exchangeType ?? '') === '') {
    issues.push(issueAt(path, 'exchangeType', 'exchange type must be specified'));
  }
  // Upstream returns the TLS result when `tls` is set, so `auth` is then never checked.
  if (es.tls !== undefined) return [...issues, ...validateTLSConfig(es.tls, childPath(path, 'tls'))];
  return [...issues, ...validateBasicAuth(es.auth, childPath(path, 'auth'))];
}

/**
 * Defaults, each only when its whole block is absent (a partial block keeps Go zero values):
 * exchangeDeclare {durable}, queueDeclare {name "", exclusive}, queueBind {}, consume {autoAck}.
 */
export function defaultAmqp(es: AMQPEventSource): AMQPEventSource {
  return {
    ...es,
    exchangeDeclare: es.exchangeDeclare ?? {
      durable: true,
      autoDelete: false,
      internal: false,
      noWait: false,
    },
    queueDeclare: es.queueDeclare ?? {
      name: '',
      durable: false,
      autoDelete: false,
      exclusive: true,
      noWait: false,
      arguments: '',
    },
    queueBind: es.queueBind ?? { noWait: false },
    consume: es.consume ?? {
      consumerTag: '',
      autoAck: true,
      exclusive: false,
      noLocal: false,
      noWait: false,
    },
  };
}
