/**
 * The table of trigger drivers: one line per implemented type (STYLE.md §2). The `satisfies`
 * clause checks each entry against its spec block type from the API. A template whose type has
 * no driver yet fails at execution with upstream's `could not find an implementation`.
 */
import type { TriggerTemplate, TriggerType } from '../api/sensor/index.js';
import { httpTrigger } from './http/index.js';
import { logTrigger } from './log/index.js';
import type { TriggerDriver } from './trigger-driver.js';

/** The spec block of trigger type `K`. */
export type TriggerSpec<K extends TriggerType> = NonNullable<TriggerTemplate[K]>;

export const triggerDrivers = {
  http: httpTrigger,
  log: logTrigger,
} satisfies { [K in TriggerType]?: TriggerDriver<K, TriggerSpec<K>, unknown, unknown> };

/** The driver of `type`, or undefined when Argus has none yet. */
export function triggerDriverFor(
  type: TriggerType,
): TriggerDriver<TriggerType, unknown, unknown, unknown> | undefined {
  return (
    triggerDrivers as Partial<Record<TriggerType, TriggerDriver<TriggerType, unknown, unknown, unknown>>>
  )[type];
}
