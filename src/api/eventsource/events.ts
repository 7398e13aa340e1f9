/** Walks the events an EventSource spec declares, in Argus's deterministic order. */
import { EVENT_SOURCE_TYPES, type EventSourceType } from './registry.js';
import type { EventSourceSpec } from './spec.js';

/** One declared event: its type key, its name (the map key) and its configuration. */
export interface DeclaredEvent {
  readonly type: EventSourceType;
  readonly name: string;
  readonly config: unknown;
}

/** Byte-wise string order, like Go's `sort.Strings`. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Every event of `spec`, by type key in `EVENT_SOURCE_TYPES` order, then by event name
 * (byte order). Upstream iterates Go maps, whose order is random; fixing an order makes
 * validation output and listener start-up reproducible.
 */
export function listDeclaredEvents(spec: EventSourceSpec): DeclaredEvent[] {
  const out: DeclaredEvent[] = [];
  for (const type of EVENT_SOURCE_TYPES) {
    const events = spec[type] as Record<string, unknown> | undefined;
    if (events === undefined) continue;
    for (const name of Object.keys(events).sort(compareBytes)) out.push({ type, name, config: events[name] });
  }
  return out;
}
