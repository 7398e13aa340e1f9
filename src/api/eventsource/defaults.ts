/** Upstream's defaults for an EventSource spec, applied after validation (pure). */
import { EVENT_SOURCE_DEFINITIONS, EVENT_SOURCE_TYPES, type EventSourceTypeDefinition } from './registry.js';
import type { EventSourceSpec } from './spec.js';

/** Upstream's default EventBus name. */
export const DEFAULT_EVENT_BUS_NAME = 'default';

function applyTypeDefaults<T>(
  events: Record<string, T>,
  definition: EventSourceTypeDefinition<T>,
): Record<string, T> {
  const fill = definition.applyDefaults;
  if (fill === undefined) return events;
  return Object.fromEntries(Object.entries(events).map(([name, config]) => [name, fill(config)]));
}

/**
 * Returns a copy of `spec` with upstream's defaults: `eventBusName` "default", `replicas` 1
 * (also for values below 1, like `GetReplicas`), and each type's run-time defaults (webhook
 * `maxPayloadSize`, kafka `version`, sqs `waitTimeSeconds`, amqp declare/consume blocks…).
 * Validate first: upstream validates the spec as written, and a few rules (pulsar `type`)
 * reject values that a default would otherwise hide.
 */
export function applyEventSourceDefaults(spec: EventSourceSpec): EventSourceSpec {
  const out: EventSourceSpec = {
    ...spec,
    eventBusName: (spec.eventBusName ?? '') === '' ? DEFAULT_EVENT_BUS_NAME : spec.eventBusName,
    replicas: spec.replicas === undefined || spec.replicas < 1 ? 1 : spec.replicas,
  };
  for (const type of EVENT_SOURCE_TYPES) {
    const events = spec[type];
    if (events === undefined) continue;
    // each key's map and definition have the same config type; TypeScript cannot see that
    // through the indexed access, hence the widening to unknown.
    const definition = EVENT_SOURCE_DEFINITIONS[type] as EventSourceTypeDefinition<unknown>;
    (out as Record<string, unknown>)[type] = applyTypeDefaults(events as Record<string, unknown>, definition);
  }
  return out;
}
