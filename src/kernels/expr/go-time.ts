/**
 * govaluate turns a string literal into a time when Go's `time.ParseInLocation` accepts it
 * with one of 14 layouts (govaluate `tryParseTime`). This is Go's parser restricted to the
 * elements those layouts use, working on UTF-8 bytes as Go does. The local zone is UTC
 * (as in upstream's containers).
 */
import { daysFromCivil } from '../go/zone.js';

/** A parsed time: its Unix seconds (what govaluate uses) and Go's `%v` text (used in messages). */
export interface GoTime {
  readonly unix: number;
  readonly text: string;
}

type Elem =
  | 'weekday'
  | 'month'
  | 'underDay'
  | 'zeroDay'
  | 'zeroMonth'
  | 'hour'
  | 'hour12'
  | 'zeroMinute'
  | 'zeroSecond'
  | 'longYear'
  | 'pm'
  | 'tz'
  | 'numTZ'
  | 'numColonTZ'
  | 'isoTZ'
  | 'isoColonTZ'
  | 'frac9'
  | { lit: string };

const ymd: Elem[] = ['longYear', { lit: '-' }, 'zeroMonth', { lit: '-' }, 'zeroDay'];
const hms: Elem[] = ['hour', { lit: ':' }, 'zeroMinute', { lit: ':' }, 'zeroSecond'];

// Layouts in govaluate's order: ANSIC, UnixDate, RubyDate, Kitchen, RFC3339, RFC3339Nano, then its own.
const layouts: Elem[][] = [
  [
    'weekday',
    { lit: ' ' },
    'month',
    { lit: ' ' },
    'underDay',
    { lit: ' ' },
    ...hms,
    { lit: ' ' },
    'longYear',
  ],
  [
    'weekday',
    { lit: ' ' },
    'month',
    { lit: ' ' },
    'underDay',
    { lit: ' ' },
    ...hms,
    { lit: ' ' },
    'tz',
    { lit: ' ' },
    'longYear',
  ],
  [
    'weekday',
    { lit: ' ' },
    'month',
    { lit: ' ' },
    'zeroDay',
    { lit: ' ' },
    ...hms,
    { lit: ' ' },
    'numTZ',
    { lit: ' ' },
    'longYear',
  ],
  ['hour12', { lit: ':' }, 'zeroMinute', 'pm'],
  [...ymd, { lit: 'T' }, ...hms, 'isoColonTZ'],
  [...ymd, { lit: 'T' }, ...hms, 'frac9', 'isoColonTZ'],
  [...ymd],
  [...ymd, { lit: ' ' }, 'hour', { lit: ':' }, 'zeroMinute'],
  [...ymd, { lit: ' ' }, ...hms],
  [...ymd, { lit: ' ' }, ...hms, 'numColonTZ'],
  [...ymd, { lit: 'T' }, 'hour', 'isoTZ'],
  [...ymd, { lit: 'T' }, 'hour', { lit: ':' }, 'zeroMinute', 'isoTZ'],
  [...ymd, { lit: 'T' }, ...hms, 'isoTZ'],
  [...ymd, { lit: 'T' }, ...hms, 'frac9', 'isoTZ'],
];

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const SP = 0x20;

function isDigit(b: Uint8Array, i: number): boolean {
  const c = b[i];
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function cutspace(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === SP) i++;
  return b.subarray(i);
}

/** Go `getnum`: one or two digits (exactly two when fixed). */
function getnum(b: Uint8Array, fixed: boolean): [number, Uint8Array] | undefined {
  if (!isDigit(b, 0)) return undefined;
  if (!isDigit(b, 1)) {
    if (fixed) return undefined;
    return [b[0]! - 0x30, b.subarray(1)];
  }
  return [(b[0]! - 0x30) * 10 + (b[1]! - 0x30), b.subarray(2)];
}

/** Go `match`: ASCII case-insensitive. */
function matchFold(b: Uint8Array, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    let c1 = b[i]!;
    let c2 = word.charCodeAt(i);
    if (c1 !== c2) {
      c1 |= 0x20;
      c2 |= 0x20;
      if (c1 !== c2 || c1 < 0x61 || c1 > 0x7a) return false;
    }
  }
  return true;
}

function lookup(tab: string[], b: Uint8Array): [number, Uint8Array] | undefined {
  for (let i = 0; i < tab.length; i++) {
    const w = tab[i]!;
    if (b.length >= w.length && matchFold(b, w)) return [i, b.subarray(w.length)];
  }
  return undefined;
}

