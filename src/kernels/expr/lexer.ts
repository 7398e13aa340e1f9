/**
 * govaluate's lexer and grammar check (parsing.go, lexerState.go), ported step by step so
 * that every accepted expression, every rejected one and every error message matches.
 */
import { ExpressionError } from '../../shared/errors.js';
import { formatGoValue, GoPanic, GoRegexp } from './go-value.js';
import { tryParseGoTime, type GoTime } from './go-time.js';
import { compileGoRegexp } from '../go/regexp.js';

export type TokenKind =
  | 'UNKNOWN'
  | 'PREFIX'
  | 'NUMERIC'
  | 'BOOLEAN'
  | 'STRING'
  | 'PATTERN'
  | 'TIME'
  | 'VARIABLE'
  | 'FUNCTION'
  | 'SEPARATOR'
  | 'ACCESSOR'
  | 'COMPARATOR'
  | 'LOGICALOP'
  | 'MODIFIER'
  | 'CLAUSE'
  | 'CLAUSE_CLOSE'
  | 'TERNARY';

export type TokenValue = number | string | boolean | string[] | GoRegexp | GoTime | null;

export interface Token {
  kind: TokenKind;
  value: TokenValue;
}

interface LexerState {
  kind: TokenKind;
  isEOF: boolean;
  isNullable: boolean;
  next: ReadonlySet<TokenKind>;
}

function state(kind: TokenKind, isEOF: boolean, isNullable: boolean, next: TokenKind[]): LexerState {
  return { kind, isEOF, isNullable, next: new Set(next) };
}

const afterValue: TokenKind[] = [
  'MODIFIER',
  'COMPARATOR',
  'LOGICALOP',
  'CLAUSE_CLOSE',
  'TERNARY',
  'SEPARATOR',
];
const valueStarts: TokenKind[] = [
  'PREFIX',
  'NUMERIC',
  'BOOLEAN',
  'VARIABLE',
  'PATTERN',
  'FUNCTION',
  'ACCESSOR',
  'STRING',
  'TIME',
  'CLAUSE',
];

const lexerStates: LexerState[] = [
  state('UNKNOWN', false, true, valueStarts),
  state('CLAUSE', false, true, [...valueStarts, 'CLAUSE_CLOSE']),
  state('CLAUSE_CLOSE', true, true, [
    'COMPARATOR',
    'MODIFIER',
    'NUMERIC',
    'BOOLEAN',
    'VARIABLE',
    'STRING',
    'PATTERN',
    'TIME',
    'CLAUSE',
    'CLAUSE_CLOSE',
    'LOGICALOP',
    'TERNARY',
    'SEPARATOR',
  ]),
  state('NUMERIC', true, false, afterValue),
  state('BOOLEAN', true, false, afterValue),
  state('STRING', true, false, afterValue),
  state('TIME', true, false, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR']),
  state('PATTERN', true, false, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR']),
  state('VARIABLE', true, false, afterValue),
  state('MODIFIER', false, false, [
    'PREFIX',
    'NUMERIC',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'STRING',
    'BOOLEAN',
    'CLAUSE',
    'CLAUSE_CLOSE',
  ]),
  state('COMPARATOR', false, false, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'STRING',
    'TIME',
    'CLAUSE',
    'CLAUSE_CLOSE',
    'PATTERN',
  ]),
  state('LOGICALOP', false, false, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'STRING',
    'TIME',
    'CLAUSE',
    'CLAUSE_CLOSE',
  ]),
  state('PREFIX', false, false, [
    'NUMERIC',
    'BOOLEAN',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'CLAUSE',
    'CLAUSE_CLOSE',
  ]),
  state('TERNARY', false, false, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'STRING',
    'TIME',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'CLAUSE',
    'SEPARATOR',
  ]),
  state('FUNCTION', false, false, ['CLAUSE']),
  state('ACCESSOR', true, false, [
    'CLAUSE',
    'MODIFIER',
    'COMPARATOR',
    'LOGICALOP',
    'CLAUSE_CLOSE',
    'TERNARY',
    'SEPARATOR',
  ]),
  state('SEPARATOR', false, true, [
    'PREFIX',
    'NUMERIC',
    'BOOLEAN',
    'STRING',
    'TIME',
    'VARIABLE',
    'FUNCTION',
    'ACCESSOR',
    'CLAUSE',
  ]),
];

function stateFor(kind: TokenKind): LexerState {
  const s = lexerStates.find((st) => st.kind === kind);
  if (s === undefined) throw new ExpressionError(`No lexer state found for token kind '${kind}'\n`);
  return s;
}

