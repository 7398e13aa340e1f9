/**
 * govaluate's stage planner (stagePlanner.go): a right-recursive descent per precedence
 * level, then `reorderStages` to make same-precedence chains left-associative, then literal
 * folding. Ported literally, quirks included (e.g. the token stream rewinds past its end),
 * because the tree shape decides evaluation order and therefore which error is reported.
 */
import { GoPanic } from './go-value.js';
import type { Token } from './lexer.js';

export type OperatorSymbol =
  | 'VALUE'
  | 'LITERAL'
  | 'NOOP'
  | 'EQ'
  | 'NEQ'
  | 'GT'
  | 'LT'
  | 'GTE'
  | 'LTE'
  | 'REQ'
  | 'NREQ'
  | 'IN'
  | 'AND'
  | 'OR'
  | 'PLUS'
  | 'MINUS'
  | 'BITWISE_AND'
  | 'BITWISE_OR'
  | 'BITWISE_XOR'
  | 'BITWISE_LSHIFT'
  | 'BITWISE_RSHIFT'
  | 'MULTIPLY'
  | 'DIVIDE'
  | 'MODULUS'
  | 'EXPONENT'
  | 'NEGATE'
  | 'INVERT'
  | 'BITWISE_NOT'
  | 'TERNARY_TRUE'
  | 'TERNARY_FALSE'
  | 'COALESCE'
  | 'ACCESS'
  | 'SEPARATE';

/** How a stage produces its value; `literal` and `param`/`access` carry their data. */
export type StageOp =
  | { kind: 'literal'; value: unknown }
  | { kind: 'param'; name: string }
  | { kind: 'access'; path: string[] }
  | { kind: 'symbol'; symbol: OperatorSymbol };

export interface Stage {
  symbol: OperatorSymbol;
  left: Stage | undefined;
  right: Stage | undefined;
  op: StageOp;
  typeErrorFormat: string;
}

export const logicalErrorFormat =
  "Value '%v' cannot be used with the logical operator '%v', it is not a bool";
export const modifierErrorFormat = "Value '%v' cannot be used with the modifier '%v', it is not a number";
export const comparatorErrorFormat = "Value '%v' cannot be used with the comparator '%v', it is not a number";
export const ternaryErrorFormat =
  "Value '%v' cannot be used with the ternary operator '%v', it is not a bool";
export const prefixErrorFormat = "Value '%v' cannot be used with the prefix '%v'";

const comparatorMap: Record<string, OperatorSymbol> = {
  '==': 'EQ',
  '!=': 'NEQ',
  '>': 'GT',
  '>=': 'GTE',
  '<': 'LT',
  '<=': 'LTE',
  '=~': 'REQ',
  '!~': 'NREQ',
  in: 'IN',
};

class TokenStream {
  index = 0;
  constructor(private readonly tokens: Token[]) {}
  next(): Token {
    const t = this.tokens[this.index];
    if (t === undefined) {
      throw new GoPanic(
        `runtime error: index out of range [${this.index}] with length ${this.tokens.length}`,
      );
    }
    this.index++;
    return t;
  }
  rewind(): void {
    this.index--;
  }
  hasNext(): boolean {
    return this.index < this.tokens.length;
  }
}

type Precedent = (stream: TokenStream) => Stage | undefined;

interface Planner {
  symbols: Record<string, OperatorSymbol>;
  kinds: Token['kind'][];
  format: string;
  next?: Precedent;
  nextRight?: Precedent;
}

function makePrecedent(planner: () => Planner): Precedent {
  const generated: Precedent = (stream) => {
    const p = planner();
    return planPrecedenceLevel(stream, p, p.nextRight ?? generated);
  };
  return generated;
}

function planPrecedenceLevel(stream: TokenStream, p: Planner, rightPrecedent: Precedent): Stage | undefined {
  let left: Stage | undefined;
  if (p.next !== undefined) left = p.next(stream);
  while (stream.hasNext()) {
    const token = stream.next();
    if (!p.kinds.includes(token.kind)) break;
    if (typeof token.value !== 'string') break;
    const symbol = p.symbols[token.value];
    if (symbol === undefined) break;
    const right = rightPrecedent(stream);
    return { symbol, left, right, op: { kind: 'symbol', symbol }, typeErrorFormat: p.format };
  }
  // Upstream rewinds even when the loop never ran (stream exhausted); kept for fidelity.
  stream.rewind();
  return left;
}

