/**
 * robfig/cron v3 spec parsing (parser.go), ported with its error messages: fields, ranges,
 * steps, names, `?`, `TZ=`/`CRON_TZ=` prefixes and descriptors (`@daily`, `@every 1h30m`).
 */
import { ExpressionError } from '../../shared/errors.js';
import { formatGoDuration, parseGoDuration } from '../duration.js';
import { quoteGoLiteral } from '../go/strconv.js';

/** Which fields a parser expects (robfig ParseOption). */
export interface ParseOptions {
  second: boolean;
  secondOptional: boolean;
  minute: boolean;
  hour: boolean;
  dom: boolean;
  month: boolean;
  dow: boolean;
  dowOptional: boolean;
  descriptor: boolean;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const bounds = {
  seconds: { min: 0, max: 59 },
  minutes: { min: 0, max: 59 },
  hours: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  months: {
    min: 1,
    max: 12,
    names: {
      jan: 1,
      feb: 2,
      mar: 3,
      apr: 4,
      may: 5,
      jun: 6,
      jul: 7,
      aug: 8,
      sep: 9,
      oct: 10,
      nov: 11,
      dec: 12,
    },
  },
  dow: { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
} satisfies Record<string, Bounds>;

export const starBit = 1n << 63n;
const maxU64 = (1n << 64n) - 1n;

/** A field set: bit i set when value i matches; bit 63 when the field was `*` or `?`. */
export interface SpecFields {
  second: bigint;
  minute: bigint;
  hour: bigint;
  dom: bigint;
  month: bigint;
  dow: bigint;
}

export type ParsedSpec =
  | { kind: 'spec'; fields: SpecFields; zone: string | undefined }
  | { kind: 'every'; delayNs: bigint; zone: string | undefined };

function fail(message: string): never {
  throw new ExpressionError(message);
}

/** Go `strconv.Atoi` (64-bit int). */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s))
    fail(`failed to parse int from ${s}: strconv.Atoi: parsing ${quoteGoLiteral(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > (1n << 63n) - 1n || n < -(1n << 63n)) {
    fail(`failed to parse int from ${s}: strconv.Atoi: parsing ${quoteGoLiteral(s)}: value out of range`);
  }
  return Number(n);
}

function mustParseInt(expr: string): number {
  const num = atoi(expr);
  if (num < 0) fail(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  if (names !== undefined) {
    const v = names[expr.toLowerCase()];
    if (v !== undefined && Object.hasOwn(names, expr.toLowerCase())) return v;
  }
  return mustParseInt(expr);
}

function getBits(min: number, max: number, step: number): bigint {
  if (step === 1) return ~(maxU64 << BigInt(max + 1)) & (maxU64 << BigInt(min)) & maxU64;
  let bits = 0n;
  for (let i = min; i <= max; i += step) bits |= 1n << BigInt(i);
  return bits;
}

function all(r: Bounds): bigint {
  return getBits(r.min, r.max, 1) | starBit;
}

function getRange(expr: string, r: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let step: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    extra = starBit;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else fail(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 1) {
    step = 1;
  } else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    if (singleDigit) end = r.max;
    if (step > 1) extra = 0n;
  } else {
    fail(`too many slashes: ${expr}`);
  }
  if (start < r.min) fail(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) fail(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) fail(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) fail(`step of range should be a positive number: ${expr}`);
  return getBits(start, end, step) | extra;
}

function getField(field: string, r: Bounds): bigint {
  let bits = 0n;
  for (const expr of field.split(',')) {
    if (expr === '') continue; // strings.FieldsFunc drops empty pieces
    bits |= getRange(expr, r);
  }
  return bits;
}

const defaults = ['0', '0', '0', '*', '*', '*'];

function normalizeFields(fields: string[], o: ParseOptions): string[] {
  let optionals = 0;
  const places = [o.second, o.minute, o.hour, o.dom, o.month, o.dow];
  if (o.secondOptional) {
    places[0] = true;
    optionals++;
  }
  if (o.dowOptional) {
    places[5] = true;
    optionals++;
  }
  if (optionals > 1) fail('multiple optionals may not be configured');
  const max = places.filter(Boolean).length;
  const min = max - optionals;
  const count = fields.length;
  if (count < min || count > max) {
    if (min === max) fail(`expected exactly ${min} fields, found ${count}: [${fields.join(' ')}]`);
    fail(`expected ${min} to ${max} fields, found ${count}: [${fields.join(' ')}]`);
  }
  if (min < max && count === min) {
    if (o.dowOptional) fields = [...fields, defaults[5]!];
    else if (o.secondOptional) fields = [defaults[0]!, ...fields];
  }
  const expanded = [...defaults];
  let n = 0;
  places.forEach((on, i) => {
    if (on) expanded[i] = fields[n++]!;
  });
  return expanded;
}

const goSpaceClass =
  '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
/** Go `unicode.IsSpace` runs (strings.Fields / strings.TrimSpace). */
const goSpace = new RegExp(`${goSpaceClass}+`);
const goTrim = new RegExp(`^${goSpaceClass}+|${goSpaceClass}+$`, 'g');

function parseDescriptor(descriptor: string, zone: string | undefined): ParsedSpec {
  const one = (r: Bounds): bigint => 1n << BigInt(r.min);
  const spec = (f: SpecFields): ParsedSpec => ({ kind: 'spec', fields: f, zone });
  const b = bounds;
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return spec({
        second: one(b.seconds),
        minute: one(b.minutes),
        hour: one(b.hours),
        dom: one(b.dom),
        month: one(b.months),
        dow: all(b.dow),
      });
    case '@monthly':
      return spec({
        second: one(b.seconds),
        minute: one(b.minutes),
        hour: one(b.hours),
        dom: one(b.dom),
        month: all(b.months),
        dow: all(b.dow),
      });
    case '@weekly':
      return spec({
        second: one(b.seconds),
        minute: one(b.minutes),
        hour: one(b.hours),
        dom: all(b.dom),
        month: all(b.months),
        dow: one(b.dow),
      });
    case '@daily':
    case '@midnight':
      return spec({
        second: one(b.seconds),
        minute: one(b.minutes),
        hour: one(b.hours),
        dom: all(b.dom),
        month: all(b.months),
        dow: all(b.dow),
      });
    case '@hourly':
      return spec({
        second: one(b.seconds),
        minute: one(b.minutes),
        hour: all(b.hours),
        dom: all(b.dom),
        month: all(b.months),
        dow: all(b.dow),
      });
    default:
  }
  if (descriptor.startsWith('@every ')) {
    let d: bigint;
    try {
      d = parseGoDuration(descriptor.slice('@every '.length));
    } catch (e) {
      fail(`failed to parse duration ${descriptor}: ${(e as Error).message}`);
    }
    // robfig Every(): at least one second, whole seconds only.
    if (d < 1_000_000_000n) d = 1_000_000_000n;
    return { kind: 'every', delayNs: d - (d % 1_000_000_000n), zone };
  }
  fail(`unrecognized descriptor: ${descriptor}`);
}

/**
 * robfig `Parser.Parse`. The zone of a `TZ=`/`CRON_TZ=` prefix is returned by name (checked
 * by the caller, which owns zone loading); `undefined` means "the zone of the time given to next".
 * @throws ExpressionError with robfig's message.
 */
export function parseCronSpec(spec: string, o: ParseOptions, checkZone: (name: string) => void): ParsedSpec {
  if (spec.length === 0) fail('empty spec string');
  let zone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    // Go slices spec[eq+1:i] and panics when there is no space.
    if (i < 0) fail(`panic: runtime error: slice bounds out of range [:-1]`);
    zone = spec.slice(eq + 1, i);
    try {
      checkZone(zone);
    } catch (e) {
      fail(`provided bad location ${zone}: ${(e as Error).message}`);
    }
    spec = spec.slice(i).replace(goTrim, '');
  }
  if (spec.startsWith('@')) {
    if (!o.descriptor) fail(`parser does not accept descriptors: ${spec}`);
    return parseDescriptor(spec, zone);
  }
  const fields = normalizeFields(
    spec.split(goSpace).filter((f) => f !== ''),
    o,
  );
  return {
    kind: 'spec',
    zone,
    fields: {
      second: getField(fields[0]!, bounds.seconds),
      minute: getField(fields[1]!, bounds.minutes),
      hour: getField(fields[2]!, bounds.hours),
      dom: getField(fields[3]!, bounds.dom),
      month: getField(fields[4]!, bounds.months),
      dow: getField(fields[5]!, bounds.dow),
    },
  };
}

/** `%v` of a ConstantDelaySchedule, as upstream's prevCronTime error prints it. */
export function formatEvery(delayNs: bigint): string {
  return `{${formatGoDuration(delayNs)}}`;
}
