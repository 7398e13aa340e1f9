/**
 * `calendar` source (upstream `pkg/eventsources/sources/calendar`, spec/eventsources.md §7):
 * fires on a 5-field cron `schedule` (in `timezone`) or every `interval`, skips
 * `exclusionDates`, and with `persistence` remembers the last event so `catchup` fires the slots
 * missed while stopped. Time comes from `ctx.clock`.
 *
 * Difference from upstream, on purpose: the persisted value lives in the bus KV (bucket =
 * `persistence.configMap.name`, key `<eventSourceName>.<eventName>`, value = the event data, the
 * same key and value as upstream's ConfigMap) instead of a Kubernetes ConfigMap, so catch-up
 * works without a cluster; `createIfNotExist` is therefore moot. The `eventTime` of timer events
 * has no Go monotonic suffix (` m=+…`), which upstream readers tolerate.
 */
import { validateCalendar, type CalendarEventSource } from '../../api/eventsource/index.js';
import type { KvBucket } from '../../eventbus/bus.js';
import {
  intervalSchedule,
  isZeroTime,
  parseSchedule,
  Zone,
  type Schedule,
} from '../../kernels/cron/index.js';
import { parseGoDuration } from '../../kernels/duration.js';
import { SourceError, errorMessage } from '../../shared/errors.js';
import { sleep, whenAborted } from '../../shared/lifecycle.js';
import { goMap, goString } from '../go-json.js';
import type { SourceContext, SourceDriver } from '../source-driver.js';

const MONTHS = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `EXDATE:` lines → UTC calendar dates `YYYY-MM-DD`; other lines are ignored, as upstream. */
export function parseExclusionDates(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('EXDATE:')) continue;
    for (const v of line.slice('EXDATE:'.length).split(',')) {
      const m = MONTHS.exec(v.trim());
      if (m === null) throw new SourceError(`failed to parse exclusion date ${v}: expected YYYYMMDDTHHMMSSZ`);
      out.push(`${m[1]}-${m[2]}-${m[3]}`);
    }
  }
  return out;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** A short zone name for Go's `MST` layout element: the abbreviation when the zone has one, else `+hhmm`. */
function zoneAbbreviation(zone: string, ms: number, offsetSeconds: number): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part !== undefined && /^[A-Z]{2,5}$/.test(part)) return part;
  } catch {
    // unknown to Intl: fall back to the numeric form Go also uses when tzdata has no name
  }
  const sign = offsetSeconds < 0 ? '-' : '+';
  const a = Math.abs(offsetSeconds);
  return `${sign}${pad(Math.floor(a / 3600))}${pad(Math.floor((a % 3600) / 60))}`;
}

