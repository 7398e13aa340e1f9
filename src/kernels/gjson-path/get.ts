/**
 * The gjson reader: `Get` and its helpers, following tidwall/gjson step by step
 * (`parseObject`, `parseArray`, `procQuery`, `execModifier`, `execStatic`, multipaths;
 * `Parse`/`parseAny` are in parse.ts, query comparison in query.ts). It streams through the JSON text once, never builds a tree
 * and never validates, so malformed input gives gjson's answers rather than an error.
 *
 * gjson finds a result's `Index` with pointer arithmetic (is `Raw` a slice of the
 * document?). Here every result carries `v`, the offset of its `raw` in the text the read
 * looked at (-1 when the text was built), and indexes are derived from it the same way.
 */
import { Result, resultGet } from './result.js';
import { parseGoFloat } from '../go/strconv.js';
import { matchLimit } from './match.js';
import { literalEnd, parseNumberEnd, parseSquashEnd, parseString, squashEnd, unescape } from './scan.js';
import type { StringScan } from './scan.js';
import {
  arrPathOf,
  isSimpleName,
  nameOfLast,
  nextOfArr,
  nextOfObj,
  nodeOf,
  objPathOf,
  splitPossiblePipe,
  subSelectorsOf,
} from './path.js';
import type { ArrPath, PathNode } from './path.js';
import { runModifier } from './modifiers.js';
import { parse, parseAny, setString } from './parse.js';
import { queryMatches } from './query.js';
import { appendJSONString } from './json-string.js';
import { valid } from './valid.js';
import { rules } from './rules.js';

interface Ctx {
  json: string;
  value: Result;
  pipe: string;
  piped: boolean;
  calcd: boolean;
  /** Second return value of parseObject/parseArray (Go returns `(int, bool)`). */
  hit: boolean;
  scan: StringScan;
}

function newCtx(json: string): Ctx {
  return {
    json,
    value: new Result(),
    pipe: '',
    piped: false,
    calcd: false,
    hit: false,
    scan: { end: 0, rawStart: 0, esc: false, ok: false },
  };
}

function keyMatches(
  json: string,
  ks: number,
  ke: number,
  kesc: boolean,
  part: string,
  wild: boolean,
): boolean {
  if (!kesc && !wild) return ke - ks === part.length && json.startsWith(part, ks);
  const key = kesc ? unescape(json.slice(ks, ke)) : json.slice(ks, ke);
  return wild ? matchLimit(key, part) : key === part;
}

/** gjson `parseObject`: `i` is just after the `{`. Returns the new position; `c.hit` says whether it hit. */
function parseObject(c: Ctx, i: number, n: PathNode): number {
  const json = c.json;
  const len = json.length;
  const rp = objPathOf(n);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let ok = false;
  let kesc = false;
  let ks = 0;
  let ke = 0;
  while (i < len) {
    for (; i < len; i++) {
      const ch = json.charCodeAt(i);
      if (ch === 34) {
        const sc = parseString(json, i + 1, c.scan);
        ks = i + 1;
        ke = sc.ok ? sc.end - 1 : len;
        kesc = sc.esc;
        ok = sc.ok;
        i = sc.end;
        break;
      }
      if (ch === 125) {
        c.hit = false;
        return i + 1;
      }
    }
    if (!ok) {
      c.hit = false;
      return i;
    }
    const pmatch = keyMatches(json, ks, ke, kesc, rp.part, rp.wild);
    const hit = pmatch && !rp.more;
    for (; i < len; i++) {
      let num = false;
      const ch = json.charCodeAt(i);
      switch (ch) {
        case 34: {
          i++;
          const sc = parseString(json, i, c.scan);
          i = sc.end;
          if (!sc.ok) {
            c.hit = false;
            return i;
          }
          if (hit) {
            setString(c.value, json, sc);
            c.hit = true;
            return i;
          }
          break;
        }
        case 123:
        case 91: {
          if (pmatch && !hit) {
            i = ch === 123 ? parseObject(c, i + 1, nextOfObj(rp)) : parseArray(c, i + 1, nextOfObj(rp));
            if (c.hit) return i;
          } else {
            const end = parseSquashEnd(json, i);
            if (hit) {
              c.value.raw = json.slice(i, end);
              c.value.type = 'JSON';
              c.value.v = i;
              c.hit = true;
              return end;
            }
            i = end;
          }
          break;
        }
        case 110: // n
          if (i + 1 < len && json.charCodeAt(i + 1) !== 117) {
            num = true;
            break;
          }
        // falls through
        case 116:
        case 102: {
          const end = literalEnd(json, i);
          if (hit) {
            c.value.raw = json.slice(i, end);
            c.value.v = i;
            if (ch === 116) c.value.type = 'True';
            else if (ch === 102) c.value.type = 'False';
            c.hit = true;
            return end;
          }
          i = end;
          break;
        }
        case 43:
        case 45:
        case 48:
        case 49:
        case 50:
        case 51:
        case 52:
        case 53:
        case 54:
        case 55:
        case 56:
        case 57:
        case 105:
        case 73:
        case 78:
          num = true;
          break;
        default:
          continue;
      }
      if (num) {
        const end = parseNumberEnd(json, i);
        if (hit) {
          c.value.raw = json.slice(i, end);
          c.value.type = 'Number';
          c.value.num = parseGoFloat(c.value.raw);
          c.value.v = i;
          c.hit = true;
          return end;
        }
        i = end;
      }
      break;
    }
  }
  c.hit = false;
  return i;
}

