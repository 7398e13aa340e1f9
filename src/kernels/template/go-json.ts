/**
 * Go's encoding/json for template values: Marshal / MarshalIndent / Encoder without HTML
 * escaping (sprig toJson, toPrettyJson, toRawJson) and Unmarshal into interface{} with Go's
 * syntax error texts (fromJson, mustFromJson).
 */
import {
  GO_TYPE,
  GoDuration,
  GoInt,
  GoTime,
  isStringer,
  sortedKeys,
  type GoMap,
  type GoSlice,
} from './values.js';
import { formatFloat, quote } from '../go/strconv.js';
import { formatTime } from './go-time.js';
import { formatJSONFloat, quoteJSONString } from '../go/json.js';

/** Marks a typed nil slice (`[]T(nil)`): prints `[]`, marshals as `null`. */
export const NIL_SLICE: unique symbol = Symbol('nilSlice');

export function nilSlice(type = '[]interface {}'): GoSlice {
  const s = [] as GoSlice & { [NIL_SLICE]?: true };
  s[GO_TYPE] = type;
  s[NIL_SLICE] = true;
  return s;
}

export class JSONError extends Error {}

/** encoding/json string encoding as Go 1.19 writes it (`\u0008`, `\u000c`). */
export function jsonString(s: string, escapeHTML: boolean): string {
  return quoteJSONString(s, { shortBackspaceFormFeed: false, escapeHTML });
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JSONError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  return formatJSONFloat(f);
}

/** json.Marshal / MarshalIndent(v, "", indent) / Encoder.Encode without the newline. */
export function marshal(v: unknown, options: { escapeHTML?: boolean; indent?: string } = {}): string {
  const escapeHTML = options.escapeHTML ?? true;
  const indent = options.indent;
  const enc = (x: unknown, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    switch (typeof x) {
      case 'string':
        return jsonString(x, escapeHTML);
      case 'number':
        return jsonFloat(x);
      case 'boolean':
        return x ? 'true' : 'false';
    }
    if (x instanceof GoInt) return x.v.toString();
    if (x instanceof GoDuration) return x.ns.toString();
    if (x instanceof GoTime) {
      const y = Number(formatTime(x, '2006'));
      if (y < 0 || y > 9999)
        throw new JSONError(
          'json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]',
        );
      return jsonString(formatTime(x, '2006-01-02T15:04:05.999999999Z07:00'), escapeHTML);
    }
    if (isStringer(x)) return jsonString(x.goString(), escapeHTML);
    const nl = indent === undefined ? '' : '\n' + indent.repeat(depth + 1);
    const nlEnd = indent === undefined ? '' : '\n' + indent.repeat(depth);
    const colon = indent === undefined ? ':' : ': ';
    if (Array.isArray(x)) {
      if ((x as GoSlice & { [NIL_SLICE]?: true })[NIL_SLICE] === true) return 'null';
      if (x.length === 0) return '[]';
      return '[' + x.map((e) => nl + enc(e, depth + 1)).join(',') + nlEnd + ']';
    }
    const m = x as GoMap;
    const keys = sortedKeys(m);
    if (keys.length === 0) return '{}';
    return (
      '{' +
      keys.map((k) => nl + jsonString(k, escapeHTML) + colon + enc(m[k], depth + 1)).join(',') +
      nlEnd +
      '}'
    );
  };
  return enc(v, 0);
}

// ---- decoding ----

/** encoding/json's quoteChar: the offending byte as a rune, quoted. */
function quoteChar(c: string): string {
  const byte = Buffer.from(c, 'utf8')[0] as number;
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return "'\"'";
  const q = quote(String.fromCharCode(byte));
  return "'" + q.slice(1, -1) + "'";
}

