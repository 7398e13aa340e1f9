/**
 * Path syntax: splitting a gjson path into its first component and the rest, the way
 * gjson's `parseObjectPath`, `parseArrayPath`, `parseQuery`, `splitPossiblePipe` and
 * `parseSubSelectors` do. gjson re-parses the path at every level of every read; here each
 * path string gets a {@link PathNode} (kept in a bounded cache) that memoises the parse of
 * its first component and links to the node of the rest, so a path used again is parsed
 * once.
 */
import { trimGo, unescape } from './scan.js';
import { hasModifier } from './modifiers.js';

/** A path (or the rest of one) with its parses memoised. */
export interface PathNode {
  readonly s: string;
  /** Parse as an object key component. */
  o?: ObjPath;
  /** Parse as an array component. */
  a?: ArrPath;
  /** Multipath selectors, when the path starts with `[` or `{`. */
  sels?: SubSelectors;
}

export interface ObjPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  wild: boolean;
  more: boolean;
  /** Node of `path`, created on first use. */
  next?: PathNode;
}

export interface ArrPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  more: boolean;
  alogok: boolean;
  arrch: boolean;
  alogkey: string;
  qon: boolean;
  qall: boolean;
  qpath: string;
  qop: string;
  qvalue: string;
  /** The element number named by `part`, -1 when it is not a plain number. */
  partidx: number;
  next?: PathNode;
}

export interface SubSelector {
  name: string;
  path: string;
}

export interface SubSelectors {
  sels: SubSelector[];
  /** What follows the closing bracket ('' when it does not close). */
  out: string;
  /** Whether the brackets closed. */
  ok: boolean;
  /** Node of `out`. */
  outNode: PathNode;
}

const CACHE_LIMIT = 4096;
const cache = new Map<string, PathNode>();

/** The node of `path`, from the bounded cache. */
export function nodeOf(path: string): PathNode {
  let n = cache.get(path);
  if (n === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    n = { s: path };
    cache.set(path, n);
  }
  return n;
}

/** Node of the rest of the path after an object component. */
export function nextOfObj(rp: ObjPath): PathNode {
  return (rp.next ??= { s: rp.path });
}

/** Node of the rest of the path after an array component. */
export function nextOfArr(rp: ArrPath): PathNode {
  return (rp.next ??= { s: rp.path });
}

/** gjson `isDotPiperChar`: after a `.`, does a modifier or multipath start (acting as a pipe)? */
function isDotPiperChar(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (c === 64) {
    let i = at + 1;
    for (; i < s.length; i++) {
      const d = s.charCodeAt(i);
      if (d === 46 || d === 124 || d === 58) break;
    }
    return hasModifier(s.slice(at + 1, i));
  }
  return c === 91 || c === 123;
}

/** gjson `parseObjectPath`. */
export function objPathOf(n: PathNode): ObjPath {
  if (n.o !== undefined) return n.o;
  const path = n.s;
  const r: ObjPath = { part: path, path: '', pipe: '', piped: false, wild: false, more: false };
  n.o = r;
  const afterDot = (i: number, part: string): ObjPath => {
    r.part = part;
    if (i < path.length - 1 && isDotPiperChar(path, i + 1)) {
      r.pipe = path.slice(i + 1);
      r.piped = true;
    } else {
      r.path = path.slice(i + 1);
      r.more = true;
    }
    return r;
  };
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 124) {
      r.part = path.slice(0, i);
      r.pipe = path.slice(i + 1);
      r.piped = true;
      return r;
    }
    if (c === 46) return afterDot(i, path.slice(0, i));
    if (c === 42 || c === 63) {
      r.wild = true;
      continue;
    }
    if (c === 92) {
      // escape mode: strip the backslashes from the part
      let epart = path.slice(0, i);
      i++;
      if (i < path.length) {
        epart += path[i];
        i++;
        for (; i < path.length; i++) {
          const d = path.charCodeAt(i);
          if (d === 92) {
            i++;
            if (i < path.length) epart += path[i];
            continue;
          } else if (d === 46) {
            return afterDot(i, epart);
          } else if (d === 124) {
            r.part = epart;
            r.pipe = path.slice(i + 1);
            r.piped = true;
            return r;
          } else if (d === 42 || d === 63) r.wild = true;
          epart += path[i];
        }
      }
      r.part = epart;
      return r;
    }
  }
  return r;
}

