/**
 * The event bus interface every driver implements (DESIGN.md "Interfaces"). The bus carries
 * CloudEvent JSON bytes addressed by `(eventSourceName, eventName)` plus the event id used for
 * dedupe; it never looks inside the data. Drivers: `embedded/` (lmdb on local disk, one process)
 * and `jetstream/` (NATS JetStream, upstream's layout). `contract.ts` is the suite both pass.
 */
import { BusError, ErrorCodes } from '../shared/errors.js';

/** One event on the bus: its address, its id and the CloudEvent JSON document as bytes. */
export interface BusMessage {
  /** The EventSource object name (CloudEvent `source`). Must not contain `.`, `*`, `>` or whitespace. */
  readonly eventSourceName: string;
  /** The event name (CloudEvent `subject`). Same character rules as `eventSourceName`. */
  readonly eventName: string;
  /** The CloudEvent id; a second publish with the same id inside the dedupe window is suppressed. */
  readonly id: string;
  /** The CloudEvent JSON bytes (structured mode, see codec.ts). */
  readonly data: Uint8Array;
}

/** A message as read back from the bus: the published message plus where the bus stored it. */
export interface StoredMessage extends BusMessage {
  /** The stream sequence number (1-based, strictly increasing in publish order). */
  readonly seq: number;
  /** When the bus stored the message, in milliseconds since the Unix epoch. */
  readonly timestamp: number;
}

/** What `publish` reports once the event is durable. */
export interface PublishAck {
  /** Stream sequence of the stored message (of the original one for a duplicate). */
  readonly seq: number;
  /** True when an earlier publish with the same id inside the dedupe window was found; nothing was stored. */
  readonly duplicate: boolean;
}

/** Selects events by address; `'*'` in either position matches any single name. */
export interface SubjectFilter {
  readonly eventSourceName: string;
  readonly eventName: string;
}

/** One delivery of a message to a consumer. Settle it with exactly one `ack` or `nak`. */
export interface Delivery {
  readonly message: StoredMessage;
  /** How many times this message was delivered to this consumer before (0 on the first delivery). */
  readonly redeliveryCount: number;
  /** Marks the message processed; resolves once the acknowledgement is durable. Idempotent. */
  ack(): Promise<void>;
  /** Asks for redelivery, after `delayMs` (default 0). Idempotent; ignored after `ack`. */
  nak(delayMs?: number): Promise<void>;
  /** Resets the ack timer while the handler is still working (JetStream's "in progress"). */
  working(): Promise<void>;
}

/**
 * Called once per delivery, one at a time per subscription (the next delivery waits until the
 * handler's promise settles). A handler that throws without settling the delivery naks it.
 * A handler may return before acking (e.g. a fire-and-forget trigger); the delivery then counts
 * against `maxAckPending` until it is settled or its ack wait runs out.
 */
export type DeliveryHandler = (delivery: Delivery) => Promise<void> | void;

/** Consumer settings. Applied when the durable consumer is created; an existing one keeps its settings. */
export interface SubscribeOptions {
  /** How long a delivery may stay unsettled before it is redelivered, in ms. @default 30000 */
  readonly ackWaitMs?: number;
  /** Most deliveries unsettled at once; delivery pauses at this bound. @default 1000 */
  readonly maxAckPending?: number;
  /** `'new'`: only messages published after the consumer was first created (upstream). `'all'`: from the start of the stream. @default 'new' */
  readonly deliverPolicy?: 'new' | 'all';
}

/** A running subscription. */
export interface Subscription {
  /** The durable consumer name(s) the subscription reads from. */
  readonly consumerNames: readonly string[];
  /** Stops delivering, waits for the handler call in progress to return, keeps the durable cursor. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when the subscription has stopped (by `stop`, bus `close`, or a fatal error). */
  readonly closed: Promise<void>;
}

/** A change seen by a KV watch. */
export interface KvChange {
  readonly key: string;
  readonly operation: 'put' | 'delete';
  /** The new value for `put`, undefined for `delete`. */
  readonly value: Uint8Array | undefined;
}

/** A key-value bucket (the sensor's met dependencies, the calendar's last fire time). */
export interface KvBucket {
  readonly name: string;
  /** The value of `key`, or undefined when absent or deleted. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `value` under `key`; resolves once durable. */
  put(key: string, value: Uint8Array | string): Promise<void>;
  /** Removes `key`; resolves once durable. Deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key that has a value, sorted. */
  keys(): Promise<string[]>;
  /**
   * Calls `listener` for every later change (puts and deletes), in order, until the returned
   * function is called. Resolves once the watch is established, so changes made after it
   * resolves are seen.
   */
  watch(listener: (change: KvChange) => void): Promise<() => void>;
}

