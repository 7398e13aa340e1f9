/**
 * gjson's `Result`: what a path read returns. Field names and reading rules follow
 * tidwall/gjson 1.14.4 (`Result.String()`, `Bool()`, `Int()`, `Float()`, `Value()`, ...),
 * because filters and trigger parameters compare and print values exactly this way.
 */
import { formatGoFloat, parseGoFloat } from '../go/strconv.js';
import { compareGo, literalEnd, squashEnd, tonumEnd, tostr, parseString, unescape } from './scan.js';
import type { StringScan } from './scan.js';
import { getFrom } from './get.js';
import { parseAny } from './parse.js';

/** The kind of a JSON value, named as in gjson. */
export type ResultType = 'Null' | 'False' | 'Number' | 'String' | 'True' | 'JSON';

const TYPE_ORDER: Record<ResultType, number> = { Null: 0, False: 1, Number: 2, String: 3, True: 4, JSON: 5 };

const MIN_INT64 = -(2n ** 63n);

/** Go `parseInt` from gjson: optional `-` then digits only; int64 arithmetic wraps. */
function parseInt64(s: string): bigint | undefined {
  let i = 0;
  let sign = false;
  if (s.length > 0 && s.charCodeAt(0) === 45) {
    sign = true;
    i++;
  }
  if (i === s.length) return undefined;
  let n = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = BigInt.asIntN(64, n * 10n + BigInt(c - 48));
  }
  return sign ? BigInt.asIntN(64, -n) : n;
}

/** Go `int64(f)` on amd64: truncation, or the minimum int64 when out of range. */
function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** One value found in a JSON document, or nothing (`exists()` false). */
export class Result {
  /** The JSON type. A missing value has type `Null` and an empty `raw`. */
  type: ResultType = 'Null';
  /** The value's JSON text as it appears in the document (empty for missing values). */
  raw = '';
  /** For strings: the decoded text. */
  str = '';
  /** For numbers: the value (Go `ParseFloat` of `raw`). */
  num = 0;
  /**
   * Position of `raw` in the document, 0 when unknown. Counted in UTF-16 code units
   * (gjson counts bytes; the two agree for ASCII documents).
   */
  index = 0;
  /** For `#`-paths and `#(...)#` queries: the positions of every element found. */
  indexes: number[] | undefined = undefined;
  /**
   * @internal Offset of `raw` inside the text the producing read looked at, or -1 when
   * `raw` was built (counts, multipaths, modifiers). Mirrors gjson's pointer arithmetic.
   */
  v = -1;

  /** Whether the value exists (JSON `null` exists). */
  exists(): boolean {
    return this.type !== 'Null' || this.raw.length !== 0;
  }

  /** gjson `String()`: the text filters and templates see. */
  string(): string {
    switch (this.type) {
      case 'False':
        return 'false';
      case 'True':
        return 'true';
      case 'String':
        return this.str;
      case 'JSON':
        return this.raw;
      case 'Number': {
        const raw = this.raw;
        if (raw.length === 0) return formatGoFloat(this.num);
        let i = raw.charCodeAt(0) === 45 ? 1 : 0;
        for (; i < raw.length; i++) {
          const c = raw.charCodeAt(i);
          if (c < 48 || c > 57) return formatGoFloat(this.num);
        }
        return raw;
      }
      default:
        return '';
    }
  }

  /** gjson `Bool()`. */
  bool(): boolean {
    switch (this.type) {
      case 'True':
        return true;
      case 'String': {
        // Go strconv.ParseBool(strings.ToLower(s))
        const s = this.str.toLowerCase();
        return s === '1' || s === 't' || s === 'true';
      }
      case 'Number':
        return this.num !== 0;
      default:
        return false;
    }
  }

  /** gjson `Int()` exactly (Go int64). */
  int64(): bigint {
    switch (this.type) {
      case 'True':
        return 1n;
      case 'String':
        return parseInt64(this.str) ?? 0n;
      case 'Number': {
        const f = this.num;
        if (f >= -9007199254740991 && f <= 9007199254740991) return BigInt(Math.trunc(f));
        return parseInt64(this.raw) ?? floatToInt64(f);
      }
      default:
        return 0n;
    }
  }

