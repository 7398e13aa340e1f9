/**
 * gjson's built-in modifiers (`@reverse`, `@keys`, ...), following tidwall/gjson 1.14.4.
 * Each takes the JSON text the path has reached and the optional `:arg`, and returns new
 * text, or `null` for "the input, unchanged" (gjson then still treats the result as part
 * of the original document when computing positions).
 */
import { parse } from './parse.js';
import type { Result } from './result.js';
import { valid } from './valid.js';
import { appendJSONString } from './json-string.js';
import { defaultPrettyOptions, prettyJSON, uglyJSON } from './pretty.js';
import type { PrettyOptions } from './pretty.js';
import { trimGo } from './scan.js';
import { rules } from './rules.js';

/** A modifier result that is a slice of its input (gjson then still sees it as part of the document). */
export interface View {
  at: number;
  end: number;
}

type Modifier = (json: string, arg: string) => string | View | null;

/** gjson `@fromstr`: the string's content; a slice of the input when gjson's result is one. */
function fromStr(json: string): string | View {
  if (!valid(json)) return '';
  const r = parse(json);
  switch (r.type) {
    case 'JSON':
      return { at: r.index, end: json.length };
    case 'String':
      return r.raw.includes('\\') ? r.str : { at: r.index + 1, end: r.index + 1 + r.str.length };
    case 'Number': {
      const s = r.string();
      return s === r.raw ? { at: r.index, end: r.index + s.length } : s;
    }
    default:
      return r.string();
  }
}

/** gjson `cleanWS`: keeps only the whitespace characters of `s`. */
function cleanWS(s: string): string {
  return s.replace(/[^ \t\n\r]/g, '');
}

/** gjson `unwrap`: strips the outer brackets of an array or object text. */
function unwrap(json: string): string {
  json = trimGo(json);
  if (json.length >= 2 && (json[0] === '[' || json[0] === '{')) json = json.slice(1, -1);
  return json;
}

function forEachArg(arg: string, cb: (key: string, value: Result) => void): void {
  parse(arg).forEach((k, v) => {
    cb(k.string(), v);
  });
}

const modPretty: Modifier = (json, arg) => {
  if (arg.length > 0) {
    const opts: PrettyOptions = { ...defaultPrettyOptions };
    forEachArg(arg, (k, v) => {
      if (k === 'sortKeys') opts.sortKeys = v.bool();
      else if (k === 'indent') opts.indent = cleanWS(v.string());
      else if (k === 'prefix') opts.prefix = cleanWS(v.string());
      else if (k === 'width') opts.width = v.int();
    });
    return prettyJSON(json, opts);
  }
  return prettyJSON(json);
};

const modReverse: Modifier = (json) => {
  const res = parse(json);
  if (res.isArray()) {
    const values: Result[] = [];
    res.forEach((_, v) => {
      values.push(v);
    });
    return (
      '[' +
      values
        .reverse()
        .map((v) => v.raw)
        .join(',') +
      ']'
    );
  }
  if (res.isObject()) {
    const parts: string[] = [];
    res.forEach((k, v) => {
      parts.push(k.raw + ':' + v.raw);
    });
    return '{' + parts.reverse().join(',') + '}';
  }
  return null;
};

function flatten(json: string, arg: string): string | null {
  const res = parse(json);
  if (!res.isArray()) return null;
  let deep = false;
  if (arg !== '') {
    forEachArg(arg, (k, v) => {
      if (k === 'deep') deep = v.bool();
    });
  }
  const out: string[] = [];
  res.forEach((_, value) => {
    let raw: string;
    if (value.isArray()) raw = deep ? unwrap(flatten(value.raw, arg) ?? value.raw) : unwrap(value.raw);
    else raw = value.raw;
    raw = goTrimSpace(raw);
    if (raw.length > 0) out.push(raw);
  });
  return '[' + out.join(',') + ']';
}

/** Go `strings.TrimSpace` (ASCII and Unicode White_Space). */
function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE, '');
}