/** A JSON syntax check producing Go's scanner messages; undefined when valid. */
export function jsonSyntaxError(s: string): { syntax?: string; range?: string } | undefined {
  let i = 0;
  const n = s.length;
  let rangeError: string | undefined;
  const ws = (): void => {
    while (i < n && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  class Fail {
    constructor(readonly msg: string) {}
  }
  // At the end of input Go's scanner is fed one space: states that reject a space report it.
  const bad = (ctx: string, spaceIsError = false): never => {
    if (i >= n) {
      if (spaceIsError) throw new Fail(`invalid character ' ' ${ctx}`);
      throw new Fail('unexpected end of JSON input');
    }
    const c = String.fromCodePoint(s.codePointAt(i) as number);
    throw new Fail(`invalid character ${quoteChar(c)} ${ctx}`);
  };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (i >= n || s[i] !== word[k])
        bad(`in literal ${word} (expecting ${quoteChar(word[k] as string)})`, true);
    }
    i++;
  };
  const value = (ctx: string): void => {
    ws();
    if (i >= n) throw new Fail('unexpected end of JSON input');
    const c = s[i] as string;
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') bad('looking for beginning of object key string');
        str();
        ws();
        if (s[i] !== ':') bad('after object key');
        i++;
        value('looking for beginning of value');
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value('looking for beginning of value');
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        bad('after array element');
      }
    }
    if (c === '"') {
      str();
      return;
    }
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) {
      num();
      return;
    }
    bad(ctx);
  };
  const str = (): void => {
    i++;
    for (;;) {
      if (i >= n) throw new Fail('unexpected end of JSON input');
      const c = s[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (i >= n) bad('in string escape code', true);
        const e = s[i] as string;
        if ('"\\/bfnrt'.includes(e)) {
          i++;
          continue;
        }
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= n || !/[0-9a-fA-F]/.test(s[i] as string))
              bad('in \\u hexadecimal character escape', true);
          }
          i++;
          continue;
        }
        bad('in string escape code');
      }
      if (c.charCodeAt(0) < 0x20) bad('in string literal');
      i++;
    }
  };
  const digits = (): void => {
    while (i < n && s[i]! >= '0' && s[i]! <= '9') i++;
  };
  const num = (): void => {
    const start = i;
    try {
      numInner();
    } finally {
      const text = s.slice(start, i);
      if (rangeError === undefined && text !== '' && !Number.isFinite(Number(text))) {
        rangeError = `json: cannot unmarshal number ${text} into Go value of type float64`;
      }
    }
  };
  const numInner = (): void => {
    if (s[i] === '-') {
      i++;
      if (i >= n || !(s[i]! >= '0' && s[i]! <= '9')) bad('in numeric literal', true);
    }
    if (s[i] === '0') i++;
    else digits();
    if (s[i] === '.') {
      i++;
      if (i >= n || !(s[i]! >= '0' && s[i]! <= '9')) bad('after decimal point in numeric literal', true);
      digits();
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (i >= n || !(s[i]! >= '0' && s[i]! <= '9')) bad('in exponent of numeric literal', true);
      digits();
    }
  };
  try {
    value('looking for beginning of value');
    ws();
    if (i < n) bad('after top-level value');
  } catch (e) {
    if (e instanceof Fail) return { syntax: e.msg };
    throw e;
  }
  return rangeError === undefined ? undefined : { range: rangeError };
}

/**
 * json.Unmarshal into interface{}. A syntax error throws JSONError with Go's message and no
 * value. A number out of float64 range leaves nil in its place: `value` is still returned
 * and `error` carries Go's UnmarshalTypeError text.
 */
export function unmarshalLenient(s: string): { value: unknown; error?: string } {
  const err = jsonSyntaxError(s);
  if (err?.syntax !== undefined) throw new JSONError(err.syntax);
  const value = JSON.parse(s, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? null : v,
  ) as unknown;
  return err?.range === undefined ? { value } : { value, error: err.range };
}

/** json.Unmarshal into interface{}; throws JSONError with Go's message. */
export function unmarshal(s: string): unknown {
  const r = unmarshalLenient(s);
  if (r.error !== undefined) throw new JSONError(r.error);
  return r.value;
}
