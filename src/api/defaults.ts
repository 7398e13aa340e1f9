/**
 * Defaults for the three kinds, in one place (upstream applies them at use time through
 * getters such as `GetReplicas`; Argus fills them in once, at load time). The result is
 * deep-frozen: nothing downstream may change a loaded resource.
 */
import { applyEventSourceDefaults, type EventSource } from './eventsource/index.js';
import type { EventBus } from './eventbus/types.js';
import type { EventDependency, Sensor, Trigger } from './sensor/types.js';

/** The EventBus name used when a resource names none. */
export const DEFAULT_EVENT_BUS = 'default';

/**
 * Freezes `value` and everything reachable from it, and returns it. The static type stays
 * mutable so loaded resources can be passed to functions typed with the plain API types;
 * any write throws at run time (ESM code is strict).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** At least one replica (upstream `GetReplicas`: absent or < 1 means 1). */
function replicasOf(replicas: number | undefined): number {
  return replicas === undefined || replicas < 1 ? 1 : replicas;
}

function defaultDependency(dep: EventDependency): EventDependency {
  const out: EventDependency = { ...dep, filtersLogicalOperator: dep.filtersLogicalOperator || 'and' };
  if (dep.filters !== undefined) {
    out.filters = {
      ...dep.filters,
      dataLogicalOperator: dep.filters.dataLogicalOperator || 'and',
      exprLogicalOperator: dep.filters.exprLogicalOperator || 'and',
    };
  }
  return out;
}

function defaultTrigger(trigger: Trigger): Trigger {
  const out: Trigger = { ...trigger, atLeastOnce: trigger.atLeastOnce ?? false };
  if (trigger.dlqTrigger !== undefined) out.dlqTrigger = defaultTrigger(trigger.dlqTrigger);
  return out;
}

/**
 * Sensor defaults: `eventBusName` "default", `replicas` ≥ 1, logical operators "and",
 * `atLeastOnce` false. Trigger-type run-time defaults (http method, kafka acks…) belong to the
 * trigger drivers, which document them.
 */
export function applySensorDefaults(sensor: Sensor): Sensor {
  const spec = sensor.spec ?? {};
  return {
    ...sensor,
    spec: {
      ...spec,
      eventBusName: spec.eventBusName || DEFAULT_EVENT_BUS,
      replicas: replicasOf(spec.replicas),
      ...(spec.dependencies === undefined ? {} : { dependencies: spec.dependencies.map(defaultDependency) }),
      ...(spec.triggers === undefined ? {} : { triggers: spec.triggers.map(defaultTrigger) }),
    },
  };
}

/** EventBus defaults: managed JetStream runs 3 replicas; NATS auth "none". */
export function applyEventBusDefaults(bus: EventBus): EventBus {
  const spec = { ...(bus.spec ?? {}) };
  if (spec.jetstream !== undefined)
    spec.jetstream = { ...spec.jetstream, replicas: spec.jetstream.replicas ?? 3 };
  if (spec.nats?.native !== undefined) {
    spec.nats = { ...spec.nats, native: { ...spec.nats.native, auth: spec.nats.native.auth ?? 'none' } };
  }
  if (spec.nats?.exotic !== undefined) {
    spec.nats = { ...spec.nats, exotic: { ...spec.nats.exotic, auth: spec.nats.exotic.auth ?? 'none' } };
  }
  return { ...bus, spec };
}

/** EventSource defaults (see `applyEventSourceDefaults`). */
export function applyEventSourceResourceDefaults(es: EventSource): EventSource {
  return { ...es, spec: applyEventSourceDefaults(es.spec ?? {}) };
}

/** The decoded resource of each kind. */
export interface ResourceOfKind {
  EventSource: EventSource;
  Sensor: Sensor;
  EventBus: EventBus;
}
export type ResourceKind = keyof ResourceOfKind;

/** Applies the defaults of `kind` and deep-freezes the result. */
export function applyDefaults<K extends ResourceKind>(
  kind: K,
  resource: ResourceOfKind[K],
): ResourceOfKind[K] {
  const defaulted =
    kind === 'Sensor'
      ? applySensorDefaults(resource as Sensor)
      : kind === 'EventBus'
        ? applyEventBusDefaults(resource as EventBus)
        : applyEventSourceResourceDefaults(resource as EventSource);
  return deepFreeze(defaulted as ResourceOfKind[K]);
}
