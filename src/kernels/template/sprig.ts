/**
 * The sprig v3.2.3 function map (Masterminds/sprig `TxtFuncMap`), with each function's Go
 * signature so text/template's argument checks apply. Functions that need the outside world
 * (`now`, `env`) take it from {@link SprigContext}; functions whose output is random or needs
 * I/O are listed in docs/kernels/template.md.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ANY, GoError, goFunc, type GoFunc } from './func-types.js';
import type { GoInt, GoTime } from './values.js';
import {
  GoDuration,
  goInt,
  int,
  int64,
  isMap,
  isStringer,
  kindString,
  mapGet,
  mapHas,
  newMap,
  sortedKeys,
  typeString,
  typedMap,
  typedSlice,
  type GoMap,
  type GoSlice,
  type Zone,
} from './values.js';
import { sprintf } from './fmt.js';
import { canBackquote, quote as strconvQuote } from '../go/strconv.js';
import {
  byteSlice,
  fields,
  isGoSpace,
  isLower,
  isTitle,
  isUpper,
  runeLower,
  runeTitle,
  runeUpper,
  decodeUtf8Go,
  goBytes,
  split as goSplit,
  splitN,
  title,
  toLower,
  toUpper,
  trimCutset,
  trimSpace,
} from './go-strings.js';
import { floatToInt64, strval, toFloat64, toGoInt, toGoInt64, toInt64, parseInt64 } from './sprig-convert.js';
import { JSONError, marshal, nilSlice, unmarshal, unmarshalLenient } from './go-json.js';
import { allMatches, compileRegexp, quoteMeta, replaceAll, splitRegexp } from './go-regexp.js';
import { dateFuncs } from './sprig-dates.js';
import { collectionFuncs, isEmpty, deepEqual } from './sprig-collections.js';
import { SemVersion, semverFuncs } from './sprig-semver.js';
import { urlParse, urlJoin } from './sprig-url.js';
import { pathBase, pathClean, pathDir, pathExt } from './go-path.js';
import { base32Decode, base32Encode, base64Decode } from './go-base.js';
import { toCamelCase, toDelimited } from './xstrings.js';

/** What sprig functions may read from outside the template. */
export interface SprigContext {
  /** The current instant (`now`, and `date` & co. given a non-time value). */
  now(): GoTime;
  /** `env`/`expandenv` lookup; unset variables read as "". */
  env(name: string): string | undefined;
  /** Go's `time.Local`. */
  local: Zone;
}

const S = 'string';
const I = 'int';

/** goutils.AbbreviateFull on the UTF-8 bytes (Go slices strings by byte). */
function abbreviateFullBytes(str: Buffer, offset: number, maxWidth: number): Buffer {
  if (str.length === 0) return str;
  if (maxWidth < 4) throw new GoError('width');
  const len = str.length;
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const marker = Buffer.from('...');
  if (offset <= 4) return Buffer.concat([str.subarray(0, maxWidth - 3), marker]);
  if (maxWidth < 7) throw new GoError('width');
  if (offset + maxWidth - 3 < len) {
    let r: Buffer = Buffer.alloc(0);
    try {
      r = abbreviateFullBytes(str.subarray(offset), 0, maxWidth - 3);
    } catch {
      r = Buffer.alloc(0);
    }
    return Buffer.concat([marker, r]);
  }
  return Buffer.concat([marker, str.subarray(len - (maxWidth - 3))]);
}

function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  return decodeUtf8Go(abbreviateFullBytes(goBytes(str), offset, maxWidth));
}

function wrapCustom(str: string, wrapLength: number, newLineStr: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  if (newLineStr === '') newLineStr = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const b = goBytes(str);
  const len = b.length;
  const sl = (a: number, e: number): string => decodeUtf8Go(b.subarray(a, e));
  let offset = 0;
  let out = '';
  while (len - offset > wrapLength) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    const seg = b.subarray(offset, Math.min(end, len));
    let spaceToWrapAt = seg.lastIndexOf(0x20) + offset;
    if (end > len) throw new GoError(`runtime error: slice bounds out of range [:${end}] with length ${len}`);
    if (spaceToWrapAt >= offset) {
      out += sl(offset, spaceToWrapAt) + newLineStr;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      const e = wrapLength + offset;
      out += sl(offset, e) + newLineStr;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      const index = b.subarray(e).indexOf(0x20);
      if (index === -1) {
        out += sl(offset, len);
        offset = len;
      } else {
        spaceToWrapAt = index + e;
        out += sl(offset, spaceToWrapAt) + newLineStr;
        offset = spaceToWrapAt + 1;
      }
    }
  }
  return out + sl(offset, len);
}

