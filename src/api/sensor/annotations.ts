/**
 * Argus-only Sensor annotations: settings a Sensor manifest can carry without leaving upstream's
 * schema (annotations are free-form there). Pure.
 */
import type { Issue } from '../../shared/errors.js';
import type { Sensor } from './types.js';

/**
 * Most at-least-once actions of one trigger in flight at once, each message acknowledged once
 * its own action finished. `"1"` is upstream's strict one-after-another order.
 */
export const AT_LEAST_ONCE_CONCURRENCY_ANNOTATION = 'argus/at-least-once-concurrency';

/** The annotation's value as a whole number ≥ 1, `undefined` when absent, or the problem with it. */
export function readAtLeastOnceConcurrency(sensor: Sensor): { value: number | undefined } | { issue: Issue } {
  const raw = sensor.metadata?.annotations?.[AT_LEAST_ONCE_CONCURRENCY_ANNOTATION];
  if (raw === undefined) return { value: undefined };
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (Number.isSafeInteger(n) && n >= 1) return { value: n };
  return {
    issue: {
      path: `metadata.annotations["${AT_LEAST_ONCE_CONCURRENCY_ANNOTATION}"]`,
      message: `must be a whole number ≥ 1 (1 = upstream's strict order), got "${raw}"`,
    },
  };
}
