/** EventSource validation (upstream `pkg/reconciler/eventsource/validate.go`). */
import type { Issue } from '../../shared/errors.js';
import { childPath } from '../schema.js';
import { EVENT_SOURCE_DEFINITIONS, EVENT_SOURCE_TYPES, type EventSourceTypeDefinition } from './registry.js';
import type { EventSource } from './spec.js';

/** Go's `%q` for the plain names event names are. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Byte-wise string order, like Go's `sort.Strings`. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Validates an EventSource with upstream's rules and messages: each event name once across
 * all types (`more than one "<name>" found in the spec`), each event's type rules, and no
 * mix of Recreate and RollingUpdate types. Unlike upstream, which stops at the first problem
 * and walks types in random order, this reports every problem, in type order (see
 * `EVENT_SOURCE_TYPES`) then event-name order. Paths are relative to the resource
 * (`spec.webhook.example.port`). An EventSource without events is valid.
 */
export function validateEventSource(es: EventSource): Issue[] {
  const spec = es.spec ?? {};
  const issues: Issue[] = [];
  const seen = new Set<string>();
  let recreate = 0;
  let rollingUpdate = 0;
  for (const type of EVENT_SOURCE_TYPES) {
    const events = spec[type] as Record<string, unknown> | undefined;
    if (events === undefined) continue;
    const names = Object.keys(events).sort(compareBytes);
    if (names.length === 0) continue; // upstream skips empty maps (len != 0)
    // same reason as in defaults.ts: one definition per key, widened for indexed access
    const definition = EVENT_SOURCE_DEFINITIONS[type] as EventSourceTypeDefinition<unknown>;
    if (definition.strategy === 'Recreate') recreate++;
    else rollingUpdate++;
    const typePath = childPath('spec', type);
    for (const name of names) {
      const path = childPath(typePath, name);
      if (seen.has(name)) issues.push({ path, message: `more than one ${goQuote(name)} found in the spec` });
      seen.add(name);
      issues.push(...definition.validate(events[name], path));
    }
  }
  if (recreate > 0 && rollingUpdate > 0) {
    issues.push({
      path: 'spec',
      message: 'event sources with rolling update and recreate update strategy can not be put together',
    });
  }
  return issues;
}
