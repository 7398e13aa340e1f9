/**
 * gjson's query comparison (`#(path op value)`): string, number and boolean comparisons,
 * `%`/`!%` wildcard likes, and the `~` truthiness classes (gjson 1.17+ or 1.14 rules).
 */
import { Result } from './result.js';
import { parseGoFloat } from '../go/strconv.js';
import { matchLimit } from './match.js';
import { compareGo } from './scan.js';
import type { ArrPath } from './path.js';
import { rules } from './rules.js';

/** gjson 1.17 `~` classes: whether `value` is true-ish, false-ish, null-ish or present. */
function tildeClass(name: string, value: Result): boolean | undefined {
  switch (name) {
    case '*':
      return value.exists();
    case 'null':
      return value.type === 'Null';
    case 'true':
    case 'false': {
      const want = name === 'true';
      switch (value.type) {
        case 'True':
          return want;
        case 'False':
        case 'Null':
          return !want;
        case 'String': {
          const s = value.str.toLowerCase();
          if (s === '1' || s === 't' || s === 'true') return want;
          if (s === '0' || s === 'f' || s === 'false') return !want;
          return false; // neither: not true-ish and not false-ish
        }
        case 'Number':
          return want ? value.num !== 0 : value.num === 0;
        default:
          return false;
      }
    }
    default:
      return undefined;
  }
}

/** gjson `queryMatches`: whether one element's value satisfies a `#(...)` query. */
export function queryMatches(rp: ArrPath, value: Result): boolean {
  let rpv = rp.qvalue;
  if (rpv.length > 0 && rpv.charCodeAt(0) === 126) {
    // `~` compares the truthiness of the value
    rpv = rpv.slice(1);
    if (rules.v114) {
      const b = value.bool();
      value = new Result();
      value.type = b ? 'True' : 'False';
    } else {
      const ish = tildeClass(rpv, value);
      value = new Result();
      if (ish === undefined) rpv = '';
      else {
        rpv = 'true';
        value.type = ish ? 'True' : 'False';
      }
    }
  }
  if (!value.exists()) return false;
  const op = rp.qop;
  if (op === '') return true;
  switch (value.type) {
    case 'String': {
      const s = value.str;
      switch (op) {
        case '=':
          return s === rpv;
        case '!=':
          return s !== rpv;
        case '<':
          return compareGo(s, rpv) < 0;
        case '<=':
          return compareGo(s, rpv) <= 0;
        case '>':
          return compareGo(s, rpv) > 0;
        case '>=':
          return compareGo(s, rpv) >= 0;
        case '%':
          return matchLimit(s, rpv);
        case '!%':
          return !matchLimit(s, rpv);
      }
      return false;
    }
    case 'Number': {
      const n = parseGoFloat(rpv);
      switch (op) {
        case '=':
          return value.num === n;
        case '!=':
          return value.num !== n;
        case '<':
          return value.num < n;
        case '<=':
          return value.num <= n;
        case '>':
          return value.num > n;
        case '>=':
          return value.num >= n;
      }
      return false;
    }
    case 'True':
      switch (op) {
        case '=':
          return rpv === 'true';
        case '!=':
          return rpv !== 'true';
        case '>':
          return rpv === 'false';
        case '>=':
          return true;
      }
      return false;
    case 'False':
      switch (op) {
        case '=':
          return rpv === 'false';
        case '!=':
          return rpv !== 'false';
        case '<':
          return rpv === 'true';
        case '<=':
          return true;
      }
      return false;
  }
  return false;
}
