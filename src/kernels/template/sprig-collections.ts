/**
 * sprig's list and dict functions (list.go, dict.go) and the `empty`/DeepEqual helpers.
 */
import { ANY, GoError, goFunc, type GoFunc } from './func-types.js';
import {
  GoDuration,
  GoInt,
  GoTime,
  isMap,
  isStringer,
  kindString,
  mapGet,
  mapHas,
  newMap,
  sortedKeys,
  typeString,
  typedSlice,
  type GoMap,
  type GoSlice,
} from './values.js';
import { nilSlice } from './go-json.js';
import { strval, toGoInt } from './sprig-convert.js';

const MAP = 'map[string]interface {}';
const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** sprig's `empty`. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'number':
      return v === 0;
    case 'boolean':
      return !v;
  }
  if (v instanceof GoInt) return v.v === 0n;
  if (v instanceof GoDuration) return v.ns === 0n;
  if (v instanceof GoTime) return false;
  if (Array.isArray(v)) return v.length === 0;
  if (isStringer(v)) return false;
  return Object.keys(v as object).length === 0;
}

/** reflect.DeepEqual over the value model. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (typeString(a) !== typeString(b)) return false;
  if (a instanceof GoInt) return a.v === (b as GoInt).v;
  if (a instanceof GoTime)
    return a.ms === (b as GoTime).ms && a.nsRem === (b as GoTime).nsRem && a.zone === (b as GoTime).zone;
  if (a instanceof GoDuration) return a.ns === (b as GoDuration).ns;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (isMap(a)) {
    const bm = b as GoMap;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(bm).length) return false;
    return ka.every((k) => mapHas(bm, k) && deepEqual(a[k], bm[k]));
  }
  if (isStringer(a)) return a.goString() === (b as typeof a).goString();
  return a === b;
}

/** The dynamic type in a failed type assertion message (`nil` for a nil interface). */
function convType(v: unknown): string {
  return v === null || v === undefined ? 'nil' : typeString(v);
}

function listKind(v: unknown): string {
  if (v === null || v === undefined) throw new GoError(NIL_DEREF);
  return kindString(v);
}

function asList(v: unknown, verb: string): unknown[] {
  const k = listKind(v);
  if (k !== 'slice') throw new GoError(`${verb} ${k}`);
  return v as unknown[];
}

/** `must` variants return the error; the plain ones panic with it (same message). */
function pair(
  name: string,
  params: string[],
  fn: (...a: never[]) => unknown,
  opts: { variadic?: string; returnsAny?: boolean } = {},
): Array<[string, GoFunc]> {
  const f = goFunc(params, fn, opts);
  const mustName = 'must' + name[0]!.toUpperCase() + name.slice(1);
  return [
    [name, f],
    [mustName, f],
  ];
}

function toIndex(v: unknown): number {
  // sprig's list slice uses cast.ToInt.
  return Number(toGoInt(v).v);
}

function inList(haystack: unknown[], needle: unknown): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function sliceBounds(l: unknown[], start: number, end: number): unknown[] {
  if (start < 0 || end < start || end > l.length) {
    if (end > l.length || end < 0) throw new GoError(`reflect.Value.Slice: slice index out of bounds`);
    throw new GoError(`reflect.Value.Slice: slice index out of bounds`);
  }
  return l.slice(start, end);
}

function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  // mergo.Merge for map[string]interface{}: recursive into nested maps; fills empty values.
  for (const k of Object.keys(src)) {
    const sv = src[k];
    if (!mapHas(dst, k)) {
      dst[k] = sv;
      continue;
    }
    const dv = dst[k];
    if (isMap(dv) && isMap(sv) && typeString(dv) === MAP && typeString(sv) === MAP) {
      mergeInto(dv, sv, overwrite);
      continue;
    }
    if (overwrite) {
      if (!isEmptyValue(sv)) dst[k] = sv;
    } else if (isEmptyValue(dv)) {
      dst[k] = sv;
    }
  }
}

function isEmptyValue(v: unknown): boolean {
  return isEmpty(v) && !(v instanceof GoTime);
}

