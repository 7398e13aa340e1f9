/**
 * JSON text as Go writes it: `encoding/json.Marshal` (what upstream stores, sends and compares)
 * and gjson's `AppendJSONString`, which follows the same rules. Strings escape `"`, `\`,
 * control characters, `<`, `>`, `&`, U+2028 and U+2029; numbers are float64 in Go's shortest
 * form; map keys are sorted byte-wise; output is compact.
 */
import { ExpressionError } from '../../shared/errors.js';
import { formatGoFloat } from './strconv.js';

/** Options of {@link quoteJSONString}. */
export interface QuoteJSONOptions {
  /**
   * Write U+0008 and U+000C as `\b` and `\f` (encoding/json since Go 1.22, which upstream builds
   * with; gjson since 1.17) rather than `\u0008` and `\u000c` (older Go, gjson 1.14).
   * @default true
   */
  readonly shortBackspaceFormFeed?: boolean;
  /**
   * What a lone UTF-16 surrogate becomes. It has no UTF-8 form, so it depends on what Go would
   * have held: `'escape'` writes `\ufffd`, as Go does for a string with invalid UTF-8 bytes;
   * `'character'` writes U+FFFD itself, as Go does after decoding (json.Unmarshal and gjson
   * turn a lone `\ud800` into U+FFFD, which Marshal then writes as is).
   * @default 'escape'
   */
  readonly loneSurrogate?: 'escape' | 'character';
  /**
   * Escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (json.Marshal); `false` writes them
   * as they are, as an Encoder with `SetEscapeHTML(false)` does (sprig's `toRawJson`).
   * @default true
   */
  readonly escapeHTML?: boolean;
}

const HEX = '0123456789abcdef';

function u4(c: number): string {
  return '\\u' + HEX[(c >> 12) & 15]! + HEX[(c >> 8) & 15]! + HEX[(c >> 4) & 15]! + HEX[c & 15]!;
}

/** Returns `s` as a quoted JSON string, escaped as Go escapes it (see {@link QuoteJSONOptions}). */
export function quoteJSONString(s: string, options: QuoteJSONOptions = {}): string {
  const shortBF = options.shortBackspaceFormFeed ?? true;
  const surrogate = options.loneSurrogate === 'character' ? '\ufffd' : '\\ufffd';
  const html = options.escapeHTML ?? true;
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      if (c === 10) rep = '\\n';
      else if (c === 13) rep = '\\r';
      else if (c === 9) rep = '\\t';
      else if (shortBF && c === 8) rep = '\\b';
      else if (shortBF && c === 12) rep = '\\f';
      else rep = u4(c);
    } else if (c === 34) rep = '\\"';
    else if (c === 92) rep = '\\\\';
    else if (c === 0x2028 || c === 0x2029 || (html && (c === 60 || c === 62 || c === 38))) rep = u4(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = surrogate;
    }
    if (rep !== undefined) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return out + s.slice(from) + '"';
}

/** Go's JSON text of a finite float64 (`encoding/json` floatEncoder). */
export function formatJSONFloat(f: number): string {
  const abs = Math.abs(f);
  // Go switches to 'e' format there and trims `e-07` to `e-7`: JavaScript's shortest form
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return f.toExponential();
  return formatGoFloat(f);
}

function marshalFloat(f: number): string {
  if (!Number.isFinite(f)) throw new ExpressionError(`json: unsupported value: ${formatGoFloat(f)}`);
  return formatJSONFloat(f);
}

/** Orders strings as Go orders their UTF-8 bytes (how it sorts map keys). */
export function compareUTF8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Options of {@link marshalJSON}. */
export interface MarshalJSONOptions extends QuoteJSONOptions {
  /**
   * Sort object keys byte-wise, as Go does for maps. Struct fields keep declaration order:
   * callers that model a struct build the object in that order and pass `false`.
   * @default true
   */
  readonly sortKeys?: boolean;
  /**
   * Leave out object properties whose value is `undefined` (JSON.stringify's rule; such values
   * come only from JavaScript code, never from parsed JSON) instead of writing `null`.
   * @default false
   */
  readonly omitUndefined?: boolean;
}

/**
 * Go `json.Marshal` of a JavaScript value: objects and Maps as Go maps, arrays as slices,
 * numbers as float64, bigints as integers, Uint8Array as base64 (`[]byte`), `toJSON()` honoured.
 * @throws ExpressionError `json: unsupported value: NaN` (or `+Inf`, `-Inf`), `json: unsupported type: …`.
 */
export function marshalJSON(value: unknown, options: MarshalJSONOptions = {}): string {
  const sort = options.sortKeys ?? true;
  const omitUndefined = options.omitUndefined ?? false;
  const write = (v: unknown): string => {
    switch (typeof v) {
      case 'string':
        return quoteJSONString(v, options);
      case 'number':
        return marshalFloat(v);
      case 'bigint':
        return v.toString();
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
        return 'null';
      case 'object': {
        if (v === null) return 'null';
        if (v instanceof Uint8Array) return '"' + Buffer.from(v).toString('base64') + '"';
        if (Array.isArray(v)) return '[' + v.map((x) => write(x)).join(',') + ']';
        const withJSON = v as { toJSON?: () => unknown };
        if (typeof withJSON.toJSON === 'function') return write(withJSON.toJSON());
        let entries: Array<[string, unknown]> =
          v instanceof Map
            ? [...(v as Map<unknown, unknown>)].map(([k, x]) => [String(k), x])
            : Object.entries(v);
        if (omitUndefined) entries = entries.filter(([, x]) => x !== undefined);
        if (sort) entries.sort((a, b) => compareUTF8(a[0], b[0]));
        return '{' + entries.map(([k, x]) => quoteJSONString(k, options) + ':' + write(x)).join(',') + '}';
      }
      default:
        throw new ExpressionError(`json: unsupported type: ${typeof v}`);
    }
  };
  return write(value);
}
