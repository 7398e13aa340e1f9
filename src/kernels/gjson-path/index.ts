/**
 * gjson path reading (tidwall/gjson 1.14.4 syntax and result rules), used by data and
 * expr filters (`path`) and trigger parameters (`dataKey`, `contextKey`).
 *
 * ```ts
 * get('{"l":[{"k":"v1"},{"k":"v2"}]}', 'l.#.k').raw // '["v1","v2"]'
 * ```
 *
 * Differences from Go gjson are listed in docs/kernels/gjson-sjson.md.
 */
import { getFrom } from './get.js';
import { parse as parseResult, parseAny as parseAnyValue } from './parse.js';
import { valid as validJSON } from './valid.js';
import { Result } from './result.js';

export { Result };
export type { ResultType } from './result.js';
export { parseGoFloat, formatGoFloat } from '../go/strconv.js';
export { matchLimit } from './match.js';
export { appendJSONString } from './json-string.js';
export { useGjsonRules } from './rules.js';
export type { GjsonRules } from './rules.js';

/**
 * Reads `path` in `json` (gjson `Get`). Never throws: a path that finds nothing gives a
 * result whose `exists()` is false. `json` is not validated (use {@link valid} first).
 */
export function get(json: string, path: string): Result {
  return getFrom(json, path);
}

/** gjson `GetMany`: one result per path. */
export function getMany(json: string, ...paths: string[]): Result[] {
  return paths.map((p) => getFrom(json, p));
}

/** gjson `Valid`: whether `json` is exactly one valid JSON value. */
export function valid(json: string): boolean {
  return validJSON(json);
}

/** gjson `Parse`: the first JSON value in `json`, without validation. */
export function parse(json: string): Result {
  return parseResult(json);
}

/** gjson `ForEachLine`: calls `cb` for each value of a JSON-lines text; return false to stop. */
export function forEachLine(json: string, cb: (line: Result) => boolean | void): void {
  let i = 0;
  for (;;) {
    const line = parseAnyValue(json, i, true);
    if (line === undefined || !line.res.exists()) return;
    i = line.end;
    if (cb(line.res) === false) return;
  }
}

/**
 * gjson `Escape` (named so it does not shadow the global `escape`): makes a key safe to use as one path component (`fav.movie` → `fav\.movie`).
 * Letters, digits, `_`, `-`, `:`, spaces/controls and non-ASCII are kept; anything else gets
 * a backslash.
 */
export function escapeComponent(comp: string): string {
  let out = '';
  for (let i = 0; i < comp.length; i++) {
    const c = comp.charCodeAt(i);
    const safe =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c <= 32 ||
      c > 126 ||
      c === 95 ||
      c === 45 ||
      c === 58;
    out += safe ? comp[i] : '\\' + comp[i];
  }
  return out;
}
