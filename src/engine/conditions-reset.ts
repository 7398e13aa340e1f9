/**
 * `template.conditionsReset` (`sensors.md` §7.4): 5-field robfig cron specs in a zone (empty = UTC)
 * that clear a trigger's partial matches. Pure schedule maths; the runtime owns the timer.
 */
import type { ConditionsResetCriteria } from '../api/sensor/index.js';
import { isZeroTime, parseSchedule, prevCronTime, type Schedule } from '../kernels/cron/index.js';

/** A trigger's reset schedules. */
export interface ConditionsReset {
  /** Whether any usable schedule exists. */
  readonly enabled: boolean;
  /** Entries that cannot be used (bad cron or zone), skipped as upstream does (with an error log). */
  readonly errors: readonly string[];
  /** The next tick strictly after `after`, or undefined when none. */
  next(after: Date): Date | undefined;
  /**
   * The latest tick strictly before `now` over all entries: partial matches stored before it are
   * dropped when the sensor starts (a reset missed while down still applies).
   */
  last(now: Date): Date | undefined;
}

/** Compiles a trigger's `conditionsReset` list. */
export function compileConditionsReset(
  resets: readonly ConditionsResetCriteria[] | undefined,
): ConditionsReset {
  const errors: string[] = [];
  const entries: { cron: string; timezone: string; schedule: Schedule }[] = [];
  for (const [i, r] of (resets ?? []).entries()) {
    if (r.byTime === undefined) continue;
    const cron = r.byTime.cron ?? '';
    const timezone = r.byTime.timezone ?? '';
    try {
      entries.push({ cron, timezone, schedule: parseSchedule(cron, { defaultTimezone: timezone || 'UTC' }) });
    } catch (err) {
      errors.push(`conditionsReset[${i}]: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    enabled: entries.length > 0,
    errors,
    next(after) {
      let best: Date | undefined;
      for (const e of entries) {
        const t = e.schedule.next(after);
        if (isZeroTime(t)) continue;
        if (best === undefined || t < best) best = t;
      }
      return best;
    },
    last(now) {
      let best: Date | undefined;
      for (const e of entries) {
        try {
          const t = prevCronTime(e.cron, now, { defaultTimezone: e.timezone || 'UTC' });
          if (best === undefined || t > best) best = t;
        } catch {
          // upstream logs and skips an entry whose previous time cannot be derived
        }
      }
      return best;
    },
  };
}
