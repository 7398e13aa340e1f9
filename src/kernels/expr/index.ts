/**
 * govaluate-compatible expressions (Knetic/govaluate 3.0.0+git20171022, as upstream Argo
 * Events uses for `filters.exprs`): same grammar, same quirks, same results and the same
 * error messages, checked differentially against the Go library (test/oracle/go/govaluate.go).
 *
 * Values: numbers are float64 (JS number), strings, booleans, `null` for nil, objects for
 * maps and arrays for lists — i.e. what JSON decoding yields.
 */
import { ExpressionError } from '../../shared/errors.js';
import { goPow, toInt64, toUint64 } from '../go/float.js';
import {
  compareGoStrings,
  formatGoValue,
  goDeepEqual,
  goInterfaceEqual,
  GoPanic,
  GoRegexp,
} from './go-value.js';
import { tokenize, type Token } from './lexer.js';
import { PlanError, planStages, type OperatorSymbol, type Stage } from './planner.js';
import { compileGoRegexp } from '../go/regexp.js';

/** A parsed govaluate expression. */
export interface Expression {
  /**
   * Evaluates with the given parameters (a missing parameter is an error, as in govaluate).
   * @throws ExpressionError with govaluate's message; Go panics give a message starting `panic: `.
   */
  evaluate(parameters: Record<string, unknown>): unknown;
  /** Names of the plain variables used, in order of appearance (govaluate `Vars()`). */
  vars(): string[];
}

const shortCircuit = Symbol('shortCircuitHolder');

function symbolText(symbol: OperatorSymbol): string {
  const texts: Partial<Record<OperatorSymbol, string>> = {
    NOOP: 'NOOP',
    VALUE: 'VALUE',
    EQ: '=',
    NEQ: '!=',
    GT: '>',
    LT: '<',
    GTE: '>=',
    LTE: '<=',
    REQ: '=~',
    NREQ: '!~',
    AND: '&&',
    OR: '||',
    IN: 'in',
    BITWISE_AND: '&',
    BITWISE_OR: '|',
    BITWISE_XOR: '^',
    BITWISE_LSHIFT: '<<',
    BITWISE_RSHIFT: '>>',
    PLUS: '+',
    MINUS: '-',
    MULTIPLY: '*',
    DIVIDE: '/',
    MODULUS: '%',
    EXPONENT: '**',
    NEGATE: '-',
    INVERT: '!',
    BITWISE_NOT: '~',
    TERNARY_TRUE: '?',
    TERNARY_FALSE: ':',
    COALESCE: '??',
  };
  return texts[symbol] ?? '';
}

function typeError(format: string, value: unknown, symbol: OperatorSymbol): ExpressionError {
  let n = 0;
  const msg = format.replace(/%v/g, () => (n++ === 0 ? formatGoValue(value) : symbolText(symbol)));
  return new ExpressionError(msg);
}

const isFloat = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isNil = (v: unknown): boolean => v === null || v === undefined;

type Check = (v: unknown) => boolean;

function checksFor(symbol: OperatorSymbol): {
  left?: Check;
  right?: Check;
  combined?: (l: unknown, r: unknown) => boolean;
} {
  switch (symbol) {
    case 'GT':
    case 'LT':
    case 'GTE':
    case 'LTE':
      return { combined: (l, r) => (isFloat(l) && isFloat(r)) || (isString(l) && isString(r)) };
    case 'REQ':
    case 'NREQ':
      return { left: isString, right: (v) => isString(v) || v instanceof GoRegexp };
    case 'AND':
    case 'OR':
      return { left: isBool, right: isBool };
    case 'IN':
      return { right: Array.isArray };
    case 'BITWISE_LSHIFT':
    case 'BITWISE_RSHIFT':
    case 'BITWISE_OR':
    case 'BITWISE_AND':
    case 'BITWISE_XOR':
    case 'MINUS':
    case 'MULTIPLY':
    case 'DIVIDE':
    case 'MODULUS':
    case 'EXPONENT':
      return { left: isFloat, right: isFloat };
    case 'PLUS':
      return { combined: (l, r) => (isFloat(l) && isFloat(r)) || isString(l) || isString(r) };
    case 'NEGATE':
    case 'BITWISE_NOT':
      return { right: isFloat };
    case 'INVERT':
      return { right: isBool };
    case 'TERNARY_TRUE':
      return { left: isBool };
    default:
      return {};
  }
}

const checkCache = new Map<OperatorSymbol, ReturnType<typeof checksFor>>();

function cachedChecks(symbol: OperatorSymbol): ReturnType<typeof checksFor> {
  let c = checkCache.get(symbol);
  if (c === undefined) {
    c = checksFor(symbol);
    checkCache.set(symbol, c);
  }
  return c;
}

