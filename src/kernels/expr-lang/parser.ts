/**
 * Parser for the subset of expr-lang (antonmedv/expr v1.15) that event-source
 * `filter.expression` uses: literals, names, member access (`a.b`, `a?.b`, `a["b"]`, `a[0]`),
 * arrays, calls of built-ins, unary `! not - +`, binary operators with expr's precedences,
 * `not in`-style negated operators, and the ternary `c ? a : b`.
 */
import { ExpressionError } from '../../shared/errors.js';

export type Node =
  | { type: 'literal'; value: unknown }
  | { type: 'name'; name: string }
  | { type: 'member'; object: Node; property: Node; optional: boolean }
  | { type: 'array'; items: Node[] }
  | { type: 'call'; callee: string; args: Node[] }
  | { type: 'unary'; op: string; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'ternary'; cond: Node; then: Node; else: Node };

type Tok =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'name'; value: string; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'eof'; value: ''; pos: number };

const ops = [
  '...',
  '..',
  '?.',
  '??',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '**',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
];

function syntaxError(msg: string, src: string, pos: number): ExpressionError {
  // expr reports "message (line:column)"
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return new ExpressionError(`${msg} (${line}:${col})`);
}

function readString(src: string, start: number): [string, number] {
  const quote = src[start]!;
  let i = start + 1;
  let out = '';
  while (i < src.length && src[i] !== quote) {
    let c = src[i]!;
    if (c === '\\' && quote !== '`') {
      i++;
      const e = src[i];
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        b: '\b',
        f: '\f',
        v: '\v',
        a: '\x07',
        '\\': '\\',
        "'": "'",
        '"': '"',
      };
      if (e !== undefined && simple[e] !== undefined) c = simple[e];
      else if (e === 'u' || e === 'x' || e === 'U') {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = src.slice(i + 1, i + 1 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw syntaxError('invalid char escape', src, i);
        c = String.fromCodePoint(parseInt(hex, 16));
        i += len;
      } else throw syntaxError('invalid char escape', src, i);
    }
    out += c;
    i++;
  }
  if (i >= src.length) throw syntaxError('literal not terminated', src, start);
  return [out, i + 1];
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m =
        /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9]+)?|\.[0-9_]+([eE][+-]?[0-9]+)?)/.exec(
          src.slice(i),
        )!;
      let text = m[0];
      // `1..3` is a range, not the float `1.`
      if (text.endsWith('.') && src[i + text.length] === '.') text = text.slice(0, -1);
      const clean = text.replace(/_/g, '');
      const value = /^0[oO]/.test(clean)
        ? parseInt(clean.slice(2), 8)
        : /^0[bB]/.test(clean)
          ? parseInt(clean.slice(2), 2)
          : Number(clean);
      if (Number.isNaN(value)) throw syntaxError(`invalid number ${text}`, src, i);
      toks.push({ kind: 'number', value, pos: i });
      i += text.length;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const [value, next] = readString(src, i);
      toks.push({ kind: 'string', value, pos: i });
      i = next;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))!;
      toks.push({ kind: 'name', value: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = ops.find((o) => src.startsWith(o, i));
    if (op === undefined)
      throw syntaxError(
        `unrecognized character: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`,
        src,
        i,
      );
    toks.push({ kind: 'op', value: op, pos: i });
    i += op.length;
  }
  toks.push({ kind: 'eof', value: '', pos: src.length });
  return toks;
}

