/**
 * The table of source drivers: one line per implemented type (STYLE.md §2). The `satisfies`
 * clause checks each entry against its config type from the API. Types without a line here
 * are rejected by the runtime with a clear message until their driver lands.
 */
import type { EventSourceSpec, EventSourceType } from '../api/eventsource/index.js';
import type { SourceDriver } from './source-driver.js';
import { calendarSource } from './calendar/index.js';
import { fileSource } from './file/index.js';
import { webhookSource } from './webhook/index.js';

/** The config type of one event of type `K`. */
export type SourceConfig<K extends EventSourceType> = NonNullable<EventSourceSpec[K]>[string];

export const sourceDrivers = {
  calendar: calendarSource,
  file: fileSource,
  webhook: webhookSource,
} satisfies { [K in EventSourceType]?: SourceDriver<K, SourceConfig<K>> };

/** The driver of `type`, or undefined when Argus has none yet. */
export function sourceDriverFor(type: EventSourceType): SourceDriver<EventSourceType, unknown> | undefined {
  return (sourceDrivers as Partial<Record<EventSourceType, SourceDriver<EventSourceType, unknown>>>)[type];
}
