/**
 * `log` trigger (upstream `pkg/sensors/triggers/log`, spec/triggers.md §6): one info line per
 * event of the firing, message = the event data as text, with `dependencyName` and the event
 * context as a string in upstream's format (`triggerType: "Log"` comes from the context's logger).
 *
 * Difference from upstream, on purpose: `intervalSeconds` works as documented (per trigger, a
 * firing less than that many seconds after the last logged one is not logged but still counts
 * as a success). Upstream builds a new log trigger per firing, so its interval never applies.
 */
import type { LogTrigger } from '../../api/sensor/index.js';
import type { Event } from '../../engine/event.js';
import type { TriggerDriver } from '../trigger-driver.js';

/**
 * Go's `time.Time.String()` in UTC for an RFC 3339 text: `2024-07-15 14:00:00.123456789 +0000 UTC`.
 * Unparsable or empty input gives Go's zero time.
 */
export function goTimeString(rfc3339: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$/.exec(rfc3339);
  if (m === null) return '0001-01-01 00:00:00 +0000 UTC';
  const whole = Date.parse(`${m[1]}T${m[2]}${m[4]!.toUpperCase()}`);
  if (Number.isNaN(whole)) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(whole).toISOString();
  const frac = (m[3] ?? '').slice(0, 9).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac === '' ? '' : `.${frac}`} +0000 UTC`;
}

/** Upstream's `eventContext` field: Go `%q`-style JSON with a space after each colon and comma. */
export function eventContextString(event: Event): string {
  const c = event.context;
  const q = (s: string): string => JSON.stringify(s);
  return (
    `{"id": ${q(c.id)}, "source": ${q(c.source)}, "specversion": ${q(c.specversion)}, "type": ${q(c.type)}, ` +
    `"datacontenttype": ${q(c.datacontenttype)}, "subject": ${q(c.subject)}, "time": ${q(goTimeString(c.time))}}`
  );
}

/** The data as text: as is for JSON/text media types, else base64 (upstream `DataString`). */
function dataString(event: Event): string {
  if (event.data === null) return '';
  const media = event.context.datacontenttype.split(';')[0]!.trim().toLowerCase();
  if (media === '' || media === 'application/json' || media === 'text/plain') return event.data;
  return Buffer.from(event.data, 'utf8').toString('base64');
}

export const logTrigger: TriggerDriver<'log', LogTrigger, LogTrigger, void> = {
  type: 'log',
  fetchResource: (_ctx, spec) => Promise.resolve(spec),
  applyParameters: (_ctx, resource) => resource,
  execute(ctx, resource, events) {
    const intervalMs = Math.max(0, resource.intervalSeconds ?? 0) * 1000;
    if (intervalMs > 0) {
      const last = ctx.memo('log.lastLogged', () => ({ at: Number.NEGATIVE_INFINITY }));
      const now = ctx.clock.now();
      if (now - last.at < intervalMs) return Promise.resolve();
      last.at = now;
    }
    for (const [dependencyName, event] of Object.entries(events)) {
      ctx.log.info({ dependencyName, eventContext: eventContextString(event) }, dataString(event));
    }
    return Promise.resolve();
  },
  applyPolicy: () => Promise.resolve(),
};
