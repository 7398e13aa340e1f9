/** Go's `time.RFC3339Nano` in UTC, shared by log lines and CloudEvent `time`. Pure. */

let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * Formats an instant like Go's `time.RFC3339Nano` in UTC: trailing fractional zeros removed,
 * no fraction when zero. `extraNanos` (0–999999) adds sub-millisecond precision. The
 * `YYYY-MM-DDTHH:MM:SS` part is cached per second (log lines and events ask many times a second).
 */
export function formatRfc3339Nano(ms: number, extraNanos = 0): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19); // 2024-05-01T10:00:00
    cachedSecond = second;
  }
  const nanos = (ms - second * 1000) * 1_000_000 + extraNanos;
  if (nanos === 0) return `${cachedPrefix}Z`;
  let frac = String(Math.round(nanos)).padStart(9, '0');
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  return `${cachedPrefix}.${frac}Z`;
}
