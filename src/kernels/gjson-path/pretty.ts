/**
 * tidwall/pretty `Pretty`/`PrettyOptions`/`Ugly`, as used by gjson's `@pretty` and `@ugly`.
 * The layout decision (single-line arrays up to `width` columns) counts bytes, so this
 * works on the UTF-8 bytes of the text, as the Go code does.
 */

/** Options of `@pretty:{...}`. */
export interface PrettyOptions {
  /** Maximum column width for single-line arrays. @default 80 */
  width: number;
  /** Prefix of every line. @default '' */
  prefix: string;
  /** Indentation of nested values. @default '  ' (two spaces) */
  indent: string;
  /** Sort object keys. @default false */
  sortKeys: boolean;
}

/** The defaults of tidwall/pretty. */
export const defaultPrettyOptions: Readonly<PrettyOptions> = {
  width: 80,
  prefix: '',
  indent: '  ',
  sortKeys: false,
};

const enc = new TextEncoder();
const dec = new TextDecoder();

interface Out {
  buf: number[];
  i: number;
  nl: number;
  ok: boolean;
}

interface Ctx {
  json: Uint8Array;
  width: number;
  prefix: number[];
  indent: number[];
  sortkeys: boolean;
}

function push(buf: number[], bytes: ArrayLike<number>): void {
  for (let k = 0; k < bytes.length; k++) buf.push(bytes[k]!);
}

function appendTabs(buf: number[], prefix: number[], indent: number[], tabs: number): void {
  push(buf, prefix);
  for (let t = 0; t < tabs; t++) push(buf, indent);
}

function appendString(buf: number[], json: Uint8Array, i: number, nl: number): Out {
  const s = i;
  i++;
  for (; i < json.length; i++) {
    if (json[i] === 34) {
      let sc = 0;
      for (let j = i - 1; j > s; j--) {
        if (json[j] === 92) sc++;
        else break;
      }
      if (sc % 2 === 1) continue;
      i++;
      break;
    }
  }
  push(buf, json.subarray(s, i));
  return { buf, i, nl, ok: true };
}

function appendNumber(buf: number[], json: Uint8Array, i: number, nl: number): Out {
  const s = i;
  i++;
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= 32 || c === 44 || c === 58 || c === 93 || c === 125) break;
  }
  push(buf, json.subarray(s, i));
  return { buf, i, nl, ok: true };
}

function appendAny(
  x: Ctx,
  buf: number[],
  i: number,
  pretty: boolean,
  width: number,
  indent: number[],
  tabs: number,
  nl: number,
  max: number,
): Out {
  const json = x.json;
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= 32) continue;
    if (c === 34) return appendString(buf, json, i, nl);
    if ((c >= 48 && c <= 57) || c === 45) return appendNumber(buf, json, i, nl);
    if (c === 123) return appendObject(x, buf, i, 123, 125, pretty, width, indent, tabs, nl, max);
    if (c === 91) return appendObject(x, buf, i, 91, 93, pretty, width, indent, tabs, nl, max);
    switch (c) {
      case 116:
        push(buf, [116, 114, 117, 101]);
        return { buf, i: i + 4, nl, ok: true };
      case 102:
        push(buf, [102, 97, 108, 115, 101]);
        return { buf, i: i + 5, nl, ok: true };
      case 110:
        push(buf, [110, 117, 108, 108]);
        return { buf, i: i + 4, nl, ok: true };
    }
  }
  return { buf, i, nl, ok: true };
}

interface Pair {
  kstart: number;
  kend: number;
  vstart: number;
  vend: number;
}

function lessBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}

function sortPairs(json: Uint8Array, buf: number[], pairs: Pair[]): number[] {
  if (pairs.length === 0) return buf;
  const vstart = pairs[0]!.vstart;
  const key = (p: Pair): Uint8Array => json.subarray(p.kstart + 1, p.kend - 1);
  const sorted = pairs
    .map((p, at) => ({ p, at }))
    .sort((a, b) => lessBytes(key(a.p), key(b.p)) || a.p.vstart - b.p.vstart || a.at - b.at);
  // sort.Stable only swaps when something is out of order
  if (sorted.every((e, at) => e.at === at)) return buf;
  const nbuf: number[] = [];
  sorted.forEach((e, at) => {
    push(nbuf, buf.slice(e.p.vstart, e.p.vend));
    if (at < sorted.length - 1) nbuf.push(44, 10);
  });
  buf.length = vstart;
  push(buf, nbuf);
  return buf;
}