const binaryPrecedence: Record<string, number> = {
  or: 10,
  '||': 10,
  and: 15,
  '&&': 15,
  '==': 20,
  '!=': 20,
  '<': 20,
  '>': 20,
  '>=': 20,
  '<=': 20,
  in: 20,
  matches: 20,
  contains: 20,
  startsWith: 20,
  endsWith: 20,
  '..': 25,
  '+': 30,
  '-': 30,
  '*': 60,
  '/': 60,
  '%': 60,
  '**': 100,
  '^': 100,
  '??': 500,
};
const rightAssociative = new Set(['**', '^']);
const negatable = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);
const keywords = new Set([
  'true',
  'false',
  'nil',
  'and',
  'or',
  'not',
  'in',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
]);

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly toks: Tok[],
  ) {}

  private peek(offset = 0): Tok {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)]!;
  }

  private next(): Tok {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isOp(t: Tok, value: string): boolean {
    return t.kind === 'op' && t.value === value;
  }

  private expect(value: string): void {
    const t = this.next();
    if (!this.isOp(t, value)) {
      throw syntaxError(
        `unexpected token ${describe(t)}${t.kind === 'eof' ? '' : `, expected ${value}`}`,
        this.src,
        t.pos,
      );
    }
  }

  parse(): Node {
    const node = this.expression(0);
    const t = this.peek();
    if (t.kind !== 'eof') throw syntaxError(`unexpected token ${describe(t)}`, this.src, t.pos);
    return node;
  }

  /** Binary operator at the cursor (with `not` prefix for negated ones), or undefined. */
  private binaryOp(): { op: string; negate: boolean; width: number } | undefined {
    const t = this.peek();
    if (t.kind === 'op' && binaryPrecedence[t.value] !== undefined)
      return { op: t.value, negate: false, width: 1 };
    if (t.kind === 'name') {
      if (t.value === 'not') {
        const n = this.peek(1);
        if (n.kind === 'name' && negatable.has(n.value)) return { op: n.value, negate: true, width: 2 };
        return undefined;
      }
      if (binaryPrecedence[t.value] !== undefined) return { op: t.value, negate: false, width: 1 };
    }
    return undefined;
  }

  expression(minPrecedence: number): Node {
    let left = this.unary();
    for (;;) {
      const b = this.binaryOp();
      if (b === undefined) break;
      const prec = binaryPrecedence[b.op]!;
      if (prec < minPrecedence) break;
      this.i += b.width;
      const right = this.expression(rightAssociative.has(b.op) ? prec : prec + 1);
      left = { type: 'binary', op: b.op, left, right };
      if (b.negate) left = { type: 'unary', op: 'not', operand: left };
    }
    if (minPrecedence === 0 && this.isOp(this.peek(), '?')) {
      this.next();
      const then = this.expression(0);
      this.expect(':');
      const otherwise = this.expression(0);
      return { type: 'ternary', cond: left, then, else: otherwise };
    }
    return left;
  }

  private unary(): Node {
    const t = this.peek();
    if (
      (t.kind === 'op' && (t.value === '!' || t.value === '-' || t.value === '+')) ||
      (t.kind === 'name' && t.value === 'not')
    ) {
      this.next();
      const operand = this.expression(t.value === '-' || t.value === '+' ? 90 : 50);
      return { type: 'unary', op: t.value === '!' ? 'not' : t.value, operand };
    }
    return this.postfix(this.primary());
  }

  private primary(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'number':
      case 'string':
        return { type: 'literal', value: t.value };
      case 'name': {
        if (t.value === 'true' || t.value === 'false') return { type: 'literal', value: t.value === 'true' };
        if (t.value === 'nil') return { type: 'literal', value: null };
        if (keywords.has(t.value))
          throw syntaxError(`unexpected token Operator("${t.value}")`, this.src, t.pos);
        if (this.isOp(this.peek(), '(')) {
          this.next();
          const args: Node[] = [];
          while (!this.isOp(this.peek(), ')')) {
            args.push(this.expression(0));
            if (!this.isOp(this.peek(), ')')) this.expect(',');
          }
          this.next();
          return { type: 'call', callee: t.value, args };
        }
        return { type: 'name', name: t.value };
      }
      case 'op':
        if (t.value === '(') {
          const inner = this.expression(0);
          this.expect(')');
          return inner;
        }
        if (t.value === '[') {
          const items: Node[] = [];
          while (!this.isOp(this.peek(), ']')) {
            items.push(this.expression(0));
            if (!this.isOp(this.peek(), ']')) this.expect(',');
          }
          this.next();
          return { type: 'array', items };
        }
        throw syntaxError(`unexpected token ${describe(t)}`, this.src, t.pos);
      default:
        throw syntaxError('unexpected end of expression', this.src, t.pos);
    }
  }

  private postfix(node: Node): Node {
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, '.') || this.isOp(t, '?.')) {
        this.next();
        const name = this.next();
        if (name.kind !== 'name') throw syntaxError(`expected name`, this.src, name.pos);
        node = {
          type: 'member',
          object: node,
          property: { type: 'literal', value: name.value },
          optional: t.value === '?.',
        };
      } else if (this.isOp(t, '[')) {
        this.next();
        const index = this.expression(0);
        this.expect(']');
        node = { type: 'member', object: node, property: index, optional: false };
      } else {
        return node;
      }
    }
  }
}

function describe(t: Tok): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'op') return `Operator("${t.value}")`;
  if (t.kind === 'string') return `String("${t.value}")`;
  if (t.kind === 'number') return `Number("${t.value}")`;
  return `Identifier("${t.value}")`;
}

/** Parses an expr-lang expression. @throws ExpressionError `<message> (line:column)`. */
export function parseExprLang(src: string): Node {
  return new Parser(src, tokenize(src)).parse();
}
