/**
 * The interface every event source type implements (DESIGN.md "Interfaces", STYLE.md §2).
 * A driver turns something outside into raw data bytes and calls `ctx.emit`; the EventSource
 * runtime (src/runtime/eventsource.ts) wraps them as a CloudEvent, applies the source-side
 * filter and publishes. Upstream: `pkg/eventsources/sources/<type>` + `eventing.go`.
 */
import type { Issue } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logging.js';
import type { SecretResolver } from '../shared/secrets.js';
import type { KvBucket } from '../eventbus/bus.js';
import type { HttpServerPool } from './http/server-pool.js';

/** What `emit` reports: the event was published (with its id) or dropped by the source-side filter. */
export type EmitResult =
  | { readonly published: true; readonly id: string }
  | { readonly published: false; readonly reason: 'filtered' };

/** Options of one emit. */
export interface EmitOptions {
  /** Overrides the random CloudEvent id (upstream's Kafka source; makes re-reads dedupe). */
  readonly id?: string;
}

/** Per-event metrics a driver records itself (the runtime records sent/failed counts). */
export interface SourceMetrics {
  /** `argo_events_events_processing_failed_total` +1 (bad payload, body too large…). */
  processingFailed(): void;
  /** `argo_events_event_processing_duration_milliseconds` for one handled message. */
  observeDuration(ms: number): void;
}

/** Everything a driver's `start` gets. */
export interface SourceContext<C> {
  /** The EventSource object name (CloudEvent `source`). */
  readonly eventSourceName: string;
  /** The event name: the key under the type in the manifest (CloudEvent `subject`). */
  readonly eventName: string;
  readonly namespace: string;
  /** The event's config block as decoded from the manifest. */
  readonly config: C;
  /**
   * Hands one event's data (the JSON document of event-format.md §5) to the runtime. Resolves
   * once the bus holds the event durably or the filter dropped it; rejects (BusError) when it
   * could not be recorded: the driver then answers "not accepted" in its own protocol.
   */
  emit(data: Uint8Array, options?: EmitOptions): Promise<EmitResult>;
  readonly log: Logger;
  /** Aborted when the driver must stop. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly secrets: SecretResolver;
  readonly metrics: SourceMetrics;
  /** The process's HTTP servers, shared by webhook-style sources (one server per port). */
  readonly http: HttpServerPool;
  /** Opens a durable key-value bucket (calendar catch-up state). */
  kv(bucket: string): Promise<KvBucket>;
  /** Tells the runtime the driver is taking events (listening, subscribed); `/readyz` waits for it. */
  ready(): void;
}

/**
 * One event source type. `K` is its key under `spec` in the manifest; `C` its config type.
 * The CloudEvent `type` string and the HA class come from the API's type table
 * (`EVENT_SOURCE_DEFINITIONS`), so they are not repeated here.
 */
export interface SourceDriver<K extends string, C> {
  readonly type: K;
  /** Upstream's per-type validation; `path` locates the event config (`spec.webhook.example`). */
  validate(config: C, path: string): Issue[];
  /**
   * Runs until `ctx.signal` aborts, then releases everything and resolves. Rejects on errors
   * that a restart may cure (the supervisor retries) or that are fatal for this event.
   */
  start(ctx: SourceContext<C>): Promise<void>;
}