function appendObject(
  x: Ctx,
  buf: number[],
  i: number,
  open: number,
  close: number,
  pretty: boolean,
  width: number,
  indent: number[],
  tabs: number,
  nl: number,
  max: number,
): Out {
  const json = x.json;
  let ok: boolean;
  if (width > 0) {
    if (pretty && open === 91 && max === -1) {
      // try a single-line array first
      const max2 = width - (buf.length - nl);
      if (max2 > 3) {
        const s1 = buf.length;
        const s2 = i;
        const r = appendObject(x, buf, i, 91, 93, false, width, [], 0, 0, max2);
        buf = r.buf;
        i = r.i;
        if (r.ok && buf.length - s1 <= max2) return { buf, i, nl, ok: true };
        buf.length = s1;
        i = s2;
      }
    } else if (max !== -1 && open === 123) return { buf, i, nl, ok: false };
  }
  buf.push(open);
  i++;
  let pairs: Pair[] | undefined = open === 123 && x.sortkeys ? [] : undefined;
  let n = 0;
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= 32) continue;
    if (c === close) {
      if (pretty) {
        if (open === 123 && pairs !== undefined) buf = sortPairs(json, buf, pairs);
        if (n > 0) {
          nl = buf.length;
          if (buf[nl - 1] === 32) buf[nl - 1] = 10;
          else buf.push(10);
        }
        if (buf[buf.length - 1] !== open) appendTabs(buf, x.prefix, indent, tabs);
      }
      buf.push(close);
      return { buf, i: i + 1, nl, ok: open !== 123 };
    }
    if (open === 91 || c === 34) {
      if (n > 0) {
        buf.push(44);
        if (width !== -1 && open === 91) buf.push(32);
      }
      const p: Pair = { kstart: 0, kend: 0, vstart: 0, vend: 0 };
      if (pretty) {
        nl = buf.length;
        if (buf[nl - 1] === 32) buf[nl - 1] = 10;
        else buf.push(10);
        if (open === 123 && pairs !== undefined) {
          p.kstart = i;
          p.vstart = buf.length;
        }
        appendTabs(buf, x.prefix, indent, tabs + 1);
      }
      if (open === 123) {
        const r = appendString(buf, json, i, nl);
        buf = r.buf;
        i = r.i;
        nl = r.nl;
        if (pairs !== undefined) p.kend = i;
        buf.push(58);
        if (pretty) buf.push(32);
      }
      const r = appendAny(x, buf, i, pretty, width, indent, tabs + 1, nl, max);
      buf = r.buf;
      i = r.i;
      nl = r.nl;
      ok = r.ok;
      if (max !== -1 && !ok) return { buf, i, nl, ok: false };
      if (pretty && open === 123 && pairs !== undefined) {
        p.vend = buf.length;
        if (p.kstart > p.kend || p.vstart > p.vend) pairs = undefined;
        else pairs.push(p);
      }
      i--;
      n++;
    }
  }
  return { buf, i, nl, ok: open !== 123 };
}

/** tidwall/pretty `PrettyOptions`. */
export function prettyJSON(text: string, opts: Readonly<PrettyOptions> = defaultPrettyOptions): string {
  const json = enc.encode(text);
  const prefix = Array.from(enc.encode(opts.prefix));
  const x: Ctx = {
    json,
    width: opts.width,
    prefix,
    indent: Array.from(enc.encode(opts.indent)),
    sortkeys: opts.sortKeys,
  };
  let buf: number[] = [...prefix];
  buf = appendAny(x, buf, 0, true, opts.width, x.indent, 0, 0, -1).buf;
  if (buf.length > 0) buf.push(10);
  return dec.decode(Uint8Array.from(buf));
}

/** tidwall/pretty `Ugly`: removes insignificant whitespace. */
export function uglyJSON(src: string): string {
  let out = '';
  let from = -1;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c > 32) {
      if (from < 0) from = i;
      if (c === 34) {
        for (i = i + 1; i < src.length; i++) {
          if (src.charCodeAt(i) === 34) {
            let j = i - 1;
            for (; ; j--) if (src.charCodeAt(j) !== 92) break;
            if ((j - i) % 2 !== 0) break;
          }
        }
      }
    } else if (from >= 0) {
      out += src.slice(from, i);
      from = -1;
    }
  }
  if (from >= 0) out += src.slice(from);
  return out;
}
