/**
 * The Sensor runtime (spec/sensors.md §5–§15): per trigger, durable consumers for the
 * dependencies its conditions mention, one serial processing loop, partial matches in the bus
 * KV, and the action with rate limit, retries, policy, DLQ and upstream's ack rules:
 * at-most-once acks once the action is started, at-least-once after it (and the DLQ) finished.
 */
import type { Sensor, Trigger } from '../api/sensor/index.js';
import { readAtLeastOnceConcurrency } from '../api/sensor/annotations.js';
import {
  upstreamConsumerName,
  type Bus,
  type Delivery,
  type KvBucket,
  type Subscription,
} from '../eventbus/bus.js';
import { advanceTrigger, clearTrigger, type ConditionState } from '../engine/conditions.js';
import { parseCloudEvent, type Event } from '../engine/event.js';
import type { EventMap } from '../engine/parameters.js';
import { applyTemplateParameters, triggerTypeOf } from '../engine/payload.js';
import { compileSensor, type CompiledSensor, type CompiledTrigger } from '../engine/sensor.js';
import { triggerDriverFor } from '../triggers/index.js';
import type { TriggerContext } from '../triggers/trigger-driver.js';
import { systemClock, type Clock, type TimerHandle } from '../shared/clock.js';
import { BusError, ConfigError, ErrorCodes, TriggerError, errorMessage } from '../shared/errors.js';
import { Lifecycle, whenAborted } from '../shared/lifecycle.js';
import type { Logger } from '../shared/logging.js';
import type { SecretResolver } from '../shared/secrets.js';
import type { Metrics } from './metrics.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { resolveBackoffSchedule, withRetries, type BackoffSchedule } from './retry.js';
import { encodeStoredEvent, loadConditionState, reconcileSpec } from './sensor-state.js';

/** Options of {@link SensorRuntime}. */
export interface SensorRuntimeOptions {
  /** The decoded Sensor. */
  readonly sensor: Sensor;
  readonly bus: Bus;
  /** Root logger; the runtime makes `logger: argo-events.sensor` children. */
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly secrets: SecretResolver;
  readonly clock?: Clock;
  /** Most at-most-once executions in flight per trigger; intake waits at the bound. @default 256 */
  readonly maxInFlight?: number;
  /** How long a message may stay unacknowledged before redelivery, in ms. @default 30000 */
  readonly ackWaitMs?: number;
  /**
   * Most at-least-once actions in flight per trigger (each message acked after its own action
   * finished); 1 is upstream's strict one-after-another order. The Sensor annotation
   * `argus/at-least-once-concurrency` overrides it. Triggers with AND conditions always
   * run one at a time. @default 64
   */
  readonly atLeastOnceConcurrency?: number;
}

/** Default of {@link SensorRuntimeOptions.atLeastOnceConcurrency}. */
export const DEFAULT_AT_LEAST_ONCE_CONCURRENCY = 64;

/**
 * The at-least-once window of `sensor`: its annotation when set, else `fallback`. Throws a
 * ConfigError naming the annotation when its value is not a whole number ≥ 1 (validation
 * reports the same problem before a sensor starts).
 */
export function atLeastOnceConcurrencyOf(sensor: Sensor, fallback: number): number {
  const r = readAtLeastOnceConcurrency(sensor);
  if ('issue' in r) throw new ConfigError(`${r.issue.path}: ${r.issue.message}`);
  return r.value ?? fallback;
}

/** Upstream's `TriggerType` strings, used in the `triggerType` log field. */
const TRIGGER_TYPE_NAMES: Record<string, string> = {
  k8s: 'Kubernetes',
  argoWorkflow: 'ArgoWorkflow',
  http: 'HTTP',
  awsLambda: 'AWSLambda',
  custom: 'Custom',
  kafka: 'Kafka',
  nats: 'NATS',
  slack: 'Slack',
  openWhisk: 'OpenWhisk',
  log: 'Log',
  azureEventHubs: 'AzureEventHubs',
  pulsar: 'Pulsar',
  azureServiceBus: 'AzureServiceBus',
  email: 'Email',
};

/** No retryStrategy: exactly one attempt. */
const ONE_ATTEMPT = resolveBackoffSchedule(undefined);

