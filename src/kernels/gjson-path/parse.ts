/**
 * gjson `Parse` and `parseAny`: the first value of a text, or the next value at a position,
 * without validation.
 */
import { Result } from './result.js';
import { parseGoFloat } from '../go/strconv.js';
import {
  literalEnd,
  parseNumberEnd,
  parseSquashEnd,
  parseString,
  tonumEnd,
  tostr,
  unescape,
} from './scan.js';
import type { StringScan } from './scan.js';

/** Fills `r` with the string scanned by `sc` (raw slice, decoded text, view offset). */
export function setString(r: Result, json: string, sc: StringScan): void {
  const raw = json.slice(sc.rawStart, sc.end);
  r.str = sc.esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1);
  r.raw = raw;
  r.type = 'String';
  r.v = sc.rawStart;
}

/** Outcome of {@link parseAny}. */
export interface AnyScan {
  end: number;
  res: Result;
}

/** gjson `parseAny(json, i, hit)`: the next value at or after `i`; undefined when there is none. */
export function parseAny(json: string, i: number, hit: boolean): AnyScan | undefined {
  const res = new Result();
  const len = json.length;
  for (; i < len; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 123 || ch === 91) {
      const end = parseSquashEnd(json, i);
      if (hit) {
        res.raw = json.slice(i, end);
        res.type = 'JSON';
        res.index = i;
        res.v = i;
      }
      return { end, res };
    }
    if (ch <= 32) continue;
    let num = false;
    switch (ch) {
      case 34: {
        const sc = parseString(json, i + 1, { end: 0, rawStart: 0, esc: false, ok: false });
        if (!sc.ok) return undefined;
        if (hit) setString(res, json, sc);
        return { end: sc.end, res };
      }
      case 110:
        if (i + 1 < len && json.charCodeAt(i + 1) !== 117) {
          num = true;
          break;
        }
      // falls through
      case 116:
      case 102: {
        const end = literalEnd(json, i);
        if (hit) {
          res.raw = json.slice(i, end);
          res.v = i;
          if (ch === 116) res.type = 'True';
          else if (ch === 102) res.type = 'False';
          return { end, res };
        }
        i = end;
        break;
      }
      case 43:
      case 45:
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
      case 56:
      case 57:
      case 105:
      case 73:
      case 78:
        num = true;
        break;
    }
    if (num) {
      const end = parseNumberEnd(json, i);
      if (hit) {
        res.raw = json.slice(i, end);
        res.type = 'Number';
        res.num = parseGoFloat(res.raw);
        res.v = i;
      }
      return { end, res };
    }
  }
  return undefined;
}

/** gjson `Parse`: the first value of `json` (no validation). */
export function parse(json: string): Result {
  const value = new Result();
  let i = 0;
  const len = json.length;
  for (; i < len; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 123 || ch === 91) {
      value.type = 'JSON';
      value.raw = i === 0 ? json : json.slice(i);
      break;
    }
    if (ch <= 32) continue;
    switch (ch) {
      case 43:
      case 45:
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
      case 56:
      case 57:
      case 105:
      case 73:
      case 78:
        value.type = 'Number';
        value.raw = json.slice(i, tonumEnd(json, i));
        value.num = parseGoFloat(value.raw);
        break;
      case 110:
        if (i + 1 < len && json.charCodeAt(i + 1) !== 117) {
          value.type = 'Number';
          value.raw = json.slice(i, tonumEnd(json, i));
          value.num = parseGoFloat(value.raw);
        } else value.raw = json.slice(i, literalEnd(json, i));
        break;
      case 116:
        value.type = 'True';
        value.raw = json.slice(i, literalEnd(json, i));
        break;
      case 102:
        value.type = 'False';
        value.raw = json.slice(i, literalEnd(json, i));
        break;
      case 34: {
        const s = tostr(json, i);
        value.type = 'String';
        value.raw = json.slice(i, s.end);
        value.str = s.str;
        break;
      }
      default:
        return new Result();
    }
    break;
  }
  if (value.exists()) {
    value.index = i;
    value.v = i;
  }
  return value;
}
