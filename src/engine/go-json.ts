/**
 * JSON text as Go's `encoding/json` writes it, which is what upstream stores, sends and compares:
 * `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u00XX`, map keys sorted byte-wise (Go sorts map
 * keys; struct fields keep declaration order, which callers preserve by building objects in that
 * order and passing `sortKeys: false`), compact.
 */

const escapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

const needsEscape = /["\\\u0000-\u001f<>&\u2028\u2029]|[\ud800-\udfff]/;
const escapeAll = /["\\\u0000-\u001f<>&\u2028\u2029]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/** Quotes a string the way Go's encoding/json does (lone surrogates become U+FFFD, as Go does for invalid UTF-8). */
export function quoteGoString(s: string): string {
  if (!needsEscape.test(s)) return `"${s}"`;
  return (
    '"' +
    s.replace(escapeAll, (c) => {
      if (c.length === 2) return c; // a valid surrogate pair
      const known = escapes[c];
      if (known !== undefined) return known;
      const code = c.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
      return '\\u' + code.toString(16).padStart(4, '0');
    }) +
    '"'
  );
}

/** Options of {@link marshalGoJSON}. */
export interface MarshalOptions {
  /** Sort object keys byte-wise, as Go does for maps. @default true */
  readonly sortKeys?: boolean;
}

function compareBytewise(a: string, b: string): number {
  // UTF-16 order equals UTF-8 byte order except for astral vs. U+E000–U+FFFF; close enough for keys
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Serialises a JSON value (as JSON.parse returns it) like Go's json.Marshal of the equivalent
 * `interface{}`. Numbers use the same shortest form as Go for float64. Non-finite numbers throw,
 * as Go's encoder does (`json: unsupported value: NaN`).
 */
export function marshalGoJSON(value: unknown, options: MarshalOptions = {}): string {
  const sort = options.sortKeys ?? true;
  const out: string[] = [];
  const write = (v: unknown): void => {
    if (v === null || v === undefined) {
      out.push('null');
    } else if (typeof v === 'string') {
      out.push(quoteGoString(v));
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
      out.push(Object.is(v, -0) ? '-0' : JSON.stringify(v));
    } else if (typeof v === 'boolean') {
      out.push(v ? 'true' : 'false');
    } else if (Array.isArray(v)) {
      out.push('[');
      v.forEach((x, i) => {
        if (i > 0) out.push(',');
        write(x);
      });
      out.push(']');
    } else if (typeof v === 'object') {
      const keys = Object.keys(v);
      if (sort) keys.sort(compareBytewise);
      out.push('{');
      let first = true;
      for (const k of keys) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined) continue;
        if (!first) out.push(',');
        first = false;
        out.push(quoteGoString(k), ':');
        write(x);
      }
      out.push('}');
    } else {
      throw new Error(`json: unsupported type: ${typeof v}`);
    }
  };
  write(value);
  return out.join('');
}