/**
 * Connection status, as a tagged union (nats' `status()`). Bus drivers report status and do
 * not log; runtimes log it.
 */
export type BusStatus =
  /** The bus can store and deliver events. */
  | { readonly type: 'connected' }
  /** The connection to the server was lost; the driver is trying again (`attempt` counts from 1). Publishes fail meanwhile. */
  | { readonly type: 'reconnecting'; readonly attempt: number }
  /** The bus was closed, by `close()` or because it gave up. No more events. */
  | { readonly type: 'closed' };

/** The event bus. */
export interface Bus {
  /** `'embedded'` or `'jetstream'`. */
  readonly driver: string;
  /** The current status. */
  readonly status: BusStatus;
  /** Calls `listener` on every status change until the returned function is called. */
  onStatus(listener: (status: BusStatus) => void): () => void;
  /**
   * Stores the event; resolves only once it is durable (fsync'd locally, or acknowledged by the
   * JetStream stream leader with its replicas). Rejects with a BusError (`ARGUS_BUS_UNAVAILABLE`,
   * retryable) when it could not be stored; the caller must then answer "not accepted".
   */
  publish(message: BusMessage): Promise<PublishAck>;
  /**
   * Starts delivering the messages matching `subjects` to `handler` through the durable consumer
   * `consumerName`, created if missing. Resolves once the consumer exists, so with deliver policy
   * `'new'` every message published after that is delivered.
   */
  subscribe(
    consumerName: string,
    subjects: readonly SubjectFilter[],
    handler: DeliveryHandler,
    options?: SubscribeOptions,
  ): Promise<Subscription>;
  /** Deletes a durable consumer and its cursor (the sensor's state reconciliation). Absent is fine. */
  deleteConsumer(consumerName: string): Promise<void>;
  /** Opens the bucket `name`, creating it if missing. */
  kv(name: string): Promise<KvBucket>;
  /**
   * Stops intake (publish and subscribe reject with `ARGUS_BUS_CLOSED`), lets every handler call
   * in progress return and settle, waits for pending publishes and acks to become durable, then
   * releases everything. Unsettled deliveries are redelivered after the next start. Idempotent.
   */
  close(): Promise<void>;
}

/** Characters that break upstream's three-token subject `<stream>.<eventSourceName>.<eventName>`. */
const BAD_NAME = /[.*>\s]/;

/** Returns a reason when `name` cannot be used as a subject token, else undefined. */
export function checkSubjectToken(name: string): string | undefined {
  if (name === '') return 'must not be empty';
  if (BAD_NAME.test(name)) return 'must not contain ".", "*", ">" or whitespace';
  return undefined;
}

/** Throws what both drivers answer to a publish whose address cannot be a subject token. */
export function assertPublishable(message: Pick<BusMessage, 'eventSourceName' | 'eventName'>): void {
  for (const [field, value] of [
    ['eventSourceName', message.eventSourceName],
    ['eventName', message.eventName],
  ] as const) {
    const problem = checkSubjectToken(value);
    if (problem !== undefined)
      throw new BusError(ErrorCodes.BUS_UNAVAILABLE, `cannot publish: ${field} "${value}" ${problem}`);
  }
}

/** True when `filter` selects the message address `(eventSourceName, eventName)`. */
export function subjectMatches(filter: SubjectFilter, eventSourceName: string, eventName: string): boolean {
  return (
    (filter.eventSourceName === '*' || filter.eventSourceName === eventSourceName) &&
    (filter.eventName === '*' || filter.eventName === eventName)
  );
}

/** FNV-1a 32-bit hash of the UTF-8 bytes of `text` (Go's hash/fnv New32a). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Upstream's durable consumer name for one dependency of one trigger:
 * `group-<FNV-1a-32 of "<sensorName>-<triggerName>-<dependencyName>">` (spec/eventbus.md §2.4).
 */
export function upstreamConsumerName(
  sensorName: string,
  triggerName: string,
  dependencyName: string,
): string {
  return `group-${fnv1a32(`${sensorName}-${triggerName}-${dependencyName}`)}`;
}