/** What a `#(...)` query keeps while it walks an array. */
interface QueryState {
  rp: ArrPath;
  rpPath: string;
  multires: string | undefined;
  queryIndexes: number[] | undefined;
}

/** gjson's `procQuery` closure: tests one element; true when a single-match query is done. */
function procQuery(c: Ctx, q: QueryState, qval: Result, start: number): boolean {
  const rp = q.rp;
  if (rp.qall && q.multires === undefined) q.multires = '[';
  const parentIndex = qval.raw.length > 0 ? start : 0;
  qval.v = start;
  let res: Result;
  if (qval.type === 'JSON') res = resultGet(qval, rp.qpath);
  else {
    if (rp.qpath !== '') return false;
    res = qval;
  }
  if (!queryMatches(rp, res)) return false;
  if (rp.more) {
    const split = splitPossiblePipe(q.rpPath);
    if (split !== undefined) {
      q.rpPath = split[0];
      c.pipe = split[1];
      c.piped = true;
    }
    res = resultGet(qval, q.rpPath);
  } else res = qval;
  if (rp.qall) {
    const raw = res.raw.length === 0 ? res.string() : res.raw;
    if (raw !== '') {
      q.multires = q.multires!.length > 1 ? q.multires + ',' + raw : q.multires + raw;
      (q.queryIndexes ??= []).push(res.index + parentIndex);
    }
    return false;
  }
  c.value = res;
  return true;
}

