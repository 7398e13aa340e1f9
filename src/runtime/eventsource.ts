/**
 * The EventSource runtime (spec/eventsources.md §2, event-format.md §3): one source driver per
 * event, each in its own retry loop; `emit` applies the source-side filter, wraps the data as a
 * CloudEvent, publishes it durably (retrying as upstream), and records metrics and logs.
 */
import {
  EVENT_SOURCE_DEFINITIONS,
  listDeclaredEvents,
  type EventSource,
  type EventSourceType,
} from '../api/eventsource/index.js';
import type { Bus, KvBucket } from '../eventbus/bus.js';
import { cloudEventEncoder, formatRfc3339Nano, newEventId } from '../eventbus/codec.js';
import { HttpServerPool } from '../eventsources/http/server-pool.js';
import { sourceDriverFor } from '../eventsources/index.js';
import type { EmitOptions, EmitResult, SourceContext } from '../eventsources/source-driver.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { ArgusError, BusError, ErrorCodes, errorMessage, formatIssue } from '../shared/errors.js';
import { Lifecycle, sleep } from '../shared/lifecycle.js';
import type { Logger } from '../shared/logging.js';
import type { SecretResolver } from '../shared/secrets.js';
import type { Metrics } from './metrics.js';
import { evaluateSourceFilter, type FilterEvaluator } from './source-filter.js';

/** How the runtime retries. Defaults are upstream's. */
export interface EventSourceRetryOptions {
  /** Publish attempts per event. @default 5 */
  readonly publishAttempts?: number;
  /** Pause between publish attempts, in ms (plus up to the same again as jitter). @default 1000 */
  readonly publishPauseMs?: number;
  /** Start attempts of a listener. @default 10 */
  readonly listenerAttempts?: number;
  /** Base pause between listener start attempts, in ms. @default 1000 */
  readonly listenerPauseMs?: number;
  /** Largest random extra pause between listener start attempts, in ms. @default 30000 */
  readonly listenerJitterMs?: number;
}

/** Options of {@link EventSourceRuntime}. */
export interface EventSourceRuntimeOptions {
  /** The decoded EventSource, defaults applied. */
  readonly eventSource: EventSource;
  readonly bus: Bus;
  /** Root logger; the runtime makes `logger: argo-events.eventsource` children. */
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly secrets: SecretResolver;
  /** Shared across runtimes of one process, so events of several EventSources can share a port. */
  readonly http?: HttpServerPool;
  readonly clock?: Clock;
  readonly retry?: EventSourceRetryOptions;
  /** Evaluates `filter.expression`. @default the expr-lang kernel */
  readonly filter?: FilterEvaluator;
  /**
   * Which strategy classes to start: `'all'` (standalone, or the leader), `'active-active'`
   * (a standby replica serves only active-active types).
   * @default 'all'
   */
  readonly serve?: 'all' | 'active-active';
}

/** The state of one event's listener, for `/readyz` and the UI. */
export interface ListenerStatus {
  readonly type: EventSourceType;
  readonly eventName: string;
  state: 'starting' | 'ready' | 'restarting' | 'stopped' | 'failed' | 'invalid' | 'unsupported';
  error?: string;
}

/** What `emit` needs of one event, made once when its listener starts. */
interface EmitTarget {
  readonly eventName: string;
  /** The source-side filter's expression; empty when there is none. */
  readonly expression: string;
  /** Writes the CloudEvent of this (source, event name). */
  readonly encode: (id: string, time: string, data: Uint8Array) => Uint8Array;
  readonly log: Logger;
  readonly labels: Readonly<Record<string, string>>;
}

/** Runs the listeners of one EventSource until stopped. */
export class EventSourceRuntime {
  readonly lifecycle: Lifecycle;
  readonly listeners: ListenerStatus[] = [];
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly name: string;
  private readonly namespace: string;
  private readonly http: HttpServerPool;
  private readonly ownsHttp: boolean;