/** gjson `parseUint` then `int(n)`: digits only, uint64 wrap-around; -1 when not a number. */
function partIndex(part: string): number {
  if (part.length === 0) return -1;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  if (part.length < 16) return Number(part);
  return Number(BigInt.asIntN(64, BigInt.asUintN(64, BigInt(part))));
}

/** Parts of a `#(...)` query, from gjson `parseQuery`. */
export interface Query {
  path: string;
  op: string;
  value: string;
  /** Position just after the closing bracket. */
  end: number;
  vesc: boolean;
}

/** gjson `parseQuery`: `query` starts with `#(` or `#[`; undefined when it does not close. */
export function parseQuery(query: string): Query | undefined {
  if (query.length < 2 || query.charCodeAt(0) !== 35) return undefined;
  const q1 = query.charCodeAt(1);
  if (q1 !== 40 && q1 !== 91) return undefined;
  let i = 2;
  let j = 0;
  let depth = 1;
  let vesc = false;
  for (; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (depth === 1 && j === 0) {
      if (c === 33 || c === 61 || c === 60 || c === 62 || c === 37) {
        j = i;
        continue;
      }
    }
    if (c === 92) i++;
    else if (c === 91 || c === 40) depth++;
    else if (c === 93 || c === 41) {
      depth--;
      if (depth === 0) break;
    } else if (c === 34) {
      i++;
      for (; i < query.length; i++) {
        const d = query.charCodeAt(i);
        if (d === 92) {
          vesc = true;
          i++;
        } else if (d === 34) break;
      }
    }
  }
  if (depth > 0) return undefined;
  if (j > 0) {
    const path = trimGo(query.slice(2, j));
    let value = trimGo(query.slice(j, i));
    let opsz = 0;
    const v0 = value[0];
    const v1 = value[1];
    if (value.length === 1) opsz = 1;
    else if (v0 === '!' && (v1 === '=' || v1 === '%')) opsz = 2;
    else if ((v0 === '<' || v0 === '>') && v1 === '=') opsz = 2;
    else if (v0 === '=' && v1 === '=') {
      value = value.slice(1);
      opsz = 1;
    } else if (v0 === '<' || v0 === '>' || v0 === '=' || v0 === '%') opsz = 1;
    return { path, op: value.slice(0, opsz), value: trimGo(value.slice(opsz)), end: i + 1, vesc };
  }
  return { path: trimGo(query.slice(2, i)), op: '', value: '', end: i + 1, vesc };
}

/** gjson `parseArrayPath`. */
export function arrPathOf(n: PathNode): ArrPath {
  if (n.a !== undefined) return n.a;
  const path = n.s;
  const r: ArrPath = {
    part: path,
    path: '',
    pipe: '',
    piped: false,
    more: false,
    alogok: false,
    arrch: false,
    alogkey: '',
    qon: false,
    qall: false,
    qpath: '',
    qop: '',
    qvalue: '',
    partidx: -1,
  };
  n.a = r;
  const done = (): ArrPath => {
    r.partidx = r.arrch ? -1 : partIndex(r.part);
    return r;
  };
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 124) {
      r.part = path.slice(0, i);
      r.pipe = path.slice(i + 1);
      r.piped = true;
      return done();
    }
    if (c === 46) {
      r.part = path.slice(0, i);
      if (!r.arrch && i < path.length - 1 && isDotPiperChar(path, i + 1)) {
        r.pipe = path.slice(i + 1);
        r.piped = true;
      } else {
        r.path = path.slice(i + 1);
        r.more = true;
      }
      return done();
    }
    if (c === 35) {
      r.arrch = true;
      if (i === 0 && path.length > 1) {
        const p1 = path.charCodeAt(1);
        if (p1 === 46) {
          r.alogok = true;
          r.alogkey = path.slice(2);
          r.path = path.slice(0, 1);
        } else if (p1 === 91 || p1 === 40) {
          r.qon = true;
          const q = parseQuery(path.slice(i));
          if (q === undefined) break;
          let value = q.value;
          if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
            value = value.slice(1, -1);
            if (q.vesc) value = unescape(value);
          }
          r.qpath = q.path;
          r.qop = q.op;
          r.qvalue = value;
          i = q.end - 1;
          if (i + 1 < path.length && path.charCodeAt(i + 1) === 35) r.qall = true;
        }
      }
      continue;
    }
  }
  r.part = path;
  r.path = '';
  return done();
}

