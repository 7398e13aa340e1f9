/**
 * Go `encoding/json.Marshal` for the values trigger parameters write: strings with Go's
 * escaping, numbers as Go prints a float64, objects with sorted keys (a Go map).
 */
import { ExpressionError } from '../../shared/errors.js';
import { formatGoFloat } from '../go/strconv.js';

const HEX = '0123456789abcdef';

function u4(c: number): string {
  return '\\u' + HEX[(c >> 12) & 15]! + HEX[(c >> 8) & 15]! + HEX[(c >> 4) & 15]! + HEX[c & 15]!;
}

/**
 * Go `json.Marshal(s)` of a string: `"`, `\`, control characters, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped; `\b` and `\f` use their short forms (Go 1.22 and later, which upstream
 * builds with); a lone surrogate (invalid UTF-8 in Go) becomes `\ufffd`.
 */
export function marshalGoString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      switch (c) {
        case 8:
          rep = '\\b';
          break;
        case 9:
          rep = '\\t';
          break;
        case 10:
          rep = '\\n';
          break;
        case 12:
          rep = '\\f';
          break;
        case 13:
          rep = '\\r';
          break;
        default:
          rep = u4(c);
      }
    } else if (c === 34) rep = '\\"';
    else if (c === 92) rep = '\\\\';
    else if (c === 60 || c === 62 || c === 38 || c === 0x2028 || c === 0x2029) rep = u4(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\\ufffd';
    }
    if (rep !== undefined) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return out + s.slice(from) + '"';
}

/** Go's JSON text of a float64 (`encoding/json` floatEncoder). */
function marshalGoFloat(f: number): string {
  if (!Number.isFinite(f)) throw new ExpressionError(`json: unsupported value: ${formatGoFloat(f)}`);
  const abs = Math.abs(f);
  // Go switches to 'e' format there and trims `e-07` to `e-7`: JavaScript's shortest form
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return f.toExponential();
  return formatGoFloat(f);
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go `json.Marshal` of a JavaScript value (objects and Maps as Go maps: keys sorted). */
export function marshalGo(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return marshalGoString(v);
    case 'number':
      return marshalGoFloat(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object': {
      if (v === null) return 'null';
      if (v instanceof Uint8Array) return '"' + Buffer.from(v).toString('base64') + '"';
      if (Array.isArray(v)) return '[' + v.map((x) => marshalGo(x)).join(',') + ']';
      const withJSON = v as { toJSON?: () => unknown };
      if (typeof withJSON.toJSON === 'function') return marshalGo(withJSON.toJSON());
      const entries: Array<[string, unknown]> =
        v instanceof Map
          ? [...(v as Map<unknown, unknown>)].map(([k, x]) => [String(k), x])
          : Object.entries(v);
      entries.sort((a, b) => compareBytes(a[0], b[0]));
      return '{' + entries.map(([k, x]) => marshalGoString(k) + ':' + marshalGo(x)).join(',') + '}';
    }
    default:
      throw new ExpressionError(`json: unsupported type: ${typeof v}`);
  }
}