/** gjson `parseArray`: `i` is just after the `[`. Returns the new position; `c.hit` says whether it hit. */
function parseArray(c: Ctx, i: number, n: PathNode): number {
  const json = c.json;
  const len = json.length;
  const rp = arrPathOf(n);
  // gjson updates these fields of its parsed path as it goes
  let rpAlogkey = rp.alogkey;
  const q: QueryState | undefined = rp.qon
    ? { rp, rpPath: rp.path, multires: undefined, queryIndexes: undefined }
    : undefined;
  let pmatch = false;
  let hit = false;
  let h = 0;
  const alog: number[] = [];
  const partidx = rp.partidx;
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }

  while (i < len + 1) {
    if (!rp.arrch) {
      pmatch = partidx === h;
      hit = pmatch && !rp.more;
    }
    h++;
    if (rp.alogok) alog.push(i);
    for (; ; i++) {
      if (i > len) break;
      const ch = i === len ? 93 : json.charCodeAt(i);
      let num = false;
      switch (ch) {
        case 34: {
          i++;
          const sc = parseString(json, i, c.scan);
          i = sc.end;
          if (!sc.ok) {
            c.hit = false;
            return i;
          }
          if (rp.qon) {
            const qval = new Result();
            setString(qval, json, sc);
            if (procQuery(c, q!, qval, sc.rawStart)) {
              c.hit = true;
              return i;
            }
          } else if (hit) {
            if (rp.alogok) break;
            setString(c.value, json, sc);
            c.hit = true;
            return i;
          }
          break;
        }
        case 123:
        case 91: {
          if (pmatch && !hit) {
            i = ch === 123 ? parseObject(c, i + 1, nextOfArr(rp)) : parseArray(c, i + 1, nextOfArr(rp));
            hit = c.hit;
            if (hit) {
              if (rp.alogok) break;
              return i;
            }
          } else {
            const start = i;
            const end = parseSquashEnd(json, i);
            i = end;
            if (rp.qon) {
              const qval = new Result();
              qval.raw = json.slice(start, end);
              qval.type = 'JSON';
              if (procQuery(c, q!, qval, start)) {
                c.hit = true;
                return i;
              }
            } else if (hit) {
              if (rp.alogok) break;
              c.value.raw = json.slice(start, end);
              c.value.type = 'JSON';
              c.value.v = start;
              c.hit = true;
              return i;
            }
          }
          break;
        }
        case 110:
          if (i + 1 < len && json.charCodeAt(i + 1) !== 117) {
            num = true;
            break;
          }
        // falls through
        case 116:
        case 102: {
          const start = i;
          const end = literalEnd(json, i);
          i = end;
          if (rp.qon) {
            const qval = new Result();
            qval.raw = json.slice(start, end);
            if (ch === 116) qval.type = 'True';
            else if (ch === 102) qval.type = 'False';
            if (procQuery(c, q!, qval, start)) {
              c.hit = true;
              return i;
            }
          } else if (hit) {
            if (rp.alogok) break;
            c.value.raw = json.slice(start, end);
            c.value.v = start;
            if (ch === 116) c.value.type = 'True';
            else if (ch === 102) c.value.type = 'False';
            c.hit = true;
            return i;
          }
          break;
        }
        case 43:
        case 45:
        case 48:
        case 49:
        case 50:
        case 51:
        case 52:
        case 53:
        case 54:
        case 55:
        case 56:
        case 57:
        case 105:
        case 73:
        case 78:
          num = true;
          break;
        case 93: {
          if (rp.arrch && rp.part === '#') {
            if (rp.alogok) {
              const split = splitPossiblePipe(rpAlogkey);
              if (split !== undefined) {
                rpAlogkey = split[0];
                c.pipe = split[1];
                c.piped = true;
              }
              const indexes: number[] = [];
              let jsons = '[';
              let k = 0;
              for (const at of alog) {
                let idx = at;
                while (idx < len) {
                  const w = json.charCodeAt(idx);
                  if (w === 32 || w === 9 || w === 13 || w === 10) idx++;
                  else break;
                }
                if (idx < len && json.charCodeAt(idx) !== 93) {
                  const any = parseAny(json, idx, true);
                  if (any !== undefined) {
                    const res = resultGet(any.res, rpAlogkey);
                    if (res.exists()) {
                      if (k > 0) jsons += ',';
                      jsons += res.raw.length === 0 ? res.string() : res.raw;
                      indexes.push(res.index);
                      k++;
                    }
                  }
                }
              }
              jsons += ']';
              c.value.type = 'JSON';
              c.value.raw = jsons;
              c.value.indexes = indexes;
              c.value.v = -1;
              c.hit = true;
              return i + 1;
            }
            c.value.type = 'Number';
            c.value.num = h - 1;
            c.value.raw = String(h - 1);
            c.value.v = -1;
            c.calcd = true;
            c.hit = true;
            return i + 1;
          }
          if (!c.value.exists()) {
            if (q?.multires !== undefined) {
              const r = new Result();
              r.raw = q.multires + ']';
              r.type = 'JSON';
              r.indexes = q.queryIndexes;
              c.value = r;
            } else if (rp.qall) {
              const r = new Result();
              r.raw = '[]';
              r.type = 'JSON';
              c.value = r;
            }
          }
          c.hit = false;
          return i + 1;
        }
        default:
          continue;
      }
      if (num) {
        const start = i;
        const end = parseNumberEnd(json, i);
        i = end;
        if (rp.qon) {
          const qval = new Result();
          qval.raw = json.slice(start, end);
          qval.type = 'Number';
          qval.num = parseGoFloat(qval.raw);
          if (procQuery(c, q!, qval, start)) {
            c.hit = true;
            return i;
          }
        } else if (hit) {
          if (rp.alogok) break;
          c.value.raw = json.slice(start, end);
          c.value.type = 'Number';
          c.value.num = parseGoFloat(c.value.raw);
          c.value.v = start;
          c.hit = true;
          return i;
        }
      }
      break;
    }
  }
  c.hit = false;
  return i;
}

interface Produced {
  /** Rest of the path after the modifier or literal. */
  path: string;
  /** The text it produced. */
  json: string;
  /** Offset of `json` in the input text when it is a slice of it, else -1. */
  at: number;
}