  constructor(private readonly options: EventSourceRuntimeOptions) {
    this.clock = options.clock ?? systemClock;
    this.name = options.eventSource.metadata?.name ?? '';
    this.namespace = options.eventSource.metadata?.namespace ?? 'argo-events';
    this.lifecycle = new Lifecycle(`EventSource/${this.name}`);
    this.log = options.log.child({ logger: 'argo-events.eventsource', eventSourceName: this.name });
    this.ownsHttp = options.http === undefined;
    this.http = options.http ?? new HttpServerPool();
  }

  /** True when every started listener is taking events. */
  get ready(): boolean {
    return (
      this.lifecycle.state === 'running' &&
      this.listeners.every((l) => l.state === 'ready' || l.state === 'invalid' || l.state === 'unsupported')
    );
  }

  /**
   * Starts every valid listener and runs until `signal` aborts (then stops listeners, waits for
   * their in-flight events, and resolves) or until no listener is left running (then rejects with
   * `no active event server running`, as upstream exits).
   */
  async run(signal: AbortSignal): Promise<void> {
    this.lifecycle.assertStartable();
    this.lifecycle.to('starting');
    const spec = this.options.eventSource.spec ?? {};
    const tasks: Promise<void>[] = [];
    for (const declared of listDeclaredEvents(spec)) {
      const status: ListenerStatus = { type: declared.type, eventName: declared.name, state: 'starting' };
      this.listeners.push(status);
      const def = EVENT_SOURCE_DEFINITIONS[declared.type] as {
        validate: (c: unknown, p: string) => { path: string; message: string }[];
        strategy: string;
        applyDefaults?: (c: unknown) => unknown;
      };
      const log = this.log.child({
        eventSourceType: def === undefined ? declared.type : declared.type,
        eventName: declared.name,
      });
      if (this.options.serve === 'active-active' && def.strategy !== 'RollingUpdate') {
        status.state = 'stopped';
        continue;
      }
      const driver = sourceDriverFor(declared.type);
      if (driver === undefined) {
        status.state = 'unsupported';
        status.error = `event source type "${declared.type}" is not implemented in Argus yet`;
        log.error({ type: declared.type }, 'Validation failed: no driver for this event source type');
        continue;
      }
      const config = def.applyDefaults === undefined ? declared.config : def.applyDefaults(declared.config);
      const issues = def.validate(config, `spec.${declared.type}.${declared.name}`);
      if (issues.length > 0) {
        status.state = 'invalid';
        status.error = issues.map(formatIssue).join('; ');
        log.error({ err: status.error }, 'Validation failed');
        continue;
      }
      this.options.metrics.initEvent(this.namespace, this.name, declared.name);
      tasks.push(this.runListener(declared.type, declared.name, config, status, log, signal));
    }
    this.lifecycle.to('running');
    await Promise.all(tasks);
    if (this.ownsHttp) await this.http.close();
    if (signal.aborted) {
      this.lifecycle.to('stopped');
      return;
    }
    const err = new ArgusError(ErrorCodes.SOURCE, 'no active event server running');
    this.lifecycle.to('failed', err);
    throw err;
  }

  private async runListener(
    type: EventSourceType,
    eventName: string,
    config: unknown,
    status: ListenerStatus,
    log: Logger,
    signal: AbortSignal,
  ): Promise<void> {
    const driver = sourceDriverFor(type)!;
    const retry = this.options.retry ?? {};
    const attempts = retry.listenerAttempts ?? 10;
    const running = { namespace: this.namespace, eventsource_name: this.name };
    this.options.metrics.eventServiceRunning.inc(running);
    try {
      for (let attempt = 1; attempt <= attempts && !signal.aborted; attempt++) {
        const child = new AbortController();
        const onAbort = (): void => child.abort();
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          await driver.start(this.context(type, eventName, config, status, log, child.signal));
          status.state = 'stopped';
          return;
        } catch (err: unknown) {
          child.abort();
          status.state = 'restarting';
          status.error = errorMessage(err);
          if (attempt === attempts) {
            status.state = 'failed';
            log.error({ err }, 'Failed to start listening eventsource');
            return;
          }
          const pause = (retry.listenerPauseMs ?? 1000) + Math.random() * (retry.listenerJitterMs ?? 30_000);
          log.warn({ err, attempt, pauseMs: Math.round(pause) }, 'listener failed, restarting');
          await sleep(pause, signal, this.clock);
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      }
      status.state = 'stopped';
    } finally {
      this.options.metrics.eventServiceRunning.dec(running);
    }
  }

