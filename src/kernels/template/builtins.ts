/**
 * text/template's predefined functions (go1.19 src/text/template/funcs.go): and or not len
 * index slice print printf println html js urlquery call eq ne lt le gt ge.
 */
import { goBytes } from './go-strings.js';
import { ANY, GoError, VALUE, goFunc, type FuncMap, type GoFunc } from './func-types.js';
import {
  GO_TYPE,
  GoInt,
  byteLength,
  int,
  isMap,
  isStringer,
  isTrue,
  kindString,
  mapGet,
  typeString,
  typedSlice,
  type GoSlice,
} from './values.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { isPrint } from '../go/strconv.js';
import { NIL_SLICE } from './go-json.js';
import { decodeUtf8Go } from './go-strings.js';

type Kind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: unknown): Kind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.isSigned ? 'int' : 'uint';
  return 'invalid';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function isNilValue(v: unknown): boolean {
  return (
    v === undefined || v === null || (Array.isArray(v) && (v as { [NIL_SLICE]?: true })[NIL_SLICE] === true)
  );
}

function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg1 === null) arg1 = undefined;
  if (arg2.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    if (arg === null) arg = undefined;
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint')
        truth = (arg1 as GoInt).v >= 0n && (arg1 as GoInt).v === (arg as GoInt).v;
      else if (k1 === 'uint' && k2 === 'int')
        truth = (arg as GoInt).v >= 0n && (arg1 as GoInt).v === (arg as GoInt).v;
      else if (arg1 !== undefined && arg !== undefined) throw new GoError(errBadComparison);
    } else {
      switch (k1) {
        case 'bool':
        case 'float':
        case 'string':
          truth = arg1 === arg;
          break;
        case 'int':
        case 'uint':
          truth = (arg1 as GoInt).v === (arg as GoInt).v;
          break;
        default: {
          // Both non-basic: Go compares comparable values and nil-ness.
          const n1 = isNilValue(arg1);
          const n2 = isNilValue(arg);
          if (n1 || n2) truth = n1 === n2;
          else {
            const t1 = typeString(arg1);
            const t2 = typeString(arg);
            if (Array.isArray(arg1) || isMap(arg1) || Array.isArray(arg) || isMap(arg)) {
              // Go compares kinds first, then whether the type is comparable at all.
              if (kindString(arg1) !== kindString(arg))
                throw new GoError(
                  `non-comparable types ${sprintf('%s', [arg1])}: ${t1}, ${t2}: ${sprintf('%v', [arg])}`,
                );
              throw new GoError(`non-comparable type ${sprintf('%s', [arg])}: ${t2}`);
            }
            // Pointers (*semver.Version) compare by identity; structs (time.Time) by value.
            truth =
              isStringer(arg1) || isStringer(arg)
                ? arg1 === arg
                : t1 === t2 && sprint([arg1]) === sprint([arg]);
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: unknown, arg2: unknown): boolean {
  if (arg1 === null) arg1 = undefined;
  if (arg2 === null) arg2 = undefined;
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new GoError(errBadComparisonType);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new GoError(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (arg1 as GoInt).v < 0n || (arg1 as GoInt).v < (arg2 as GoInt).v;
    if (k1 === 'uint' && k2 === 'int')
      return (arg2 as GoInt).v >= 0n && (arg1 as GoInt).v < (arg2 as GoInt).v;
    throw new GoError(errBadComparison);
  }
  switch (k1) {
    case 'bool':
      throw new GoError(errBadComparisonType);
    case 'float':
      return (arg1 as number) < (arg2 as number);
    case 'string':
      return Buffer.compare(goBytes(arg1 as string), goBytes(arg2 as string)) < 0;
    default:
      return (arg1 as GoInt).v < (arg2 as GoInt).v;
  }
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

function indexArg(index: unknown, cap: number): number {
  if (index === undefined || index === null) throw new GoError('cannot index slice/array with nil');
  if (!(index instanceof GoInt)) throw new GoError(`cannot index slice/array with type ${typeString(index)}`);
  const x = index.v;
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
  return Number(x);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new GoError('index of untyped nil');
  for (let idx of indexes) {
    if (idx === null) idx = undefined;
    if (item === null) throw new GoError('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = goBytes(item);
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new GoError(`reflect: string index out of range`);
      item = new GoInt('uint8', BigInt(bytes[x] as number));
    } else if (Array.isArray(item)) {
      const x = indexArg(idx, item.length);
      if (x === item.length) throw new GoError(`reflect: slice index out of range`);
      item = item[x];
    } else if (isMap(item)) {
      if (idx === undefined) throw new GoError('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new GoError(`value has type ${typeString(idx)}; should be string`);
      const v = mapGet(item, idx);
      const elem = (item as { [GO_TYPE]?: string })[GO_TYPE];
      item = v !== undefined ? v : elem === 'map[string]string' ? '' : null;
    } else {
      throw new GoError(`can't index item of type ${typeString(item).replace(/^\*/, '')}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  let bytes: Buffer | undefined;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    bytes = goBytes(item);
    cap = len = bytes.length;
  } else if (Array.isArray(item)) {
    cap = len = item.length;
  } else {
    throw new GoError(`can't slice item of type ${typeString(item)}`);
  }
  const idx = [0, len, 0];
  for (let i = 0; i < indexes.length; i++)
    idx[i] = indexArg(indexes[i] === null ? undefined : indexes[i], cap);
  const [a, b, c] = idx as [number, number, number];
  if (a > b) throw new GoError(`invalid slice index: ${a} > ${b}`);
  if (indexes.length === 3 && b > c) throw new GoError(`invalid slice index: ${b} > ${c}`);
  if (bytes !== undefined) return decodeUtf8Go(bytes.subarray(a, b));
  const out = (item as GoSlice).slice(a, b);
  const t = (item as GoSlice)[GO_TYPE];
  return t !== undefined ? typedSlice(out, t) : out;
}

function length(item: unknown): GoInt {
  if (item === null) throw new GoError('len of nil pointer');
  if (item === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return int(byteLength(item));
  if (Array.isArray(item)) return int(item.length);
  if (isMap(item)) return int(Object.keys(item).length);
  // len and index look through pointers (reflect indirect) before reporting the type.
  throw new GoError(`len of type ${typeString(item).replace(/^\*/, '')}`);
}

/** evalArgs: a single string stays as is; anything else goes through fmt.Sprint. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  if (!/['"&<>\0]/.test(s)) return s;
  return s.replace(/['"&<>\0]/g, (c) => {
    switch (c) {
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      default:
        return '\uFFFD';
    }
  });
}

/** template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c < 0x80) out += ch;
    else if (isPrint(c)) out += ch;
    else out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of goBytes(s)) {
    if (
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x2d ||
      b === 0x5f ||
      b === 0x2e ||
      b === 0x7e
    ) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) {
      out += '+';
    } else {
      out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

function call(fn: unknown, ..._args: unknown[]): unknown {
  if (fn === undefined || fn === null) throw new GoError('call of nil');
  throw new GoError(`non-function of type ${typeString(fn)}`);
}

/** The builtin function table. */
export const builtins: FuncMap = new Map<string, GoFunc>([
  ['and', goFunc([VALUE], () => undefined, { variadic: VALUE })],
  ['or', goFunc([VALUE], () => undefined, { variadic: VALUE })],
  ['not', goFunc([VALUE], (a: unknown) => !isTrue(a))],
  ['call', goFunc([VALUE], call, { variadic: VALUE })],
  ['html', goFunc([], (...a: unknown[]) => htmlEscape(evalArgs(a)), { variadic: ANY })],
  ['index', goFunc([VALUE], index, { variadic: VALUE, returnsAny: true })],
  ['slice', goFunc([VALUE], slice, { variadic: VALUE })],
  ['js', goFunc([], (...a: unknown[]) => jsEscape(evalArgs(a)), { variadic: ANY })],
  ['len', goFunc([VALUE], length)],
  ['print', goFunc([], (...a: unknown[]) => sprint(a), { variadic: ANY })],
  ['printf', goFunc(['string'], (f: string, ...a: unknown[]) => sprintf(f, a), { variadic: ANY })],
  ['println', goFunc([], (...a: unknown[]) => sprintln(a), { variadic: ANY })],
  ['urlquery', goFunc([], (...a: unknown[]) => queryEscape(evalArgs(a)), { variadic: ANY })],
  ['eq', goFunc([VALUE], eq, { variadic: VALUE })],
  ['ge', goFunc([VALUE, VALUE], (a: unknown, b: unknown) => !lt(a, b))],
  ['gt', goFunc([VALUE, VALUE], (a: unknown, b: unknown) => !le(a, b))],
  ['le', goFunc([VALUE, VALUE], le)],
  ['lt', goFunc([VALUE, VALUE], lt)],
  ['ne', goFunc([VALUE, VALUE], (a: unknown, b: unknown) => !eq(a, b))],
]);
