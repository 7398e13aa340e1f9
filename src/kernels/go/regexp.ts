/**
 * Go's `regexp` (RE2 syntax, Go 1.22 parser) on JavaScript's RegExp: one parser that accepts and
 * rejects exactly what Go's `regexp/syntax` does (with Go's error text) and translates the pattern
 * to an equivalent JavaScript pattern (`v` flag). Flags (`(?i)`, `(?m)`, `(?s)`, `(?U)`, scoped
 * `(?i:…)`, `(?-i)`) are applied during translation — case folding expands literals and classes
 * to their case orbits, `^`/`$`/`.` become explicit assertions/classes, `(?U)` swaps greedy and
 * lazy quantifiers — so the JavaScript RegExp never carries the i/m/s flags. Differences that remain
 * are listed in docs/kernels/regexp.md.
 */

/** A pattern Go's `regexp.Compile` rejects; `message` is Go's `err.Error()`. */
export class GoRegexpSyntaxError extends Error {
  override readonly name = 'GoRegexpSyntaxError';
}

function fail(code: string, expr: string): never {
  throw new GoRegexpSyntaxError(`error parsing regexp: ${code}: \`${expr}\``);
}

/** Go's unicode.Categories (Go's `C` excludes unassigned code points, JavaScript's includes them). */
const goCategories = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);

/** Go 1.19+'s unicode.Scripts (Unicode 13); JavaScript also knows aliases and later scripts, Go does not. */
const goScripts = new Set(
  [
    'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak',
    'Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian',
    'Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cyrillic',
    'Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic',
    'Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul',
    'Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited',
    'Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kayah_Li',
    'Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha Limbu Linear_A Linear_B',
    'Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi',
    'Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi',
    'Mongolian Mro Multani Myanmar Nabataean Nandinagari New_Tai_Lue Newa Nko Nushu',
    'Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian Old_Permic',
    'Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Oriya Osage Osmanya Pahawh_Hmong',
    'Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra',
    'Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese',
    'Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangut Telugu Thaana',
    'Thai Tibetan Tifinagh Tirhuta Ugaritic Vai Wancho Warang_Citi Yezidi Yi Zanabazar_Square',
  ]
    .join(' ')
    .split(' '),
);

type Range = readonly [number, number];

const MAX = 0x10ffff; // unicode.MaxRune

const perlClasses: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const r = (lo: string, hi = lo): Range => [lo.codePointAt(0)!, hi.codePointAt(0)!];
const posixClasses: Record<string, Range[]> = {
  alnum: [r('0', '9'), r('A', 'Z'), r('a', 'z')],
  alpha: [r('A', 'Z'), r('a', 'z')],
  ascii: [[0, 0x7f]],
  blank: [r('\t'), r(' ')],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [r('0', '9')],
  graph: [r('!', '~')],
  lower: [r('a', 'z')],
  print: [r(' ', '~')],
  punct: [r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')],
  space: [r('\t', '\r'), r(' ')],
  upper: [r('A', 'Z')],
  word: [r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_')],
  xdigit: [r('0', '9'), r('A', 'F'), r('a', 'f')],
};

/** One code point as a JavaScript pattern character, valid in and out of `v`-mode classes. */
function lit(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
    return String.fromCodePoint(cp);
  }
  return `\\u{${cp.toString(16)}}`;
}

function rangesJS(ranges: readonly Range[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? lit(lo) : `${lit(lo)}-${lit(hi)}`)).join('');
}

let orbits: Map<number, number[]> | undefined;

/**
 * Simple case-folding orbits (Go's unicode.SimpleFold cycles) from JavaScript's case mappings:
 * code points joined with their one-code-point upper and lower case. The Turkish dotted/dotless i
 * (U+0130, U+0131) have no simple folding and stay alone, as in Go.
 */
function caseOrbits(): Map<number, number[]> {
  if (orbits !== undefined) return orbits;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let p = parent.get(x) ?? x;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    return p;
  };
  const join = (a: number, b: number): void => {
    const pa = find(a);
    const pb = find(b);
    if (pa !== pb) parent.set(pa, pb);
  };
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp === 0x130 || cp === 0x131 || (cp >= 0xd800 && cp <= 0xdfff)) continue;
    const s = String.fromCodePoint(cp);
    for (const t of [s.toLowerCase(), s.toUpperCase()]) {
      if (t === s) continue;
      const u = t.codePointAt(0)!;
      if (t.length !== String.fromCodePoint(u).length || u === 0x130 || u === 0x131) continue;
      join(cp, u);
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const root = find(cp);
    let g = groups.get(root);
    if (g === undefined) groups.set(root, (g = [root]));
    if (cp !== root) g.push(cp);
  }
  orbits = new Map();
  for (const g of groups.values()) for (const cp of g) orbits.set(cp, g);
  return orbits;
}

