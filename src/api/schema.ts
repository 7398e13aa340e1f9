/**
 * A small schema language for manifests, decoding the way Go's encoding/json does
 * (which is what upstream's controller and pods use after sigs.k8s.io/yaml turns YAML
 * into JSON):
 * - object keys match fields exactly, else case-insensitively;
 * - unknown keys are ignored, but reported as warnings with their path (usually typos);
 * - `null` means absent;
 * - a value of the wrong JSON type is an error (Go cannot decode the object at all).
 * Each codec also knows its TypeScript type (`Infer<typeof codec>`) and, for objects,
 * its field names, so a test can cross-check them against upstream's JSON Schema.
 * Structural only: semantic rules live in api/validate/.
 */
import type { Issue } from '../shared/errors.js';

/** Where decoding problems are collected; nothing is thrown until the caller decides. */
export interface DecodeContext {
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

export interface Codec<T> {
  /** A short name of the expected JSON shape, used in messages (`string`, `object`, `array of string`). */
  readonly expected: string;
  /** Decodes `value` found at `path`; returns undefined for absent/null or after recording an error. */
  decode(value: unknown, path: string, ctx: DecodeContext): T | undefined;
}

export type Infer<C> = C extends Codec<infer T> ? T : never;

/** An object codec: also exposes its fields for introspection. */
export interface ObjectCodec<S extends Shape> extends Codec<ObjectOf<S>> {
  readonly shape: S;
}

export type Shape = { readonly [field: string]: Codec<unknown> };
export type ObjectOf<S extends Shape> = { -readonly [K in keyof S]?: Infer<S[K]> };

/** The JSON type of a decoded YAML/JSON value, as Go's error messages name it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'bigint') return 'number';
  if (typeof value === 'object') return 'object';
  return typeof value; // string | boolean
}

function mismatch(ctx: DecodeContext, path: string, expected: string, value: unknown): undefined {
  ctx.errors.push({ path, message: `cannot decode ${jsonTypeOf(value)} as ${expected}` });
  return undefined;
}

/** Appends a key to a field path the way messages print it: `a.b`, `a[0]`, `a["x.y"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

export const string = (): Codec<string> => ({
  expected: 'string',
  decode: (v, path, ctx) =>
    v === null || v === undefined ? undefined : typeof v === 'string' ? v : mismatch(ctx, path, 'string', v),
});

export const boolean = (): Codec<boolean> => ({
  expected: 'boolean',
  decode: (v, path, ctx) =>
    v === null || v === undefined
      ? undefined
      : typeof v === 'boolean'
        ? v
        : mismatch(ctx, path, 'boolean', v),
});

/** The Go integer types of manifest fields. */
export type IntegerFormat = 'int32' | 'int64' | 'uint32' | 'uint64';

const integerRanges: Record<IntegerFormat, readonly [number, number]> = {
  int32: [-2147483648, 2147483647],
  // JavaScript numbers stand in for Go's int64/uint64; 2 ** 63 and 2 ** 64 are exact doubles
  int64: [-(2 ** 63), 2 ** 63 - 1],
  uint32: [0, 4294967295],
  uint64: [0, 2 ** 64 - 1],
};

/** An integer codec: also exposes the Go type it stands for, when declared. */
export interface IntegerCodec extends Codec<number> {
  readonly format: IntegerFormat | undefined;
}

/**
 * A Go integer field: a JSON number without a fraction, within the range of `format` when given
 * (Go refuses `3000000000` for an int32 and `-1` for a uint64).
 */
export const integer = (format?: IntegerFormat): IntegerCodec => ({
  format,
  expected: 'integer',
  decode: (v, path, ctx) => {
    if (v === null || v === undefined) return undefined;
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) return mismatch(ctx, path, 'integer', v);
    if (format !== undefined) {
      const [min, max] = integerRanges[format];
      if (n < min || n > max) {
        ctx.errors.push({ path, message: `cannot decode number ${String(v)} as ${format}` });
        return undefined;
      }
    }
    return n;
  },
});

/** A Go float field. */
export const number = (): Codec<number> => ({
  expected: 'number',
  decode: (v, path, ctx) =>
    v === null || v === undefined ? undefined : typeof v === 'number' ? v : mismatch(ctx, path, 'number', v),
});

