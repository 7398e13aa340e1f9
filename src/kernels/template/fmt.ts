/**
 * Go's fmt package over the value model of values.ts: `Sprint`, `Sprintln`, `Sprintf`
 * (go1.19 src/fmt/print.go + format.go), including the error forms `%!d(string=x)`,
 * `%!v(MISSING)`, `%!(EXTRA ...)`, `%!(NOVERB)`, `%!(BADWIDTH)`.
 */
import { goBytes } from './go-strings.js';
import {
  GO_TYPE,
  GoDuration,
  GoInt,
  GoTime,
  isStringer,
  sortedKeys,
  typeString,
  type GoMap,
  type GoSlice,
} from './values.js';
import { canBackquote, formatFloat, isPrint, quote, quoteRune } from '../go/strconv.js';
import { formatGoFloatV } from '../go/float.js';
import { longMonthNames } from '../go/zone.js';
import { durationString, formatTime, timeString } from './go-time.js';
import { NIL_SLICE } from './go-json.js';

export { quote as goQuote } from '../go/strconv.js';

/** `%.Nq` of a string: quoted after truncating to N runes (used by parse error messages). */
export function goQuotePrefix(s: string, n: number): string {
  return quote([...s].slice(0, n).join(''));
}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function newFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    widPresent: false,
    prec: 0,
    precPresent: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

const ldigits = '0123456789abcdefx';
const udigits = '0123456789ABCDEFX';