/** Code points (beyond the class) that case folding adds to a class given as JavaScript class content. */
function foldAdditions(content: string): number[] {
  const re = new RegExp(`^[${content}]$`, 'v');
  const added: number[] = [];
  for (const [cp, orbit] of caseOrbits()) {
    if (!re.test(String.fromCodePoint(cp))) continue;
    for (const o of orbit) if (o !== cp && !re.test(String.fromCodePoint(o))) added.push(o);
  }
  return added;
}

interface Flags {
  readonly i: boolean;
  /** Go's `m` flag (multi-line: ^ and $ at line breaks). */
  readonly m: boolean;
  readonly s: boolean;
  readonly U: boolean;
}

interface Item {
  js: string;
  /** The item already has a quantifier (another one needs a group around it). */
  quantified: boolean;
  /** Largest product of counted repeats nested inside (Go's repeatIsValid, limit 1000). */
  weight: number;
}

interface Frame {
  readonly capture: boolean;
  /** Flags at the opening parenthesis, restored at the closing one. */
  readonly saved: Flags;
  readonly alts: string[];
  items: Item[];
  weight: number;
}

/** A class item (JavaScript class content) with case folding applied under (?i). */
function classItem(content: string, negated: boolean, flags: Flags): Item {
  let c = content;
  if (flags.i) {
    const added = foldAdditions(content);
    if (added.length > 0) c += added.map(lit).join('');
  }
  return { js: `[${negated ? '^' : ''}${c}]`, quantified: false, weight: 1 };
}

function literalItem(cp: number, flags: Flags): Item {
  const orbit = flags.i ? caseOrbits().get(cp) : undefined;
  if (orbit !== undefined) return { js: `[${orbit.map(lit).join('')}]`, quantified: false, weight: 1 };
  return { js: lit(cp), quantified: false, weight: 1 };
}

/** Reads one code point at `i`: [code point, next index]. */
function nextRune(p: string, i: number): [number, number] {
  const cp = p.codePointAt(i)!;
  return [cp, i + (cp > 0xffff ? 2 : 1)];
}

function isAlnum(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

function unhex(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp >= 0x61 && cp <= 0x66) return cp - 0x61 + 10;
  if (cp >= 0x41 && cp <= 0x46) return cp - 0x41 + 10;
  return -1;
}

/** Go's parseEscape: a single-character escape at `at` (the backslash): [code point, next index]. */
function parseEscape(p: string, at: number): [number, number] {
  let i = at + 1;
  if (i >= p.length) fail('trailing backslash at end of expression', '');
  let c: number;
  [c, i] = nextRune(p, i);
  const bad = (): never => fail('invalid escape sequence', p.slice(at, i));
  if (c < 0x80 && !isAlnum(c)) return [c, i];
  switch (c) {
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37: {
      const d = p.charCodeAt(i);
      if (!(d >= 0x30 && d <= 0x37)) return bad(); // a backreference: not supported
    }
    // falls through
    case 0x30: {
      let v = c - 0x30;
      for (let k = 1; k < 3; k++) {
        const d = p.charCodeAt(i);
        if (!(d >= 0x30 && d <= 0x37)) break;
        v = v * 8 + d - 0x30;
        i++;
      }
      return [v, i];
    }
    case 0x78: {
      // x
      if (i >= p.length) return bad();
      [c, i] = nextRune(p, i);
      if (c === 0x7b) {
        let n = 0;
        let v = 0;
        for (;;) {
          if (i >= p.length) return bad();
          [c, i] = nextRune(p, i);
          if (c === 0x7d) break;
          const h = unhex(c);
          if (h < 0) return bad();
          v = v * 16 + h;
          if (v > MAX) return bad();
          n++;
        }
        if (n === 0) return bad();
        return [v, i];
      }
      const x = unhex(c);
      let y = -1;
      if (i < p.length) {
        [c, i] = nextRune(p, i);
        y = unhex(c);
      }
      if (x < 0 || y < 0) return bad();
      return [x * 16 + y, i];
    }
    case 0x61:
      return [7, i];
    case 0x66:
      return [12, i];
    case 0x6e:
      return [10, i];
    case 0x72:
      return [13, i];
    case 0x74:
      return [9, i];
    case 0x76:
      return [11, i];
    default:
      return bad();
  }
}

