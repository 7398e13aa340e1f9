/** EventSource validation (upstream `pkg/reconciler/eventsource/validate.go`). */
import type { Issue } from '../../shared/errors.js';
import { childPath } from '../schema.js';
import { listDeclaredEvents } from './events.js';
import { EVENT_SOURCE_DEFINITIONS, type EventSourceTypeDefinition } from './registry.js';
import type { EventSource } from './spec.js';

/** Go's `%q` for the plain names event names are. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * Validates an EventSource with upstream's rules and messages: each event name once across
 * all types (`more than one "<name>" found in the spec`), each event's type rules, and no
 * mix of Recreate and RollingUpdate types. Unlike upstream, which stops at the first problem
 * and walks types in random order, this reports every problem, in type order (see
 * `EVENT_SOURCE_TYPES`) then event-name order; within one event, checks that upstream skips
 * once an earlier branch is taken (e.g. kafka `sasl` when `tls` is set) stay skipped, so a
 * manifest upstream accepts is accepted here too. Paths are relative to the resource
 * (`spec.webhook.example.port`). An EventSource without events is valid.
 */
export function validateEventSource(es: EventSource): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const strategies = new Set<string>();
  for (const { type, name, config } of listDeclaredEvents(es.spec ?? {})) {
    // one definition per key; widened because TypeScript cannot follow the key to its type
    const definition = EVENT_SOURCE_DEFINITIONS[type] as EventSourceTypeDefinition<unknown>;
    strategies.add(definition.strategy);
    const path = childPath(childPath('spec', type), name);
    if (seen.has(name)) issues.push({ path, message: `more than one ${goQuote(name)} found in the spec` });
    seen.add(name);
    issues.push(...definition.validate(config, path));
  }
  if (strategies.size > 1) {
    issues.push({
      path: 'spec',
      message: 'event sources with rolling update and recreate update strategy can not be put together',
    });
  }
  return issues;
}