const GO_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

const modKeys: Modifier = (json) => {
  const v = parse(json);
  if (!v.exists()) return '[]';
  const obj = v.isObject();
  const out: string[] = [];
  v.forEach((k) => {
    out.push(obj ? k.raw : 'null');
  });
  return '[' + out.join(',') + ']';
};

const modValues: Modifier = (json) => {
  const v = parse(json);
  if (!v.exists()) return '[]';
  if (v.isArray()) return null;
  const out: string[] = [];
  v.forEach((_, value) => {
    out.push(value.raw);
  });
  return '[' + out.join(',') + ']';
};

const modJoin: Modifier = (json, arg) => {
  const res = parse(json);
  if (!res.isArray()) return null;
  let preserve = false;
  if (arg !== '') {
    forEachArg(arg, (k, v) => {
      if (k === 'preserve') preserve = v.bool();
    });
  }
  const out: string[] = [];
  if (preserve) {
    res.forEach((_, value) => {
      if (value.isObject()) out.push(unwrap(value.raw));
    });
  } else {
    const keys: Result[] = [];
    const kvals = new Map<string, Result>();
    res.forEach((_, value) => {
      if (!value.isObject()) return;
      value.forEach((key, v) => {
        const k = key.string();
        if (!kvals.has(k)) keys.push(key);
        kvals.set(k, v);
      });
    });
    for (const key of keys) out.push(key.raw + ':' + (kvals.get(key.string())?.raw ?? ''));
  }
  return '{' + out.join(',') + '}';
};

const modGroup: Modifier = (json) => {
  const res = parse(json);
  if (!res.isObject()) return '';
  const all: string[] = [];
  res.forEach((key, value) => {
    if (!value.isArray()) return;
    let idx = 0;
    value.forEach((_, v) => {
      if (idx === all.length) all.push('');
      all[idx] += ',' + key.raw + ':' + v.raw;
      idx++;
    });
  });
  return '[' + all.map((item) => '{' + item.slice(1) + '}').join(',') + ']';
};

/** gjson 1.17 `@dig:path`: every value at `path` found at any depth, as an array. */
const modDig: Modifier = (json, arg) => {
  const all: string[] = [];
  const descend = (parent: Result): void => {
    const res = parent.get(arg);
    if (res.exists()) all.push(res.raw);
    if (parent.isArray() || parent.isObject()) {
      parent.forEach((_, v) => {
        descend(v);
      });
    }
  };
  descend(parse(json));
  return '[' + all.join(',') + ']';
};

const modifiers = new Map<string, Modifier>([
  ['pretty', modPretty],
  ['ugly', (json) => uglyJSON(json)],
  ['reverse', modReverse],
  ['this', () => null],
  ['flatten', flatten],
  ['join', modJoin],
  ['valid', (json) => (valid(json) ? null : '')],
  ['keys', modKeys],
  ['values', modValues],
  ['tostr', (json) => appendJSONString(json)],
  ['fromstr', fromStr],
  ['group', modGroup],
]);

/** Whether `name` is a gjson modifier (`dig` only under the 1.17 rules). */
export function hasModifier(name: string): boolean {
  if (name === 'dig') return !rules.v114;
  return modifiers.has(name);
}

/** What a modifier produced: its text and, when that is a slice of the input, where it starts. */
export interface Produced {
  text: string;
  /** Offset of `text` in the input, or -1 for new text. */
  at: number;
}

/** Runs modifier `name` on `json`; undefined when there is no such modifier. */
export function runModifier(name: string, json: string, arg: string): Produced | undefined {
  const fn = name === 'dig' ? (rules.v114 ? undefined : modDig) : modifiers.get(name);
  if (fn === undefined) return undefined;
  const out = fn(json, arg);
  if (out === null) return { text: json, at: 0 };
  if (typeof out === 'string') return { text: out, at: -1 };
  return { text: json.slice(out.at, out.end), at: out.at };
}