/** Go's parseUnicodeClass at `at` (`\\p` or `\\P`): [JavaScript class content, next index]. */
function parseUnicodeClass(p: string, at: number, flags: Flags): [string, number] {
  let negated = p[at + 1] === 'P';
  const i = at + 2;
  let name: string;
  let seqEnd: number;
  if (i < p.length && p[i] !== '{') {
    const [, next] = nextRune(p, i);
    name = p.slice(i, next);
    seqEnd = next;
  } else if (i >= p.length) {
    fail('invalid character class range', p.slice(at));
  } else {
    const end = p.indexOf('}', at);
    if (end < 0) fail('invalid character class range', p.slice(at));
    name = p.slice(at + 3, end);
    seqEnd = end + 1;
  }
  const seq = p.slice(at, seqEnd);
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  let content: string;
  if (name === 'Any') content = '\\u{0}-\\u{10ffff}';
  else if (name === 'C') content = '\\p{gc=Cc}\\p{gc=Cf}\\p{gc=Co}\\p{gc=Cs}';
  else if (goCategories.has(name)) content = `\\p{gc=${name}}`;
  else if (goScripts.has(name)) content = `\\p{sc=${name}}`;
  else fail('invalid character class range', seq);
  return [groupContent(content, negated, flags), seqEnd];
}

/**
 * A named group (Perl, POSIX, Unicode) as class content. Go folds the positive group under (?i)
 * and negates after (`(?i)\W` excludes `K` and `ſ`), so the negation is a nested class.
 */
function groupContent(positive: string, negated: boolean, flags: Flags): string {
  let c = positive;
  if (flags.i) c += foldAdditions(positive).map(lit).join('');
  return negated ? `[^${c}]` : c;
}

/** Go's parsePerlClassEscape: `\\d \\s \\w` and their negations at `at`, or undefined. */
function perlClass(p: string, at: number, flags: Flags): string | undefined {
  const c = p[at + 1];
  if (c === undefined || !'dDsSwW'.includes(c)) return undefined;
  return groupContent(rangesJS(perlClasses[c.toLowerCase()]!), c !== c.toLowerCase(), flags);
}

/** Go's parseClass at `start` (the `[`): [item, next index]. */
function parseClass(p: string, start: number, flags: Flags): [Item, number] {
  let i = start + 1;
  let negated = false;
  if (p[i] === '^') {
    negated = true;
    i++;
  }
  let content = '';
  let first = true;
  while (i >= p.length || p[i] !== ']' || first) {
    first = false;
    if (p.startsWith('[:', i) && i + 2 < p.length) {
      const end = p.indexOf(':]', i + 2);
      if (end >= 0) {
        const whole = p.slice(i, end + 2);
        let name = p.slice(i + 2, end);
        const neg = name.startsWith('^');
        if (neg) name = name.slice(1);
        const ranges = Object.prototype.hasOwnProperty.call(posixClasses, name)
          ? posixClasses[name]
          : undefined;
        if (ranges === undefined) fail('invalid character class range', whole);
        content += groupContent(rangesJS(ranges), neg, flags);
        i = end + 2;
        continue;
      }
    }
    if (p[i] === '\\' && (p[i + 1] === 'p' || p[i + 1] === 'P')) {
      const [js, next] = parseUnicodeClass(p, i, flags);
      content += js;
      i = next;
      continue;
    }
    if (p[i] === '\\') {
      const perl = perlClass(p, i, flags);
      if (perl !== undefined) {
        content += perl;
        i += 2;
        continue;
      }
    }
    const rangeStart = i;
    const classChar = (): number => {
      if (i >= p.length) fail('missing closing ]', p.slice(start));
      let cp: number;
      if (p[i] === '\\') [cp, i] = parseEscape(p, i);
      else [cp, i] = nextRune(p, i);
      return cp;
    };
    const lo = classChar();
    let hi = lo;
    if (i + 1 < p.length && p[i] === '-' && p[i + 1] !== ']') {
      i++;
      hi = classChar();
      if (hi < lo) fail('invalid character class range', p.slice(rangeStart, i));
    }
    content += rangesJS([[lo, hi]]);
  }
  const item = classItem(content === '' ? '' : content, negated, flags);
  return [item, i + 1];
}

interface RepeatCount {
  readonly min: number;
  readonly max: number;
  readonly end: number;
}

function parseInt10(p: string, i: number): [number, number] | undefined {
  const c = p.charCodeAt(i);
  if (!(c >= 0x30 && c <= 0x39)) return undefined;
  const d = p.charCodeAt(i + 1);
  if (c === 0x30 && d >= 0x30 && d <= 0x39) return undefined; // no leading zeros
  let j = i;
  let n = 0;
  while (j < p.length && p.charCodeAt(j) >= 0x30 && p.charCodeAt(j) <= 0x39) {
    if (n >= 1e8) n = -1;
    else if (n >= 0) n = n * 10 + p.charCodeAt(j) - 0x30;
    j++;
  }
  return [n, j];
}