const planPrefix: Precedent = makePrecedent(() => ({
  symbols: { '-': 'NEGATE', '!': 'INVERT', '~': 'BITWISE_NOT' },
  kinds: ['PREFIX'],
  format: prefixErrorFormat,
  nextRight: planAccessor,
}));
const planExponential: Precedent = makePrecedent(() => ({
  symbols: { '**': 'EXPONENT' },
  kinds: ['MODIFIER'],
  format: modifierErrorFormat,
  next: planAccessor,
}));
const planMultiplicative: Precedent = makePrecedent(() => ({
  symbols: { '*': 'MULTIPLY', '/': 'DIVIDE', '%': 'MODULUS' },
  kinds: ['MODIFIER'],
  format: modifierErrorFormat,
  next: planExponential,
}));
const planAdditive: Precedent = makePrecedent(() => ({
  symbols: { '+': 'PLUS', '-': 'MINUS' },
  kinds: ['MODIFIER'],
  format: modifierErrorFormat,
  next: planMultiplicative,
}));
const planShift: Precedent = makePrecedent(() => ({
  symbols: { '>>': 'BITWISE_RSHIFT', '<<': 'BITWISE_LSHIFT' },
  kinds: ['MODIFIER'],
  format: modifierErrorFormat,
  next: planAdditive,
}));
const planBitwise: Precedent = makePrecedent(() => ({
  symbols: { '^': 'BITWISE_XOR', '&': 'BITWISE_AND', '|': 'BITWISE_OR' },
  kinds: ['MODIFIER'],
  format: modifierErrorFormat,
  next: planShift,
}));
const planComparator: Precedent = makePrecedent(() => ({
  symbols: comparatorMap,
  kinds: ['COMPARATOR'],
  format: comparatorErrorFormat,
  next: planBitwise,
}));
const planLogicalAnd: Precedent = makePrecedent(() => ({
  symbols: { '&&': 'AND' },
  kinds: ['LOGICALOP'],
  format: logicalErrorFormat,
  next: planComparator,
}));
const planLogicalOr: Precedent = makePrecedent(() => ({
  symbols: { '||': 'OR' },
  kinds: ['LOGICALOP'],
  format: logicalErrorFormat,
  next: planLogicalAnd,
}));
const planTernary: Precedent = makePrecedent(() => ({
  symbols: { '?': 'TERNARY_TRUE', ':': 'TERNARY_FALSE', '??': 'COALESCE' },
  kinds: ['TERNARY'],
  format: ternaryErrorFormat,
  next: planLogicalOr,
}));
const planSeparator: Precedent = makePrecedent(() => ({
  symbols: { ',': 'SEPARATE' },
  kinds: ['SEPARATOR'],
  format: '',
  next: planTernary,
}));

function planTokens(stream: TokenStream): Stage | undefined {
  if (!stream.hasNext()) return undefined;
  return planSeparator(stream);
}

/** planFunction + planAccessor: no functions are registered, so only accessors remain. */
function planAccessor(stream: TokenStream): Stage | undefined {
  if (!stream.hasNext()) return undefined;
  const token = stream.next();
  if (token.kind !== 'ACCESSOR') {
    stream.rewind();
    return planValue(stream);
  }
  let right: Stage | undefined;
  if (stream.hasNext()) {
    const other = stream.next();
    stream.rewind();
    if (other.kind === 'CLAUSE') right = planTokens(stream);
  }
  return {
    symbol: 'ACCESS',
    left: undefined,
    right,
    op: { kind: 'access', path: token.value as string[] },
    typeErrorFormat: "Unable to access parameter field or method '%v': %v",
  };
}