/** gjson `execStatic`: `!true`, `!"str"`, `!{...}`, `!123` literals. */
function execStatic(path: string): Produced | undefined {
  let name = path.slice(1);
  if (name.length > 0) {
    const c = name.charCodeAt(0);
    if (c === 123 || c === 91 || c === 34 || c === 43 || c === 45 || (c >= 48 && c <= 57)) {
      const res = name.slice(0, parseSquashEnd(name, 0));
      return { path: name.slice(res.length), json: res, at: -1 };
    }
  }
  let pathOut = '';
  for (let i = 1; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 124 || c === 46) {
      pathOut = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  switch (name.toLowerCase()) {
    case 'true':
    case 'false':
    case 'null':
    case 'nan':
    case 'inf':
      return { path: pathOut, json: name, at: -1 };
  }
  return undefined;
}

/** gjson `execModifier`: `@name`, `@name:arg`, followed by `|rest` or `.rest`. */
function execModifier(json: string, path: string): Produced | undefined {
  let name = path.slice(1);
  let pathOut = '';
  let hasArgs = false;
  for (let i = 1; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 58) {
      pathOut = path.slice(i + 1);
      name = path.slice(1, i);
      hasArgs = pathOut.length > 0;
      break;
    }
    if (c === 124 || c === 46) {
      pathOut = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  let args = '';
  if (hasArgs) {
    let parsedArgs = false;
    const c = pathOut.charCodeAt(0);
    if (c === 123 || c === 91 || c === 34) {
      if (parse(pathOut).exists()) {
        args = pathOut.slice(0, squashEnd(pathOut, 0));
        pathOut = pathOut.slice(args.length);
        parsedArgs = true;
      }
    }
    if (!parsedArgs && rules.v114) {
      const idx = pathOut.indexOf('|');
      if (idx === -1) {
        args = pathOut;
        pathOut = '';
      } else {
        args = pathOut.slice(0, idx);
        pathOut = pathOut.slice(idx);
      }
    } else if (!parsedArgs) {
      // gjson 1.17: a plain argument ends at a `|` outside brackets and quotes
      let i = 0;
      for (; i < pathOut.length; i++) {
        const d = pathOut.charCodeAt(i);
        if (d === 124) break;
        if (d === 123 || d === 91 || d === 34 || d === 40) i = squashEnd(pathOut, i) - 1;
      }
      args = pathOut.slice(0, i);
      pathOut = pathOut.slice(i);
    }
  }
  const out = runModifier(name, json, args);
  if (out === undefined) return undefined;
  return { path: pathOut, json: out.text, at: out.at };
}

function multipath(json: string, kind: number, sels: ReadonlyArray<{ name: string; path: string }>): string {
  let b = kind === 123 ? '{' : '[';
  let i = 0;
  for (const sub of sels) {
    const res = getNode(json, nodeOf(sub.path));
    if (!res.exists()) continue;
    if (i > 0) b += ',';
    if (kind === 123) {
      if (sub.name.length > 0) {
        b += sub.name.charCodeAt(0) === 34 && valid(sub.name) ? sub.name : appendJSONString(sub.name);
      } else {
        const last = nameOfLast(sub.path);
        b += appendJSONString(isSimpleName(last) ? last : '_');
      }
      b += ':';
    }
    let raw = res.raw;
    if (raw.length === 0) {
      raw = res.string();
      if (raw.length === 0) raw = 'null';
    }
    b += raw;
    i++;
  }
  return b + (kind === 123 ? '}' : ']');
}

/** gjson `Get` on a path node; `v` of the result is relative to `json`. */
export function getNode(json: string, n: PathNode): Result {
  let path = n.s;
  if (path.length > 1) {
    const c0 = path.charCodeAt(0);
    if (c0 === 64 || c0 === 33) {
      const p = c0 === 64 ? execModifier(json, path) : execStatic(path);
      if (p !== undefined) {
        const rest = p.path;
        const r0 = rest.charCodeAt(0);
        if (rest.length > 0 && (r0 === 124 || r0 === 46)) {
          const res = getNode(p.json, nodeOf(rest.slice(1)));
          res.index = 0;
          res.indexes = undefined;
          res.v = p.at >= 0 && res.v >= 0 ? p.at + res.v : -1;
          return res;
        }
        const res = parse(p.json);
        res.v = p.at >= 0 && res.v >= 0 ? p.at + res.v : -1;
        return res;
      }
    }
    if (c0 === 91 || c0 === 123) {
      // gjson continues with what follows the brackets (or '' when they do not close)
      const sub = subSelectorsOf(n);
      const out = sub.out;
      n = sub.outNode;
      path = out;
      if (sub.ok) {
        const o0 = out.charCodeAt(0);
        if (out.length === 0 || o0 === 124 || o0 === 46) {
          let res = new Result();
          res.raw = multipath(json, c0, sub.sels);
          res.type = 'JSON';
          if (out.length > 0) res = resultGet(res, out.slice(1));
          res.index = 0;
          return res;
        }
      }
    }
  }
  const c = newCtx(json);
  if (path.length >= 2 && path.charCodeAt(0) === 46 && path.charCodeAt(1) === 46) {
    // JSON lines: each line is an element of an implicit array
    parseArray(c, 0, nodeOf(path.slice(2)));
  } else {
    const len = json.length;
    for (let i = 0; i < len; i++) {
      const ch = json.charCodeAt(i);
      if (ch === 123) {
        parseObject(c, i + 1, n);
        break;
      }
      if (ch === 91) {
        parseArray(c, i + 1, n);
        break;
      }
    }
  }
  if (c.piped) {
    const res = resultGet(c.value, c.pipe);
    res.index = 0;
    return res;
  }
  const value = c.value;
  if (value.raw.length > 0 && !c.calcd) value.index = value.v >= 0 && value.v < json.length ? value.v : 0;
  return value;
}

/** gjson `Get` with a path string. */
export function getFrom(json: string, path: string): Result {
  return getNode(json, nodeOf(path));
}
