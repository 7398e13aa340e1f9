/**
 * `filters.time` (`filters.md` §7): `start` inclusive, `stop` exclusive, on the calendar date of the
 * event's `time` in the filter's zone; a window with stop < start wraps midnight. Uses the event
 * time, never the clock.
 */
import type { TimeFilter } from '../../api/sensor/index.js';
import { Zone } from '../../kernels/go/zone.js';
import { eventTimeMs, type Event } from '../event.js';
import { errMsg, type KindVerdict } from './verdict.js';

function pad(x: number): string {
  return String(x).padStart(2, '0');
}

interface ClockTime {
  readonly h: number;
  readonly m: number;
  readonly s: number;
  readonly ms: number;
}

/** Go's `time.Parse("15:04:05")` grammar: hour 1–2 digits, minutes and seconds 2, optional fraction. */
function parseClock(text: string, date: string): ClockTime {
  const m = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text);
  const layout = '2006-01-02 15:04:05';
  if (m === null)
    throw new Error(
      `parsing time ${JSON.stringify(`${date} ${text}`)} as ${JSON.stringify(layout)}: cannot parse`,
    );
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3]);
  if (h > 23) throw new Error(`parsing time ${JSON.stringify(`${date} ${text}`)}: hour out of range`);
  if (min > 59) throw new Error(`parsing time ${JSON.stringify(`${date} ${text}`)}: minute out of range`);
  if (s > 59) throw new Error(`parsing time ${JSON.stringify(`${date} ${text}`)}: second out of range`);
  const ms = m[4] === undefined ? 0 : Math.floor(Number(`0.${m[4]}`) * 1000);
  return { h, m: min, s, ms };
}

/** Evaluates a time filter against the event time. */
export function evaluateTimeFilter(filter: TimeFilter | undefined, event: Event): KindVerdict {
  if (filter === undefined) return { pass: true, reasons: [] };
  const zone = filter.timezone ?? '';
  const t = eventTimeMs(event) ?? Date.parse('0001-01-01T00:00:00Z');
  const fail = (msg: string): KindVerdict => {
    const error = errMsg('time', msg);
    return { pass: false, error, reasons: [`time: error: ${msg}`] };
  };
  let loc: Zone;
  try {
    loc = Zone.load(zone);
  } catch (err) {
    return fail(`invalid timezone '${zone}': ${err instanceof Error ? err.message : String(err)}`);
  }
  // Go: the event's calendar date in the zone, then time.ParseInLocation of "<date> <hh:mm:ss>"
  const sec = Math.floor(t / 1000);
  const wall = loc.fields(sec);
  const date = `${String(wall.year).padStart(4, '0')}-${pad(wall.month)}-${pad(wall.day)}`;
  let start: ClockTime;
  let stop: ClockTime;
  try {
    start = parseClock(filter.start ?? '', date);
    stop = parseClock(filter.stop ?? '', date);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const S = loc.date(wall.year, wall.month, wall.day, start.h, start.m, start.s) * 1000 + start.ms;
  const E = loc.date(wall.year, wall.month, wall.day, stop.h, stop.m, stop.s) * 1000 + stop.ms;
  const pass = S < E ? t >= S && t < E : t >= S || t < E;
  const when = new Date(t).toISOString();
  const window = `[${filter.start ?? ''}, ${filter.stop ?? ''}) ${zone === '' ? 'UTC' : zone}`;
  return {
    pass,
    reasons: [
      `time: event time ${when} (${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)} local) ${pass ? 'is' : 'is not'} in ${window}: ${pass ? 'passes' : 'fails'}`,
    ],
  };
}
