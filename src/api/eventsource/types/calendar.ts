/** `calendar` event source (upstream `CalendarEventSource`, `sources/calendar/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { array, boolean, object, record, string, type Infer } from '../../schema.js';
import { checkCronSpec } from '../../../kernels/cron/index.js';
import { EventSourceFilterCodec } from '../filter.js';
import { tryParseGoDuration } from '../../../kernels/duration.js';
import { issueAt } from '../issue.js';

/** Upstream `CatchupConfiguration`. */
export const CatchupConfigurationCodec = object({
  /** Fire missed schedules after a restart (needs `configMap`). @default false */
  enabled: boolean(),
  /** Go duration: how far back to catch up at most. */
  maxDuration: string(),
});
export type CatchupConfiguration = Infer<typeof CatchupConfigurationCodec>;

/** Upstream `ConfigMapPersistence`. */
export const ConfigMapPersistenceCodec = object({
  name: string(),
  /** @default false */
  createIfNotExist: boolean(),
});
export type ConfigMapPersistence = Infer<typeof ConfigMapPersistenceCodec>;

/** Upstream `EventPersistence`. */
export const EventPersistenceCodec = object({
  catchup: CatchupConfigurationCodec,
  configMap: ConfigMapPersistenceCodec,
});
export type EventPersistence = Infer<typeof EventPersistenceCodec>;

/** Upstream `CalendarEventSource`. */
export const CalendarEventSourceCodec = object({
  /** Five-field cron expression; wins over `interval`. */
  schedule: string(),
  /** Go duration between events. */
  interval: string(),
  /** RFC 5545 `EXDATE:` lines. */
  exclusionDates: array(string()),
  /** IANA zone name the schedule is computed in. */
  timezone: string(),
  metadata: record(string()),
  persistence: EventPersistenceCodec,
  filter: EventSourceFilterCodec,
});
export type CalendarEventSource = Infer<typeof CalendarEventSourceCodec>;

/** Upstream `validate` + `resolveSchedule`: schedule if set, else interval. */
export function validateCalendar(es: CalendarEventSource, path: string): Issue[] {
  const schedule = es.schedule ?? '';
  const interval = es.interval ?? '';
  if (schedule === '' && interval === '') {
    return [issueAt(path, undefined, 'must have either schedule or interval')];
  }
  if (schedule !== '') {
    const err = checkCronSpec(schedule);
    return err === undefined
      ? []
      : [
          issueAt(
            path,
            'schedule',
            `failed to parse schedule ${schedule} from calendar event. Cause: ${err}`,
          ),
        ];
  }
  const parsed = tryParseGoDuration(interval);
  return parsed.ok
    ? []
    : [
        issueAt(
          path,
          'interval',
          `failed to parse interval ${interval} from calendar event. Cause: ${parsed.error}`,
        ),
      ];
}