/** Go's parseRepeat at `i` (the `{`), or undefined when `{` is a literal. */
function parseRepeat(p: string, i: number): RepeatCount | undefined {
  const a = parseInt10(p, i + 1);
  if (a === undefined) return undefined;
  let [min, j] = a;
  let max: number;
  if (j >= p.length) return undefined;
  if (p[j] !== ',') max = min;
  else {
    j++;
    if (j >= p.length) return undefined;
    if (p[j] === '}') max = -1;
    else {
      const b = parseInt10(p, j);
      if (b === undefined) return undefined;
      [max, j] = b;
      if (max < 0) min = -1;
    }
  }
  if (p[j] !== '}') return undefined;
  return { min, max, end: j + 1 };
}

const noFlags: Flags = { i: false, m: false, s: false, U: false };

/**
 * Translates a Go regexp to JavaScript source for `new RegExp(source, 'v')`.
 * @throws GoRegexpSyntaxError with Go's message when Go rejects the pattern.
 */
export function translateGoRegexp(p: string): string {
  let flags = noFlags;
  const stack: Frame[] = [{ capture: false, saved: noFlags, alts: [], items: [], weight: 1 }];
  let lastRepeat = -1;
  let i = 0;
  const top = (): Frame => stack[stack.length - 1]!;
  const push = (item: Item): void => {
    top().items.push(item);
  };
  while (i < p.length) {
    let repeatAt = -1;
    const c = p[i]!;
    switch (c) {
      case '(': {
        if (p[i + 1] === '?') {
          const rest = p.slice(i);
          if (
            (rest.length > 4 && rest[2] === 'P' && rest[3] === '<') ||
            (rest.length > 3 && rest[2] === '<')
          ) {
            const begin = rest[2] === 'P' ? 4 : 3;
            const end = rest.indexOf('>');
            if (end < 0) fail('invalid named capture', rest);
            const name = rest.slice(begin, end);
            if (!/^[A-Za-z0-9_]+$/.test(name)) fail('invalid named capture', rest.slice(0, end + 1));
            stack.push({ capture: true, saved: flags, alts: [], items: [], weight: 1 });
            i += end + 1;
            break;
          }
          // flags, optionally opening a non-capturing group
          let j = i + 2;
          const next = { ...flags };
          let sign = 1;
          let sawFlag = false;
          let done = false;
          while (j < p.length && !done) {
            const f = p[j]!;
            j++;
            if (f === 'i' || f === 'm' || f === 's' || f === 'U') {
              next[f] = sign > 0;
              sawFlag = true;
            } else if (f === '-') {
              if (sign < 0) break;
              sign = -1;
              sawFlag = false;
            } else if (f === ':' || f === ')') {
              if (sign < 0 && !sawFlag) break;
              if (f === ':') stack.push({ capture: false, saved: flags, alts: [], items: [], weight: 1 });
              flags = next;
              done = true;
            } else break;
          }
          // Go reports the text up to and including the offending character
          if (!done) fail('invalid or unsupported Perl syntax', p.slice(i, j));
          i = j;
          break;
        }
        stack.push({ capture: true, saved: flags, alts: [], items: [], weight: 1 });
        i++;
        break;
      }
      case '|': {
        const f = top();
        f.alts.push(f.items.map((x) => x.js).join(''));
        f.weight = Math.max(f.weight, ...f.items.map((x) => x.weight));
        f.items = [];
        i++;
        break;
      }
      case ')': {
        if (stack.length < 2) fail('unexpected )', p);
        const f = stack.pop()!;
        f.alts.push(f.items.map((x) => x.js).join(''));
        const weight = Math.max(f.weight, ...f.items.map((x) => x.weight));
        const body = f.alts.join('|');
        flags = f.saved;
        push({ js: f.capture ? `(${body})` : `(?:${body})`, quantified: false, weight });
        i++;
        break;
      }
      case '^':
        push({ js: flags.m ? '(?:(?<![^\\n]))' : '(?:^)', quantified: false, weight: 1 });
        i++;
        break;
      case '$':
        push({ js: flags.m ? '(?:(?![^\\n]))' : '(?:$)', quantified: false, weight: 1 });
        i++;
        break;
      case '.':
        push({ js: flags.s ? '[\\u{0}-\\u{10ffff}]' : '[^\\n]', quantified: false, weight: 1 });
        i++;
        break;
      case '[': {
        const [item, next] = parseClass(p, i, flags);
        push(item);
        i = next;
        break;
      }
      case '*':
      case '+':
      case '?':
      case '{': {
        const opStart = i;
        let op: string;
        let min = -1;
        let max = -1;
        if (c === '{') {
          const rep = parseRepeat(p, i);
          if (rep === undefined) {
            push(literalItem(0x7b, flags));
            i++;
            break;
          }
          ({ min, max } = rep);
          if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) {
            fail('invalid repeat count', p.slice(opStart, rep.end));
          }
          op = max === min ? `{${min}}` : max < 0 ? `{${min},}` : `{${min},${max}}`;
          i = rep.end;
        } else {
          op = c;
          i++;
        }
        let lazy = flags.U;
        if (p[i] === '?') {
          lazy = !lazy;
          i++;
        }
        if (lastRepeat >= 0) fail('invalid nested repetition operator', p.slice(lastRepeat, i));
        const items = top().items;
        const last = items[items.length - 1];
        if (last === undefined) fail('missing argument to repetition operator', p.slice(opStart, i));
        let weight = last.weight;
        if (c === '{') {
          const m = max < 0 ? min : max;
          weight = m === 0 ? 1 : m * last.weight;
          if ((min >= 2 || max >= 2) && m !== 0 && weight > 1000) {
            fail('invalid repeat count', p.slice(opStart, i));
          }
        }
        const base = last.quantified ? `(?:${last.js})` : last.js;
        items[items.length - 1] = { js: base + op + (lazy ? '?' : ''), quantified: true, weight };
        repeatAt = opStart;
        break;
      }
      case '\\': {
        const e = p[i + 1];
        if (e === 'A' || e === 'z') {
          push({ js: e === 'A' ? '(?:^)' : '(?:$)', quantified: false, weight: 1 });
          i += 2;
          break;
        }
        if (e === 'b' || e === 'B') {
          push({ js: `(?:\\${e})`, quantified: false, weight: 1 });
          i += 2;
          break;
        }
        if (e === 'C') fail('invalid escape sequence', '\\C');
        if (e === 'Q') {
          const end = p.indexOf('\\E', i + 2);
          const text = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
          for (const ch of text) push(literalItem(ch.codePointAt(0)!, flags));
          i = end < 0 ? p.length : end + 2;
          break;
        }
        if (e === 'p' || e === 'P') {
          const [content, next] = parseUnicodeClass(p, i, flags);
          push(classItem(content, false, flags));
          i = next;
          break;
        }
        const perl = perlClass(p, i, flags);
        if (perl !== undefined) {
          push(classItem(perl, false, flags));
          i += 2;
          break;
        }
        const [cp, next] = parseEscape(p, i);
        push(literalItem(cp, flags));
        i = next;
        break;
      }
      default: {
        const [cp, next] = nextRune(p, i);
        push(literalItem(cp, flags));
        i = next;
      }
    }
    lastRepeat = repeatAt;
  }
  if (stack.length > 1) fail('missing closing )', p);
  const f = stack[0]!;
  f.alts.push(f.items.map((x) => x.js).join(''));
  return f.alts.join('|');
}