  private context(
    type: EventSourceType,
    eventName: string,
    config: unknown,
    status: ListenerStatus,
    log: Logger,
    signal: AbortSignal,
  ): SourceContext<unknown> {
    const labels = { namespace: this.namespace, eventsource_name: this.name, event_name: eventName };
    const metrics = this.options.metrics;
    const expression = (config as { filter?: { expression?: string } } | undefined)?.filter?.expression ?? '';
    const eventType = (EVENT_SOURCE_DEFINITIONS[type] as { eventType: string }).eventType;
    const target: EmitTarget = {
      eventName,
      expression,
      encode: cloudEventEncoder({
        specversion: '1.0',
        source: this.name,
        type: eventType,
        subject: eventName,
        datacontenttype: 'application/json',
      }),
      log,
      labels,
    };
    const observeDuration = metrics.eventProcessingDuration.bind(labels);
    return {
      eventSourceName: this.name,
      eventName,
      namespace: this.namespace,
      config,
      emit: (data, options) => this.emit(target, data, options),
      log,
      signal,
      clock: this.clock,
      secrets: this.options.secrets,
      metrics: {
        processingFailed: () => metrics.eventsProcessingFailed.inc(labels),
        observeDuration,
      },
      http: this.http,
      kv: (bucket: string): Promise<KvBucket> => this.options.bus.kv(bucket),
      ready: () => {
        status.state = 'ready';
        status.error = undefined;
      },
    };
  }

  private async emit(
    target: EmitTarget,
    data: Uint8Array,
    options: EmitOptions | undefined,
  ): Promise<EmitResult> {
    const { eventName, expression, log, labels } = target;
    if (expression !== '') {
      let pass: boolean;
      try {
        pass = evaluateSourceFilter(expression, data, this.options.filter);
      } catch (err: unknown) {
        log.error({ err }, 'Failed to filter event');
        return { published: false, reason: 'filtered' };
      }
      if (!pass) {
        log.debug('Filter condition not met');
        return { published: false, reason: 'filtered' };
      }
    }
    const bus = this.options.bus;
    if (bus.status.type === 'closed') {
      throw new BusError(ErrorCodes.BUS_CLOSED, 'failed to publish event, eventbus connection closed');
    }
    const id = options?.id ?? newEventId();
    const message = {
      eventSourceName: this.name,
      eventName,
      id,
      data: target.encode(id, formatRfc3339Nano(this.clock.now()), data),
    };
    const retry = this.options.retry ?? {};
    const attempts = retry.publishAttempts ?? 5;
    const pauseMs = retry.publishPauseMs ?? 1000;
    let last: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await bus.publish(message);
        this.options.metrics.eventsSent.inc(labels);
        log.info({ eventID: id }, 'Succeeded to publish an event');
        return { published: true, id };
      } catch (err: unknown) {
        last = err;
        if (err instanceof BusError && err.code === ErrorCodes.BUS_CLOSED) break;
        if (attempt < attempts) await sleep(pauseMs + Math.random() * pauseMs, undefined, this.clock);
      }
    }
    this.options.metrics.eventsSentFailed.inc(labels);
    log.error({ err: last, eventID: id }, 'Failed to publish an event');
    throw new BusError(ErrorCodes.BUS_UNAVAILABLE, `failed to publish an event: ${errorMessage(last)}`, {
      cause: last,
      retryable: true,
    });
  }
}