export function collectionFuncs(): Array<[string, GoFunc]> {
  return [
    ['tuple', goFunc([], (...v: unknown[]) => v, { variadic: ANY })],
    ['list', goFunc([], (...v: unknown[]) => v, { variadic: ANY })],
    [
      'dict',
      goFunc(
        [],
        (...v: unknown[]) => {
          const d = newMap();
          for (let i = 0; i < v.length; i += 2) {
            const key = strval(v[i]);
            d[key] = i + 1 >= v.length ? '' : v[i + 1];
          }
          return d;
        },
        { variadic: ANY },
      ),
    ],
    [
      'get',
      goFunc([MAP, 'string'], (d: GoMap | null, k: string) => (d !== null && mapHas(d, k) ? d[k] : ''), {
        returnsAny: true,
      }),
    ],
    [
      'set',
      goFunc([MAP, 'string', ANY], (d: GoMap | null, k: string, v: unknown) => {
        if (d === null) throw new GoError('assignment to entry in nil map');
        d[k] = v;
        return d;
      }),
    ],
    [
      'unset',
      goFunc([MAP, 'string'], (d: GoMap | null, k: string) => {
        if (d !== null) delete d[k];
        return d ?? newMap();
      }),
    ],
    ['hasKey', goFunc([MAP, 'string'], (d: GoMap | null, k: string) => d !== null && mapHas(d, k))],
    [
      'pluck',
      goFunc(
        ['string'],
        (k: string, ...ds: (GoMap | null)[]) =>
          ds.filter((d) => d !== null && mapHas(d, k)).map((d) => (d as GoMap)[k]),
        { variadic: MAP },
      ),
    ],
    [
      'keys',
      goFunc(
        [],
        (...ds: (GoMap | null)[]) =>
          typedSlice(
            ds.flatMap((d) => (d === null ? [] : sortedKeys(d))),
            '[]string',
          ),
        { variadic: MAP },
      ),
    ],
    [
      'pick',
      goFunc(
        [MAP],
        (d: GoMap | null, ...ks: string[]) => {
          const r = newMap();
          for (const k of ks) if (d !== null && mapHas(d, k)) r[k] = d[k];
          return r;
        },
        { variadic: 'string' },
      ),
    ],
    [
      'omit',
      goFunc(
        [MAP],
        (d: GoMap | null, ...ks: string[]) => {
          const r = newMap();
          const o = new Set(ks);
          if (d !== null) for (const k of Object.keys(d)) if (!o.has(k)) r[k] = d[k];
          return r;
        },
        { variadic: 'string' },
      ),
    ],
    ...(['merge', 'mergeOverwrite'] as const).flatMap((name): Array<[string, GoFunc]> => {
      const f = goFunc(
        [MAP],
        (dst: GoMap | null, ...srcs: (GoMap | null)[]) => {
          const d = dst ?? newMap();
          for (const s of srcs) if (s !== null) mergeInto(d, s, name === 'mergeOverwrite');
          return d;
        },
        { variadic: MAP, returnsAny: true },
      );
      return [
        [name, f],
        ['must' + name[0]!.toUpperCase() + name.slice(1), f],
      ];
    }),
    ['values', goFunc([MAP], (d: GoMap | null) => (d === null ? [] : sortedKeys(d).map((k) => d[k])))],
    ...pair('append', [ANY, ANY], (l: unknown, v: unknown) => [...asList(l, 'Cannot push on type'), v]),
    ...pair('push', [ANY, ANY], (l: unknown, v: unknown) => [...asList(l, 'Cannot push on type'), v]),
    ...pair('prepend', [ANY, ANY], (l: unknown, v: unknown) => [v, ...asList(l, 'Cannot prepend on type')]),
    ...pair(
      'first',
      [ANY],
      (l: unknown) => {
        const a = asList(l, 'Cannot find first on type');
        return a.length === 0 ? null : a[0];
      },
      { returnsAny: true },
    ),
    ...pair(
      'last',
      [ANY],
      (l: unknown) => {
        const a = asList(l, 'Cannot find last on type');
        return a.length === 0 ? null : a[a.length - 1];
      },
      { returnsAny: true },
    ),
    ...pair('rest', [ANY], (l: unknown) => {
      const a = asList(l, 'Cannot find rest on type');
      return a.length === 0 ? nilSlice() : a.slice(1);
    }),
    ...pair('initial', [ANY], (l: unknown) => {
      const a = asList(l, 'Cannot find initial on type');
      return a.length === 0 ? nilSlice() : a.slice(0, -1);
    }),
    ...pair('reverse', [ANY], (l: unknown) => [...asList(l, 'Cannot find reverse on type')].reverse()),
    ...pair('compact', [ANY], (l: unknown) => asList(l, 'Cannot compact on type').filter((x) => !isEmpty(x))),
    ...pair('uniq', [ANY], (l: unknown) => {
      const out: unknown[] = [];
      for (const x of asList(l, 'Cannot find uniq on type')) if (!inList(out, x)) out.push(x);
      return out;
    }),
    ...pair(
      'without',
      [ANY],
      (l: unknown, ...omit: unknown[]) =>
        asList(l, 'Cannot find without on type').filter((x) => !inList(omit, x)),
      { variadic: ANY },
    ),
    ...pair('has', [ANY, ANY], (needle: unknown, hay: unknown) => {
      if (hay === null || hay === undefined) return false;
      return inList(asList(hay, 'Cannot find has on type'), needle);
    }),
    ...pair(
      'slice',
      [ANY],
      (l: unknown, ...idx: unknown[]) => {
        const k = listKind(l);
        if (k !== 'slice') throw new GoError(`list should be type of slice or array but ${k}`);
        const a = l as GoSlice;
        if (a.length === 0) return null;
        const start = idx.length > 0 ? toIndex(idx[0]) : 0;
        const end = idx.length < 2 ? a.length : toIndex(idx[1]);
        const out = sliceBounds(a, start, end);
        const t = typeString(a);
        return t === '[]interface {}' ? out : typedSlice(out, t);
      },
      { variadic: ANY, returnsAny: true },
    ),
    [
      'concat',
      goFunc(
        [],
        (...lists: unknown[]) => {
          const res: unknown[] = [];
          for (const l of lists) {
            const k = listKind(l);
            if (k !== 'slice') throw new GoError(`Cannot concat type ${k} as list`);
            res.push(...(l as unknown[]));
          }
          return res.length === 0 ? nilSlice() : res;
        },
        { variadic: ANY, returnsAny: true },
      ),
    ],
    [
      'dig',
      goFunc(
        [],
        (...ps: unknown[]) => {
          if (ps.length < 3) throw new GoError('dig needs at least three arguments');
          const last = ps[ps.length - 1];
          if (!isMap(last) || typeString(last) !== MAP) {
            throw new GoError(
              `interface conversion: interface {} is ${convType(last)}, not map[string]interface {}`,
            );
          }
          const def = ps[ps.length - 2];
          const ks = ps.slice(0, -2).map((k) => {
            if (typeof k !== 'string')
              throw new GoError(`interface conversion: interface {} is ${convType(k)}, not string`);
            return k;
          });
          let dict: GoMap = last;
          for (let i = 0; i < ks.length; i++) {
            const k = ks[i] as string;
            if (!mapHas(dict, k)) return def;
            const step = mapGet(dict, k);
            if (i === ks.length - 1) return step;
            if (!isMap(step) || typeString(step) !== MAP) {
              throw new GoError(
                `interface conversion: interface {} is ${convType(step)}, not map[string]interface {}`,
              );
            }
            dict = step;
          }
          return def;
        },
        { variadic: ANY, returnsAny: true },
      ),
    ],
    ...pair('chunk', ['int', ANY], (size: GoInt, l: unknown) => {
      const a = asList(l, 'Cannot chunk type');
      const n = Number(size.v);
      const q = Math.floor((a.length - 1) / n);
      // Go converts the float quotient to int; out-of-range results make makeslice fail.
      const cs = Number.isFinite(q) ? q + 1 : -1;
      if (cs < 0) throw new GoError('runtime error: makeslice: len out of range');
      const out: unknown[][] = [];
      for (let i = 0; i < cs; i++) {
        let clen = n;
        if (i === cs - 1) {
          clen = Math.floor(a.length % n);
          if (clen === 0) clen = n;
        }
        if (clen < 0) throw new GoError('runtime error: makeslice: len out of range');
        out.push(a.slice(i * n, i * n + clen));
      }
      return typedSlice(out, '[][]interface {}');
    }),
  ];
}
