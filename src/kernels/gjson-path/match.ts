/**
 * Wildcard matching as tidwall/match `MatchLimit` does it for gjson: `*` matches any run of
 * characters, `?` exactly one character (one Unicode code point), `\` escapes the next one.
 * The work is bounded (`maxcomp` × length of the string) so a hostile pattern cannot stall
 * the engine; past the bound the answer is "no match", as in Go.
 */

const NO = 0;
const YES = 1;
const STOP = 2;

/** Code point at `i` and its width in UTF-16 units. */
function cpAt(s: string, i: number): [number, number] {
  const c = s.codePointAt(i) ?? 0;
  return [c, c > 0xffff ? 2 : 1];
}

/** Last code point of `s` and its width. */
function lastCp(s: string): [number, number] {
  const n = s.length;
  const lo = s.charCodeAt(n - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && n >= 2) {
    const hi = s.charCodeAt(n - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return [(hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000, 2];
  }
  return [lo, 1];
}

const STAR = 42;
const QMARK = 63;
const BSLASH = 92;

function trimSuffix(str: string, pat: string): [string, string, boolean] {
  let ok = true;
  while (str.length > 0 && pat.length > 1) {
    const [pc, psLast] = lastCp(pat);
    let ps = psLast;
    let esc = false;
    for (let i = 0; ; i++) {
      if (pat.charCodeAt(pat.length - ps - i - 1) !== BSLASH) {
        if ((i & 1) === 1) {
          esc = true;
          ps++;
        }
        break;
      }
    }
    if (pc === STAR && !esc) {
      ok = true;
      break;
    }
    const [sc, ss] = lastCp(str);
    if (!((pc === QMARK && !esc) || pc === sc)) {
      ok = false;
      break;
    }
    str = str.slice(0, str.length - ss);
    pat = pat.slice(0, pat.length - ps);
  }
  return [str, pat, ok];
}

function matchRec(str: string, pat: string, slen: number, counter: { n: number }, maxcomp: number): number {
  if (counter.n > slen * maxcomp) return STOP;
  counter.n++;
  while (pat.length > 0) {
    let wild = false;
    let [pc, ps] = cpAt(pat, 0);
    let sc = -1;
    let ss = 0;
    if (str.length > 0) [sc, ss] = cpAt(str, 0);
    if (pc === QMARK) {
      if (ss === 0) return NO;
    } else if (pc === STAR) {
      while (pat.length > 1 && pat.charCodeAt(1) === STAR) pat = pat.slice(1);
      if (pat.length === 1) return YES;
      let ok: boolean;
      [str, pat, ok] = trimSuffix(str, pat);
      if (!ok) return NO;
      if (pat.length === 1) return YES;
      const r = matchRec(str, pat.slice(1), slen, counter, maxcomp);
      if (r !== NO) return r;
      if (str.length === 0) return NO;
      wild = true;
    } else {
      if (ss === 0) return NO;
      if (pc === BSLASH) {
        pat = pat.slice(ps);
        if (pat.length === 0) return NO;
        [pc, ps] = cpAt(pat, 0);
      }
      if (sc !== pc) return NO;
    }
    str = str.slice(ss);
    if (!wild) pat = pat.slice(ps);
  }
  return str.length === 0 ? YES : NO;
}

/** tidwall/match `MatchLimit(str, pattern, maxcomp)`, returning only "matched". */
export function matchLimit(str: string, pattern: string, maxcomp = 10000): boolean {
  if (pattern === '*') return true;
  return matchRec(str, pattern, str.length, { n: 0 }, maxcomp) === YES;
}
