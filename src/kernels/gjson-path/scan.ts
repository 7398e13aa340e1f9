/**
 * Low-level JSON scanning, written the way gjson scans: no validation, no tree, just
 * skipping over values to find where they end. The functions take a position and return
 * the end position (exclusive) so callers can slice without copying. Escape detection,
 * loop bounds and the handling of broken input follow the Go code so that malformed
 * documents give the same answers.
 */

const QUOTE = 34; // "
const BSLASH = 92; // \

/** Counts backslashes right before `i` (down to, not including, `floor`) and says whether the quote at `i` is escaped. */
function escapedQuote(json: string, i: number, floor: number): boolean {
  if (json.charCodeAt(i - 1) !== BSLASH) return false;
  let n = 0;
  for (let j = i - 2; j > floor; j--) {
    if (json.charCodeAt(j) !== BSLASH) break;
    n++;
  }
  return n % 2 === 0;
}

/**
 * gjson `squash(json[start:])`: end of the value starting at `start` (a `[`, `{`, `(` or `"`),
 * ignoring nested values. Returns `json.length` when it does not close.
 */
export function squashEnd(json: string, start: number): number {
  let i = start;
  let depth = 0;
  if (json.charCodeAt(start) !== QUOTE) {
    i = start + 1;
    depth = 1;
  }
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 34 || c > 125) continue;
    switch (c) {
      case QUOTE: {
        const q = closingQuote(json, i + 1);
        i = q < 0 ? json.length : q;
        if (depth === 0) {
          if (i >= json.length) return json.length;
          return i + 1;
        }
        break;
      }
      case 123: // {
      case 91: // [
      case 40: // (
        depth++;
        break;
      case 125: // }
      case 93: // ]
      case 41: // )
        depth--;
        if (depth === 0) return i + 1;
        break;
    }
  }
  return json.length;
}

/** gjson `parseSquash`: like {@link squashEnd} for a `[`, `{` or `(` at `start`. */
export function parseSquashEnd(json: string, start: number): number {
  let i = start + 1;
  let depth = 1;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 34 || c > 125) continue;
    switch (c) {
      case QUOTE: {
        const q = closingQuote(json, i + 1);
        i = q < 0 ? json.length : q;
        break;
      }
      case 123:
      case 91:
      case 40:
        depth++;
        break;
      case 125:
      case 93:
      case 41:
        depth--;
        if (depth === 0) return i + 1;
        break;
    }
  }
  // may be length + 1 after an unterminated string, as in Go (callers then stop scanning)
  return i;
}

/** gjson `tonum(json[start:])`: end of a number token (stops at space, control, `,`, `]`, `}`). */
export function tonumEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 45) {
      if (c <= 32 || c === 44) return i;
    } else if (c === 93 || c === 125) return i;
  }
  return json.length;
}

/** gjson `parseNumber`: end of a number token inside a container. */
export function parseNumberEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 32 || c === 44 || c === 93 || c === 125) return i;
  }
  return json.length;
}

/** gjson `tolit`/`parseLiteral`: end of a run of lower-case letters starting at `start`. */
export function literalEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 97 || c > 122) return i;
  }
  return json.length;
}

/** Outcome of {@link tostr}: the raw end and the decoded string. */
export interface StrScan {
  end: number;
  str: string;
}

/** gjson `tostr(json[start:])` where `json[start]` is `"`. */
export function tostr(json: string, start: number): StrScan {
  for (let i = start + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c > BSLASH) continue;
    if (c === QUOTE) return { end: i + 1, str: json.slice(start + 1, i) };
    if (c === BSLASH) {
      i++;
      for (; i < json.length; i++) {
        const d = json.charCodeAt(i);
        if (d > BSLASH) continue;
        if (d === QUOTE) {
          if (escapedQuote(json, i, start)) continue;
          return { end: i + 1, str: unescape(json.slice(start + 1, i)) };
        }
      }
      return { end: json.length, str: unescape(json.slice(start + 1, i)) };
    }
  }
  return { end: json.length, str: json.slice(start + 1) };
}

