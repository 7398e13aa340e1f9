/**
 * Go's strings/unicode behaviour on JS strings: per-rune simple case mapping, unicode.IsSpace,
 * strings.Title, byte-indexed slicing with Go's panics, strings.Split/SplitN/Fields.
 */
import { GoError } from './func-types.js';
import { quote } from '../go/strconv.js';

/** unicode.IsSpace. */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const letterRe = /^\p{L}$/u;
const digitRe = /^\p{Nd}$/u;
const upperRe = /^\p{Lu}$/u;
const lowerRe = /^\p{Ll}$/u;
const titleRe = /^\p{Lt}$/u;

export const isLetter = (ch: string): boolean => letterRe.test(ch);
export const isDigit = (ch: string): boolean => digitRe.test(ch);
export const isUpper = (ch: string): boolean => upperRe.test(ch);
export const isLower = (ch: string): boolean => lowerRe.test(ch);
export const isTitle = (ch: string): boolean => titleRe.test(ch);

/** unicode.ToUpper of one rune (simple mapping: multi-rune results are not applied). */
export function runeUpper(ch: string): string {
  const u = ch.toUpperCase();
  return u.length === ch.length || [...u].length === 1 ? u : ch;
}
/** unicode.ToLower of one rune. */
export function runeLower(ch: string): string {
  if (ch === '\u0130') return 'i'; // Go's simple mapping; JS gives two code points
  const l = ch.toLowerCase();
  return [...l].length === 1 ? l : ch;
}
/** unicode.ToTitle of one rune. */
export function runeTitle(ch: string): string {
  switch (ch) {
    case 'ǆ':
    case 'ǅ':
    case 'Ǆ':
      return 'ǅ';
    case 'ǉ':
    case 'ǈ':
    case 'Ǉ':
      return 'ǈ';
    case 'ǌ':
    case 'ǋ':
    case 'Ǌ':
      return 'ǋ';
    case 'ǳ':
    case 'ǲ':
    case 'Ǳ':
      return 'ǲ';
  }
  return runeUpper(ch);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** strings.ToUpper. */
export function toUpper(s: string): string {
  if (isAscii(s)) return s.toUpperCase();
  let out = '';
  for (const ch of s) out += runeUpper(ch);
  return out;
}
/** strings.ToLower. */
export function toLower(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += runeLower(ch);
  return out;
}

function isSeparator(ch: string): boolean {
  const r = ch.codePointAt(0) as number;
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f)
      return false;
    return true;
  }
  if (isLetter(ch) || isDigit(ch)) return false;
  return isGoSpace(r);
}

/** strings.Title (deprecated upstream but what sprig's `title` calls). */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? runeTitle(ch) : ch;
    prev = ch;
  }
  return out;
}

/** strings.TrimSpace. */
export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** strings.Trim(s, cutset). */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const set = new Set([...cutset]);
  const runes = [...s];
  let a = 0;
  let b = runes.length;
  while (a < b && set.has(runes[a] as string)) a++;
  while (b > a && set.has(runes[b - 1] as string)) b--;
  return runes.slice(a, b).join('');
}

/** Go's `s[a:b]` on the UTF-8 bytes of s, with Go's runtime panics. */
export function byteSlice(s: string, a: number | undefined, b: number | undefined): string {
  const bytes = goBytes(s);
  const len = bytes.length;
  const lo = a ?? 0;
  const hi = b ?? len;
  if (b !== undefined) {
    if (hi < 0) throw new GoError(`runtime error: slice bounds out of range [:${hi}]`);
    if (hi > len) throw new GoError(`runtime error: slice bounds out of range [:${hi}] with length ${len}`);
  }
  if (lo < 0) throw new GoError(`runtime error: slice bounds out of range [${lo}:]`);
  if (lo > hi) throw new GoError(`runtime error: slice bounds out of range [${lo}:${hi}]`);
  if (isAscii(s)) return s.slice(lo, hi);
  return decodeUtf8Go(bytes.subarray(lo, hi));
}

/** strings.Split. */
export function split(s: string, sep: string): string[] {
  return splitN(s, sep, -1);
}

/** strings.SplitN. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = [...s];
    if (n < 0 || n > runes.length) n = runes.length;
    const out = runes.slice(0, n - 1);
    out.push(runes.slice(n - 1).join(''));
    return n === 0 ? [] : out;
  }
  if (n < 0) return s.split(sep);
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** strings.Fields. */
export function fields(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (isGoSpace(ch.codePointAt(0) as number)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur !== '') out.push(cur);
  return out;
}

/**
 * Decodes bytes into the string model: valid UTF-8 as usual, and every byte of an invalid
 * sequence (utf8.DecodeRune reports width 1) as the lone surrogate U+DC80+byte, so the bytes
 * survive into later byte-level functions ({@link goBytes}); printing turns them into U+FFFD,
 * as Go's output does.
 */
export function decodeUtf8Go(b: Uint8Array): string {
  let out = '';
  let i = 0;
  const n = b.length;
  let start = 0;
  const flushValid = (end: number): void => {
    if (end > start) out += Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
  };
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    }
    let ok = need > 0 && i + need < n;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const x = b[i + k] as number;
        const l = k === 1 ? lo : 0x80;
        const h = k === 1 ? hi : 0xbf;
        if (x < l || x > h) {
          ok = false;
          break;
        }
      }
    }
    if (ok) {
      i += need + 1;
      continue;
    }
    flushValid(i);
    out += String.fromCharCode(0xdc00 + c);
    i++;
    start = i;
  }
  flushValid(n);
  return out;
}

const escapedByteRe = /[\uDC80-\uDCFF]/;

/** The Go bytes of a string of the model: UTF-8, with escaped invalid bytes (U+DC80+b) restored. */
export function goBytes(s: string): Buffer {
  if (!escapedByteRe.test(s)) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c >= 0xdc80 &&
      c <= 0xdcff &&
      !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)
    ) {
      parts.push(Buffer.from(s.slice(start, i), 'utf8'), Buffer.from([c - 0xdc00]));
      start = i + 1;
    }
  }
  parts.push(Buffer.from(s.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** What Go's output shows for escaped invalid bytes: one U+FFFD each. */
export function replaceEscapedBytes(s: string): string {
  if (!escapedByteRe.test(s)) return s;
  return s.replace(/(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g, '\uFFFD');
}

/** strconv.Quote of raw bytes: invalid UTF-8 bytes appear as \\xNN. */
export function quoteBytes(b: Uint8Array): string {
  return quote(decodeUtf8Go(b));
}