function leadingInt(b: Uint8Array): [number, Uint8Array] {
  let i = 0;
  let x = 0;
  while (i < b.length && isDigit(b, i)) {
    x = x * 10 + (b[i]! - 0x30);
    i++;
  }
  return [x, b.subarray(i)];
}

function parseSignedOffset(b: Uint8Array): number {
  if (b[0] !== 0x2b && b[0] !== 0x2d) return 0;
  const rest = b.subarray(1);
  const [x, rem] = leadingInt(rest);
  if (rem.length === rest.length || x > 23) return 0;
  return b.length - rem.length;
}

function parseTimeZone(b: Uint8Array): number {
  if (b.length < 3) return 0;
  const head = String.fromCharCode(...b.subarray(0, 4));
  if (b.length >= 4 && (head === 'ChST' || head === 'MeST')) return 4;
  if (head.startsWith('GMT')) return 3 + (b.length === 3 ? 0 : parseSignedOffset(b.subarray(3)));
  if (b[0] === 0x2b || b[0] === 0x2d) return parseSignedOffset(b);
  let n = 0;
  while (n < 6 && n < b.length && b[n]! >= 0x41 && b[n]! <= 0x5a) n++;
  if (n === 5) return b[4] === 0x54 ? 5 : 0;
  if (n === 4) return b[3] === 0x54 || head === 'WITA' ? 4 : 0;
  if (n === 3) return 3;
  return 0;
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysIn(m: number, y: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;
}

function pad(n: number, w: number): string {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? `-${s}` : s;
}

/** Go's `Time.String()` without the monotonic part: `2006-01-02 15:04:05.999999999 -0700 MST`. */
function formatGoTime(unix: number, nsec: number, offset: number, zoneName: string): string {
  const local = unix + offset;
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const d = new Date(0);
  d.setUTCFullYear(1970, 0, 1 + days);
  let frac = '';
  if (nsec !== 0) frac = '.' + String(nsec).padStart(9, '0').replace(/0+$/, '');
  const off = Math.trunc(offset / 60);
  const offText = `${off < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(off) / 60), 2)}${pad(Math.abs(off) % 60, 2)}`;
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}${frac} ` +
    `${offText} ${zoneName === '' ? offText : zoneName}`
  );
}

function nextElem(layout: Elem[], i: number): Elem | undefined {
  for (let j = i; j < layout.length; j++) {
    const e = layout[j]!;
    if (typeof e === 'string') return e;
  }
  return undefined;
}

function parseNanoseconds(b: Uint8Array, nbytes: number): number {
  const n = Math.min(nbytes, 10);
  let ns = 0;
  for (let i = 1; i < n; i++) ns = ns * 10 + (b[i]! - 0x30);
  for (let i = 0; i < 10 - n; i++) ns *= 10;
  return ns;
}

function parseWith(layout: Elem[], input: Uint8Array): GoTime | undefined {
  let v = input;
  let year = 0;
  let month = -1;
  let day = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pm = false;
  let am = false;
  let utc = false;
  let zoneOffset: number | undefined;
  let zoneName = '';
  for (let i = 0; i < layout.length; i++) {
    const e = layout[i]!;
    if (typeof e !== 'string') {
      // Go `skip`: a space in the layout matches any run of spaces.
      let p = e.lit;
      while (p.length > 0) {
        if (p.charCodeAt(0) === SP) {
          if (v.length > 0 && v[0] !== SP) return undefined;
          p = p.replace(/^ +/, '');
          v = cutspace(v);
          continue;
        }
        if (v.length === 0 || v[0] !== p.charCodeAt(0)) return undefined;
        p = p.slice(1);
        v = v.subarray(1);
      }
      continue;
    }
    let r: [number, Uint8Array] | undefined;
    switch (e) {
      case 'longYear':
        if (v.length < 4 || !isDigit(v, 0)) return undefined;
        for (let k = 1; k < 4; k++) if (!isDigit(v, k)) return undefined;
        year = Number(String.fromCharCode(...v.subarray(0, 4)));
        v = v.subarray(4);
        break;
      case 'month':
        r = lookup(shortMonths, v);
        if (r === undefined) return undefined;
        month = r[0] + 1;
        v = r[1];
        break;
      case 'zeroMonth':
        r = getnum(v, true);
        if (r === undefined || r[0] <= 0 || r[0] > 12) return undefined;
        [month, v] = r;
        break;
      case 'weekday':
        r = lookup(shortDays, v);
        if (r === undefined) return undefined;
        v = r[1];
        break;
      case 'underDay':
      case 'zeroDay':
        if (e === 'underDay' && v.length > 0 && v[0] === SP) v = v.subarray(1);
        r = getnum(v, e === 'zeroDay');
        if (r === undefined) return undefined;
        [day, v] = r;
        break;
      case 'hour':
        r = getnum(v, false);
        if (r === undefined || r[0] >= 24) return undefined;
        [hour, v] = r;
        break;
      case 'hour12':
        r = getnum(v, false);
        if (r === undefined || r[0] > 12) return undefined;
        [hour, v] = r;
        break;
      case 'zeroMinute':
        r = getnum(v, true);
        if (r === undefined || r[0] >= 60) return undefined;
        [min, v] = r;
        break;
      case 'zeroSecond': {
        r = getnum(v, true);
        if (r === undefined || r[0] >= 60) return undefined;
        [sec, v] = r;
        if (v.length >= 2 && (v[0] === 0x2e || v[0] === 0x2c) && isDigit(v, 1)) {
          if (nextElem(layout, i + 1) === 'frac9') break;
          let n = 2;
          while (n < v.length && isDigit(v, n)) n++;
          nsec = parseNanoseconds(v, n);
          v = v.subarray(n);
        }
        break;
      }
      case 'frac9': {
        if (v.length < 2 || (v[0] !== 0x2e && v[0] !== 0x2c) || !isDigit(v, 1)) break;
        let k = 0;
        while (k < 9 && k + 1 < v.length && isDigit(v, k + 1)) k++;
        nsec = parseNanoseconds(v, 1 + k);
        v = v.subarray(1 + k);
        break;
      }
      case 'pm': {
        if (v.length < 2) return undefined;
        const p = String.fromCharCode(v[0]!, v[1]!);
        if (p === 'PM') pm = true;
        else if (p === 'AM') am = true;
        else return undefined;
        v = v.subarray(2);
        break;
      }
      case 'isoTZ':
      case 'isoColonTZ':
      case 'numTZ':
      case 'numColonTZ': {
        if ((e === 'isoTZ' || e === 'isoColonTZ') && v.length >= 1 && v[0] === 0x5a) {
          v = v.subarray(1);
          utc = true;
          break;
        }
        let sign: number;
        let hh: Uint8Array;
        let mm: Uint8Array;
        if (e === 'isoColonTZ' || e === 'numColonTZ') {
          if (v.length < 6 || v[3] !== 0x3a) return undefined;
          [sign, hh, mm, v] = [v[0]!, v.subarray(1, 3), v.subarray(4, 6), v.subarray(6)];
        } else {
          if (v.length < 5) return undefined;
          [sign, hh, mm, v] = [v[0]!, v.subarray(1, 3), v.subarray(3, 5), v.subarray(5)];
        }
        const h = getnum(hh, true);
        const m = getnum(mm, true);
        if (h === undefined || m === undefined) return undefined;
        zoneOffset = (h[0] * 60 + m[0]) * 60;
        if (sign === 0x2d) zoneOffset = -zoneOffset;
        else if (sign !== 0x2b) return undefined;
        break;
      }
      case 'tz': {
        if (v.length >= 3 && v[0] === 0x55 && v[1] === 0x54 && v[2] === 0x43) {
          utc = true;
          v = v.subarray(3);
          break;
        }
        const n = parseTimeZone(v);
        if (n === 0) return undefined;
        zoneName = String.fromCharCode(...v.subarray(0, n));
        v = v.subarray(n);
        break;
      }
    }
  }
  if (v.length !== 0) return undefined;
  if (pm && hour < 12) hour += 12;
  else if (am && hour === 12) hour = 0;
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysIn(month, year)) return undefined;
  const wall = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
  if (utc) return { unix: wall, text: formatGoTime(wall, nsec, 0, 'UTC') };
  if (zoneOffset !== undefined) {
    const unix = wall - zoneOffset;
    return { unix, text: formatGoTime(unix, nsec, zoneOffset, zoneOffset === 0 ? 'UTC' : '') };
  }
  if (zoneName !== '') {
    // An unknown abbreviation gets a fake zone without moving the instant (Go's rule).
    const offset = zoneName.startsWith('GMT') && zoneName.length > 3 ? Number(zoneName.slice(3)) * 3600 : 0;
    return { unix: wall, text: formatGoTime(wall, nsec, offset, zoneName) };
  }
  return { unix: wall, text: formatGoTime(wall, nsec, 0, 'UTC') };
}

const encoder = new TextEncoder();

/** govaluate `tryParseTime`: the first layout that parses wins. */
export function tryParseGoTime(candidate: string): GoTime | undefined {
  const bytes = encoder.encode(candidate);
  for (const layout of layouts) {
    const t = parseWith(layout, bytes);
    if (t !== undefined) return t;
  }
  return undefined;
}
