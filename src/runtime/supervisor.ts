/**
 * Runs a set of EventSource and Sensor runtimes on one bus (`argus run`, and the one-resource
 * commands): sensors start first so no event published at start is missed; a runtime that fails
 * is restarted with capped backoff (logged at warn); `apply` swaps in changed manifests (as the
 * upstream controller rolls a pod on a CR update); `stop` stops event sources first (intake),
 * then sensors (they finish their in-flight actions).
 */
import type { EventSource } from '../api/eventsource/index.js';
import type { Sensor } from '../api/sensor/index.js';
import type { Bus } from '../eventbus/bus.js';
import { HttpServerPool } from '../eventsources/http/server-pool.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { errorMessage } from '../shared/errors.js';
import { sleep } from '../shared/lifecycle.js';
import type { Logger } from '../shared/logging.js';
import type { SecretResolver } from '../shared/secrets.js';
import { EventSourceRuntime, type EventSourceRetryOptions } from './eventsource.js';
import type { Metrics } from './metrics.js';
import { SensorRuntime } from './sensor.js';
import type { FilterEvaluator } from './source-filter.js';

/** One resource to run. */
export type Workload = { kind: 'EventSource'; resource: EventSource } | { kind: 'Sensor'; resource: Sensor };

/** Options of {@link Supervisor}. */
export interface SupervisorOptions {
  readonly bus: Bus;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly secrets: SecretResolver;
  readonly clock?: Clock;
  readonly filter?: FilterEvaluator;
  readonly eventSourceRetry?: EventSourceRetryOptions;
  /** Largest pause between restarts of a failed runtime, in ms. @default 30000 */
  readonly maxRestartPauseMs?: number;
  /** For sensors: how long a message may stay unacknowledged, in ms. @default 30000 */
  readonly ackWaitMs?: number;
}

interface Running {
  key: string;
  fingerprint: string;
  workload: Workload;
  controller: AbortController;
  done: Promise<void>;
  current: EventSourceRuntime | SensorRuntime | undefined;
}

function keyOf(w: Workload): string {
  return `${w.kind}/${w.resource.metadata?.namespace ?? ''}/${w.resource.metadata?.name ?? ''}`;
}

/** Runs workloads until stopped. */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  readonly http = new HttpServerPool();
  private readonly clock: Clock;
  private stopped = false;

  constructor(private readonly options: SupervisorOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** True when every runtime is running and its listeners are ready. */
  get ready(): boolean {
    if (this.stopped) return false;
    for (const r of this.running.values()) if (r.current === undefined || !r.current.ready) return false;
    return true;
  }

  /** Per runtime: its key and whether it is ready, for `/readyz`. */
  status(): { name: string; ready: boolean; state: string }[] {
    return [...this.running.values()].map((r) => ({
      name: r.key,
      ready: r.current?.ready ?? false,
      state: r.current?.lifecycle.state ?? 'restarting',
    }));
  }

  /**
   * Makes the running set equal `workloads`: starts new ones (sensors first), restarts changed
   * ones, stops removed ones. Resolves once the changes are started; `ready` tells when they
   * take events.
   */
  async apply(workloads: readonly Workload[]): Promise<void> {
    const wanted = new Map(workloads.map((w) => [keyOf(w), w]));
    const toStop: Running[] = [];
    for (const [key, r] of this.running) {
      const w = wanted.get(key);
      if (w === undefined || JSON.stringify(w.resource) !== r.fingerprint) toStop.push(r);
    }
    await this.stopSome(toStop);
    // Sensors first, and subscribed before any event source starts: a brand-new durable consumer
    // starts at the end of the stream (deliver policy "new"), so an event published earlier
    // would never reach it.
    const launched: Running[] = [];
    for (const kind of ['Sensor', 'EventSource'] as const) {
      for (const w of wanted.values()) {
        const key = keyOf(w);
        if (w.kind !== kind || this.running.has(key)) continue;
        if (toStop.some((r) => r.key === key))
          this.options.log.info({ resource: key }, 'manifest changed: reloading');
        launched.push(this.launch(w));
      }
      if (kind === 'Sensor') await Promise.all(launched.map((r) => this.started(r)));
    }
  }

  /** Resolves once the runtime has left `starting` (running, or failed and waiting to restart), at most 30 s. */
  private started(r: Running): Promise<void> {
    const rt = r.current;
    if (rt === undefined || (rt.lifecycle.state !== 'idle' && rt.lifecycle.state !== 'starting'))
      return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, 30_000);
      const off = rt.lifecycle.onChange((state) => {
        if (state !== 'starting') done();
      });
      function done(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }

  /** Stops everything: event sources first, then sensors. */
  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.running.values()];
    await this.stopSome(all.filter((r) => r.workload.kind === 'EventSource'));
    await this.stopSome(all.filter((r) => r.workload.kind === 'Sensor'));
    await this.http.close();
  }

  /** Abandons in-flight sensor actions (second signal). */
  abort(): void {
    for (const r of this.running.values()) if (r.current instanceof SensorRuntime) r.current.abort();
  }

  /** What is still running, for the forced-exit log line. */
  pending(): string[] {
    return [...this.running.values()].map((r) => `${r.key} (${r.current?.lifecycle.state ?? 'restarting'})`);
  }

  private async stopSome(list: readonly Running[]): Promise<void> {
    for (const r of list) r.controller.abort();
    await Promise.all(list.map((r) => r.done));
    for (const r of list) if (this.running.get(r.key) === r) this.running.delete(r.key);
  }

  private launch(workload: Workload): Running {
    const controller = new AbortController();
    const r: Running = {
      key: keyOf(workload),
      fingerprint: JSON.stringify(workload.resource),
      workload,
      controller,
      done: Promise.resolve(),
      current: undefined,
    };
    this.running.set(r.key, r);
    r.done = this.loop(r, controller.signal);
    return r;
  }

  private create(workload: Workload): EventSourceRuntime | SensorRuntime {
    const o = this.options;
    if (workload.kind === 'Sensor') {
      return new SensorRuntime({
        sensor: workload.resource,
        bus: o.bus,
        log: o.log,
        metrics: o.metrics,
        secrets: o.secrets,
        clock: this.clock,
        ...(o.ackWaitMs === undefined ? {} : { ackWaitMs: o.ackWaitMs }),
      });
    }
    return new EventSourceRuntime({
      eventSource: workload.resource,
      bus: o.bus,
      log: o.log,
      metrics: o.metrics,
      secrets: o.secrets,
      http: this.http,
      clock: this.clock,
      ...(o.filter === undefined ? {} : { filter: o.filter }),
      ...(o.eventSourceRetry === undefined ? {} : { retry: o.eventSourceRetry }),
    });
  }

  private async loop(r: Running, signal: AbortSignal): Promise<void> {
    let pause = 1000;
    const max = this.options.maxRestartPauseMs ?? 30_000;
    while (!signal.aborted) {
      const runtime = this.create(r.workload);
      r.current = runtime;
      try {
        await runtime.run(signal);
        if (signal.aborted) return;
        pause = 1000;
      } catch (err: unknown) {
        if (signal.aborted) return;
        this.options.log.warn(
          { resource: r.key, err, pauseMs: pause },
          `runtime failed, restarting: ${errorMessage(err)}`,
        );
      }
      r.current = undefined;
      await sleep(pause, signal, this.clock);
      pause = Math.min(max, pause * 2);
    }
  }
}