/** Outcome of {@link parseString}. `ok` is false when the string does not close. */
export interface StringScan {
  /** Position after the closing quote (or the end of input). */
  end: number;
  /** Start of the raw text (the opening quote). */
  rawStart: number;
  /** Whether the string holds a backslash escape. */
  esc: boolean;
  ok: boolean;
}

/** gjson `parseString(json, i)` where `i` is just after the opening quote. */
export function parseString(json: string, i: number, out: StringScan): StringScan {
  out.rawStart = i - 1;
  // Only `"` and `\` matter inside a string, so jump between them instead of stepping.
  let q = json.indexOf('"', i);
  const b = json.indexOf('\\', i);
  if (b < 0 || (q >= 0 && b > q)) {
    out.esc = false;
    out.ok = q >= 0;
    out.end = q >= 0 ? q + 1 : json.length;
    return out;
  }
  q = json.indexOf('"', b + 1);
  while (q >= 0 && escapedQuote(json, q, 0)) q = json.indexOf('"', q + 1);
  out.ok = q >= 0;
  out.esc = q >= 0;
  out.end = q >= 0 ? q + 1 : json.length;
  return out;
}

/** Position of the quote closing a string whose text starts at `s2` (escape counting stops at `s2`); -1 if none. */
function closingQuote(json: string, s2: number): number {
  let q = json.indexOf('"', s2);
  while (q >= 0 && escapedQuote(json, q, s2 - 1)) q = json.indexOf('"', q + 1);
  return q;
}

function hex4(s: string, at: number): number {
  // Go: strconv.ParseUint(s[:4], 16, 64) with the error ignored (0 on bad digits)
  const h = s.slice(at, at + 4);
  return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : 0;
}

/** gjson `unescape`: decodes JSON escapes; stops at a control character or a bad escape. */
export function unescape(json: string): string {
  let out = '';
  let from = 0; // start of the pending run of plain characters
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 32) return out + json.slice(from, i);
    if (c !== BSLASH) continue;
    out += json.slice(from, i);
    i++;
    if (i >= json.length) return out;
    switch (json.charCodeAt(i)) {
      case 92:
        out += '\\';
        break;
      case 47:
        out += '/';
        break;
      case 98:
        out += '\b';
        break;
      case 102:
        out += '\f';
        break;
      case 110:
        out += '\n';
        break;
      case 114:
        out += '\r';
        break;
      case 116:
        out += '\t';
        break;
      case 34:
        out += '"';
        break;
      case 117: {
        if (i + 5 > json.length) return out;
        let r = hex4(json, i + 1);
        i += 5;
        if (r >= 0xd800 && r < 0xe000) {
          if (json.length - i >= 6 && json.charCodeAt(i) === BSLASH && json.charCodeAt(i + 1) === 117) {
            const r2 = hex4(json, i + 2);
            // utf16.DecodeRune: a valid pair or U+FFFD
            r =
              r < 0xdc00 && r2 >= 0xdc00 && r2 < 0xe000
                ? (r - 0xd800) * 0x400 + (r2 - 0xdc00) + 0x10000
                : 0xfffd;
            i += 6;
          } else r = 0xfffd; // utf8.EncodeRune of a lone surrogate
        }
        out += String.fromCodePoint(r);
        i--;
        break;
      }
      default:
        return out;
    }
    from = i + 1;
  }
  return out + json.slice(from);
}

/** gjson `trim`: drops bytes <= space from both ends. */
export function trimGo(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Go byte-wise string comparison (UTF-8 order is code point order, not UTF-16 order). */
export function compareGo(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // surrogates (U+D800..DFFF) encode code points above U+FFFF: they sort after U+E000..FFFF
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && x >= 0xd800 && y >= 0xd800) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