/** Go's `time.Time.String()` of `ms` in `zone`: `2024-01-01 22:04:05.6 -0500 EST`. */
export function goTimeInZone(ms: number, zone: string): string {
  const offset = zone === 'UTC' ? 0 : Zone.load(zone).offset(Math.floor(ms / 1000));
  const d = new Date(ms + offset * 1000);
  const frac = ms % 1000 === 0 ? '' : `.${pad(((ms % 1000) + 1000) % 1000, 3).replace(/0+$/, '')}`;
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} ` +
    `${sign}${pad(Math.floor(a / 3600))}${pad(Math.floor((a % 3600) / 60))} ${zoneAbbreviation(zone, ms, offset)}`
  );
}

/** Parses Go's `time.Time.String()` (monotonic suffix tolerated) back to ms. */
export function parseGoTimeString(text: string): number {
  const m =
    /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? ([+-])(\d{2})(\d{2})(?: \S+)?(?: m=[+-][\d.]+)?$/.exec(
      text.trim(),
    );
  if (m === null) throw new SourceError(`cannot parse the persisted eventTime "${text}"`);
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  const frac = Number(`0.${m[7] ?? '0'}`) * 1000;
  const offset = (m[8] === '-' ? -1 : 1) * (+m[9]! * 3600 + +m[10]! * 60);
  return wall + Math.floor(frac) - offset * 1000;
}

/** The calendar date `YYYY-MM-DD` of `ms` in `zone`. */
function dateInZone(ms: number, zone: string): string {
  const offset = zone === 'UTC' ? 0 : Zone.load(zone).offset(Math.floor(ms / 1000));
  return new Date(ms + offset * 1000).toISOString().slice(0, 10);
}

function buildSchedule(config: CalendarEventSource): { schedule: Schedule; zone: string } {
  const zone = config.timezone !== undefined && config.timezone !== '' ? config.timezone : 'UTC';
  if (zone !== 'UTC') Zone.load(zone); // a bad zone fails the listener at start, as upstream
  if ((config.schedule ?? '') !== '') {
    const schedule = parseSchedule(config.schedule!, { defaultTimezone: zone });
    return { schedule, zone: schedule.timezone };
  }
  return { schedule: intervalSchedule(parseGoDuration(config.interval ?? '')), zone };
}

async function runCalendar(ctx: SourceContext<CalendarEventSource>): Promise<void> {
  const config = ctx.config;
  let built: { schedule: Schedule; zone: string };
  let excluded: Set<string>;
  try {
    built = buildSchedule(config);
    excluded = new Set(parseExclusionDates(config.exclusionDates ?? []));
  } catch (err: unknown) {
    throw new SourceError(
      `failed to load location for event source ${ctx.eventSourceName} / ${ctx.eventName}, , ${errorMessage(err)}`,
      {
        cause: err,
      },
    );
  }
  const { schedule, zone } = built;
  const metadata =
    config.metadata !== undefined && Object.keys(config.metadata).length > 0 ? config.metadata : undefined;
  const persistName = config.persistence?.configMap?.name;
  const key = `${ctx.eventSourceName}.${ctx.eventName}`;
  let kv: KvBucket | undefined;
  if (persistName !== undefined && persistName !== '')
    kv = await ctx.kv(persistName.replace(/[^-_a-zA-Z0-9]/g, '_'));
  else ctx.log.info('Persistence not enabled');

  let lastT = ctx.clock.now();
  if (kv !== undefined && config.persistence?.catchup?.enabled === true) {
    const stored = await kv.get(key);
    if (stored !== undefined) {
      const doc = JSON.parse(Buffer.from(stored).toString('utf8')) as { eventTime?: string };
      lastT = parseGoTimeString(doc.eventTime ?? '');
      const maxDuration = config.persistence.catchup.maxDuration;
      if (maxDuration !== undefined && maxDuration !== '') {
        const maxMs = Number(parseGoDuration(maxDuration)) / 1e6;
        if (ctx.clock.now() - lastT > maxMs) lastT = ctx.clock.now() - maxMs;
      }
      ctx.log.info({ lastEventTime: doc.eventTime }, 'catching up from the persisted event time');
    }
  }

  const next = (after: number): number | undefined => {
    let t = schedule.next(new Date(after));
    for (let guard = 0; guard < 10_000; guard++) {
      if (isZeroTime(t)) return undefined;
      // upstream compares (y, m, d) of the next time in the schedule's zone with the exclusion in UTC
      if (!excluded.has(dateInZone(t.getTime(), zone))) return t.getTime();
      t = schedule.next(t);
    }
    return undefined;
  };

  const send = async (eventTime: string): Promise<boolean> => {
    const data = `{"eventTime":${goString(eventTime)}${metadata === undefined ? '' : `,"metadata":${goMap(metadata)}`}}`;
    const started = ctx.clock.now();
    try {
      await ctx.emit(Buffer.from(data));
    } catch (err: unknown) {
      ctx.metrics.processingFailed();
      ctx.log.error({ err }, 'failed to dispatch calendar event');
      return false;
    } finally {
      ctx.metrics.observeDuration(ctx.clock.now() - started);
    }
    if (kv !== undefined) {
      try {
        await kv.put(key, data);
      } catch (err: unknown) {
        ctx.log.error({ err }, 'failed to persist the calendar event');
      }
    }
    return true;
  };

  ctx.ready();
  ctx.log.info({ schedule: config.schedule, interval: config.interval, timezone: zone }, 'calendar started');
  while (!ctx.signal.aborted) {
    const t = next(lastT);
    if (t === undefined) {
      ctx.log.info('the schedule has no further activation');
      await whenAborted(ctx.signal);
      return;
    }
    const now = ctx.clock.now();
    if (now > t) {
      // a slot missed while stopped (catch-up): fire it at once with the slot time in the zone
      const ok = await send(goTimeInZone(t, zone));
      if (!ok && kv !== undefined) {
        await sleep(100, ctx.signal, ctx.clock);
        continue;
      }
      lastT = t;
      continue;
    }
    await sleep(t - now, ctx.signal, ctx.clock);
    if (ctx.signal.aborted) return;
    const tx = ctx.clock.now();
    const ok = await send(goTimeInZone(tx, 'UTC'));
    if (!ok && kv !== undefined) {
      await sleep(100, ctx.signal, ctx.clock);
      continue;
    }
    // A timer can wake a little before its slot (timers and Date.now() are different clocks);
    // the slot has fired all the same, so the next one is searched after it, never before.
    lastT = Math.max(tx, t);
  }
}

export const calendarSource: SourceDriver<'calendar', CalendarEventSource> = {
  type: 'calendar',
  validate: validateCalendar,
  start: runCalendar,
};
