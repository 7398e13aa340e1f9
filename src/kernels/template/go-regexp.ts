/**
 * Go's regexp (RE2 syntax) on top of JS RegExp: the pattern is translated (`(?P<n>`, `\A`,
 * `\z`, `\Q…\E`, POSIX classes, Go's ASCII `\s`, leading flag groups), and the match loops
 * (`FindAllString`, `ReplaceAllString` with `$1`/`${name}` expansion, `Split`) follow Go's
 * rules for empty matches. Constructs RE2 rejects (backreferences, lookaround) are rejected
 * with Go's message; other RE2-only constructs may compile differently — see the docs page.
 */
import { GoError } from './func-types.js';

export interface GoRegexp {
  readonly re: RegExp;
  readonly names: readonly (string | undefined)[];
  readonly expr: string;
}

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const syntaxChars = new Set([...'^$\\.*+?()[]{}|/-']);

function escLiteral(ch: string): string {
  return syntaxChars.has(ch) ? '\\' + ch : ch;
}

const cache = new Map<string, GoRegexp>();

/** regexp.Compile; throws GoError with `error parsing regexp: ...` on a rejected pattern. */
export function compileRegexp(expr: string): GoRegexp {
  const hit = cache.get(expr);
  if (hit !== undefined) return hit;
  const r = translate(expr);
  if (cache.size > 500) cache.clear();
  cache.set(expr, r);
  return r;
}

function perlErr(what: string): never {
  throw new GoError(`error parsing regexp: invalid or unsupported Perl syntax: \`${what}\``);
}