const cache = new Map<string, RegExp | GoRegexpSyntaxError>();

/**
 * Compiles a Go regexp to a JavaScript RegExp (flag `v`, no `g`/`y`: `test` and `exec` are
 * stateless). Compiled patterns are cached.
 * @throws GoRegexpSyntaxError with Go's message (`error parsing regexp: …`).
 */
export function compileGoRegexp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(translateGoRegexp(pattern), 'v');
    } catch (err) {
      if (!(err instanceof GoRegexpSyntaxError)) throw err;
      re = err;
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, re);
  }
  if (re instanceof GoRegexpSyntaxError) throw re;
  return re;
}

/** Go's `regexp.Compile(pattern)` error text, or undefined when Go accepts the pattern. */
export function checkGoRegexp(pattern: string): string | undefined {
  try {
    compileGoRegexp(pattern);
    return undefined;
  } catch (err) {
    if (err instanceof GoRegexpSyntaxError) return err.message;
    throw err;
  }
}

/** UTF-8 length of `s` (Go offsets are byte offsets). */
function utf8Length(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length) {
      n += 4;
      k++;
    } else n += 3;
  }
  return n;
}

/** Go's `re.FindStringIndex(s)`: the leftmost match as UTF-8 byte offsets, or null. */
export function findGoStringIndex(re: RegExp, s: string): [number, number] | null {
  const m = re.exec(s);
  if (m === null) return null;
  const start = utf8Length(s.slice(0, m.index));
  return [start, start + utf8Length(m[0])];
}