function planValue(stream: TokenStream): Stage | undefined {
  if (!stream.hasNext()) return undefined;
  const token = stream.next();
  switch (token.kind) {
    case 'CLAUSE': {
      const inner = planTokens(stream);
      stream.next(); // the CLAUSE_CLOSE (balance was checked)
      return {
        symbol: 'NOOP',
        left: undefined,
        right: inner,
        op: { kind: 'symbol', symbol: 'NOOP' },
        typeErrorFormat: '',
      };
    }
    case 'CLAUSE_CLOSE':
      stream.rewind();
      return undefined;
    case 'VARIABLE':
      return {
        symbol: 'VALUE',
        left: undefined,
        right: undefined,
        op: { kind: 'param', name: token.value as string },
        typeErrorFormat: '',
      };
    case 'NUMERIC':
    case 'STRING':
    case 'PATTERN':
    case 'BOOLEAN':
      return literal(token.value);
    case 'TIME':
      return literal((token.value as { unix: number }).unix);
    case 'PREFIX':
      stream.rewind();
      return planPrefix(stream);
    default:
      throw new PlanError(`Unable to plan token kind: '${token.kind}', value: '${String(token.value)}'`);
  }
}

/** A planning error (reported like a parse error). */
export class PlanError extends Error {}

export function literal(value: unknown): Stage {
  return {
    symbol: 'LITERAL',
    left: undefined,
    right: undefined,
    op: { kind: 'literal', value },
    typeErrorFormat: '',
  };
}

type Precedence = number;

function precedenceOf(symbol: OperatorSymbol): Precedence {
  switch (symbol) {
    case 'NOOP':
      return 0;
    case 'VALUE':
      return 1;
    case 'EQ':
    case 'NEQ':
    case 'GT':
    case 'LT':
    case 'GTE':
    case 'LTE':
    case 'REQ':
    case 'NREQ':
    case 'IN':
      return 9;
    case 'AND':
      return 11;
    case 'OR':
      return 12;
    case 'BITWISE_AND':
    case 'BITWISE_OR':
    case 'BITWISE_XOR':
      return 6;
    case 'BITWISE_LSHIFT':
    case 'BITWISE_RSHIFT':
      return 7;
    case 'PLUS':
    case 'MINUS':
      return 5;
    case 'MULTIPLY':
    case 'DIVIDE':
    case 'MODULUS':
      return 8;
    case 'EXPONENT':
      return 4;
    case 'BITWISE_NOT':
    case 'NEGATE':
    case 'INVERT':
      return 3;
    case 'COALESCE':
    case 'TERNARY_TRUE':
    case 'TERNARY_FALSE':
      return 10;
    case 'ACCESS':
      return 2;
    case 'SEPARATE':
      return 13;
    default:
      return 1;
  }
}

function swapWith(a: Stage, b: Stage): void {
  const t = { symbol: b.symbol, op: b.op, typeErrorFormat: b.typeErrorFormat };
  b.symbol = a.symbol;
  b.op = a.op;
  b.typeErrorFormat = a.typeErrorFormat;
  a.symbol = t.symbol;
  a.op = t.op;
  a.typeErrorFormat = t.typeErrorFormat;
}

function mirrorStageSubtree(stages: Stage[]): void {
  const n = stages.length;
  for (const s of stages) {
    const carry = s.right;
    s.right = s.left;
    s.left = carry;
  }
  const root = stages[0]!;
  let front = stages[n - 1]!;
  let carry = front.left;
  front.left = root.right;
  root.right = carry;
  for (let i = 0; i < Math.trunc((n - 2) / 2) + 1; i++) {
    front = stages[i + 1]!;
    const inverse = stages[n - i - 1]!;
    carry = front.right;
    front.right = inverse.right;
    inverse.right = carry;
  }
  for (let i = 0; i < Math.trunc(n / 2); i++) swapWith(stages[i]!, stages[n - i - 1]!);
}

function reorderStages(root: Stage): void {
  let identical: Stage[] = [];
  let next: Stage | undefined = root;
  let precedence = precedenceOf(root.symbol);
  while (next !== undefined) {
    const current: Stage = next;
    next = current.right;
    if (current.left !== undefined) reorderStages(current.left);
    const cp = precedenceOf(current.symbol);
    if (cp === precedence) {
      identical.push(current);
      continue;
    }
    if (identical.length > 1) mirrorStageSubtree(identical);
    identical = [current];
    precedence = cp;
  }
  if (identical.length > 1) mirrorStageSubtree(identical);
}

/** Plans the stages of a checked token list (govaluate planStages, before literal folding). */
export function planStages(tokens: Token[]): Stage | undefined {
  const stream = new TokenStream(tokens);
  const stage = planTokens(stream);
  if (stage === undefined) return undefined;
  reorderStages(stage);
  return stage;
}
