/**
 * Go `regexp` (RE2 syntax) on top of JavaScript's RegExp: translates the pattern to an
 * equivalent JS pattern (with the `u` flag), and rejects what RE2 rejects (backreferences,
 * lookaround) with Go's error text for the common mistakes. Unsupported RE2 features
 * (inline flag groups other than a leading `(?flags)`, `(?U)`) raise an error.
 */

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const perlInClass: Record<string, string> = {
  d: '0-9',
  w: '0-9A-Za-z_',
  s: '\\t\\n\\f\\r ',
};

class Re2SyntaxError extends Error {}

/** Placeholder for `\\S` inside a class (JS has no class-in-class without the v flag). */
const notSpaceMarker = '\u0000NOTSPACE\u0000';

function fail(code: string, arg: string): never {
  throw new Re2SyntaxError(`error parsing regexp: ${code}: \`${arg}\``);
}

function hexEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function isAlnum(c: string): boolean {
  return /^[0-9A-Za-z]$/.test(c);
}

/** Translates one escape starting at `i` (the backslash). Returns [js, next index]. */
function translateEscape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) fail('trailing backslash at end of expression', '');
  const cp = p.codePointAt(i + 1)!;
  const len = cp > 0xffff ? 2 : 1;
  if (cp < 0x80 && !isAlnum(c)) return [hexEscape(cp), i + 2];
  switch (c) {
    case 'd':
    case 'w':
      return [inClass ? perlInClass[c]! : `[${perlInClass[c]!}]`, i + 2];
    case 'D':
    case 'W':
      if (inClass) return [`\\${c}`, i + 2];
      return [`[^${perlInClass[c.toLowerCase()]!}]`, i + 2];
    case 's':
      return [inClass ? perlInClass.s! : `[${perlInClass.s!}]`, i + 2];
    case 'S':
      // Inside a class, translateClass handles \S (RE2's \s differs from JS's).
      return [inClass ? notSpaceMarker : `[^${perlInClass.s!}]`, i + 2];
    case 'b':
    case 'B':
      if (inClass) fail('invalid escape sequence', `\\${c}`);
      return [`\\${c}`, i + 2];
    case 'A':
      if (inClass) fail('invalid escape sequence', '\\A');
      return ['(?<![\\s\\S])', i + 2];
    case 'z':
      if (inClass) fail('invalid escape sequence', '\\z');
      return ['(?![\\s\\S])', i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'f':
    case 't':
    case 'n':
    case 'r':
    case 'v':
      return [`\\${c}`, i + 2];
    case 'x': {
      if (p[i + 2] === '{') {
        const end = p.indexOf('}', i + 3);
        const hex = end < 0 ? '' : p.slice(i + 3, end);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff)
          fail('invalid escape sequence', p.slice(i));
        return [hexEscape(parseInt(hex, 16)), end + 1];
      }
      const hex = p.slice(i + 2, i + 4);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) fail('invalid escape sequence', p.slice(i, i + 4));
      return [hexEscape(parseInt(hex, 16)), i + 4];
    }
    case 'p':
    case 'P': {
      let name: string;
      let next: number;
      if (p[i + 2] === '{') {
        const end = p.indexOf('}', i + 3);
        if (end < 0) fail('invalid character class range', p.slice(i));
        name = p.slice(i + 3, end);
        next = end + 1;
      } else {
        name = p[i + 2] ?? '';
        next = i + 3;
      }
      let neg = c === 'P';
      if (name.startsWith('^')) {
        neg = !neg;
        name = name.slice(1);
      }
      const prop =
        name === 'Any' ? '\\s\\S' : /^[A-Z][a-z]?$/.test(name) ? `\\p{${name}}` : `\\p{Script=${name}}`;
      if (name === 'Any') return [neg ? '[^\\s\\S]' : '[\\s\\S]', next];
      try {
        new RegExp(prop, 'u');
      } catch {
        fail('invalid character class range', p.slice(i, next));
      }
      return [neg ? (inClass ? `\\P${prop.slice(2)}` : `\\P${prop.slice(2)}`) : prop, next];
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      const m = /^[0-7]{1,3}/.exec(p.slice(i + 1))![0];
      if (c !== '0' && m.length === 1) fail('invalid escape sequence', `\\${c}`);
      return [hexEscape(parseInt(m, 8)), i + 1 + m.length];
    }
    default:
      fail('invalid escape sequence', p.slice(i, i + 1 + len));
  }
}