  /** gjson `Int()` as a JavaScript number (exact up to 2^53). */
  int(): number {
    if (this.type === 'Number' && this.num >= -9007199254740991 && this.num <= 9007199254740991) {
      return Math.trunc(this.num);
    }
    return Number(this.int64());
  }

  /** gjson `Float()`. */
  float(): number {
    switch (this.type) {
      case 'True':
        return 1;
      case 'String':
        return parseGoFloat(this.str);
      case 'Number':
        return this.num;
      default:
        return 0;
    }
  }

  /** Whether the value is a JSON object. */
  isObject(): boolean {
    return this.type === 'JSON' && this.raw.charCodeAt(0) === 123;
  }

  /** Whether the value is a JSON array. */
  isArray(): boolean {
    return this.type === 'JSON' && this.raw.charCodeAt(0) === 91;
  }

  /** Whether the value is `true` or `false`. */
  isBool(): boolean {
    return this.type === 'True' || this.type === 'False';
  }

  /**
   * gjson `Value()`: string, number, boolean, null, a plain object (first of duplicate
   * keys wins) or an array.
   */
  value(): unknown {
    switch (this.type) {
      case 'String':
        return this.str;
      case 'Number':
        return this.num;
      case 'True':
        return true;
      case 'False':
        return false;
      case 'JSON':
        return valueize(this.raw, this.index);
      default:
        return null;
    }
  }

  /** gjson `Array()`: elements of an array, `[this]` for other values, `[]` for null/missing. */
  array(): Result[] {
    if (this.type === 'Null') return [];
    if (!this.isArray()) return [this];
    return arrayOrMap(this, 91).a ?? [];
  }

  /** gjson `Map()`: members of an object (first of duplicate keys wins); empty otherwise. */
  map(): Map<string, Result> {
    if (this.type !== 'JSON') return new Map();
    return arrayOrMap(this, 123).o ?? new Map();
  }

  /**
   * gjson `ForEach`: calls `cb(key, value)` for each member or element (keys of array
   * elements are numbers); scalars are passed once with an empty key. Return false to stop.
   */
  forEach(cb: (key: Result, value: Result) => boolean | void): void {
    if (!this.exists()) return;
    if (this.type !== 'JSON') {
      cb(new Result(), this);
      return;
    }
    const json = this.raw;
    let obj = false;
    let i = 0;
    let keyNum = -1;
    for (; i < json.length; i++) {
      const c = json.charCodeAt(i);
      if (c === 123) {
        i++;
        obj = true;
        break;
      } else if (c === 91) {
        i++;
        break;
      }
      if (c > 32) return;
    }
    const scan: StringScan = { end: 0, rawStart: 0, esc: false, ok: false };
    let idx = 0;
    for (; i < json.length; i++) {
      const key = new Result();
      if (obj) {
        if (json.charCodeAt(i) !== 34) continue;
        const s = i;
        parseString(json, i + 1, scan);
        if (!scan.ok) return;
        i = scan.end;
        const raw = json.slice(scan.rawStart, scan.end);
        key.type = 'String';
        key.str = scan.esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1);
        key.raw = raw;
        key.index = s + this.index;
      } else {
        keyNum++;
        key.type = 'Number';
        key.num = keyNum;
      }
      for (; i < json.length; i++) {
        const c = json.charCodeAt(i);
        if (c <= 32 || c === 44 || c === 58) continue;
        break;
      }
      const s = i;
      const value = parseAny(json, i, true);
      if (value === undefined) return;
      i = value.end;
      const res = value.res;
      if (this.indexes !== undefined) {
        if (idx < this.indexes.length) res.index = this.indexes[idx]!;
      } else res.index = s + this.index;
      if (cb(key, res) === false) return;
      idx++;
    }
  }

  /** gjson `Result.Get`: reads `path` inside this value; positions stay document-relative. */
  get(path: string): Result {
    return resultGet(this, path);
  }

  /** gjson `Less`: orders Null < False < Number < String < True < JSON. */
  less(other: Result, caseSensitive: boolean): boolean {
    if (TYPE_ORDER[this.type] < TYPE_ORDER[other.type]) return true;
    if (TYPE_ORDER[this.type] > TYPE_ORDER[other.type]) return false;
    if (this.type === 'String') {
      if (caseSensitive) return compareGo(this.str, other.str) < 0;
      return compareGo(asciiLower(this.str), asciiLower(other.str)) < 0;
    }
    if (this.type === 'Number') return this.num < other.num;
    return compareGo(this.raw, other.raw) < 0;
  }
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** gjson `Result.Get` including the view offset bookkeeping. */
export function resultGet(t: Result, path: string): Result {
  const r = getFrom(t.raw, path);
  if (r.indexes !== undefined) {
    for (let i = 0; i < r.indexes.length; i++) r.indexes[i] = r.indexes[i]! + t.index;
  } else r.index += t.index;
  r.v = t.v >= 0 && r.v >= 0 ? t.v + r.v : -1;
  return r;
}

