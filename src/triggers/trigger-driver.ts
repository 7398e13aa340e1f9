/**
 * The interface every trigger type implements (DESIGN.md "Interfaces", STYLE.md §2), with
 * upstream's four steps (`pkg/sensors/triggers`): fetchResource → applyParameters → execute →
 * applyPolicy. The sensor runtime applies template-level parameters first, picks the driver by
 * the template's type block, and runs these steps once per attempt (spec/sensors.md §9).
 */
import type { TriggerPolicy, TriggerType } from '../api/sensor/index.js';
import type { EventMap } from '../engine/parameters.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logging.js';
import type { SecretResolver } from '../shared/secrets.js';

/** What every step of one attempt gets. */
export interface TriggerContext {
  readonly sensorName: string;
  /** The trigger's `template.name` (for a DLQ trigger, its own name). */
  readonly triggerName: string;
  readonly namespace: string;
  /** Logger with `sensorName`, `triggerName`, `triggerType`. */
  readonly log: Logger;
  readonly secrets: SecretResolver;
  readonly clock: Clock;
  /** Aborted when the sensor stops; drivers pass it to every network call. */
  readonly signal: AbortSignal;
  /**
   * Per-trigger cache for clients and timers that live across firings (upstream caches clients
   * per trigger name, triggers.md §1.3). `make` runs once per key.
   */
  memo<T>(key: string, make: () => T): T;
}

/**
 * One trigger type. `K` is its key in `template`; `Spec` the type block as decoded; `Resource`
 * what is executed (after resource-level parameters); `Result` what the policy looks at.
 */
export interface TriggerDriver<K extends TriggerType, Spec, Resource, Result> {
  readonly type: K;
  /** Step 1: the thing to execute (the block itself, or an object read from its `source`). */
  fetchResource(ctx: TriggerContext, spec: Spec): Promise<Resource>;
  /** Step 2: resource-level `parameters` applied with this firing's events. */
  applyParameters(ctx: TriggerContext, resource: Resource, events: EventMap): Resource;
  /** Step 3: does it. Rejects with a TriggerError whose `retryable` tells the retry loop what to do. */
  execute(ctx: TriggerContext, resource: Resource, events: EventMap): Promise<Result>;
  /** Step 4: success criteria (`policy.status`, `policy.k8s`); rejects when not met. */
  applyPolicy(ctx: TriggerContext, result: Result, policy: TriggerPolicy | undefined): Promise<void>;
}