function translateClass(p: string, start: number): [string, number] {
  let i = start + 1;
  let out = '';
  let negated = false;
  let notSpace = false;
  if (p[i] === '^') {
    negated = true;
    i++;
  }
  let first = true;
  for (;;) {
    const c = p[i];
    if (c === undefined) fail('missing closing ]', p.slice(start));
    if (c === ']' && !first) {
      if (!notSpace) return [`[${negated ? '^' : ''}${out}]`, i + 1];
      // [..\S..] = [..] ∪ not-space;  [^..\S..] = space ∖ [..]
      const space = perlInClass.s!;
      if (negated) return [out === '' ? `[${space}]` : `(?:(?![${out}])[${space}])`, i + 1];
      return [out === '' ? `[^${space}]` : `(?:[${out}]|[^${space}])`, i + 1];
    }
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2);
      if (end > 0) {
        let name = p.slice(i + 2, end);
        const neg = name.startsWith('^');
        if (neg) name = name.slice(1);
        const cls = posixClasses[name];
        if (cls === undefined) fail('invalid character class range', p.slice(i, end + 2));
        if (neg) fail('invalid character class range', p.slice(i, end + 2)); // negated POSIX inside [] unsupported here
        out += cls;
        i = end + 2;
        continue;
      }
    }
    if (c === '\\') {
      const [js, next] = translateEscape(p, i, true);
      if (js === notSpaceMarker) notSpace = true;
      else out += js;
      i = next;
      continue;
    }
    if (c === '[' || c === ']' || c === '/' || c === '{' || c === '}' || c === '|') {
      out += '\\' + c;
      i++;
      continue;
    }
    const cp = p.codePointAt(i)!;
    out += String.fromCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
}

/** Translates an RE2 pattern to a JavaScript RegExp. Throws with Go's message on bad syntax. */
export function compileRe2(pattern: string): RegExp {
  let i = 0;
  let flags = 'u';
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead !== null) {
    const f = lead[1]!;
    if (f.includes('U'))
      throw new Re2SyntaxError('error parsing regexp: ungreedy flag (?U) is not supported by Argus');
    if (f.includes('i')) flags += 'i';
    if (f.includes('m')) flags += 'm';
    if (f.includes('s')) flags += 's';
    i = lead[0].length;
  }
  let out = '';
  let depth = 0;
  // Whether the previous item can take a repetition operator, and whether it already has one.
  let canRepeat = false;
  let lastRepeat = '';
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        for (const ch of lit) out += hexEscape(ch.codePointAt(0)!);
        i = end < 0 ? pattern.length : end + 2;
        canRepeat = lit.length > 0;
        lastRepeat = '';
        continue;
      }
      const [js, next] = translateEscape(pattern, i, false);
      out += js;
      i = next;
      canRepeat = true;
      lastRepeat = '';
      continue;
    }
    if (c === '[') {
      const [js, next] = translateClass(pattern, i);
      out += js;
      i = next;
      canRepeat = true;
      lastRepeat = '';
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(pattern.slice(i));
        if (named !== null) {
          out += `(?<${named[1]!}>`;
          i += named[0].length;
        } else if (pattern.startsWith('(?:', i)) {
          out += '(?:';
          i += 3;
        } else if (/^\(\?[imsU-]+[:)]/.test(pattern.slice(i))) {
          throw new Re2SyntaxError('error parsing regexp: inline flag groups are not supported by Argus');
        } else {
          fail('invalid or unsupported Perl syntax', pattern.slice(i, i + 3));
        }
      } else {
        out += '(';
        i++;
      }
      depth++;
      canRepeat = false;
      lastRepeat = '';
      continue;
    }
    if (c === ')') {
      if (depth === 0) fail('unexpected )', pattern);
      depth--;
      out += ')';
      i++;
      canRepeat = true;
      lastRepeat = '';
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      let op = c;
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (m === null) {
          out += '\\{';
          i++;
          canRepeat = true;
          lastRepeat = '';
          continue;
        }
        const lo = Number(m[1]);
        const hi = m[3] === undefined || m[3] === '' ? lo : Number(m[3]);
        if (lo > 1000 || hi > 1000 || (m[3] !== undefined && m[3] !== '' && hi < lo)) {
          fail('invalid repeat count', m[0]);
        }
        op = m[0];
      }
      if (lastRepeat !== '') fail('invalid nested repetition operator', lastRepeat + op);
      if (!canRepeat) fail('missing argument to repetition operator', op);
      out += op;
      i += op.length;
      if (pattern[i] === '?') {
        out += '?';
        i++;
        op += '?';
      }
      lastRepeat = op;
      continue;
    }
    if (c === '|') {
      out += '|';
      i++;
      canRepeat = false;
      lastRepeat = '';
      continue;
    }
    if (c === '^' || c === '$') {
      out += c === '$' && !flags.includes('m') ? '(?![\\s\\S])' : c;
      i++;
      canRepeat = true;
      lastRepeat = '';
      continue;
    }
    if (c === ']' || c === '}' || c === '/') {
      out += '\\' + c;
      i++;
      canRepeat = true;
      lastRepeat = '';
      continue;
    }
    const cp = pattern.codePointAt(i)!;
    out += c === '.' ? c : hexEscape(cp);
    i += cp > 0xffff ? 2 : 1;
    canRepeat = true;
    lastRepeat = '';
  }
  if (depth > 0) fail('missing closing )', pattern);
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new Re2SyntaxError(`error parsing regexp: ${(e as Error).message}`);
  }
}