function swapCase(str: string): string {
  let ws = true;
  let out = '';
  for (const ch of str) {
    if (isUpper(ch) || isTitle(ch)) {
      out += runeLower(ch);
      ws = false;
    } else if (isLower(ch)) {
      out += ws ? runeTitle(ch) : runeUpper(ch);
      ws = false;
    } else {
      out += ch;
      ws = isGoSpace(ch.codePointAt(0) as number);
    }
  }
  return out;
}

/** strslice: []string from a slice (nil elements dropped) or a single value. */
export function strslice(v: unknown): GoSlice {
  if (Array.isArray(v)) {
    const t = (v as GoSlice)[Symbol.for('never') as never] as unknown;
    void t;
    return typedSlice(v.filter((x) => x !== null && x !== undefined).map(strval), '[]string');
  }
  if (v === null || v === undefined) return typedSlice([], '[]string');
  return typedSlice([strval(v)], '[]string');
}

function intSliceString(xs: number[]): string {
  return xs.join(' ');
}

/** Longest list `until`/`untilStep`/`seq` build; Go would try to allocate until memory runs out. */
const MAX_GENERATED = 10_000_000;

function untilStep(start: number, stop: number, step: number): number[] {
  const v: number[] = [];
  if (step !== 0 && Math.abs((stop - start) / step) > MAX_GENERATED) {
    throw new GoError(`Argus limit: more than ${MAX_GENERATED} elements`);
  }
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of goBytes(s)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function expandEnv(s: string, get: (k: string) => string): string {
  // os.Expand: $var, ${var}; special single-char names; $ at end kept.
  let out = '';
  let i = 0;
  let j = 0;
  for (; j < s.length; j++) {
    if (s[j] === '$' && j + 1 < s.length) {
      out += s.slice(i, j);
      const rest = s.slice(j + 1);
      let name: string;
      let w: number;
      if (rest[0] === '{') {
        if (rest.length > 2 && isShellSpecial(rest[1] as string) && rest[2] === '}') {
          name = rest[1] as string;
          w = 3;
        } else {
          const end = rest.indexOf('}');
          if (end < 0) {
            name = '';
            w = 1;
          } else if (end === 1) {
            name = '';
            w = 2;
          } else {
            name = rest.slice(1, end);
            w = end + 1;
          }
        }
      } else if (isShellSpecial(rest[0] as string)) {
        name = rest[0] as string;
        w = 1;
      } else {
        const m = /^[A-Za-z0-9_]*/.exec(rest) as RegExpExecArray;
        name = m[0];
        w = m[0].length;
      }
      if (name === '' && w > 0) {
        // Bad syntax: eat the characters.
      } else if (name === '') {
        out += s[j];
      } else {
        out += get(name);
      }
      j += w;
      i = j + 1;
    }
  }
  if (i === 0) return s;
  return out + s.slice(i);
}

function isShellSpecial(c: string): boolean {
  return '*#$@!?-'.includes(c) || (c >= '0' && c <= '9');
}

function roundSprig(a: unknown, p: GoInt, ...rOpt: number[]): number {
  const roundOn = rOpt.length > 0 ? (rOpt[0] as number) : 0.5;
  const val = toFloat64(a);
  const places = Number(p.v);
  const pow = Math.pow(10, places);
  const digit = pow * val;
  const div = digit - Math.trunc(digit);
  const r = div >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

/** Exact decimal arithmetic as shopspring/decimal does for addf/subf/mulf/divf. */
function decimalOp(a: unknown, rest: unknown[], op: '+' | '-' | '*' | '/'): number {
  let acc = decimalFromFloat(toFloat64(a));
  for (const x of rest) {
    const d = decimalFromFloat(toFloat64(x));
    acc = decimalApply(acc, d, op);
  }
  return Number(decimalString(acc));
}

interface Dec {
  v: bigint;
  exp: number;
}

function decimalFromFloat(f: number): Dec {
  if (!Number.isFinite(f)) throw new GoError(`Cannot create a Decimal from ${sprintf('%v', [f])}`);
  if (f === 0) return { v: 0n, exp: 0 };
  // Shortest representation, as decimal.NewFromFloat does.
  const s = f.toExponential();
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s) as RegExpExecArray;
  const digits = (m[2] as string) + (m[3] ?? '');
  const exp = Number(m[4]) - (digits.length - 1);
  return { v: BigInt((m[1] as string) + digits), exp };
}

function decimalApply(a: Dec, b: Dec, op: '+' | '-' | '*' | '/'): Dec {
  const align = (x: Dec, e: number): bigint => x.v * 10n ** BigInt(x.exp - e);
  switch (op) {
    case '+':
    case '-': {
      const e = Math.min(a.exp, b.exp);
      const av = align(a, e);
      const bv = align(b, e);
      return { v: op === '+' ? av + bv : av - bv, exp: e };
    }
    case '*':
      return { v: a.v * b.v, exp: a.exp + b.exp };
    case '/': {
      if (b.v === 0n) throw new GoError('decimal division by 0');
      // DivRound(d2, 16): quotient truncated at 10^-16, then rounded half away from zero.
      const prec = 16;
      const k = a.exp + prec - b.exp;
      const num = k >= 0 ? a.v * 10n ** BigInt(k) : a.v;
      const den = k >= 0 ? b.v : b.v * 10n ** BigInt(-k);
      let q = num / den;
      const r = num - q * den;
      const abs = (x: bigint): bigint => (x < 0n ? -x : x);
      if (2n * abs(r) >= abs(den)) q += a.v < 0n !== b.v < 0n ? -1n : 1n;
      return { v: q, exp: -prec };
    }
  }
}

function decimalString(d: Dec): string {
  if (d.exp >= 0) return (d.v * 10n ** BigInt(d.exp)).toString();
  const neg = d.v < 0n;
  let s = (neg ? -d.v : d.v).toString();
  const p = -d.exp;
  if (s.length <= p) s = '0'.repeat(p - s.length + 1) + s;
  return (neg ? '-' : '') + s.slice(0, s.length - p) + '.' + s.slice(s.length - p);
}

function regexFuncs(): Array<[string, GoFunc]> {
  const mustCompile = (expr: string): ReturnType<typeof compileRegexp> => {
    try {
      return compileRegexp(expr);
    } catch (e) {
      throw new GoError(`regexp: Compile(${quoteForCompile(expr)}): ${(e as Error).message}`);
    }
  };
  const findAll = (r: ReturnType<typeof compileRegexp>, s: string, n: number): GoSlice => {
    const ms = allMatches(r, s, n < 0 ? -1 : n);
    if (n === 0 || ms.length === 0) return nilSlice('[]string');
    return typedSlice(
      ms.map((m) => m[0]),
      '[]string',
    );
  };
  const split = (r: ReturnType<typeof compileRegexp>, s: string, n: number): GoSlice => {
    const parts = splitRegexp(r, s, n);
    return parts === undefined ? nilSlice('[]string') : typedSlice(parts, '[]string');
  };
  const find = (r: ReturnType<typeof compileRegexp>, s: string): string => allMatches(r, s, 1)[0]?.[0] ?? '';
  return [
    [
      'regexMatch',
      goFunc([S, S], (re: string, s: string) => {
        try {
          return allMatches(compileRegexp(re), s, 1).length > 0;
        } catch {
          return false;
        }
      }),
    ],
    [
      'mustRegexMatch',
      goFunc([S, S], (re: string, s: string) => allMatches(compileRegexp(re), s, 1).length > 0),
    ],
    [
      'regexFindAll',
      goFunc([S, S, I], (re: string, s: string, n: GoInt) => findAll(mustCompile(re), s, Number(n.v))),
    ],
    [
      'mustRegexFindAll',
      goFunc([S, S, I], (re: string, s: string, n: GoInt) => findAll(compileRegexp(re), s, Number(n.v))),
    ],
    ['regexFind', goFunc([S, S], (re: string, s: string) => find(mustCompile(re), s))],
    ['mustRegexFind', goFunc([S, S], (re: string, s: string) => find(compileRegexp(re), s))],
    [
      'regexReplaceAll',
      goFunc([S, S, S], (re: string, s: string, r: string) => replaceAll(mustCompile(re), s, r, false)),
    ],
    [
      'mustRegexReplaceAll',
      goFunc([S, S, S], (re: string, s: string, r: string) => replaceAll(compileRegexp(re), s, r, false)),
    ],
    [
      'regexReplaceAllLiteral',
      goFunc([S, S, S], (re: string, s: string, r: string) => replaceAll(mustCompile(re), s, r, true)),
    ],
    [
      'mustRegexReplaceAllLiteral',
      goFunc([S, S, S], (re: string, s: string, r: string) => replaceAll(compileRegexp(re), s, r, true)),
    ],
    [
      'regexSplit',
      goFunc([S, S, I], (re: string, s: string, n: GoInt) => split(mustCompile(re), s, Number(n.v))),
    ],
    [
      'mustRegexSplit',
      goFunc([S, S, I], (re: string, s: string, n: GoInt) => split(compileRegexp(re), s, Number(n.v))),
    ],
    ['regexQuoteMeta', goFunc([S], quoteMeta)],
  ];
}

function quoteForCompile(expr: string): string {
  // regexp.MustCompile panics with "regexp: Compile(" + quote(str) + "): " + err.
  return canBackquote(expr) ? '`' + expr + '`' : strconvQuote(expr);
}

function jsonFuncs(): Array<[string, GoFunc]> {
  const safe = (f: () => string): string => {
    try {
      return f();
    } catch (e) {
      if (e instanceof JSONError) return '';
      throw e;
    }
  };
  const must = (f: () => string): string => {
    try {
      return f();
    } catch (e) {
      if (e instanceof JSONError) throw new GoError(e.message);
      throw e;
    }
  };
  return [
    [
      'fromJson',
      goFunc(
        [S],
        (s: string) => {
          try {
            return unmarshalLenient(s).value;
          } catch (e) {
            if (e instanceof JSONError) {
              // Unmarshal leaves output as set so far: nil for a syntax error.
              return null;
            }
            throw e;
          }
        },
        { returnsAny: true },
      ),
    ],
    [
      'mustFromJson',
      goFunc(
        [S],
        (s: string) => {
          try {
            return unmarshal(s);
          } catch (e) {
            if (e instanceof JSONError) throw new GoError(e.message);
            throw e;
          }
        },
        { returnsAny: true },
      ),
    ],
    ['toJson', goFunc([ANY], (v: unknown) => safe(() => marshal(v)))],
    ['toPrettyJson', goFunc([ANY], (v: unknown) => safe(() => marshal(v, { indent: '  ' })))],
    [
      'toRawJson',
      goFunc([ANY], (v: unknown) => {
        try {
          return marshal(v, { escapeHTML: false });
        } catch (e) {
          if (e instanceof JSONError) throw new GoError(e.message);
          throw e;
        }
      }),
    ],
    ['mustToJson', goFunc([ANY], (v: unknown) => must(() => marshal(v)))],
    ['mustToPrettyJson', goFunc([ANY], (v: unknown) => must(() => marshal(v, { indent: '  ' })))],
    ['mustToRawJson', goFunc([ANY], (v: unknown) => must(() => marshal(v, { escapeHTML: false })))],
  ];
}

const unsupported = (name: string): GoFunc =>
  goFunc(
    [],
    () => {
      throw new GoError(`${name} is not supported by Argus`);
    },
    { variadic: ANY },
  );

function randString(count: GoInt, alphabet: string): string {
  const n = Number(count.v);
  if (n < 0) return '';
  const bytes = randomBytes(n);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

const alpha = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';

/** Builds sprig's text function map for one context. */
export function sprigFuncs(ctx: SprigContext): Map<string, GoFunc> {
  const m = new Map<string, GoFunc>([
    ['hello', goFunc([], () => 'Hello!')],
    ...dateFuncs(ctx),

    // strings
    ['abbrev', goFunc([I, S], (w: GoInt, s: string) => (w.v < 4n ? s : abbrevSafe(s, 0, Number(w.v))))],
    [
      'abbrevboth',
      goFunc([I, I, S], (l: GoInt, r: GoInt, s: string) =>
        r.v < 4n || (l.v > 0n && r.v < 7n) ? s : abbrevSafe(s, Number(l.v), Number(r.v)),
      ),
    ],
    ['trunc', goFunc([I, S], (c: GoInt, s: string) => truncBytes(Number(c.v), s))],
    ['trim', goFunc([S], trimSpace)],
    ['upper', goFunc([S], toUpper)],
    ['lower', goFunc([S], toLower)],
    ['title', goFunc([S], title)],
    ['untitle', goFunc([S], (s: string) => uncapitalize(s))],
    ['substr', goFunc([I, I, S], (a: GoInt, b: GoInt, s: string) => substring(Number(a.v), Number(b.v), s))],
    [
      'repeat',
      goFunc([I, S], (c: GoInt, s: string) => {
        if (c.v < 0n) throw new GoError('strings: negative Repeat count');
        if (BigInt(s.length) * c.v > 100000000n) throw new GoError('strings: Repeat count causes overflow');
        return s.repeat(Number(c.v));
      }),
    ],
    ['trimall', goFunc([S, S], (a: string, b: string) => trimCutset(b, a))],
    ['trimAll', goFunc([S, S], (a: string, b: string) => trimCutset(b, a))],
    [
      'trimSuffix',
      goFunc([S, S], (a: string, b: string) =>
        a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b,
      ),
    ],
    [
      'trimPrefix',
      goFunc([S, S], (a: string, b: string) => (a !== '' && b.startsWith(a) ? b.slice(a.length) : b)),
    ],
    ['nospace', goFunc([S], deleteWhiteSpace)],
    ['initials', goFunc([S], initials)],
    ['randAlphaNum', goFunc([I], (n: GoInt) => randString(n, alpha + digits))],
    ['randAlpha', goFunc([I], (n: GoInt) => randString(n, alpha))],
    [
      'randAscii',
      goFunc([I], (n: GoInt) =>
        randString(
          n,
          ' !"#$%&\'()*+,-./' +
            digits +
            ':;<=>?@' +
            alpha.slice(26) +
            '[\\]^_`' +
            alpha.slice(0, 26) +
            '{|}~',
        ),
      ),
    ],
    ['randNumeric', goFunc([I], (n: GoInt) => randString(n, digits))],
    ['swapcase', goFunc([S], swapCase)],
    ['shuffle', goFunc([S], (s: string) => [...s].sort(() => (randomBytes(1)[0]! < 128 ? -1 : 1)).join(''))],
    ['snakecase', goFunc([S], (s: string) => toDelimited(s, '_'))],
    ['camelcase', goFunc([S], toCamelCase)],
    ['kebabcase', goFunc([S], (s: string) => toDelimited(s, '-'))],
    ['wrap', goFunc([I, S], (l: GoInt, s: string) => wrapCustom(s, Number(l.v), '', false))],
    [
      'wrapWith',
      goFunc([I, S, S], (l: GoInt, sep: string, s: string) => wrapCustom(s, Number(l.v), sep, true)),
    ],
    ['contains', goFunc([S, S], (sub: string, s: string) => s.includes(sub))],
    ['hasPrefix', goFunc([S, S], (sub: string, s: string) => s.startsWith(sub))],
    ['hasSuffix', goFunc([S, S], (sub: string, s: string) => s.endsWith(sub))],
    [
      'quote',
      goFunc(
        [],
        (...xs: unknown[]) =>
          xs
            .filter((x) => x !== null)
            .map((x) => sprintf('%q', [strval(x)]))
            .join(' '),
        {
          variadic: ANY,
        },
      ),
    ],
    [
      'squote',
      goFunc(
        [],
        (...xs: unknown[]) =>
          xs
            .filter((x) => x !== null)
            .map((x) => sprintf("'%v'", [x]))
            .join(' '),
        {
          variadic: ANY,
        },
      ),
    ],
    [
      'cat',
      goFunc(
        [],
        (...xs: unknown[]) => {
          const v = xs.filter((x) => x !== null);
          return sprintf(trimSpace('%v '.repeat(v.length)), v);
        },
        { variadic: ANY },
      ),
    ],
    ['indent', goFunc([I, S], (n: GoInt, s: string) => indent(Number(n.v), s))],
    ['nindent', goFunc([I, S], (n: GoInt, s: string) => '\n' + indent(Number(n.v), s))],
    ['replace', goFunc([S, S, S], (o: string, n: string, s: string) => replaceAllGo(s, o, n))],
    ['plural', goFunc([S, S, I], (one: string, many: string, c: GoInt) => (c.v === 1n ? one : many))],
    ['sha1sum', goFunc([S], (s: string) => createHash('sha1').update(goBytes(s)).digest('hex'))],
    ['sha256sum', goFunc([S], (s: string) => createHash('sha256').update(goBytes(s)).digest('hex'))],
    ['adler32sum', goFunc([S], (s: string) => String(adler32(s)))],
    ['toString', goFunc([ANY], strval)],

    // conversions
    ['atoi', goFunc([S], (s: string) => int(parseInt64(s, 10) ?? 0n))],
    ['int64', goFunc([ANY], toGoInt64)],
    ['int', goFunc([ANY], toGoInt)],
    ['float64', goFunc([ANY], toFloat64)],
    ['seq', goFunc([], seq, { variadic: I })],
    ['toDecimal', goFunc([ANY], (v: unknown) => int64(parseInt64(sprintf('%v', [v]), 8) ?? 0n))],
    ['split', goFunc([S, S], (sep: string, s: string) => splitMap(goSplit(s, sep)))],
    ['splitList', goFunc([S, S], (sep: string, s: string) => typedSlice(goSplit(s, sep), '[]string'))],
    [
      'splitn',
      goFunc([S, I, S], (sep: string, n: GoInt, s: string) => splitMap(splitN(s, sep, Number(n.v)))),
    ],
    ['toStrings', goFunc([ANY], strslice)],
    [
      'until',
      goFunc([I], (c: GoInt) =>
        typedSlice(
          untilStep(0, Number(c.v), c.v < 0n ? -1 : 1).map((x) => int(x)),
          '[]int',
        ),
      ),
    ],
    [
      'untilStep',
      goFunc([I, I, I], (a: GoInt, b: GoInt, c: GoInt) =>
        typedSlice(
          untilStep(Number(a.v), Number(b.v), Number(c.v)).map((x) => int(x)),
          '[]int',
        ),
      ),
    ],

    // math
    ['add1', goFunc([ANY], (i: unknown) => goInt('int64', toInt64(i) + 1n))],
    [
      'add',
      goFunc(
        [],
        (...xs: unknown[]) =>
          goInt(
            'int64',
            xs.reduce<bigint>((a, x) => a + toInt64(x), 0n),
          ),
        { variadic: ANY },
      ),
    ],
    ['sub', goFunc([ANY, ANY], (a: unknown, b: unknown) => goInt('int64', toInt64(a) - toInt64(b)))],
    [
      'div',
      goFunc([ANY, ANY], (a: unknown, b: unknown) => {
        const d = toInt64(b);
        if (d === 0n) throw new GoError('runtime error: integer divide by zero');
        return goInt('int64', toInt64(a) / d);
      }),
    ],
    [
      'mod',
      goFunc([ANY, ANY], (a: unknown, b: unknown) => {
        const d = toInt64(b);
        if (d === 0n) throw new GoError('runtime error: integer divide by zero');
        return goInt('int64', toInt64(a) % d);
      }),
    ],
    [
      'mul',
      goFunc(
        [ANY],
        (a: unknown, ...xs: unknown[]) =>
          goInt(
            'int64',
            xs.reduce<bigint>((acc, x) => BigInt.asIntN(64, acc * toInt64(x)), toInt64(a)),
          ),
        {
          variadic: ANY,
        },
      ),
    ],
    [
      'randInt',
      goFunc([I, I], (a: GoInt, b: GoInt) => {
        const n = Number(b.v - a.v);
        if (n <= 0) throw new GoError('invalid argument to Intn');
        return int(BigInt(Math.floor(Math.random() * n)) + a.v);
      }),
    ],
    ['add1f', goFunc([ANY], (i: unknown) => decimalOp(i, [int(1)], '+'))],
    ['addf', goFunc([], (...xs: unknown[]) => decimalOp(0, xs, '+'), { variadic: ANY })],
    ['subf', goFunc([ANY], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, '-'), { variadic: ANY })],
    ['divf', goFunc([ANY], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, '/'), { variadic: ANY })],
    ['mulf', goFunc([ANY], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, '*'), { variadic: ANY })],
    ['biggest', goFunc([ANY], maxInt, { variadic: ANY })],
    ['max', goFunc([ANY], maxInt, { variadic: ANY })],
    ['min', goFunc([ANY], minInt, { variadic: ANY })],
    [
      'maxf',
      goFunc(
        [ANY],
        (a: unknown, ...xs: unknown[]) =>
          xs.reduce<number>((acc, x) => goMax(acc, toFloat64(x)), toFloat64(a)),
        { variadic: ANY },
      ),
    ],
    [
      'minf',
      goFunc(
        [ANY],
        (a: unknown, ...xs: unknown[]) =>
          xs.reduce<number>((acc, x) => goMin(acc, toFloat64(x)), toFloat64(a)),
        { variadic: ANY },
      ),
    ],
    ['ceil', goFunc([ANY], (a: unknown) => Math.ceil(toFloat64(a)))],
    ['floor', goFunc([ANY], (a: unknown) => Math.floor(toFloat64(a)))],
    ['round', goFunc([ANY, I], roundSprig, { variadic: 'float64' })],

    // string slices
    ['join', goFunc([S, ANY], (sep: string, v: unknown) => strslice(v).join(sep))],
    [
      'sortAlpha',
      goFunc([ANY], (v: unknown) => {
        if (Array.isArray(v)) return typedSlice(([...strslice(v)] as string[]).sort(byteCompare), '[]string');
        return typedSlice([strval(v)], '[]string');
      }),
    ],

    // defaults
    [
      'default',
      goFunc(
        [ANY],
        (d: unknown, ...given: unknown[]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]),
        { variadic: ANY, returnsAny: true },
      ),
    ],
    ['empty', goFunc([ANY], isEmpty)],
    [
      'coalesce',
      goFunc([], (...xs: unknown[]) => xs.find((x) => !isEmpty(x)) ?? null, {
        variadic: ANY,
        returnsAny: true,
      }),
    ],
    ['all', goFunc([], (...xs: unknown[]) => xs.every((x) => !isEmpty(x)), { variadic: ANY })],
    ['any', goFunc([], (...xs: unknown[]) => xs.some((x) => !isEmpty(x)), { variadic: ANY })],
    ...jsonFuncs(),
    [
      'ternary',
      goFunc([ANY, ANY, 'bool'], (a: unknown, b: unknown, c: boolean) => (c ? a : b), { returnsAny: true }),
    ],
    ['deepCopy', goFunc([ANY], (v: unknown) => deepCopyChecked(v), { returnsAny: true })],
    ['mustDeepCopy', goFunc([ANY], (v: unknown) => deepCopyChecked(v), { returnsAny: true })],

    // reflection
    ['typeOf', goFunc([ANY], (v: unknown) => typeString(v))],
    ['typeIs', goFunc([S, ANY], (t: string, v: unknown) => t === typeString(v))],
    [
      'typeIsLike',
      goFunc([S, ANY], (t: string, v: unknown) => t === typeString(v) || '*' + t === typeString(v)),
    ],
    ['kindOf', goFunc([ANY], (v: unknown) => kindString(v))],
    ['kindIs', goFunc([S, ANY], (t: string, v: unknown) => t === kindString(v))],
    ['deepEqual', goFunc([ANY, ANY], deepEqual)],

    // OS
    ['env', goFunc([S], (k: string) => ctx.env(k) ?? '')],
    ['expandenv', goFunc([S], (s: string) => expandEnv(s, (k) => ctx.env(k) ?? ''))],

    // network
    ['getHostByName', unsupported('getHostByName')],

    // paths
    ['base', goFunc([S], pathBase)],
    ['dir', goFunc([S], pathDir)],
    ['clean', goFunc([S], pathClean)],
    ['ext', goFunc([S], pathExt)],
    ['isAbs', goFunc([S], (s: string) => s.startsWith('/'))],
    ['osBase', goFunc([S], pathBase)],
    ['osClean', goFunc([S], pathClean)],
    ['osDir', goFunc([S], pathDir)],
    ['osExt', goFunc([S], pathExt)],
    ['osIsAbs', goFunc([S], (s: string) => s.startsWith('/'))],

    // encoding
    ['b64enc', goFunc([S], (s: string) => goBytes(s).toString('base64'))],
    ['b64dec', goFunc([S], base64Decode)],
    ['b32enc', goFunc([S], base32Encode)],
    ['b32dec', goFunc([S], base32Decode)],

    // lists and dicts
    ...collectionFuncs(),

    // crypto
    ['bcrypt', unsupported('bcrypt')],
    ['htpasswd', unsupported('htpasswd')],
    ['genPrivateKey', unsupported('genPrivateKey')],
    ['derivePassword', unsupported('derivePassword')],
    ['buildCustomCert', unsupported('buildCustomCert')],
    ['genCA', unsupported('genCA')],
    ['genCAWithKey', unsupported('genCAWithKey')],
    ['genSelfSignedCert', unsupported('genSelfSignedCert')],
    ['genSelfSignedCertWithKey', unsupported('genSelfSignedCertWithKey')],
    ['genSignedCert', unsupported('genSignedCert')],
    ['genSignedCertWithKey', unsupported('genSignedCertWithKey')],
    ['encryptAES', unsupported('encryptAES')],
    ['decryptAES', unsupported('decryptAES')],
    ['randBytes', goFunc([I], (n: GoInt) => randomBytes(Math.max(0, Number(n.v))).toString('base64'))],
    ['uuidv4', goFunc([], () => randomUUID())],

    ...semverFuncs(),

    [
      'fail',
      goFunc([S], (msg: string) => {
        throw new GoError(msg);
      }),
    ],

    ...regexFuncs(),

    ['urlParse', goFunc([S], urlParse)],
    ['urlJoin', goFunc(['map[string]interface {}'], urlJoin)],
  ]);
  return m;
}

