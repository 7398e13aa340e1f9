/**
 * gjson `AppendJSONString`: quotes a string as JSON the way gjson does for multipath keys
 * and `@tostr` (control characters escaped, `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`).
 */

const HEX = '0123456789abcdef';

function u4(c: number): string {
  return '\\u' + HEX[(c >> 12) & 15]! + HEX[(c >> 8) & 15]! + HEX[(c >> 4) & 15]! + HEX[c & 15]!;
}

import { rules } from './rules.js';

/** Returns `s` as a quoted JSON string, escaped as gjson escapes it. */
export function appendJSONString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 32) {
      rep = c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : u4(c);
      if (!rules.v114 && (c === 8 || c === 12)) rep = c === 8 ? '\\b' : '\\f'; // gjson 1.17
    } else if (c === 62 || c === 60 || c === 38) rep = u4(c);
    else if (c === 92) rep = '\\\\';
    else if (c === 34) rep = '\\"';
    else if (c === 0x2028 || c === 0x2029) rep = u4(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      // a lone surrogate has no UTF-8 form: Go would see invalid bytes and write U+FFFD
      const pair =
        c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
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