/** gjson `splitPossiblePipe`: splits `a.b|c` at the first pipe outside queries; undefined when none. */
export function splitPossiblePipe(path: string): [string, string] | undefined {
  if (!path.includes('|')) return undefined;
  if (path.charCodeAt(0) === 123) {
    // a `{...}` multipath followed by a pipe
    const end = squashLen(path.slice(1));
    if (end < path.length - 1) {
      const squashed = path.slice(0, end + 1);
      const remain = path.slice(squashed.length);
      if (remain[0] === '|') return [squashed, remain.slice(1)];
    }
    return undefined;
  }
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 46) {
      if (i === path.length - 1) return undefined;
      if (path.charCodeAt(i + 1) === 35) {
        i += 2;
        if (i === path.length) return undefined;
        const b = path.charCodeAt(i);
        if (b === 91 || b === 40) {
          const start = b;
          const end = b === 91 ? 93 : 41;
          i++;
          let depth = 1;
          for (; i < path.length; i++) {
            const d = path.charCodeAt(i);
            if (d === 92) i++;
            else if (d === start) depth++;
            else if (d === end) {
              depth--;
              if (depth === 0) break;
            } else if (d === 34) {
              i++;
              for (; i < path.length; i++) {
                const e = path.charCodeAt(i);
                if (e === 92) i++;
                else if (e === 34) break;
              }
            }
          }
        }
      }
    } else if (c === 124) return [path.slice(0, i), path.slice(i + 1)];
  }
  return undefined;
}

/** Length of gjson `squash(s)` (s non-empty). */
function squashLen(s: string): number {
  let i = 0;
  let depth = 0;
  if (s.charCodeAt(0) !== 34) {
    i = 1;
    depth = 1;
  }
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 34 || c > 125) continue;
    if (c === 34) {
      i++;
      const s2 = i;
      for (; i < s.length; i++) {
        const d = s.charCodeAt(i);
        if (d > 92) continue;
        if (d === 34) {
          if (s.charCodeAt(i - 1) === 92) {
            let n = 0;
            for (let j = i - 2; j > s2 - 1; j--) {
              if (s.charCodeAt(j) !== 92) break;
              n++;
            }
            if (n % 2 === 0) continue;
          }
          break;
        }
      }
      if (depth === 0) return i >= s.length ? s.length : i + 1;
    } else if (c === 123 || c === 91 || c === 40) depth++;
    else if (c === 125 || c === 93 || c === 41) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return s.length;
}

/** gjson `parseSubSelectors` for a path starting with `[` or `{`. */
export function subSelectorsOf(n: PathNode): SubSelectors {
  if (n.sels !== undefined) return n.sels;
  let path = n.s;
  const sels: SubSelector[] = [];
  let modifier = 0;
  let depth = 1;
  let colon = 0;
  let start = 1;
  let i = 1;
  const pushSel = (): void => {
    if (colon === 0) sels.push({ name: '', path: path.slice(start, i) });
    else sels.push({ name: path.slice(start, colon), path: path.slice(colon + 1, i) });
    colon = 0;
    modifier = 0;
    start = i + 1;
  };
  let result: SubSelectors = { sels, out: '', ok: false, outNode: { s: '' } };
  for (; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 64) {
      if (modifier === 0 && i > 0 && (path[i - 1] === '.' || path[i - 1] === '|')) modifier = i;
    } else if (c === 58) {
      if (modifier === 0 && colon === 0 && depth === 1) colon = i;
    } else if (c === 44) {
      if (depth === 1) pushSel();
    } else if (c === 34) {
      i++;
      for (; i < path.length; i++) {
        const d = path.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 || c === 40 || c === 123) depth++;
    else if (c === 93 || c === 41 || c === 125) {
      depth--;
      if (depth === 0) {
        pushSel();
        path = path.slice(i + 1);
        result = { sels, out: path, ok: true, outNode: { s: path } };
        break;
      }
    }
  }
  n.sels = result;
  return result;
}

/** gjson `nameOfLast`: the last component of a path (key name for `{a.b}` multipaths). */
export function nameOfLast(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const c = path.charCodeAt(i);
    if (c === 124 || c === 46) {
      if (i > 0 && path.charCodeAt(i - 1) === 92) continue;
      return path.slice(i + 1);
    }
  }
  return path;
}

/** gjson `isSimpleName`. */
export function isSimpleName(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    const c = component.charCodeAt(i);
    if (c < 32) return false;
    switch (c) {
      case 91:
      case 93:
      case 123:
      case 125:
      case 40:
      case 41:
      case 35:
      case 124:
      case 33:
        return false;
    }
  }
  return true;
}