/** How long processed event ids are remembered per trigger (upstream: 60 s). */
const DEDUPE_MS = 60_000;
/** The "in progress" beat while an at-least-once action runs (upstream: 500 ms). */
const WORKING_BEAT_MS = 500;

const decoder = new TextDecoder();

/** Runs one Sensor until stopped. */
export class SensorRuntime {
  readonly lifecycle: Lifecycle;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly name: string;
  private readonly namespace: string;
  private compiled!: CompiledSensor;
  private kv!: KvBucket;
  /** The partial matches of every trigger (each runner touches only its own entry). */
  state: ConditionState = { triggers: {} };
  private readonly runners: TriggerRunner[] = [];
  private readonly subscriptions: Subscription[] = [];
  /** Aborted when in-flight work must be abandoned (not on the first stop signal: work finishes). */
  readonly hardStop = new AbortController();
  /** Most at-least-once actions in flight per trigger without AND conditions. */
  readonly atLeastOnceWindow: number;

  constructor(readonly options: SensorRuntimeOptions) {
    this.clock = options.clock ?? systemClock;
    this.name = options.sensor.metadata?.name ?? '';
    this.namespace = options.sensor.metadata?.namespace ?? 'argo-events';
    this.lifecycle = new Lifecycle(`Sensor/${this.name}`);
    this.atLeastOnceWindow = atLeastOnceConcurrencyOf(
      options.sensor,
      options.atLeastOnceConcurrency ?? DEFAULT_AT_LEAST_ONCE_CONCURRENCY,
    );
    this.log = options.log.child({
      logger: 'argo-events.sensor',
      sensorName: this.name,
      ...(options.sensor.spec?.loggingFields ?? {}),
    });
  }

  get ready(): boolean {
    return this.lifecycle.state === 'running';
  }

  /** Subscribes and processes until `signal` aborts; then stops intake, finishes in-flight actions and resolves. */
  async run(signal: AbortSignal): Promise<void> {
    this.lifecycle.assertStartable();
    this.lifecycle.to('starting');
    try {
      await this.start(signal);
    } catch (err: unknown) {
      await this.stopIntake();
      this.lifecycle.to('failed', err);
      throw err;
    }
    this.lifecycle.to('running');
    this.log.info('sensor started');
    // A subscription that ends on its own (bus closed or gave up) would leave the sensor deaf:
    // fail instead, so the supervisor restarts it with backoff.
    let lostSubscription = false;
    const anyClosed = Promise.race(this.subscriptions.map((s) => s.closed)).then(() => {
      lostSubscription = true;
    });
    await Promise.race([
      whenAborted(signal),
      this.subscriptions.length === 0 ? new Promise<void>(() => {}) : anyClosed,
    ]);
    this.lifecycle.to('draining');
    await this.stopIntake();
    await Promise.all(this.runners.map((r) => r.drain()));
    for (const r of this.runners) r.stopBeat();
    if (lostSubscription && !signal.aborted) {
      const err = new BusError(ErrorCodes.BUS_UNAVAILABLE, 'a bus subscription ended unexpectedly', {
        retryable: true,
      });
      this.lifecycle.to('failed', err);
      this.log.warn({ err }, 'sensor lost a subscription');
      throw err;
    }
    this.lifecycle.to('stopped');
    this.log.info('sensor stopped');
  }

  /** Abandons in-flight actions (second signal / grace expired). */
  abort(): void {
    this.hardStop.abort();
  }