function abbrevSafe(s: string, offset: number, width: number): string {
  try {
    return abbreviateFull(s, offset, width);
  } catch (e) {
    if (e instanceof GoError && e.message === 'width') return '';
    throw e;
  }
}

function truncBytes(c: number, s: string): string {
  const len = goBytes(s).length;
  if (c < 0 && len + c > 0) return byteSlice(s, len + c, undefined);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function substring(start: number, end: number, s: string): string {
  if (start < 0) return byteSlice(s, undefined, end);
  const len = goBytes(s).length;
  if (end < 0 || end > len) return byteSlice(s, start, undefined);
  return byteSlice(s, start, end);
}

function uncapitalize(s: string): string {
  let next = true;
  let out = '';
  for (const ch of s) {
    if (isGoSpace(ch.codePointAt(0) as number)) {
      next = true;
      out += ch;
    } else if (next) {
      out += runeLower(ch);
      next = false;
    } else {
      out += ch;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace: walks bytes, and when it removes any, re-encodes each kept byte as a rune. */
function deleteWhiteSpace(s: string): string {
  const bytes = goBytes(s);
  let out = '';
  let removed = false;
  for (const b of bytes) {
    if (isGoSpace(b)) removed = true;
    else out += String.fromCharCode(b);
  }
  return removed ? out : s;
}

function initials(s: string): string {
  // goutils.Initials walks bytes and writes each byte as a rune.
  let out = '';
  let gap = true;
  for (const b of goBytes(s)) {
    if (isGoSpace(b)) gap = true;
    else if (gap) {
      out += String.fromCharCode(b);
      gap = false;
    }
  }
  return out;
}

function indent(n: number, s: string): string {
  if (n < 0) throw new GoError('strings: negative Repeat count');
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', '\n' + pad);
}

/** strings.Replace(s, old, new, -1). */
function replaceAllGo(s: string, old: string, rep: string): string {
  if (old === rep) return s;
  if (old !== '') return s.split(old).join(rep);
  // Empty old: insert rep before every rune and at the end.
  const runes = [...s];
  return rep + runes.map((r) => r + rep).join('');
}

function splitMap(parts: string[]): GoMap {
  const m: Record<string, unknown> = {};
  parts.forEach((p, i) => {
    m['_' + String(i)] = p;
  });
  return typedMap(m, 'map[string]string');
}

function seq(...params: GoInt[]): string {
  const p = params.map((x) => Number(x.v));
  let increment = 1;
  switch (p.length) {
    case 0:
      return '';
    case 1: {
      const start = 1;
      const end = p[0] as number;
      if (end < start) increment = -1;
      return intSliceString(untilStep(start, end + increment, increment));
    }
    case 3: {
      const [start, step, end] = p as [number, number, number];
      if (end < start) {
        increment = -1;
        if (step > 0) return '';
      }
      return intSliceString(untilStep(start, end + increment, step));
    }
    case 2: {
      const [start, end] = p as [number, number];
      const step = end < start ? -1 : 1;
      return intSliceString(untilStep(start, end + step, step));
    }
    default:
      return '';
  }
}

function maxInt(a: unknown, ...xs: unknown[]): GoInt {
  let aa = toInt64(a);
  for (const x of xs) {
    const b = toInt64(x);
    if (b > aa) aa = b;
  }
  return goInt('int64', aa);
}
function minInt(a: unknown, ...xs: unknown[]): GoInt {
  let aa = toInt64(a);
  for (const x of xs) {
    const b = toInt64(x);
    if (b < aa) aa = b;
  }
  return goInt('int64', aa);
}
function goMax(a: number, b: number): number {
  if (a === Infinity || b === Infinity) return Infinity;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}
function goMin(a: number, b: number): number {
  if (a === -Infinity || b === -Infinity) return -Infinity;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(goBytes(a), goBytes(b));
}

function deepCopyChecked(v: unknown): unknown {
  // copystructure panics on an untyped nil.
  if (v === null || v === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  return deepCopy(v);
}

function deepCopy(v: unknown): unknown {
  // copystructure cannot see unexported struct fields: a *semver.Version copies as 0.0.0.
  if (v instanceof SemVersion) return new SemVersion(0n, 0n, 0n, '', '', '');
  if (Array.isArray(v)) {
    const out = v.map(deepCopy);
    const t = typeString(v);
    return t === '[]interface {}' ? out : typedSlice(out, t);
  }
  if (isMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    const t = typeString(v);
    return t === 'map[string]interface {}' ? out : typedMap(out, t);
  }
  return v;
}

export { fields, floatToInt64, mapGet, mapHas, sortedKeys, GoDuration, isStringer };