/** Go `castToFloat64` (sanitizedParameters): integer types become float64. */
function castToFloat64(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

function getParameter(params: Record<string, unknown>, name: string): unknown {
  if (!Object.hasOwn(params, name)) throw new ExpressionError(`No parameter '${name}' found.`);
  const v = castToFloat64(params[name]);
  return v === undefined ? null : v;
}

function u64ToFloat(b: bigint): number {
  return Number(BigInt.asUintN(64, b));
}

function applyOperator(symbol: OperatorSymbol, left: unknown, right: unknown): unknown {
  switch (symbol) {
    case 'NOOP':
      return right;
    case 'PLUS':
      if (isString(left) || isString(right)) return formatGoValue(left) + formatGoValue(right);
      return (left as number) + (right as number);
    case 'MINUS':
      return (left as number) - (right as number);
    case 'MULTIPLY':
      return (left as number) * (right as number);
    case 'DIVIDE':
      return (left as number) / (right as number);
    case 'MODULUS':
      return (left as number) % (right as number);
    case 'EXPONENT':
      return goPow(left as number, right as number);
    case 'GT':
    case 'LT':
    case 'GTE':
    case 'LTE': {
      let l = left as number;
      let r = right as number;
      if (isString(left) && isString(right)) [l, r] = [compareGoStrings(left, right), 0];
      return symbol === 'GT' ? l > r : symbol === 'LT' ? l < r : symbol === 'GTE' ? l >= r : l <= r;
    }
    case 'EQ':
      return goDeepEqual(left, right);
    case 'NEQ':
      return !goDeepEqual(left, right);
    case 'AND':
      return (left as boolean) && (right as boolean);
    case 'OR':
      return (left as boolean) || (right as boolean);
    case 'NEGATE':
      return -(right as number);
    case 'INVERT':
      return !(right as boolean);
    case 'BITWISE_NOT':
      return Number(BigInt.asIntN(64, ~toInt64(right as number)));
    case 'TERNARY_TRUE':
      return left === true ? right : null;
    case 'TERNARY_FALSE':
    case 'COALESCE':
      return isNil(left) ? right : left;
    case 'REQ':
    case 'NREQ': {
      let re: RegExp;
      if (right instanceof GoRegexp) {
        re = right.re;
      } else {
        try {
          re = compileGoRegexp(right as string);
        } catch (e) {
          throw new ExpressionError(
            `Unable to compile regexp pattern '${right as string}': ${(e as Error).message}`,
          );
        }
      }
      const m = re.test(left as string);
      return symbol === 'REQ' ? m : !m;
    }
    case 'BITWISE_OR':
      return Number(BigInt.asIntN(64, toInt64(left as number) | toInt64(right as number)));
    case 'BITWISE_AND':
      return Number(BigInt.asIntN(64, toInt64(left as number) & toInt64(right as number)));
    case 'BITWISE_XOR':
      return Number(BigInt.asIntN(64, toInt64(left as number) ^ toInt64(right as number)));
    case 'BITWISE_LSHIFT': {
      const n = toUint64(right as number);
      return n >= 64n ? 0 : u64ToFloat(toUint64(left as number) << n);
    }
    case 'BITWISE_RSHIFT': {
      const n = toUint64(right as number);
      return n >= 64n ? 0 : u64ToFloat(toUint64(left as number) >> n);
    }
    case 'SEPARATE':
      return Array.isArray(left) ? [...(left as unknown[]), right] : [left, right];
    case 'IN':
      for (const v of right as unknown[]) if (goInterfaceEqual(left, v)) return true;
      return false;
    default:
      return right;
  }
}

function evaluateStage(stage: Stage, params: Record<string, unknown>): unknown {
  const op = stage.op;
  let left: unknown = null;
  let right: unknown = null;
  if (stage.left !== undefined) left = evaluateStage(stage.left, params);
  const symbol = stage.symbol;
  switch (symbol) {
    case 'AND':
      if (left === false) return false;
      break;
    case 'OR':
      if (left === true) return true;
      break;
    case 'COALESCE':
      if (!isNil(left)) return left;
      break;
    case 'TERNARY_TRUE':
      if (left === false) right = shortCircuit;
      break;
    case 'TERNARY_FALSE':
      if (!isNil(left)) right = shortCircuit;
      break;
    default:
  }
  if (right !== shortCircuit && stage.right !== undefined) right = evaluateStage(stage.right, params);

  // The stage's own operation decides which checks apply; a swapped stage keeps its op.
  const opSymbol = op.kind === 'symbol' ? op.symbol : symbol;
  const checks = op.kind === 'symbol' ? cachedChecks(opSymbol) : {};
  if (checks.combined === undefined) {
    if (checks.left !== undefined && !checks.left(left))
      throw typeError(stage.typeErrorFormat, left, opSymbol);
    if (checks.right !== undefined && !checks.right(right))
      throw typeError(stage.typeErrorFormat, right, opSymbol);
  } else if (!checks.combined(left, right)) {
    throw typeError(stage.typeErrorFormat, left, opSymbol);
  }

  switch (op.kind) {
    case 'literal':
      return op.value;
    case 'param':
      return getParameter(params, op.name);
    case 'access': {
      getParameter(params, op.path[0]!);
      // Parameters are JSON values, never Go structs, so field access always fails here.
      throw new ExpressionError(`Unable to access '${op.path[1]!}', '${op.path[0]!}' is not a struct`);
    }
    case 'symbol':
      return applyOperator(op.symbol, left, right);
  }
}

class ParsedExpression implements Expression {
  constructor(
    private readonly tokens: Token[],
    private readonly root: Stage | undefined,
  ) {}

  evaluate(parameters: Record<string, unknown>): unknown {
    if (this.root === undefined) return null;
    try {
      return evaluateStage(this.root, parameters);
    } catch (e) {
      if (e instanceof GoPanic) throw new ExpressionError(`panic: ${e.message}`, { cause: e });
      throw e;
    }
  }

  vars(): string[] {
    return this.tokens.filter((t) => t.kind === 'VARIABLE').map((t) => t.value as string);
  }
}

/**
 * Parses a govaluate expression (`govaluate.NewEvaluableExpression`).
 * @throws ExpressionError with govaluate's message (e.g. `Unbalanced parenthesis`,
 *   `Invalid token: '=>'`); a Go panic gives a message starting `panic: `.
 */
export function parseExpression(source: string): Expression {
  try {
    const tokens = tokenize(source);
    return new ParsedExpression(tokens, planStages(tokens));
  } catch (e) {
    if (e instanceof GoPanic) throw new ExpressionError(`panic: ${e.message}`, { cause: e });
    if (e instanceof PlanError) throw new ExpressionError(e.message);
    throw e;
  }
}