export const prefixSymbols = new Set(['-', '!', '~']);
export const modifierSymbols = new Set(['+', '-', '*', '/', '%', '**', '&', '|', '^', '>>', '<<']);
export const logicalSymbols = new Set(['&&', '||']);
export const comparatorSymbols = new Set(['==', '!=', '>', '>=', '<', '<=', '=~', '!~', 'in']);
export const ternarySymbols = new Set(['?', ':', '??']);

const spaceRe = /^\p{White_Space}$/u;
const digitRe = /^\p{Nd}$/u;
const letterRe = /^\p{L}$/u;

const isSpace = (c: string): boolean => spaceRe.test(c);
const isDigit = (c: string): boolean => digitRe.test(c);
const isLetter = (c: string): boolean => letterRe.test(c);
const isNumeric = (c: string): boolean => isDigit(c) || c === '.';
const isNotQuote = (c: string): boolean => c !== "'" && c !== '"';
const isHexDigit = (c: string): boolean => isDigit(c) || /^[a-fA-F]$/.test(c);
const isVariableName = (c: string): boolean => isLetter(c) || isDigit(c) || c === '_' || c === '.';
const isNotClosingBracket = (c: string): boolean => c !== ']';
const isNotAlphanumeric = (c: string): boolean =>
  !(isDigit(c) || isLetter(c) || c === '(' || c === ')' || c === '[' || c === ']' || !isNotQuote(c));

/** Go `unicode.ToUpper` for one rune (simple case mapping). */
function toUpperRune(c: string): string {
  const u = c.toUpperCase();
  return [...u].length === 1 ? u : c;
}

class LexerStream {
  private position = 0;
  constructor(private readonly source: string[]) {}
  read(): string {
    const c = this.source[this.position];
    if (c === undefined) {
      throw new GoPanic(
        `runtime error: index out of range [${this.position}] with length ${this.source.length}`,
      );
    }
    this.position++;
    return c;
  }
  rewind(amount: number): void {
    this.position -= amount;
  }
  canRead(): boolean {
    return this.position < this.source.length;
  }
}

function readUntilFalse(
  stream: LexerStream,
  includeWhitespace: boolean,
  breakWhitespace: boolean,
  allowEscaping: boolean,
  condition: (c: string) => boolean,
): [string, boolean] {
  let buf = '';
  let conditioned = false;
  while (stream.canRead()) {
    let c = stream.read();
    if (allowEscaping && c === '\\') {
      c = stream.read();
      buf += c;
      continue;
    }
    if (isSpace(c)) {
      if (breakWhitespace && buf.length > 0) {
        conditioned = true;
        break;
      }
      if (!includeWhitespace) continue;
    }
    if (condition(c)) {
      buf += c;
    } else {
      conditioned = true;
      stream.rewind(1);
      break;
    }
  }
  return [buf, conditioned];
}

function readTokenUntilFalse(stream: LexerStream, condition: (c: string) => boolean): string {
  stream.rewind(1);
  return readUntilFalse(stream, false, true, true, condition)[0];
}

