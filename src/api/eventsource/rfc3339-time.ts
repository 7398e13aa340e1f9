/**
 * Kubernetes `metav1.Time` as Go decodes it: a JSON string in RFC 3339 (fractional seconds
 * allowed), parsed while decoding, so a malformed time makes the whole object undecodable
 * upstream. Used by the resource source's `filter.createdBy`.
 */
import { jsonTypeOf, type Codec } from '../schema.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Whether `text` is a valid RFC 3339 time, with the field ranges Go's `time.Parse` checks. */
export function isRFC3339Time(text: string): boolean {
  const m = RFC3339.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[8] !== 'Z' && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

/** A `metav1.Time` field: string in, string out, rejected at decode time when not RFC 3339. */
export const rfc3339Time = (): Codec<string> => ({
  expected: 'string',
  decode(v, path, ctx) {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'string') {
      ctx.errors.push({ path, message: `cannot decode ${jsonTypeOf(v)} as string` });
      return undefined;
    }
    if (!isRFC3339Time(v)) {
      ctx.errors.push({
        path,
        message: `parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": not an RFC 3339 time`,
      });
      return undefined;
    }
    return v;
  },
});