  private async start(signal: AbortSignal): Promise<void> {
    const spec = this.options.sensor.spec ?? {};
    this.compiled = await compileSensor(spec, { clock: this.clock });
    this.kv = await this.options.bus.kv(this.name);
    await reconcileSpec(this.options.sensor, this.kv, this.options.bus, this.log);
    const names = new Set(this.compiled.triggers.map((t) => t.name));
    let state = await loadConditionState(this.kv, names, this.log);
    const pruned = this.compiled.pruneMissedResets(state, new Date(this.clock.now()));
    for (const t of names) {
      for (const dep of Object.keys(state.triggers[t] ?? {})) {
        if (pruned.triggers[t]?.[dep] === undefined) await this.kv.delete(`${t}/${dep}`);
      }
    }
    state = pruned;
    this.state = state;
    for (const t of this.compiled.triggers) {
      const log = this.log.child({
        triggerName: t.name,
        triggerType: TRIGGER_TYPE_NAMES[t.type ?? ''] ?? t.type,
      });
      if (t.conditions === undefined) {
        log.error({ err: t.error }, 'failed to get dependency expression');
        continue;
      }
      log.info(`Dependency expression for trigger ${t.name}: ${t.conditions.expression}`);
      this.options.metrics.initTrigger(this.namespace, this.name, t.name);
      const runner = new TriggerRunner(this, t, log, this.clock);
      this.runners.push(runner);
      // one durable consumer per distinct subject; its name uses the last dependency on it
      const bySubject = new Map<string, { dep: string; eventSourceName: string; eventName: string }>();
      for (const depName of t.conditions.dependencies) {
        const dep = this.compiled.dependencies.find((d) => d.name === depName);
        if (dep === undefined) continue;
        bySubject.set(`${dep.eventSourceName}.${dep.eventName}`, {
          dep: depName,
          eventSourceName: dep.eventSourceName,
          eventName: dep.eventName,
        });
      }
      for (const s of bySubject.values()) {
        if (signal.aborted) return;
        const sub = await this.options.bus.subscribe(
          upstreamConsumerName(this.name, t.name, s.dep),
          [{ eventSourceName: s.eventSourceName, eventName: s.eventName }],
          (d) => runner.handle(d),
          { deliverPolicy: 'new', ackWaitMs: this.options.ackWaitMs ?? 30_000 },
        );
        this.subscriptions.push(sub);
      }
      runner.scheduleReset();
    }
  }

  private async stopIntake(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    for (const r of this.runners) r.cancelReset();
  }

  /** @internal used by runners */
  get internals(): { kv: KvBucket; compiled: CompiledSensor; name: string; namespace: string } {
    return { kv: this.kv, compiled: this.compiled, name: this.name, namespace: this.namespace };
  }
}

/** One trigger's processing loop. */
class TriggerRunner {
  private chain: Promise<void> = Promise.resolve();
  private readonly seen = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Callers waiting for an in-flight slot (a queue, not Promise.race over the whole set). */
  private readonly slotWaiters: (() => void)[] = [];
  private readonly limiter: RateLimiter | undefined;
  private readonly memo = new Map<string, unknown>();
  private resetTimer: TimerHandle | undefined;
  /** At-least-once deliveries whose action is running (beaten "in progress" together). */
  private readonly working = new Set<Delivery>();
  /** At-least-once actions running side by side, by event id (see the duplicate check in process). */
  private readonly running = new Map<string, Promise<boolean>>();
  private readonly byName = new Map<
    string,
    { labels: Record<string, string>; log: Logger; ctx: TriggerContext }
  >();
  private readonly schedules = new WeakMap<NonNullable<Trigger['retryStrategy']>, BackoffSchedule>();
  private beatTimer: TimerHandle | undefined;
  private readonly maxInFlight: number;
  private readonly atLeastOnceWindow: number;

