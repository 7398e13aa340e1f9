/**
 * The expr-lang (antonmedv/expr v1.15) subset behind event-source `filter.expression`
 * (upstream pkg/shared/expr/eval.go and eventing.go `filterEvent`): evaluation over JSON data,
 * `expandEnv` (dotted keys → nested maps, as upstream's Expand), and `evalBool` with upstream's
 * error texts. Supported: literals (numbers, strings, true/false/nil, arrays), names, member and
 * index access, `! not - +`, `** ^ * / % + -`, comparisons, `and or && ||`, `??`, `..`, `in`,
 * `matches`, `contains`, `startsWith`, `endsWith` (and their `not` forms), ternary, and the
 * built-ins `len abs int float string upper lower trim toJson asInt asFloat`.
 * Not supported: closures/predicates (`all`, `filter`, `map`…), pipes, map literals, slices,
 * `jsonpath(...)` and `sprig.*` (they raise an error).
 */
import { ExpressionError } from '../../shared/errors.js';
import { compileGoRegexp } from '../go/regexp.js';
import { parseExprLang, type Node } from './parser.js';

type Env = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function fail(msg: string): never {
  throw new ExpressionError(msg);
}

/** expr `runtime.Equal`: numbers compare by value across int/float; other kinds deeply. */
function equal(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (!(
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string')
  )) {
    fail(`invalid operation: ${typeName(a)} ${op} ${typeName(b)}`);
  }
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

function num(op: string, a: unknown, b: unknown): [number, number] {
  if (typeof a !== 'number' || typeof b !== 'number')
    fail(`invalid operation: ${typeName(a)} ${op} ${typeName(b)}`);
  return [a, b];
}

function str(op: string, a: unknown, b: unknown): [string, string] {
  if (typeof a !== 'string' || typeof b !== 'string')
    fail(`invalid operation: ${typeName(a)} ${op} ${typeName(b)}`);
  return [a, b];
}

function bool(op: string, v: unknown): boolean {
  if (typeof v !== 'boolean') fail(`invalid operation: ${op} (mismatched type ${typeName(v)})`);
  return v;
}

const regexCache = new Map<string, RegExp>();

function binary(op: string, l: unknown, r: unknown): unknown {
  switch (op) {
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(op, l, r);
    case '+':
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      return num(op, l, r).reduce((x, y) => x + y);
    case '-': {
      const [a, b] = num(op, l, r);
      return a - b;
    }
    case '*': {
      const [a, b] = num(op, l, r);
      return a * b;
    }
    case '/': {
      const [a, b] = num(op, l, r);
      return a / b;
    }
    case '%': {
      const [a, b] = num(op, l, r);
      if (!Number.isInteger(a) || !Number.isInteger(b))
        fail(`invalid operation: ${typeName(a)} % ${typeName(b)}`);
      if (b === 0) fail('integer divide by zero');
      return a % b;
    }
    case '**':
    case '^': {
      const [a, b] = num(op, l, r);
      return a ** b;
    }
    case '..': {
      const [a, b] = num(op, l, r);
      const out: number[] = [];
      for (let i = a; i <= b; i++) out.push(i);
      return out;
    }
    case 'in':
      if (Array.isArray(r)) return r.some((x) => equal(l, x));
      if (isObject(r)) {
        if (typeof l !== 'string') fail(`cannot use ${typeName(l)} as type string in map key`);
        return Object.hasOwn(r, l);
      }
      if (r === null || r === undefined) return false;
      return fail(`operator "in" not defined on ${typeName(r)}`);
    case 'matches': {
      const [s, p] = str(op, l, r);
      let re = regexCache.get(p);
      if (re === undefined) {
        try {
          re = compileGoRegexp(p);
        } catch (e) {
          return fail((e as Error).message);
        }
        regexCache.set(p, re);
      }
      return re.test(s);
    }
    case 'contains': {
      const [s, sub] = str(op, l, r);
      return s.includes(sub);
    }
    case 'startsWith': {
      const [s, p] = str(op, l, r);
      return s.startsWith(p);
    }
    case 'endsWith': {
      const [s, p] = str(op, l, r);
      return s.endsWith(p);
    }
    default:
      return fail(`unknown operator ${op}`);
  }
}

const encoder = new TextEncoder();

function call(name: string, args: unknown[]): unknown {
  const one = (): unknown => {
    if (args.length !== 1) fail(`invalid number of arguments for ${name} (expected 1, got ${args.length})`);
    return args[0];
  };
  switch (name) {
    case 'len': {
      const v = one();
      if (typeof v === 'string') return encoder.encode(v).length; // Go len: bytes
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      return fail(`invalid argument for len (type ${typeName(v)})`);
    }
    case 'abs': {
      const v = one();
      if (typeof v !== 'number') fail(`invalid argument for abs (type ${typeName(v)})`);
      return Math.abs(v);
    }
    case 'int':
    case 'asInt': {
      const v = one();
      if (typeof v === 'number') return Math.trunc(v);
      if (typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)) return Number(v);
      return fail(`invalid operation: int(${typeName(v)})`);
    }
    case 'float':
    case 'asFloat': {
      const v = one();
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
      return fail(`invalid operation: float(${typeName(v)})`);
    }
    case 'string': {
      const v = one();
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
    case 'upper':
      return String(one()).toUpperCase();
    case 'lower':
      return String(one()).toLowerCase();
    case 'trim':
      return String(one()).trim();
    case 'toJson':
      return JSON.stringify(one() ?? null);
    default:
      return fail(`unknown func ${name} (not supported by Argus' expr-lang subset)`);
  }
}

function member(obj: unknown, key: unknown, optional: boolean): unknown {
  if (obj === null || obj === undefined) {
    if (optional) return null;
    return fail(`cannot fetch ${String(key)} from ${typeName(obj)}`);
  }
  if (Array.isArray(obj)) {
    if (typeof key !== 'number' || !Number.isInteger(key))
      fail(`cannot use ${typeName(key)} as index to ${typeName(obj)}`);
    const i = key < 0 ? obj.length + key : key;
    if (i < 0 || i >= obj.length) fail(`index out of range: ${key} (array length is ${obj.length})`);
    return obj[i];
  }
  if (isObject(obj)) {
    if (typeof key !== 'string') fail(`cannot use ${typeName(key)} as type string in map key`);
    return Object.hasOwn(obj, key) ? obj[key] : null;
  }
  if (typeof obj === 'string' && typeof key === 'number') {
    const chars = [...obj];
    const i = key < 0 ? chars.length + key : key;
    if (i < 0 || i >= chars.length) fail(`index out of range: ${key} (array length is ${chars.length})`);
    return chars[i];
  }
  return fail(`cannot fetch ${String(key)} from ${typeName(obj)}`);
}

function evaluate(n: Node, env: Env): unknown {
  switch (n.type) {
    case 'literal':
      return n.value;
    case 'name':
      if (!Object.hasOwn(env, n.name)) fail(`unknown name ${n.name}`);
      return env[n.name] ?? null;
    case 'member':
      return member(evaluate(n.object, env), evaluate(n.property, env), n.optional);
    case 'array':
      return n.items.map((x) => evaluate(x, env));
    case 'call':
      return call(
        n.callee,
        n.args.map((a) => evaluate(a, env)),
      );
    case 'unary': {
      const v = evaluate(n.operand, env);
      if (n.op === 'not') return !bool('!', v);
      if (typeof v !== 'number') fail(`invalid operation: ${n.op} (mismatched type ${typeName(v)})`);
      return n.op === '-' ? -v : v;
    }
    case 'ternary':
      return bool('?:', evaluate(n.cond, env)) ? evaluate(n.then, env) : evaluate(n.else, env);
    case 'binary': {
      const op = n.op;
      if (op === 'and' || op === '&&')
        return bool(op, evaluate(n.left, env)) && bool(op, evaluate(n.right, env));
      if (op === 'or' || op === '||')
        return bool(op, evaluate(n.left, env)) || bool(op, evaluate(n.right, env));
      if (op === '??') {
        const l = evaluate(n.left, env);
        return l === null || l === undefined ? evaluate(n.right, env) : l;
      }
      return binary(op, evaluate(n.left, env), evaluate(n.right, env));
    }
  }
}

/**
 * Compiles an expression once; the returned function evaluates it against an env.
 * @throws ExpressionError on syntax errors (`<message> (line:column)`); the returned function
 *   throws ExpressionError on runtime errors (unknown name, mismatched types…).
 */
export function compileExprLang(source: string): (env: Record<string, unknown>) => unknown {
  const ast = parseExprLang(source);
  return (env) => evaluate(ast, env);
}

/**
 * Upstream `EvalBool`: evaluates and requires a boolean.
 * @throws ExpressionError `unable to evaluate expression '<src>': <msg>` or
 *   `unable to cast expression result '<v>' to bool`.
 */
export function evalBool(source: string, env: Record<string, unknown>): boolean {
  let result: unknown;
  try {
    result = compileExprLang(source)(env);
  } catch (e) {
    throw new ExpressionError(`unable to evaluate expression '${source}': ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (typeof result !== 'boolean') {
    throw new ExpressionError(
      `unable to cast expression result '${typeof result === 'string' ? result : JSON.stringify(result)}' to bool`,
    );
  }
  return result;
}

/** Go `sort.Strings` order (UTF-8 bytes = code points). */
function compareBytes(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function expandPrefixed(value: Env, prefix: string, keys: string[]): Env {
  const result: Env = {};
  const p = prefix === '' ? '' : prefix + '.';
  for (const k of keys) {
    if (!k.startsWith(p)) continue;
    let key = k.slice(p.length);
    const idx = key.indexOf('.');
    if (idx !== -1) key = key.slice(0, idx);
    if (Object.hasOwn(result, key)) continue;
    if (idx === -1) result[key] = value[k];
    else result[key] = expandPrefixed(value, k.slice(0, p.length + key.length), keys);
  }
  return result;
}

/**
 * Upstream `Expand` (removeConflicts + bellows.Expand): dotted top-level keys become nested
 * maps; a key that is the parent of the key sorted right after it is dropped.
 * Upstream walks a Go map (random order) when a conflict survives; Argus uses sorted order.
 */
export function expandEnv(env: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(env).sort(compareBytes);
  const kept: Env = { ...env };
  for (let i = 0; i < keys.length - 1; i++) {
    if (keys[i + 1]!.startsWith(keys[i]! + '.')) delete kept[keys[i]!];
  }
  return expandPrefixed(
    kept,
    '',
    keys.filter((k) => Object.hasOwn(kept, k)),
  );
}

/**
 * The env upstream builds for `filter.expression` (`filterEvent` + `GetFuncMap`): top-level
 * `-` replaced by `_`, then {@link expandEnv}. Helper functions are built into the evaluator.
 */
export function buildFilterEnv(data: Record<string, unknown>): Record<string, unknown> {
  const params: Env = {};
  for (const [k, v] of Object.entries(data)) params[k.replaceAll('-', '_')] = v;
  return expandEnv(params);
}