/**
 * Kubernetes `Int64OrString` / `IntOrString`: a JSON number stays a number, a string stays a
 * string (upstream parses it later, e.g. as a Go duration; numeric durations are nanoseconds).
 */
export const intOrString = (): Codec<number | string> => ({
  expected: 'integer or string',
  decode: (v, path, ctx) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    return mismatch(ctx, path, 'integer or string', v);
  },
});

/**
 * Upstream's `Amount` (Backoff factor/jitter): kept as the raw JSON text and parsed later as a
 * float, so a number is accepted and a quoted value decodes but fails validation later.
 */
export const amount = (): Codec<string> => ({
  expected: 'number',
  decode: (v, path, ctx) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (typeof v === 'string') return JSON.stringify(v);
    return mismatch(ctx, path, 'number', v);
  },
});

/** Any JSON value, kept as it is (Kubernetes objects, pod template parts, free-form bodies). */
export const json = (): Codec<unknown> => ({
  expected: 'any',
  decode: (v) => (v === null ? undefined : v),
});

/** An array codec: also exposes its item codec for introspection. */
export interface ArrayCodec<T> extends Codec<T[]> {
  readonly item: Codec<T>;
}

export function array<T>(item: Codec<T>): ArrayCodec<T> {
  return {
    item,
    expected: `array of ${item.expected}`,
    decode(v, path, ctx) {
      if (v === null || v === undefined) return undefined;
      if (!Array.isArray(v)) return mismatch(ctx, path, `array of ${item.expected}`, v);
      const out: T[] = [];
      v.forEach((x: unknown, i) => {
        const d = item.decode(x, childPath(path, i), ctx);
        // Go keeps a zero value in place of a null element; we keep undefined out of arrays of objects
        if (d !== undefined) out.push(d);
      });
      return out;
    },
  };
}

/** A map codec: also exposes its value codec for introspection. */
export interface RecordCodec<T> extends Codec<Record<string, T>> {
  readonly value: Codec<T>;
}

/** A Go `map[string]T`: keys kept exactly. */
export function record<T>(value: Codec<T>): RecordCodec<T> {
  return {
    value,
    expected: `object of ${value.expected}`,
    decode(v, path, ctx) {
      if (v === null || v === undefined) return undefined;
      if (typeof v !== 'object' || Array.isArray(v)) return mismatch(ctx, path, 'object', v);
      const out: Record<string, T> = {};
      for (const [k, x] of Object.entries(v)) {
        const d = value.decode(x, childPath(path, k), ctx);
        if (d !== undefined) out[k] = d;
      }
      return out;
    },
  };
}

/** A Go struct. Unknown keys are warnings; keys match exactly first, then case-insensitively. */
export function object<S extends Shape>(shape: S): ObjectCodec<S> {
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  for (const field of Object.keys(shape)) {
    exact.set(field, field);
    if (!folded.has(field.toLowerCase())) folded.set(field.toLowerCase(), field);
  }
  return {
    shape,
    expected: 'object',
    decode(v, path, ctx) {
      if (v === null || v === undefined) return undefined;
      if (typeof v !== 'object' || Array.isArray(v)) return mismatch(ctx, path, 'object', v);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const field = exact.get(k) ?? folded.get(k.toLowerCase());
        if (field === undefined) {
          ctx.warnings.push({ path: childPath(path, k), message: 'unknown field, ignored' });
          continue;
        }
        const codec = shape[field]!;
        const d = codec.decode(x, childPath(path, field), ctx);
        if (d !== undefined) out[field] = d;
      }
      return out as ObjectOf<S>;
    },
  };
}

/** A deferred codec: `resolve()` returns the codec it stands for. */
export interface LazyCodec<T> extends Codec<T> {
  resolve(): Codec<T>;
}

/** Refers to a codec defined later (recursive types). */
export function lazy<T>(get: () => Codec<T>): LazyCodec<T> {
  return {
    resolve: get,
    get expected() {
      return get().expected;
    },
    decode: (v, path, ctx) => get().decode(v, path, ctx),
  };
}

/** Decodes a whole value and returns it with the problems found. */
export function decodeWith<T>(
  codec: Codec<T>,
  value: unknown,
  path = '',
): { value: T | undefined } & DecodeContext {
  const ctx: DecodeContext = { errors: [], warnings: [] };
  const decoded = codec.decode(value, path, ctx);
  return { value: decoded, ...ctx };
}
