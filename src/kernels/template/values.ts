/**
 * How Go values are represented while a template runs.
 *
 * Data comes from Go's `json.Unmarshal` into `interface{}`, so most values are plain JS values:
 * `string` (Go string), `number` (float64), `boolean`, `null` (a nil interface — e.g. JSON
 * null), arrays (`[]interface {}`) and plain objects (`map[string]interface {}`).
 * `undefined` stands for Go's invalid `reflect.Value` (a missing map key), which prints as
 * `<no value>`. Values that only functions produce carry their Go type explicitly:
 * {@link GoInt} for the integer types, {@link GoTime} for `time.Time`, and arrays/objects
 * tagged with {@link GO_TYPE} (e.g. `[]string` from `splitList`).
 */
import { goBytes } from './go-strings.js';

/** Go integer types (int is 64-bit, as on the platforms Argo runs on). */
export type IntType =
  'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64';

/** A Go integer of a given type. */
export class GoInt {
  constructor(
    readonly type: IntType,
    readonly v: bigint,
  ) {}
  get isSigned(): boolean {
    return this.type[0] === 'i';
  }
}

/** Wraps `v` to the range of `type`, as a Go conversion does. */
export function goInt(type: IntType, v: bigint): GoInt {
  switch (type) {
    case 'int':
    case 'int64':
      return new GoInt(type, BigInt.asIntN(64, v));
    case 'int32':
      return new GoInt(type, BigInt.asIntN(32, v));
    case 'int16':
      return new GoInt(type, BigInt.asIntN(16, v));
    case 'int8':
      return new GoInt(type, BigInt.asIntN(8, v));
    case 'uint':
    case 'uint64':
      return new GoInt(type, BigInt.asUintN(64, v));
    case 'uint32':
      return new GoInt(type, BigInt.asUintN(32, v));
    case 'uint16':
      return new GoInt(type, BigInt.asUintN(16, v));
    case 'uint8':
      return new GoInt(type, BigInt.asUintN(8, v));
  }
}

export const int = (v: number | bigint): GoInt => goInt('int', typeof v === 'bigint' ? v : BigInt(v));
export const int64 = (v: number | bigint): GoInt => goInt('int64', typeof v === 'bigint' ? v : BigInt(v));

/** A time zone: a fixed offset, or an IANA zone resolved through Intl. */
export interface Zone {
  /** Go's location name (`UTC`, `Local`, `America/New_York`). */
  readonly name: string;
  /** Offset east of UTC in seconds at the instant `ms`, and the zone abbreviation. */
  at(ms: number): { offset: number; abbr: string };
}

export const UTC: Zone = { name: 'UTC', at: () => ({ offset: 0, abbr: 'UTC' }) };

/** Go's `time.Time`: milliseconds since the epoch plus the sub-millisecond nanoseconds. */
export class GoTime {
  constructor(
    readonly ms: number,
    readonly nsRem: number,
    readonly zone: Zone,
  ) {}
}

/** Go's `time.Duration` (int64 nanoseconds) — prints as `1h2m3s`. */
export class GoDuration {
  constructor(readonly ns: bigint) {}
}

/** A Go value with methods (e.g. `*semver.Version`): printed through `String()`. */
export interface GoStringer {
  readonly goType: string;
  goString(): string;
  /** Methods callable as `.Name` in a template. */
  method(name: string): ((...args: unknown[]) => unknown) | undefined;
}

export function isStringer(v: unknown): v is GoStringer {
  return typeof v === 'object' && v !== null && typeof (v as { goString?: unknown }).goString === 'function';
}

/** Symbol carrying the Go type of an array or object that is not `[]interface {}`/`map[string]interface {}`. */
export const GO_TYPE: unique symbol = Symbol('goType');

export type GoMap = { [key: string]: unknown; [GO_TYPE]?: string };
export type GoSlice = unknown[] & { [GO_TYPE]?: string };

/** Tags an array with its Go slice type, e.g. `[]string`. */
export function typedSlice(items: unknown[], type: string): GoSlice {
  const s = items as GoSlice;
  s[GO_TYPE] = type;
  return s;
}

/** Tags an object with its Go map type, e.g. `map[string]string`. */
export function typedMap(m: Record<string, unknown>, type: string): GoMap {
  const o = m as GoMap;
  Object.defineProperty(o, GO_TYPE, { value: type, enumerable: false });
  return o;
}

export function isMap(v: unknown): v is GoMap {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof GoTime) &&
    !(v instanceof GoDuration) &&
    !isStringer(v)
  );
}

/** Own-property lookup: map keys such as `constructor` must not reach the prototype. */
export function mapGet(m: GoMap, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}

export function mapHas(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** A fresh `map[string]interface {}`. */
export function newMap(): GoMap {
  return {};
}

/** Go's reflect type string of a value (`%T`, error messages). `<nil>` for nil. */
export function typeString(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return '<nil>';
    case 'function':
      return 'func(...interface {}) interface {}';
  }
  if (v === null) return '<nil>';
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoDuration) return 'time.Duration';
  if (Array.isArray(v)) return (v as GoSlice)[GO_TYPE] ?? '[]interface {}';
  if (isStringer(v)) return v.goType;
  return (v as GoMap)[GO_TYPE] ?? 'map[string]interface {}';
}

/** Go's reflect.Kind name of a value (sprig `kindOf`). */
export function kindString(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'invalid';
    case 'function':
      return 'func';
  }
  if (v === null) return 'invalid';
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoTime) return 'struct';
  if (v instanceof GoDuration) return 'int64';
  if (Array.isArray(v)) return 'slice';
  if (isStringer(v)) return 'ptr';
  return 'map';
}

/** Element type of a slice type string: `[]string` → `string`. */
export function elemType(sliceType: string): string {
  return sliceType.startsWith('[]') ? sliceType.slice(2) : 'interface {}';
}

/** Go's truth (`if`, `and`, `or`, `not`, sprig `empty`). */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'boolean':
      return v;
    case 'undefined':
      return false;
  }
  if (v === null) return false;
  if (v instanceof GoInt) return v.v !== 0n;
  if (v instanceof GoDuration) return v.ns !== 0n;
  if (v instanceof GoTime) return true;
  if (Array.isArray(v)) return v.length > 0;
  if (isStringer(v)) return true;
  return Object.keys(v as object).length > 0;
}

/** Byte length of a Go string (UTF-8). */
export function byteLength(s: string): number {
  // Fast path for ASCII.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return goBytes(s).length;
  return s.length;
}

/** Sorts Go string keys by byte order (UTF-8 order equals code point order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && x <= 0xdfff && y >= 0xd800 && y <= 0xdfff) return x - y;
      if (x >= 0xd800 && x <= 0xdfff) return y >= 0xe000 ? 1 : x - y;
      if (y >= 0xd800 && y <= 0xdfff) return x >= 0xe000 ? -1 : x - y;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Keys of a Go map in fmtsort order (strings ascending by bytes). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareGoStrings);
}