function translate(expr: string): GoRegexp {
  let flags = 'gu';
  let i = 0;
  // Leading flag groups like (?i) or (?is).
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(expr.slice(i));
    if (m === null) break;
    for (const f of m[1] as string) {
      if (f === 'U') perlErr(m[0]);
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }
  let out = '';
  const names: (string | undefined)[] = [undefined];
  let inClass = false;
  let classStart = 0;
  let depth = 0;
  // What precedes a repetition operator: nothing (start, '(' or '|'), an atom, or an operator.
  let prev: 'none' | 'atom' | 'op' = 'none';
  let prevOp = '';
  const syntaxErr = (code: string, what: string): never => {
    throw new GoError(`error parsing regexp: ${code}: \`${what}\``);
  };
  while (i < expr.length) {
    const c = expr[i] as string;
    if (!inClass) {
      let op: string | undefined;
      if (c === '*' || c === '+' || c === '?') op = c;
      else if (c === '{') {
        const rep = /^\{(\d+)(,(\d*))?\}/.exec(expr.slice(i));
        if (rep !== null) {
          op = rep[0];
          const lo = Number(rep[1]);
          const hi = rep[3] === undefined || rep[3] === '' ? lo : Number(rep[3]);
          if (lo > 1000 || hi > 1000 || (rep[3] !== undefined && rep[3] !== '' && hi < lo))
            syntaxErr('invalid repeat count', op);
        } else {
          out += '\\{';
          i++;
          prev = 'atom';
          continue;
        }
      }
      if (op !== undefined) {
        let full = op;
        if (expr[i + op.length] === '?') full += '?';
        if (prev === 'none') syntaxErr('missing argument to repetition operator', full);
        if (prev === 'op') syntaxErr('invalid nested repetition operator', prevOp + full);
        out += full;
        i += full.length;
        prev = 'op';
        prevOp = full;
        continue;
      }
      if (c === '|') {
        out += '|';
        i++;
        prev = 'none';
        continue;
      }
      if (c === ')') {
        if (depth === 0) syntaxErr('unexpected )', expr);
        depth--;
        out += ')';
        i++;
        prev = 'atom';
        continue;
      }
      if (c === '}' || c === ']') {
        out += '\\' + c;
        i++;
        prev = 'atom';
        continue;
      }
      if (c !== '(') prev = 'atom';
      if (c === '^' || c === '$') {
        out += '(?:' + c + ')';
        i++;
        continue;
      }
    }
    if (c === '\\') {
      const n = expr[i + 1];
      if (n === undefined)
        throw new GoError('error parsing regexp: trailing backslash at end of expression: ``');
      if (n === 'Q') {
        const end = expr.indexOf('\\E', i + 2);
        const lit = end < 0 ? expr.slice(i + 2) : expr.slice(i + 2, end);
        for (const ch of lit)
          out += inClass
            ? ch === ']' || ch === '\\' || ch === '-' || ch === '^'
              ? '\\' + ch
              : ch
            : escLiteral(ch);
        i = end < 0 ? expr.length : end + 2;
        continue;
      }
      if (!inClass && n === 'A') {
        out += '(?:(?<![\\s\\S]))';
        i += 2;
        continue;
      }
      if (!inClass && n === 'z') {
        out += '(?:(?![\\s\\S]))';
        i += 2;
        continue;
      }
      if (n === 's') {
        out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
        i += 2;
        continue;
      }
      if (n === 'S') {
        out += inClass ? '\\x00-\\x08\\x0B\\x0E-\\x1F!-\\u{10FFFF}' : '[^\\t\\n\\f\\r ]';
        i += 2;
        continue;
      }
      if (n >= '1' && n <= '9')
        throw new GoError(`error parsing regexp: invalid escape sequence: \`\\${n}\``);
      if (n === 'p' || n === 'P') {
        if (expr[i + 2] === '{') {
          const end = expr.indexOf('}', i + 3);
          if (end < 0)
            throw new GoError(`error parsing regexp: invalid character class range: \`${expr.slice(i)}\``);
          out += `\\${n}{${expr.slice(i + 3, end)}}`;
          i = end + 1;
        } else {
          out += `\\${n}{${expr[i + 2] ?? ''}}`;
          i += 3;
        }
        continue;
      }
      if (!inClass && (n === 'b' || n === 'B')) {
        // Go may repeat an assertion (\b+); JS needs it grouped for that.
        out += '(?:\\' + n + ')';
        i += 2;
        continue;
      }
      if (/[dDwWbBtnrfv]/.test(n)) {
        out += '\\' + n;
        i += 2;
        continue;
      }
      if (n === 'x') {
        if (expr[i + 2] === '{') {
          let j = i + 3;
          while (j < expr.length && /[0-9a-fA-F]/.test(expr[j] as string)) j++;
          if (j === i + 3 || expr[j] !== '}') {
            throw new GoError(
              `error parsing regexp: invalid escape sequence: \`${expr.slice(i, Math.min(j + 1, expr.length))}\``,
            );
          }
          out += `\\u{${expr.slice(i + 3, j)}}`;
          i = j + 1;
        } else {
          const hex = expr.slice(i + 2, i + 4);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
            throw new GoError(`error parsing regexp: invalid escape sequence: \`${expr.slice(i, i + 4)}\``);
          }
          out += '\\x' + hex;
          i += 4;
        }
        continue;
      }
      if (n === 'a') {
        out += '\\x07';
        i += 2;
        continue;
      }
      if (/[0-7]/.test(n)) {
        const m = /^[0-7]{1,3}/.exec(expr.slice(i + 1)) as RegExpExecArray;
        out += '\\u{' + parseInt(m[0], 8).toString(16) + '}';
        i += 1 + m[0].length;
        continue;
      }
      if (/[A-Za-z0-9]/.test(n))
        throw new GoError(`error parsing regexp: invalid escape sequence: \`\\${n}\``);
      // Escaped punctuation is a literal.
      out += inClass ? (n === ']' || n === '\\' || n === '-' || n === '^' ? '\\' + n : n) : escLiteral(n);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[' && expr[i + 1] === ':') {
        const end = expr.indexOf(':]', i + 2);
        if (end > 0) {
          let name = expr.slice(i + 2, end);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const cls = posixClasses[name];
          if (cls === undefined)
            throw new GoError(`error parsing regexp: invalid character class range: \`[:${name}:]\``);
          if (neg) throw new GoError('error parsing regexp: negated POSIX classes are not supported here');
          out += cls;
          i = end + 2;
          continue;
        }
      }
      if (c === ']') inClass = false;
      if (c === '[') {
        out += '\\[';
        i++;
        continue;
      }
      // A literal range whose ends are out of order, e.g. [z-a].
      const lo = expr.codePointAt(i) as number;
      const loLen = lo > 0xffff ? 2 : 1;
      if (
        c !== ']' &&
        c !== '\\' &&
        expr[i + loLen] === '-' &&
        expr[i + loLen + 1] !== undefined &&
        expr[i + loLen + 1] !== ']'
      ) {
        const hi = expr.codePointAt(i + loLen + 1) as number;
        if (expr[i + loLen + 1] !== '\\' && hi < lo) {
          syntaxErr('invalid character class range', expr.slice(i, i + loLen + 1 + (hi > 0xffff ? 2 : 1)));
        }
      }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = i;
      out += '[';
      i++;
      if (expr[i] === '^') {
        out += '^';
        i++;
      }
      if (expr[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(') {
      if (expr[i + 1] === '?') {
        const rest = expr.slice(i + 2);
        const named = /^P?<([A-Za-z0-9_]+)>/.exec(rest);
        if (named !== null) {
          depth++;
          prev = 'none';
          // Go allows duplicate names; JS does not. Names are kept here for ${name} expansion.
          names.push(named[1]);
          out += '(';
          i += 2 + named[0].length;
          continue;
        }
        if (rest.startsWith(':')) {
          depth++;
          prev = 'none';
          out += '(?:';
          i += 3;
          continue;
        }
        if (/^[=!]|^<[=!]/.test(rest)) perlErr(`(?${rest.slice(0, rest[0] === '<' ? 2 : 1)}`);
        const flagGroup = /^[imsU-]+[:)]/.exec(rest);
        if (flagGroup !== null)
          throw new GoError('error parsing regexp: inline flag groups are only supported at the start');
        perlErr(`(?${rest.slice(0, 1)}`);
      }
      names.push(undefined);
      out += '(';
      depth++;
      prev = 'none';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) syntaxErr('missing closing ]', expr.slice(classStart));
  if (depth > 0) syntaxErr('missing closing )', expr);
  let re: RegExp;
  try {
    re = new RegExp(out, flags);
  } catch (e) {
    throw new GoError(`error parsing regexp: ${(e as Error).message}`);
  }
  return { re, names, expr };
}

function nextRuneWidth(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
}

/** Go's allMatches loop: successive non-overlapping matches; an empty match right after a match is skipped. */
export function allMatches(r: GoRegexp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n < 0) n = Infinity;
  const re = r.re;
  let pos = 0;
  let prevMatchEnd = -1;
  while (out.length < n && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      // An empty match at pos: not allowed right after the previous match.
      if (start === prevMatchEnd) accept = false;
      pos += pos < s.length ? nextRuneWidth(s, pos) : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

function extract(str: string): { name: string; num: number; rest: string } | undefined {
  if (str === '') return undefined;
  let brace = false;
  if (str[0] === '{') {
    brace = true;
    str = str.slice(1);
  }
  const m = /^[\p{L}\p{Nd}_]+/u.exec(str);
  if (m === null) return undefined;
  const name = m[0];
  let i = name.length;
  if (brace) {
    if (i >= str.length || str[i] !== '}') return undefined;
    i++;
  }
  let num = 0;
  for (const ch of name) {
    if (ch < '0' || ch > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + ch.charCodeAt(0) - 48;
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

function expand(r: GoRegexp, template: string, m: RegExpExecArray): string {
  let dst = '';
  for (;;) {
    const k = template.indexOf('$');
    if (k < 0) break;
    dst += template.slice(0, k);
    template = template.slice(k + 1);
    if (template[0] === '$') {
      dst += '$';
      template = template.slice(1);
      continue;
    }
    const e = extract(template);
    if (e === undefined) {
      dst += '$';
      continue;
    }
    template = e.rest;
    if (e.num >= 0) {
      if (e.num < m.length) dst += m[e.num] ?? '';
    } else {
      for (let i = 1; i < r.names.length; i++) {
        if (r.names[i] === e.name && m[i] !== undefined) {
          dst += m[i];
          break;
        }
      }
    }
  }
  return dst + template;
}

/** Regexp.ReplaceAllString (literal: ReplaceAllLiteralString). */
export function replaceAll(r: GoRegexp, s: string, repl: string, literal: boolean): string {
  let out = '';
  let last = 0;
  for (const m of allMatches(r, s, -1)) {
    out += s.slice(last, m.index);
    out += literal ? repl : expand(r, repl, m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** Regexp.Split; undefined stands for a nil slice. */
export function splitRegexp(r: GoRegexp, s: string, n: number): string[] | undefined {
  if (n === 0) return undefined;
  if (r.expr.length > 0 && s.length === 0) return [''];
  const matches = allMatches(r, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
