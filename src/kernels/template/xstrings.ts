/**
 * huandu/xstrings ToSnakeCase / ToKebabCase / ToCamelCase, as sprig's snakecase, kebabcase and
 * camelcase call them (port of convert.go over runes).
 */
import { isGoSpace, isLetter, isUpper, runeLower, runeUpper } from './go-strings.js';

const punctRe = /^\p{P}$/u;
const numberRe = /^\p{N}$/u;

const isConnector = (r: string): boolean => r === '-' || r === '_' || isGoSpace(r.codePointAt(0) as number);
const isPunct = (r: string): boolean => punctRe.test(r);
const isNumber = (r: string): boolean => numberRe.test(r);
function isAlphabet(r: string): boolean {
  if (!isLetter(r)) return false;
  const c = r.codePointAt(0) as number;
  if (c < 0x2e80) return true;
  // CJK characters are not "alphabet" for xstrings.
  if (c >= 0x4e00 && c <= 0x9fcc) return false;
  if (c >= 0x3400 && c <= 0x4dbf) return false;
  if (c >= 0x20000 && c <= 0x2a6df) return false;
  return true;
}

enum W {
  Invalid,
  Number,
  Upper,
  Alphabet,
  Connector,
  Punct,
  Other,
}

function nextWord(s: string[], at: number): [W, number] {
  // Returns the word type and the index just after the word.
  if (at >= s.length) return [W.Invalid, at];
  let i = at;
  const r = s[i] as string;
  i++;
  if (isConnector(r)) {
    while (i < s.length && isConnector(s[i] as string)) i++;
    return [W.Connector, i];
  }
  if (isPunct(r)) {
    while (i < s.length && isPunct(s[i] as string)) i++;
    return [W.Punct, i];
  }
  if (isUpper(r)) {
    if (i >= s.length) return [W.Upper, i];
    const n = s[i] as string;
    if (isUpper(n)) {
      i++;
      while (i < s.length && isUpper(s[i] as string)) i++;
      if (i < s.length && isAlphabet(s[i] as string)) i--;
    } else if (isAlphabet(n)) {
      i++;
      while (i < s.length && isAlphabet(s[i] as string) && !isUpper(s[i] as string)) i++;
    }
    return [W.Upper, i];
  }
  if (isAlphabet(r)) {
    while (i < s.length && isAlphabet(s[i] as string) && !isUpper(s[i] as string)) i++;
    return [W.Alphabet, i];
  }
  if (isNumber(r)) {
    while (i < s.length && isNumber(s[i] as string)) i++;
    return [W.Number, i];
  }
  while (i < s.length) {
    const c = s[i] as string;
    if (isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)) break;
    i++;
  }
  return [W.Other, i];
}

function toLowerWord(wt: W, word: string[], connector: string): string {
  if ((wt as W) !== W.Upper && (wt as W) !== W.Connector) return word.join('');
  let out = '';
  for (const r of word) {
    if (isConnector(r)) out += connector;
    else if (isUpper(r)) out += runeLower(r);
    else out += r;
  }
  return out;
}

/** xstrings camelCaseToLowerCase. */
export function toDelimited(str: string, connector: string): string {
  if (str === '') return '';
  const s = [...str];
  let buf = '';
  let start = 0;
  let [wt, end] = nextWord(s, 0);
  let word = s.slice(start, end);
  const advance = (): void => {
    start = end;
    [wt, end] = nextWord(s, start);
    word = s.slice(start, end);
  };
  while (end < s.length) {
    if ((wt as W) !== W.Connector) buf += toLowerWord(wt, word, connector);
    const prev = wt;
    const last = word;
    advance();
    switch (prev) {
      case W.Number:
        while ((wt as W) === W.Alphabet || (wt as W) === W.Number) {
          buf += toLowerWord(wt, word, connector);
          advance();
        }
        if ((wt as W) !== W.Invalid && (wt as W) !== W.Punct && (wt as W) !== W.Connector) buf += connector;
        break;
      case W.Connector:
        buf += toLowerWord(prev, last, connector);
        break;
      case W.Punct:
        break;
      default: {
        if ((wt as W) !== W.Number) {
          if ((wt as W) !== W.Connector && (wt as W) !== W.Punct) buf += connector;
          break;
        }
        if (end >= s.length) break;
        const lastNum = word;
        advance();
        if ((wt as W) !== W.Alphabet) {
          buf += toLowerWord(W.Number, lastNum, connector);
          if ((wt as W) !== W.Connector && (wt as W) !== W.Punct) buf += connector;
          break;
        }
        buf += connector;
        buf += toLowerWord(W.Number, lastNum, connector);
        while ((wt as W) === W.Alphabet || (wt as W) === W.Number) {
          buf += toLowerWord(wt, word, connector);
          advance();
        }
        if ((wt as W) !== W.Invalid && (wt as W) !== W.Connector && (wt as W) !== W.Punct) buf += connector;
      }
    }
  }
  buf += toLowerWord(wt, word, connector);
  return buf;
}

/** xstrings ToCamelCase. */
export function toCamelCase(str: string): string {
  if (str === '') return '';
  const s = [...str];
  let buf = '';
  let i = 0;
  let r0 = '';
  while (i < s.length) {
    r0 = s[i] as string;
    i++;
    if (!isConnector(r0)) {
      r0 = runeUpper(r0);
      break;
    }
    buf += r0;
  }
  if (i >= s.length) {
    // All connectors, or one non-connector at the very end: Go writes r0 once more.
    return buf + r0;
  }
  while (i < s.length) {
    const r1 = r0;
    r0 = s[i] as string;
    i++;
    if (isConnector(r0) && isConnector(r1)) {
      buf += r1;
      continue;
    }
    if (isConnector(r1)) {
      r0 = runeUpper(r0);
    } else {
      r0 = runeLower(r0);
      buf += r1;
    }
  }
  return buf + r0;
}