  constructor(
    private readonly runtime: SensorRuntime,
    private readonly trigger: CompiledTrigger,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {
    this.limiter = createRateLimiter(trigger.definition.rateLimit, clock);
    this.maxInFlight = runtime.options.maxInFlight ?? 256;
    // stored partial matches (AND) are cleared after the action; overlapping actions could clear
    // a newer match, so AND triggers keep upstream's one-at-a-time order
    this.atLeastOnceWindow = trigger.conditions?.andMode === true ? 1 : runtime.atLeastOnceWindow;
    const rl = trigger.definition.rateLimit;
    if (rl !== undefined && (rl.requestsPerUnit ?? 0) <= 0) {
      log.warn('rateLimit.requestsPerUnit is 0 or less: no rate limit (upstream crashes here)');
    }
  }

  /** Runs `fn` after everything queued before it (one message or reset at a time per trigger). */
  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  handle(delivery: Delivery): Promise<void> {
    return this.serial(() => this.process(delivery));
  }

  /** Waits for every at-most-once action still running. */
  async drain(): Promise<void> {
    await this.chain;
    await Promise.allSettled([...this.inFlight]);
  }

  private isDuplicate(id: string, now: number): boolean {
    for (const [k, at] of this.seen) {
      if (now - at < DEDUPE_MS) break;
      this.seen.delete(k);
    }
    return this.seen.has(id);
  }

  private async process(delivery: Delivery): Promise<void> {
    const { kv, compiled } = this.runtime.internals;
    const conditions = this.trigger.conditions!;
    let event: Event;
    try {
      event = parseCloudEvent(decoder.decode(delivery.message.data));
    } catch (err: unknown) {
      this.log.error({ err }, 'Failed to convert to a cloudevent, discarding it...');
      await delivery.ack();
      return;
    }
    const now = this.clock.now();
    if (this.isDuplicate(event.context.id, now)) {
      this.log.debug({ eventID: event.context.id }, 'duplicate event, ignored');
      const running = this.running.get(event.context.id);
      if (running === undefined) {
        await delivery.ack();
        return;
      }
      // redelivered while the first delivery's action still runs (its ack wait ran out): settle
      // this one as that one ends, so the event stays unacknowledged until its action finished
      this.track(
        running.then((completed) => (completed ? delivery.ack() : delivery.nak())).catch(() => undefined),
      );
      return;
    }
    const firings: Record<string, Event>[] = [];
    let matched = false;
    for (const depName of conditions.dependencies) {
      const dep = compiled.dependencies.find((d) => d.name === depName);
      if (dep === undefined || !dep.matches(event)) continue;
      matched = true;
      const verdict = dep.evaluate(event);
      if (!verdict.passed || verdict.event === undefined) {
        if (verdict.error !== undefined)
          this.log.warn({ dependencyName: depName, err: verdict.error }, 'filter or transform error');
        this.log.info(
          { eventID: event.context.id },
          `not interested in dependency ${depName} (didn't pass filter)`,
        );
        continue;
      }
      const r = advanceTrigger(
        this.runtime.state,
        this.trigger.name,
        conditions,
        depName,
        verdict.event,
        new Date(now),
      );
      this.runtime.state = r.state;
      if (r.firing !== undefined) firings.push(r.firing.events);
      else if (conditions.andMode) {
        const stored = r.state.triggers[this.trigger.name]?.[depName];
        await kv.put(
          `${this.trigger.name}/${depName}`,
          encodeStoredEvent(
            verdict.event,
            delivery.message,
            stored?.timestamp ?? new Date(now).toISOString(),
          ),
        );
      }
    }
    if (matched) this.seen.set(event.context.id, now);
    const atLeastOnce = this.trigger.definition.atLeastOnce === true;
    if (atLeastOnce && firings.length === 1 && this.atLeastOnceWindow > 1) {
      // One firing without stored partial matches: the action runs beside the ones before it
      // (started in delivery order, at most `atLeastOnceWindow` at once) and the message is
      // acknowledged when its own action finished — at-least-once, without upstream's
      // one-after-another order (docs/engine.md "At-least-once triggers run side by side").
      const events = firings[0]!;
      await this.waitForSlot(this.atLeastOnceWindow);
      const id = event.context.id;
      const action = this.fireThenSettle(delivery, events);
      this.running.set(id, action);
      this.track(
        action.then(() => {
          if (this.running.get(id) === action) this.running.delete(id);
        }),
      );
      return;
    }
    for (const events of firings) {
      if (atLeastOnce) {
        const completed = await this.withWorkingBeat(delivery, () => this.fire(events));
        if (!completed) {
          // stopped mid-retry: leave the message unacknowledged so it is redelivered after restart
          await delivery.nak();
          return;
        }
        if (conditions.andMode) await this.clearStored(Object.keys(events));
      } else {
        if (conditions.andMode) await this.clearStored(Object.keys(events));
        await this.waitForSlot(this.maxInFlight);
        this.track(this.fire(events).then(() => undefined));
      }
    }
    // The ack is sent now (for at-least-once: after the action finished); waiting for it to be
    // durable need not hold up the next message. A crash before it is durable redelivers the
    // message, which at-least-once allows. Tracked so a stop waits for it.
    const ack = delivery
      .ack()
      .catch((err: unknown) => this.log.warn({ err }, 'ack failed; the event may be redelivered'));
    this.track(ack);
  }

  /** Waits until fewer than `limit` actions and acks are in flight. */
  private async waitForSlot(limit: number): Promise<void> {
    while (this.inFlight.size >= limit) await new Promise<void>((r) => this.slotWaiters.push(r));
  }

  /**
   * An at-least-once action run beside others: ack once it finished, nak when stopped mid-retry.
   * Resolves whether the action finished (and the message was acked) rather than being stopped.
   */
  private async fireThenSettle(delivery: Delivery, events: EventMap): Promise<boolean> {
    let completed: boolean;
    try {
      completed = await this.withWorkingBeat(delivery, () => this.fire(events));
    } catch (err: unknown) {
      // fire() reports failures as outcomes; anything thrown here is a bug: redeliver, do not lose
      this.log.error({ err }, 'trigger action threw; the event will be redelivered');
      completed = false;
    }
    if (!completed) {
      await delivery.nak();
      return false;
    }
    await delivery
      .ack()
      .catch((err: unknown) => this.log.warn({ err }, 'ack failed; the event may be redelivered'));
    return true;
  }

  /** Counts `p` as in flight until it settles, then wakes one waiter. */
  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.slotWaiters.shift()?.();
    });
  }

  private async clearStored(deps: readonly string[]): Promise<void> {
    for (const dep of deps) await this.runtime.internals.kv.delete(`${this.trigger.name}/${dep}`);
  }

  /**
   * Runs `fn` while telling the bus "in progress" for `delivery` every WORKING_BEAT_MS, so the ack
   * wait never runs out for a live sensor (upstream: every 500 ms). One timer per trigger beats
   * every action in flight (not one timer per action).
   */
  private async withWorkingBeat<T>(delivery: Delivery, fn: () => Promise<T>): Promise<T> {
    this.working.add(delivery);
    if (this.beatTimer === undefined) this.scheduleBeat();
    try {
      return await fn();
    } finally {
      this.working.delete(delivery);
    }
  }

  private scheduleBeat(): void {
    this.beatTimer = this.clock.setTimeout(() => {
      this.beatTimer = undefined;
      if (this.working.size === 0) return;
      for (const d of this.working) d.working().catch(() => {});
      this.scheduleBeat();
    }, WORKING_BEAT_MS);
  }

  /** Stops the beat timer (the runner is done). */
  stopBeat(): void {
    if (this.beatTimer !== undefined) this.clock.clearTimeout(this.beatTimer);
    this.beatTimer = undefined;
  }

  /**
   * The action for one firing: the trigger with its retries, then the DLQ trigger when it failed
   * for good. Resolves false only when stopped before the outcome was known.
   */
  private async fire(events: EventMap): Promise<boolean> {
    const def = this.trigger.definition;
    const atLeastOnce = def.atLeastOnce === true;
    // retryStrategy only applies with atLeastOnce (sensors.md §8, upstream code)
    const outcome = await this.runWithRetries(
      def,
      this.trigger.name,
      events,
      atLeastOnce ? def.retryStrategy : undefined,
      this.limiter,
    );
    if (outcome === 'stopped') return false;
    if (outcome === 'ok' || def.dlqTrigger === undefined) return true;
    const dlq = def.dlqTrigger;
    const dlqName = dlq.template?.name ?? '';
    const dlqOutcome = await this.runWithRetries(
      dlq,
      dlqName,
      events,
      dlq.retryStrategy,
      dlqName === this.trigger.name ? this.limiter : undefined,
    );
    if (dlqOutcome === 'stopped') return false;
    if (dlqOutcome === 'failed') this.log.error({ dlqTriggerName: dlqName }, 'failed to trigger dlqTrigger');
    return true;
  }

  private async runWithRetries(
    trigger: Trigger,
    name: string,
    events: EventMap,
    retryStrategy: Trigger['retryStrategy'],
    limiter: RateLimiter | undefined,
  ): Promise<'ok' | 'failed' | 'stopped'> {
    const metrics = this.runtime.options.metrics;
    const { labels, log, ctx } = this.perName(name);
    const stop = this.runtime.hardStop.signal;
    const triggeredBy = Object.keys(events);
    const triggeredByEvents = Object.values(events).map((e) => e.context.id);
    try {
      const schedule = this.scheduleOf(retryStrategy);
      await withRetries(
        schedule,
        async () => {
          await limiter?.take(stop);
          if (stop.aborted) throw new StoppedError();
          const started = this.clock.now();
          try {
            await this.attempt(trigger, name, events, ctx);
          } finally {
            metrics.actionDuration.observe(labels, this.clock.now() - started);
          }
        },
        {
          clock: this.clock,
          signal: stop,
          onFailure: (err) => {
            if (err instanceof StoppedError) return;
            metrics.actionFailed.inc(labels);
            log.error({ err, triggeredBy, triggeredByEvents }, 'Failed to execute a trigger');
          },
        },
      );
      metrics.actionTriggered.inc(labels);
      log.info({ triggeredBy, triggeredByEvents }, `Successfully processed trigger '${name}'`);
      return 'ok';
    } catch (err: unknown) {
      if (err instanceof StoppedError || stop.aborted) return 'stopped';
      metrics.actionRetriesFailed.inc(labels);
      log.warn({ err, triggeredBy, triggeredByEvents }, `failed to trigger actions, ${errorMessage(err)}`);
      return 'failed';
    }
  }

  /** What one trigger name (the trigger or its DLQ trigger) needs on every attempt, made once. */
  private perName(name: string): { labels: Record<string, string>; log: Logger; ctx: TriggerContext } {
    let p = this.byName.get(name);
    if (p === undefined) {
      const { name: sensorName, namespace } = this.runtime.internals;
      const log = name === this.trigger.name ? this.log : this.log.child({ triggerName: name });
      p = {
        labels: { namespace, sensor_name: sensorName, trigger_name: name },
        log,
        ctx: {
          sensorName,
          triggerName: name,
          namespace,
          log,
          secrets: this.runtime.options.secrets,
          clock: this.clock,
          signal: this.runtime.hardStop.signal,
          memo: <T>(key: string, make: () => T): T => {
            const k = `${name}/${key}`;
            if (!this.memo.has(k)) this.memo.set(k, make());
            return this.memo.get(k) as T;
          },
        },
      };
      this.byName.set(name, p);
    }
    return p;
  }

  /** The backoff schedule of a retryStrategy (resolved once per strategy object). */
  private scheduleOf(retryStrategy: Trigger['retryStrategy']): BackoffSchedule {
    if (retryStrategy === undefined) return ONE_ATTEMPT;
    let schedule = this.schedules.get(retryStrategy);
    if (schedule === undefined) {
      schedule = resolveBackoffSchedule(retryStrategy);
      this.schedules.set(retryStrategy, schedule);
    }
    return schedule;
  }

  private async attempt(
    trigger: Trigger,
    name: string,
    events: EventMap,
    ctx: TriggerContext,
  ): Promise<void> {
    const template = applyTemplateParameters(trigger, events, undefined, { clock: this.clock });
    const type = triggerTypeOf(template);
    const driver = type === undefined ? undefined : triggerDriverFor(type);
    if (type === undefined || driver === undefined) {
      throw new TriggerError(`invalid trigger ${name}, could not find an implementation`, {
        triggerName: name,
      });
    }
    const fetched = await driver.fetchResource(ctx, template[type]);
    if (fetched === undefined)
      throw new TriggerError(`invalid trigger ${name}, could not fetch the trigger resource`, {
        triggerName: name,
      });
    const resource = driver.applyParameters(ctx, fetched, events);
    const result = await driver.execute(ctx, resource, events);
    await driver.applyPolicy(ctx, result, trigger.policy);
  }

  /** Starts the conditionsReset timer, if any. */
  scheduleReset(): void {
    const reset = this.trigger.reset;
    for (const e of reset.errors) this.log.error({ err: e }, 'conditionsReset entry skipped');
    if (!reset.enabled) return;
    const now = this.clock.now();
    const next = reset.next(new Date(now));
    if (next === undefined) return;
    this.resetTimer = this.clock.setTimeout(() => {
      void this.serial(async () => {
        const had = Object.keys(this.runtime.state.triggers[this.trigger.name] ?? {});
        this.runtime.state = clearTrigger(this.runtime.state, this.trigger.name);
        await this.clearStored(had);
        this.log.info({ cleared: had }, 'conditions reset');
      });
      this.scheduleReset();
    }, next.getTime() - now);
  }

  cancelReset(): void {
    if (this.resetTimer !== undefined) this.clock.clearTimeout(this.resetTimer);
  }
}

class StoppedError extends Error {
  override name = 'StoppedError';
}
