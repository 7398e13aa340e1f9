/**
 * sjson-style writing (tidwall/sjson 1.2.5 rules), used by trigger parameters (`dest`).
 * It edits the JSON text in place: everything outside the written value keeps its bytes,
 * key order and whitespace, as upstream does.
 *
 * ```ts
 * set('{"a":[1,2]}', 'a.4', 'x')   // '{"a":[1,2,null,null,"x"]}'
 * set('{}', 'users.:2313.name', 1) // '{"users":{"2313":{"name":1}}}'
 * ```
 *
 * Paths: `.`-separated keys; `\` escapes the next character; a numeric key indexes an
 * existing array (or creates one); `-1` appends; a `:` prefix forces an object key.
 * Paths with `#`, `@`, `*`, `?` or `|` are "complex": sjson then writes only where gjson
 * finds an existing value. {@link isSimplePath} tells them apart.
 */
import { ExpressionError } from '../../shared/errors.js';
import { get, parse } from '../gjson-path/index.js';
import type { Result } from '../gjson-path/index.js';
import { marshalJSON, quoteJSONString } from '../go/json.js';
import { formatGoFloat } from '../go/strconv.js';

interface Part {
  /** The key with escapes removed. */
  part: string;
  /** The key as a gjson path component (escapes kept). */
  gpart: string;
  path: string;
  /** `:` prefix: always an object key. */
  force: boolean;
  more: boolean;
}

function isSimpleChar(c: number): boolean {
  // | # @ * ?
  return c !== 124 && c !== 35 && c !== 64 && c !== 42 && c !== 63;
}

/** sjson `parsePath`: the first component, or undefined when the path is not simple. */
function parsePart(path: string): Part | undefined {
  const r: Part = { part: '', gpart: '', path: '', force: false, more: false };
  if (path.charCodeAt(0) === 58) {
    r.force = true;
    path = path.slice(1);
  }
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 46) {
      r.part = r.gpart = path.slice(0, i);
      r.path = path.slice(i + 1);
      r.more = true;
      return r;
    }
    if (!isSimpleChar(c)) return undefined;
    if (c === 92) {
      // escape mode: the part drops the backslashes, the gjson part keeps them
      let epart = path.slice(0, i);
      let gpart = path.slice(0, i + 1);
      i++;
      if (i < path.length) {
        epart += path[i];
        gpart += path[i];
        i++;
        for (; i < path.length; i++) {
          const d = path.charCodeAt(i);
          if (d === 92) {
            gpart += '\\';
            i++;
            if (i < path.length) {
              epart += path[i];
              gpart += path[i];
            }
            continue;
          } else if (d === 46) {
            r.part = epart;
            r.gpart = gpart;
            r.path = path.slice(i + 1);
            r.more = true;
            return r;
          } else if (!isSimpleChar(d)) return undefined;
          epart += path[i];
          gpart += path[i];
        }
      }
      r.part = epart;
      r.gpart = gpart;
      return r;
    }
  }
  r.part = r.gpart = path;
  return r;
}

const cache = new Map<string, Part[] | null>();
const CACHE_LIMIT = 2048;

/** All components of a simple path, or null for a complex one (memoised, bounded). */
function partsOf(path: string): Part[] | null {
  let parts = cache.get(path);
  if (parts !== undefined) return parts;
  parts = [];
  let r = parsePart(path);
  while (r !== undefined) {
    parts.push(r);
    if (!r.more) break;
    r = parsePart(r.path);
  }
  if (r === undefined) parts = null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, parts);
  return parts;
}

/**
 * Whether `path` is a plain sjson path (no `#`, `@`, `*`, `?`, `|`). Argo Events documents
 * only these for `dest`; complex paths only overwrite values that already exist.
 */
export function isSimplePath(path: string): boolean {
  return path !== '' && partsOf(path) !== null;
}

/** sjson `mustMarshalString`: plain ASCII without quotes or backslashes is written as is. */
function mustMarshal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 127 || c === 34 || c === 92) return true;
  }
  return false;
}

function stringify(s: string): string {
  return mustMarshal(s) ? quoteJSONString(s) : '"' + s + '"';
}