/** Go `strconv.ParseFloat` for a run of digits and dots. */
function parseDecimal(s: string): number | undefined {
  if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function readToken(stream: LexerStream, st: LexerState): Token | undefined {
  let kind: TokenKind = 'UNKNOWN';
  let value: TokenValue = null;
  while (stream.canRead()) {
    let c = stream.read();
    if (isSpace(c)) continue;
    kind = 'UNKNOWN';
    if (isNumeric(c)) {
      if (stream.canRead() && c === '0') {
        c = stream.read();
        if (stream.canRead() && c === 'x') {
          const hex = readUntilFalse(stream, false, true, true, isHexDigit)[0];
          if (!/^[0-9a-fA-F]+$/.test(hex) || BigInt('0x' + hex) >= 2n ** 64n)
            throw new ExpressionError(`Unable to parse hex value '${hex}' to uint64\n`);
          kind = 'NUMERIC';
          value = Number(BigInt('0x' + hex));
          break;
        }
        stream.rewind(1);
      }
      const text = readTokenUntilFalse(stream, isNumeric);
      const n = parseDecimal(text);
      if (n === undefined) throw new ExpressionError(`Unable to parse numeric value '${text}' to float64\n`);
      kind = 'NUMERIC';
      value = n;
      break;
    }
    if (c === ',') {
      kind = 'SEPARATOR';
      value = ',';
      break;
    }
    if (c === '[') {
      const [name, completed] = readUntilFalse(stream, true, false, true, isNotClosingBracket);
      if (!completed) throw new ExpressionError('Unclosed parameter bracket');
      stream.rewind(-1);
      kind = 'VARIABLE';
      value = name;
      break;
    }
    if (isLetter(c)) {
      const text = readTokenUntilFalse(stream, isVariableName);
      kind = 'VARIABLE';
      value = text;
      if (text === 'true' || text === 'false') {
        kind = 'BOOLEAN';
        value = text === 'true';
      }
      if (text === 'in' || text === 'IN') {
        kind = 'COMPARATOR';
        value = 'in';
      }
      if (text.indexOf('.') > 0) {
        if (text.endsWith('.')) throw new ExpressionError(`Hanging accessor on token '${text}'`);
        kind = 'ACCESSOR';
        const splits = text.split('.');
        for (let i = 1; i < splits.length; i++) {
          const first = [...splits[i]!][0] ?? '';
          if (first !== '' && toUpperRune(first) !== first) {
            throw new ExpressionError(`Unable to access unexported field '${splits[i]!}' in token '${text}'`);
          }
        }
        value = splits;
      }
      break;
    }
    if (!isNotQuote(c)) {
      const [text, completed] = readUntilFalse(stream, true, false, true, isNotQuote);
      if (!completed) throw new ExpressionError('Unclosed string literal');
      stream.rewind(-1);
      const t = tryParseGoTime(text);
      if (t !== undefined) {
        kind = 'TIME';
        value = t;
      } else {
        kind = 'STRING';
        value = text;
      }
      break;
    }
    if (c === '(') {
      kind = 'CLAUSE';
      value = 40; // Go stores the rune; it prints as its code
      break;
    }
    if (c === ')') {
      kind = 'CLAUSE_CLOSE';
      value = 41;
      break;
    }
    const sym = readTokenUntilFalse(stream, isNotAlphanumeric);
    value = sym;
    if (st.next.has('PREFIX') && prefixSymbols.has(sym)) {
      kind = 'PREFIX';
      break;
    }
    if (modifierSymbols.has(sym)) {
      kind = 'MODIFIER';
      break;
    }
    if (logicalSymbols.has(sym)) {
      kind = 'LOGICALOP';
      break;
    }
    if (comparatorSymbols.has(sym)) {
      kind = 'COMPARATOR';
      break;
    }
    if (ternarySymbols.has(sym)) {
      kind = 'TERNARY';
      break;
    }
    throw new ExpressionError(`Invalid token: '${sym}'`);
  }
  return kind === 'UNKNOWN' ? undefined : { kind, value };
}

function checkBalance(tokens: Token[]): void {
  let parens = 0;
  for (const t of tokens) {
    if (t.kind === 'CLAUSE') parens++;
    else if (t.kind === 'CLAUSE_CLOSE') parens--;
  }
  if (parens !== 0) throw new ExpressionError('Unbalanced parenthesis');
}

/** Go `%v` of a token value. */
export function formatTokenValue(v: TokenValue): string {
  if (v !== null && typeof v === 'object' && 'unix' in v) return v.text;
  return formatGoValue(v);
}

function checkSyntax(tokens: Token[]): void {
  let st = lexerStates[0]!;
  let last: Token = { kind: 'UNKNOWN', value: null };
  for (const t of tokens) {
    if (!st.next.has(t.kind)) {
      if (last.kind === 'VARIABLE' && t.kind === 'CLAUSE') {
        throw new ExpressionError(`Undefined function ${String(last.value)}`);
      }
      throw new ExpressionError(
        `Cannot transition token types from ${st.kind} [${formatTokenValue(last.value)}] to ` +
          `${t.kind} [${formatTokenValue(t.value)}]`,
      );
    }
    st = stateFor(t.kind);
    if (!st.isNullable && t.value === null)
      throw new ExpressionError(`Token kind '${t.kind}' cannot have a nil value`);
    last = t;
  }
  if (!st.isEOF) throw new ExpressionError('Unexpected end of expression');
}

/** Compiles the right-hand string literal of `=~`/`!~` in advance (govaluate optimizeTokens). */
function optimizeTokens(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'COMPARATOR' || (t.value !== '=~' && t.value !== '!~')) continue;
    const next = tokens[i + 1];
    if (next === undefined) {
      throw new GoPanic(`runtime error: index out of range [${i + 1}] with length ${tokens.length}`);
    }
    if (next.kind === 'STRING') {
      const source = next.value as string;
      try {
        tokens[i + 1] = { kind: 'PATTERN', value: new GoRegexp(source, compileGoRegexp(source)) };
      } catch (e) {
        throw new ExpressionError((e as Error).message);
      }
    }
  }
}

/** Tokenizes and checks an expression (govaluate NewEvaluableExpression up to planning). */
export function tokenize(expression: string): Token[] {
  const stream = new LexerStream([...expression]);
  const tokens: Token[] = [];
  let st = lexerStates[0]!;
  while (stream.canRead()) {
    const t = readToken(stream, st);
    if (t === undefined) break;
    st = stateFor(t.kind);
    tokens.push(t);
  }
  checkBalance(tokens);
  checkSyntax(tokens);
  optimizeTokens(tokens);
  return tokens;
}