interface ArrayOrMap {
  a?: Result[];
  o?: Map<string, Result>;
}

/** One value at `i` of a container body, as gjson's `arrayOrMap` reads it; undefined to skip. */
function readElement(json: string, i: number, base: number): Result | undefined {
  const c = json.charCodeAt(i);
  const v = new Result();
  switch (c) {
    case 123:
    case 91:
      v.type = 'JSON';
      v.raw = json.slice(i, squashEnd(json, i));
      break;
    case 110:
      v.raw = json.slice(i, literalEnd(json, i));
      break;
    case 116:
      v.type = 'True';
      v.raw = json.slice(i, literalEnd(json, i));
      break;
    case 102:
      v.type = 'False';
      v.raw = json.slice(i, literalEnd(json, i));
      break;
    case 34: {
      const s = tostr(json, i);
      v.type = 'String';
      v.raw = json.slice(i, s.end);
      v.str = s.str;
      break;
    }
    default:
      if ((c >= 48 && c <= 57) || c === 45) {
        v.type = 'Number';
        v.raw = json.slice(i, tonumEnd(json, i));
        v.num = parseGoFloat(v.raw);
      } else return undefined;
  }
  v.index = i + base;
  return v;
}

function arrayOrMap(t: Result, vc: number): ArrayOrMap {
  const json = t.raw;
  const r: ArrayOrMap = {};
  let i = 0;
  let found = false;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === vc) {
      i++;
      found = true;
      break;
    }
    if (c > 32) break;
  }
  if (found) {
    if (vc === 123) r.o = new Map();
    else r.a = [];
    let key: Result | undefined;
    let count = 0;
    for (; i < json.length; i++) {
      const c = json.charCodeAt(i);
      if (c <= 32) continue;
      if (c === 93 || c === 125) break;
      const value = readElement(json, i, t.index);
      if (value === undefined) continue;
      i += value.raw.length - 1;
      if (r.o !== undefined) {
        if (count % 2 === 0) key = value;
        else if (key !== undefined && !r.o.has(key.str)) r.o.set(key.str, value);
        count++;
      } else r.a!.push(value);
    }
  }
  if (t.indexes !== undefined && r.a !== undefined) {
    if (t.indexes.length !== r.a.length) for (const e of r.a) e.index = 0;
    else for (let k = 0; k < r.a.length; k++) r.a[k]!.index = t.indexes[k]!;
  }
  return r;
}

/** gjson `arrayOrMap(0, true)`: the decoded value of an object or array text. */
function valueize(json: string, base: number): unknown {
  let i = 0;
  let vc = 0;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 123 || c === 91) {
      vc = c;
      i++;
      break;
    }
    if (c > 32) return null;
  }
  if (vc === 0) return null;
  const obj: Record<string, unknown> | undefined = vc === 123 ? {} : undefined;
  const arr: unknown[] = [];
  let key: Result | undefined;
  let count = 0;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 32) continue;
    if (c === 93 || c === 125) break;
    const value = readElement(json, i, base);
    if (value === undefined) continue;
    i += value.raw.length - 1;
    if (obj !== undefined) {
      if (count % 2 === 0) key = value;
      else if (key !== undefined && !Object.hasOwn(obj, key.str)) {
        Object.defineProperty(obj, key.str, {
          value: value.value(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      count++;
    } else arr.push(value.value());
  }
  return obj ?? arr;
}