/** One printer (Go's `pp` + `fmt`). */
class Printer {
  buf = '';
  f: Flags = newFlags();
  arg: unknown = undefined;

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.f.zero ? '0' : ' ').repeat(n);
  }
  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      const z = this.f.zero;
      this.f.zero = false;
      this.writePadding(width);
      this.f.zero = z;
    }
  }
  truncate(s: string): string {
    if (this.f.precPresent) {
      const runes = [...s];
      if (runes.length > this.f.prec) return runes.slice(0, this.f.prec).join('');
    }
    return s;
  }
  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }
  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.f.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(quote(s, this.f.plus));
  }
  fmtSx(s: string, digits: string): void {
    let bytes = goBytes(s);
    if (this.f.precPresent && this.f.prec < bytes.length) bytes = bytes.subarray(0, this.f.prec);
    const length = bytes.length;
    if (length === 0) {
      this.writePadding(this.f.wid);
      return;
    }
    let width = 2 * length;
    if (this.f.space) {
      if (this.f.sharp) width *= 2;
      width += length - 1;
    } else if (this.f.sharp) {
      width += 2;
    }
    if (this.f.widPresent && this.f.wid > width && !this.f.minus) this.writePadding(this.f.wid - width);
    let out = '';
    if (this.f.sharp) out += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) {
        out += ' ';
        if (this.f.sharp) out += '0' + digits[16];
      }
      const c = bytes[i] as number;
      out += (digits[c >> 4] as string) + (digits[c & 0xf] as string);
    }
    this.buf += out;
    if (this.f.widPresent && this.f.wid > width && this.f.minus) this.writePadding(this.f.wid - width);
  }

  fmtInteger(u: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
    const negative = isSigned && u < 0n;
    if (negative) u = -u;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const z = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = z;
        return;
      }
    } else if (this.f.zero && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let s = u.toString(base);
    if (digits === udigits) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.f.plus) s = '+' + s;
    else if (this.f.space) s = ' ' + s;
    const z = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = z;
  }

  /** fmt0x64 with the leading 0x. */
  fmt0x64(u: bigint): void {
    const sharp = this.f.sharp;
    this.f.sharp = true;
    this.fmtInteger(u, 16, false, 'v', ldigits);
    this.f.sharp = sharp;
  }

  fmtFloat(v: number, verb: string, prec: number): void {
    if (this.f.precPresent) prec = this.f.prec;
    let num: string;
    if (verb === 'g' && prec === -1) num = formatGoFloatV(v);
    else num = formatFloat(v, verb as 'b' | 'e' | 'E' | 'f' | 'g' | 'G' | 'x' | 'X', prec);
    if (num[0] === '-' || num[0] === '+') {
      // keep
    } else {
      num = '+' + num;
    }
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const z = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = z;
      return;
    }
    if (this.f.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        // If no precision is set explicitly use a precision of 6.
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let body = num;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i] as string;
        if (c === '.') {
          hasDecimalPoint = true;
          continue;
        }
        if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  badVerb(verb: string): void {
    this.buf += '%!' + verb + '(';
    if (this.arg !== undefined && this.arg !== null) {
      this.buf += typeString(this.arg) + '=';
      this.printArg(this.arg, 'v');
    } else {
      this.buf += '<nil>';
    }
    this.buf += ')';
  }

  printArg(arg: unknown, verb: string): void {
    this.arg = arg;
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeString(arg));
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb);
      return;
    }
    this.printValue(arg, verb, 0);
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0) this.arg = v;
    if (v === null || v === undefined) {
      if (depth === 0) this.printArg(v, verb);
      else this.buf += this.f.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    switch (typeof v) {
      case 'boolean':
        if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
        else this.badVerb(verb);
        return;
      case 'number':
        switch (verb) {
          case 'v':
            this.fmtFloat(v, 'g', -1);
            return;
          case 'b':
          case 'g':
          case 'G':
          case 'x':
          case 'X':
            this.fmtFloat(v, verb, -1);
            return;
          case 'f':
          case 'e':
          case 'E':
            this.fmtFloat(v, verb, 6);
            return;
          case 'F':
            this.fmtFloat(v, 'f', 6);
            return;
          default:
            this.badVerb(verb);
            return;
        }
      case 'string':
        switch (verb) {
          case 'v':
            if (this.f.sharpV) this.fmtQ(v);
            else this.fmtS(v);
            return;
          case 's':
            this.fmtS(v);
            return;
          case 'x':
            this.fmtSx(v, ldigits);
            return;
          case 'X':
            this.fmtSx(v, udigits);
            return;
          case 'q':
            this.fmtQ(v);
            return;
          default:
            this.badVerb(verb);
            return;
        }
    }
    if (v instanceof GoInt) {
      const signed = v.isSigned;
      switch (verb) {
        case 'v':
          if (this.f.sharpV && !signed) {
            this.fmt0x64(v.v);
            return;
          }
          this.fmtInteger(v.v, 10, signed, verb, ldigits);
          return;
        case 'd':
          this.fmtInteger(v.v, 10, signed, verb, ldigits);
          return;
        case 'b':
          this.fmtInteger(v.v, 2, signed, verb, ldigits);
          return;
        case 'o':
        case 'O':
          this.fmtInteger(v.v, 8, signed, verb, ldigits);
          return;
        case 'x':
          this.fmtInteger(v.v, 16, signed, verb, ldigits);
          return;
        case 'X':
          this.fmtInteger(v.v, 16, signed, verb, udigits);
          return;
        case 'c':
          this.pad(String.fromCodePoint(validRune(v.v)));
          return;
        case 'q':
          this.pad(quoteRune(validRune(v.v), this.f.plus));
          return;
        case 'U': {
          const u = BigInt.asUintN(64, v.v);
          let prec = 4;
          if (this.f.precPresent && this.f.prec > 4) prec = this.f.prec;
          let tail = '';
          if (this.f.sharp && u <= 0x10ffffn && isPrint(Number(u)))
            tail = " '" + String.fromCodePoint(Number(u)) + "'";
          const hex = u.toString(16).toUpperCase();
          const s = 'U+' + hex.padStart(prec, '0') + tail;
          const z = this.f.zero;
          this.f.zero = false;
          this.pad(s);
          this.f.zero = z;
          return;
        }
        default:
          this.badVerb(verb);
          return;
      }
    }
    // Stringers (time.Time, Duration, *semver.Version): verbs v s x X q use String().
    if (this.f.sharpV && v instanceof GoTime) {
      this.fmtS(timeGoString(v));
      return;
    }
    if (v instanceof GoTime || v instanceof GoDuration || isStringer(v)) {
      if (this.f.sharpV && v instanceof GoDuration) {
        this.fmtInteger(v.ns, 10, true, 'v', ldigits);
        return;
      }
      if (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q') {
        const s =
          v instanceof GoTime ? timeString(v) : v instanceof GoDuration ? durationString(v.ns) : v.goString();
        if (verb === 'v' || verb === 's') this.fmtS(s);
        else if (verb === 'q') this.fmtQ(s);
        else this.fmtSx(s, verb === 'x' ? ldigits : udigits);
        return;
      }
      if (v instanceof GoDuration) {
        this.printValue(new GoInt('int64', v.ns), verb, depth);
        return;
      }
      this.badVerb(verb);
      return;
    }
    if (Array.isArray(v)) {
      const slice = v as GoSlice;
      if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && slice[GO_TYPE] === '[]uint8') {
        const s = Buffer.from(slice.map((b) => Number((b as GoInt).v))).toString('latin1');
        this.printValue(s, verb, depth);
        return;
      }
      if (this.f.sharpV) {
        this.buf += typeString(slice);
        if ((slice as { [NIL_SLICE]?: true })[NIL_SLICE] === true) {
          this.buf += '(nil)';
          return;
        }
        this.buf += '{';
        for (let i = 0; i < slice.length; i++) {
          if (i > 0) this.buf += ', ';
          this.printValue(slice[i], verb, depth + 1);
        }
        this.buf += '}';
        return;
      }
      this.buf += '[';
      for (let i = 0; i < slice.length; i++) {
        if (i > 0) this.buf += ' ';
        this.printValue(slice[i], verb, depth + 1);
      }
      this.buf += ']';
      return;
    }
    if (typeof v === 'object') {
      const m = v as GoMap;
      this.buf += this.f.sharpV ? typeString(m) + '{' : 'map[';
      let first = true;
      for (const k of sortedKeys(m)) {
        if (!first) this.buf += this.f.sharpV ? ', ' : ' ';
        first = false;
        this.printValue(k, verb, depth + 1);
        this.buf += ':';
        this.printValue(m[k], verb, depth + 1);
      }
      this.buf += this.f.sharpV ? '}' : ']';
      return;
    }
    this.buf += String(v);
  }

  doPrintf(format: string, a: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    const argNumber = (i: number): [number, number, boolean] => {
      if (format.length <= i || format[i] !== '[') return [argNum, i, false];
      reordered = true;
      // parseArgNumber
      const sub = format.slice(i);
      let index = 0;
      let wid = 1;
      let ok = false;
      if (sub.length >= 3) {
        for (let j = 1; j < sub.length; j++) {
          if (sub[j] === ']') {
            const [n, isnum, newi] = parsenum(sub, 1, j);
            if (!isnum || newi !== j) {
              index = 0;
              wid = j + 1;
              ok = false;
            } else {
              index = n - 1;
              wid = j + 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < a.length) return [index, i + wid, true];
      goodArgNum = false;
      return [argNum, i + wid, ok];
    };

    const intFromArg = (): [number, boolean] => {
      let num = 0;
      let isInt = false;
      if (argNum < a.length) {
        const v = a[argNum];
        if (v instanceof GoInt) {
          if (v.v >= -(2n ** 63n) && v.v < 2n ** 63n) {
            num = Number(v.v);
            isInt = true;
          }
        }
        argNum++;
        if (num > 1e6 || num < -1e6) {
          num = 0;
          isInt = false;
        }
      }
      return [num, isInt];
    };

    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.f = newFlags();
      simple: for (; i < end; i++) {
        const c = format[i] as string;
        switch (c) {
          case '#':
            this.f.sharp = true;
            break;
          case '0':
            this.f.zero = !this.f.minus;
            break;
          case '+':
            this.f.plus = true;
            break;
          case '-':
            this.f.minus = true;
            this.f.zero = false;
            break;
          case ' ':
            this.f.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                this.f.sharpV = this.f.sharp;
                this.f.sharp = false;
                this.f.plusV = this.f.plus;
                this.f.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        [this.f.wid, this.f.widPresent] = intFromArg();
        if (!this.f.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.f.wid < 0) {
          this.f.wid = -this.f.wid;
          this.f.minus = true;
          this.f.zero = false;
        }
        afterIndex = false;
      } else {
        [this.f.wid, this.f.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.f.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        [argNum, i, afterIndex] = argNumber(i);
        if (i < end && format[i] === '*') {
          i++;
          [this.f.prec, this.f.precPresent] = intFromArg();
          if (this.f.prec < 0) {
            this.f.prec = 0;
            this.f.precPresent = false;
          }
          if (!this.f.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.f.prec, this.f.precPresent, i] = parsenum(format, i, end);
          if (!this.f.precPresent) {
            this.f.prec = 0;
            this.f.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = argNumber(i);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i) as number;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') {
        this.buf += '%';
      } else if (!goodArgNum) {
        this.buf += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= a.length) {
        this.buf += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'v') {
          this.f.sharpV = this.f.sharp;
          this.f.sharp = false;
          this.f.plusV = this.f.plus;
          this.f.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.f = newFlags();
      this.buf += '%!(EXTRA ';
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ', ';
        const arg = a[k];
        if (arg === null || arg === undefined) this.buf += '<nil>';
        else {
          this.buf += typeString(arg) + '=';
          this.printArg(arg, 'v');
        }
      }
      this.buf += ')';
    }
  }
}

function validRune(v: bigint): number {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn)) return 0xfffd;
  return Number(v);
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    if (num > 1e6) return [0, false, end];
    num = num * 10 + s.charCodeAt(i) - 48;
    isnum = true;
  }
  return [num, isnum, i];
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

function isGoString(v: unknown): boolean {
  return typeof v === 'string';
}

/** fmt.Sprint: spaces only between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  // Fast paths for the common single-operand cases.
  if (args.length === 1) {
    const a = args[0];
    if (typeof a === 'string') return a;
    if (typeof a === 'number') return formatGoFloatV(a);
  }
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = isGoString(arg);
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.f = newFlags();
    p.printArg(arg, 'v');
    prevString = isString;
  }
  return p.buf;
}

/** fmt.Sprintln. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += ' ';
    p.f = newFlags();
    p.printArg(args[i], 'v');
  }
  return p.buf + '\n';
}

/** time.Time.GoString (`%#v`). */
function timeGoString(t: GoTime): string {
  const f = (l: string): number => Number(formatTime(t, l));
  const loc =
    t.zone.name === 'UTC'
      ? 'time.UTC'
      : t.zone.name === 'Local'
        ? 'time.Local'
        : `time.Location(${quote(t.zone.name)})`;
  const ns = Number(formatTime(t, '.000000000').slice(1));
  return `time.Date(${f('2006')}, time.${longMonthNames[f('1') - 1]}, ${f('2')}, ${f('15')}, ${f('4')}, ${f('5')}, ${ns}, ${loc})`;
}
