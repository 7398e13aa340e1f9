/**
 * JSON written the way Go's encoding/json writes it, so event data is byte-compatible with
 * upstream (spec/event-format.md §5.1): `<`, `>`, `&`, U+2028 and U+2029 escaped inside strings,
 * map keys sorted, and embedded raw JSON re-compacted with its number text and key order kept.
 */

const HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

const HTML_UNSAFE = /[<>&\u2028\u2029]/;
const HTML_UNSAFE_ALL = /[<>&\u2028\u2029]/g;
/** What Go's compact rewrites: whitespace (outside strings) and the HTML-unsafe characters. */
const COMPACT_WORK = /[\s<>&\u2028\u2029]/;

/** A JSON string literal for `s`, as Go writes it (HTML-safe). */
export function goString(s: string): string {
  const json = JSON.stringify(s);
  return HTML_UNSAFE.test(json) ? json.replace(HTML_UNSAFE_ALL, (c) => HTML_ESCAPES[c] ?? c) : json;
}

/** Go's `map[string]string` / `map[string][]string` / nested maps: keys sorted byte-wise. */
export function goMap(map: Readonly<Record<string, string | readonly string[]>>): string {
  const keys = Object.keys(map).sort(compareBytes);
  const parts = keys.map((k) => {
    const v = map[k]!;
    const value = typeof v === 'string' ? goString(v) : `[${v.map(goString).join(',')}]`;
    return `${goString(k)}:${value}`;
  });
  return `{${parts.join(',')}}`;
}

/** Byte-wise (UTF-8) comparison, as Go sorts map keys. */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // below the surrogates UTF-16 code units order like UTF-8 bytes; above, compare the bytes
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
    // start at the high half when the difference is in the low half of a surrogate pair
    const from = i > 0 && (a.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? i - 1 : i;
    return Buffer.compare(Buffer.from(a.slice(from)), Buffer.from(b.slice(from)));
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Thrown when embedded bytes are not valid JSON; the message follows Go's wording where it is cheap. */
export class GoJsonSyntaxError extends Error {
  override name = 'GoJsonSyntaxError';
}

function describeChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  return `'${c}'`;
}

/**
 * Go's `json.Compact` with HTML escaping (what `json.Marshal` does to a `json.RawMessage`):
 * whitespace outside strings removed, strings HTML-escaped, everything else verbatim.
 * Throws GoJsonSyntaxError when `text` is not one valid JSON value.
 */
export function compactJson(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new GoJsonSyntaxError('unexpected end of JSON input');
  try {
    JSON.parse(trimmed);
  } catch (err: unknown) {
    const first = trimmed[0]!;
    if (!/[{["\-0-9tfn]/.test(first)) {
      throw new GoJsonSyntaxError(`invalid character ${describeChar(first)} looking for beginning of value`);
    }
    throw new GoJsonSyntaxError(err instanceof Error ? err.message : String(err));
  }
  // already compact and HTML-safe (the common machine-made body): nothing to rewrite
  if (!COMPACT_WORK.test(trimmed)) return trimmed;
  let out = '';
  let inString = false;
  let start = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i]!;
    if (inString) {
      if (c === '\\') {
        i++;
      } else if (c === '"') {
        inString = false;
      } else if (c === '<' || c === '>' || c === '&' || c === '\u2028' || c === '\u2029') {
        out += trimmed.slice(start, i) + HTML_ESCAPES[c]!;
        start = i + 1;
      }
    } else if (c === '"') {
      inString = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      out += trimmed.slice(start, i);
      start = i + 1;
    }
  }
  return out + trimmed.slice(start);
}