/** sjson `atoui`: digits only (not forced); n wraps like Go's int. */
function atoui(r: Part): number | undefined {
  if (r.force) return undefined;
  let n = 0;
  for (let i = 0; i < r.part.length; i++) {
    const c = r.part.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n;
}

function checkPad(n: number): void {
  // sjson would try to allocate the padding; refuse absurd indexes instead of hanging
  if (n > 1_000_000) throw new ExpressionError(`array index ${n} is too large to pad with nulls`);
}

/** sjson `appendBuild`: builds the missing part of the path around the value. */
function build(array: boolean, paths: Part[], at: number, raw: string, str: boolean): string {
  let buf = array ? '' : stringify(paths[at]!.part) + ':';
  if (at + 1 < paths.length) {
    const next = paths[at + 1]!;
    const n = atoui(next);
    if (n !== undefined || (!next.force && next.part === '-1')) {
      const pad = n ?? 0;
      checkPad(pad);
      buf += '[' + 'null,'.repeat(pad) + build(true, paths, at + 1, raw, str) + ']';
    } else buf += '{' + build(false, paths, at + 1, raw, str) + '}';
  } else buf += str ? stringify(raw) : raw;
  return buf;
}

/** sjson `deleteTailItem`: drops the key (or comma) before a deleted value. */
function deleteTailItem(buf: string): [string, boolean] {
  for (let i = buf.length - 1; i >= 0; i--) {
    const c = buf.charCodeAt(i);
    if (c === 91) return [buf, true];
    if (c === 44) return [buf.slice(0, i), false];
    if (c === 58) {
      i--;
      for (; i >= 0; i--) {
        if (buf.charCodeAt(i) === 34) {
          i--;
          for (; i >= 0; i--) {
            if (buf.charCodeAt(i) === 34) {
              i--;
              if (i >= 0 && buf.charCodeAt(i) === 92) {
                i--;
                continue;
              }
              for (; i >= 0; i--) {
                const d = buf.charCodeAt(i);
                if (d === 123) return [buf.slice(0, i + 1), true];
                if (d === 44) return [buf.slice(0, i), false];
              }
            }
          }
          break;
        }
      }
      break;
    }
  }
  return [buf, false];
}

/** Marker for sjson's `errNoChange`. */
const NO_CHANGE = Symbol('no change');

function trimGo(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

/** sjson `appendRawPaths`. */
function appendRawPaths(
  jstr: string,
  paths: Part[],
  at: number,
  raw: string,
  str: boolean,
  del: boolean,
): string | typeof NO_CHANGE {
  const p0 = paths[at]!;
  let res: Result | undefined;
  if (del && p0.part === '-1' && !p0.force) {
    const count = get(jstr, '#').int();
    if (count > 0) res = get(jstr, String(count - 1));
  }
  res ??= get(jstr, p0.gpart);
  if (res.index > 0) {
    const before = jstr.slice(0, res.index);
    const after = res.index + res.raw.length;
    if (at + 1 < paths.length) {
      const inner = appendRawPaths(res.raw, paths, at + 1, raw, str, del);
      if (inner === NO_CHANGE) return NO_CHANGE;
      return before + inner + jstr.slice(after);
    }
    if (del) {
      const [buf, delNextComma] = deleteTailItem(before);
      let exidx = 0;
      if (delNextComma) {
        for (let i = after, j = 0; i < jstr.length; i++, j++) {
          const c = jstr.charCodeAt(i);
          if (c <= 32) continue;
          if (c === 44) exidx = j + 1;
          break;
        }
      }
      return buf + jstr.slice(after + exidx);
    }
    return before + (str ? stringify(raw) : raw) + jstr.slice(after);
  }
  if (del) return NO_CHANGE;
  const n = atoui(p0);
  let empty = true;
  for (let i = 0; i < jstr.length; i++) {
    if (jstr.charCodeAt(i) > 32) {
      empty = false;
      break;
    }
  }
  if (empty) jstr = n !== undefined ? '[]' : '{}';
  let jsres = parse(jstr);
  if (jsres.type !== 'JSON') {
    jstr = n !== undefined ? '[]' : '{}';
    jsres = parse(jstr);
  }
  const jraw = jsres.raw;
  let comma = false;
  for (let i = 1; i < jraw.length; i++) {
    const c = jraw.charCodeAt(i);
    if (c <= 32) continue;
    if (c === 125 || c === 93) break;
    comma = true;
    break;
  }
  if (jraw.charCodeAt(0) === 123) {
    let end = jraw.length - 1;
    for (; end > 0; end--) if (jraw.charCodeAt(end) === 125) break;
    return jraw.slice(0, end) + (comma ? ',' : '') + build(false, paths, at, raw, str) + '}';
  }
  // an array
  if (n === undefined) {
    if (p0.part === '-1' && !p0.force) {
      let njson = trimGo(jraw);
      if (njson.charCodeAt(njson.length - 1) === 93) njson = njson.slice(0, -1);
      return njson + (comma ? ',' : '') + build(true, paths, at, raw, str) + ']';
    }
    throw new ExpressionError(`cannot set array element for non-numeric key '${p0.part}'`);
  }
  const elems = jsres.array();
  checkPad(n - elems.length);
  let buf = '[' + elems.map((e) => e.raw).join(',');
  if (elems.length === 0) buf += 'null,'.repeat(Math.max(0, n));
  else {
    buf += ',null'.repeat(Math.max(0, n - elems.length));
    if (comma) buf += ',';
  }
  return buf + build(true, paths, at, raw, str) + ']';
}

const NOT_IN_DOCUMENT =
  'cannot set a value at this path: what it finds is built by a modifier, literal or multipath, not part of the document';

/** sjson `setComplexPath`: overwrite every value gjson finds at a complex path. */
function setComplexPath(jstr: string, path: string, raw: string, str: boolean): string {
  const res = get(jstr, path);
  if (!res.exists() || !(res.index !== 0 || (res.indexes?.length ?? 0) !== 0)) return jstr;
  // sjson splices at gjson's positions even when they point into text a modifier or literal
  // built; Go then corrupts the document or panics. Refuse instead.
  if (res.index !== 0 && !jstr.startsWith(res.raw, res.index)) throw new ExpressionError(NOT_IN_DOCUMENT);
  const value = str ? stringify(raw) : raw;
  if (res.index !== 0) jstr = jstr.slice(0, res.index) + value + jstr.slice(res.index + res.raw.length);
  const indexes = res.indexes;
  if (indexes !== undefined && indexes.length > 0) {
    const vals: Array<{ index: number; raw: string }> = [];
    res.forEach((_, v) => {
      vals.push({ index: 0, raw: v.raw });
    });
    if (vals.length !== indexes.length) return jstr;
    vals.forEach((v, i) => (v.index = indexes[i]!));
    if (vals.some((v) => !jstr.startsWith(v.raw, v.index))) throw new ExpressionError(NOT_IN_DOCUMENT);
    vals.sort((a, b) => b.index - a.index);
    for (const v of vals) jstr = jstr.slice(0, v.index) + value + jstr.slice(v.index + v.raw.length);
  }
  return jstr;
}

function setText(json: string, path: string, raw: string, str: boolean, del: boolean): string {
  if (path === '') throw new ExpressionError('path cannot be empty');
  const parts = partsOf(path);
  if (parts === null) {
    if (del) throw new ExpressionError('cannot delete value from a complex path');
    return setComplexPath(json, path, raw, str);
  }
  const out = appendRawPaths(json, parts, 0, raw, str, del);
  return out === NO_CHANGE ? json : out;
}

/**
 * sjson `Set`: writes `value` at `path`. Strings are written as JSON strings (sjson's
 * escaping: plain ASCII as is, anything else through Go's `json.Marshal`); numbers as Go
 * prints a float64; booleans, null and undefined as literals; arrays, objects and Maps as
 * Go's `json.Marshal` would (map keys sorted); a Uint8Array as its UTF-8 text (sjson takes
 * `[]byte` as a string).
 *
 * @throws ExpressionError `path cannot be empty`, `cannot set array element for
 *   non-numeric key '<k>'`, or an unsupported value.
 */
export function set(json: string, path: string, value: unknown): string {
  switch (typeof value) {
    case 'string':
      return setText(json, path, value, true, false);
    case 'boolean':
      return setText(json, path, value ? 'true' : 'false', false, false);
    case 'number':
      return setText(json, path, formatGoFloat(value), false, false);
    case 'bigint':
      return setText(json, path, value.toString(), false, false);
    default:
      if (value instanceof Uint8Array)
        return setText(json, path, new TextDecoder().decode(value), true, false);
      return setText(json, path, marshalJSON(value), false, false);
  }
}

/** sjson `SetRaw`: writes `raw` (JSON text, not checked) at `path`. */
export function setRaw(json: string, path: string, raw: string): string {
  return setText(json, path, raw, false, false);
}

/**
 * sjson `Delete`: removes the value at `path` (and its key or comma). A missing value
 * leaves the text unchanged.
 *
 * @throws ExpressionError for an empty or complex path.
 */
export function remove(json: string, path: string): string {
  return setText(json, path, '', false, true);
}
