/**
 * Checks a calendar `schedule` the way upstream's parser does (robfig/cron v3 with fields
 * Minute|Hour|Dom|Month|Dow: exactly five fields, no descriptors, optional `TZ=`/`CRON_TZ=`
 * prefix), returning robfig's error text. Only validation lives here; computing activation
 * times belongs to the calendar source.
 */

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: ReadonlyMap<string, number>;
}

const MONTH_NAMES = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((n, i) => [
    n,
    i + 1,
  ]),
);
const DAY_NAMES = new Map(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((n, i) => [n, i]));

const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES },
  { min: 0, max: 6, names: DAY_NAMES },
];

/** Go's `strconv.Atoi` followed by robfig's non-negative check. */
function parseUint(expr: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(expr)) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  }
  const n = BigInt(expr);
  if (n > 9223372036854775807n || n < -9223372036854775808n) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`;
  }
  if (n < 0n) return `negative number (${n}) not allowed: ${expr}`;
  return Number(n);
}

function parseIntOrName(expr: string, names: ReadonlyMap<string, number> | undefined): number | string {
  const named = names?.get(expr.toLowerCase());
  return named ?? parseUint(expr);
}

/** robfig `getRange`: one comma-separated element of a field. Returns an error text or undefined. */
function checkRange(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    const s = parseIntOrName(lowAndHigh[0]!, r.names);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1]!, r.names);
      if (typeof e === 'string') return e;
      end = e;
    } else {
      return `too many hyphens: ${expr}`;
    }
  }
  let step: number;
  if (rangeAndStep.length === 1) {
    step = 1;
  } else if (rangeAndStep.length === 2) {
    const st = parseUint(rangeAndStep[1]!);
    if (typeof st === 'string') return st;
    step = st;
    if (lowAndHigh.length === 1) end = r.max; // "N/step" means "N-max/step"
  } else {
    return `too many slashes: ${expr}`;
  }
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** Whether `zone` is an IANA zone name the runtime knows (Go's `time.LoadLocation`). */
function isKnownZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Returns robfig's parse error for a five-field cron `spec`, or undefined when it parses. */
export function checkCronSpec(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    const eq = rest.indexOf('=');
    // upstream slices up to the first space; without one it panics — report the zone as bad
    const zone = space < 0 ? rest.slice(eq + 1) : rest.slice(eq + 1, space);
    if (space < 0 || !isKnownZone(zone)) return `provided bad location ${zone}: unknown time zone ${zone}`;
    rest = rest.slice(space).trim();
  }
  if (rest.startsWith('@')) return `parser does not accept descriptors: ${rest}`;
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== FIELDS.length) {
    return `expected exactly ${FIELDS.length} fields, found ${fields.length}: [${fields.join(' ')}]`;
  }
  for (const [i, field] of fields.entries()) {
    for (const expr of field.split(',').filter((e) => e !== '')) {
      const err = checkRange(expr, FIELDS[i]!);
      if (err !== undefined) return err;
    }
  }
  return undefined;
}
