/**
 * The parser of Go's text/template (go1.19 parse/parse.go), ported function by function so
 * parse errors carry Go's texts and line numbers (`template: name:LINE: message`).
 */
import { lex, Item, type Token } from './lexer.js';
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  EndElseNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  TreeText,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import { goQuote, goQuotePrefix } from './fmt.js';
import { parseGoInt, tryParseGoFloat } from '../go/strconv.js';

/** A parse failure; `message` is Go's full error text. */
export class TemplateParseError extends Error {
  override name = 'TemplateParseError';
}

/** Every template defined by one source: the main one under its name plus `define`/`block` ones. */
export type TreeSet = Map<string, ListNode>;

class Bail {
  constructor(readonly message: string) {}
}

function tokenString(t: Token): string {
  if (t.typ === Item.EOF) return 'EOF';
  if (t.typ === Item.Error) return t.val;
  if (t.typ > Item.Keyword) return `<${t.val}>`;
  if ([...t.val].length > 10) return goQuotePrefix(t.val, 10) + '...';
  return goQuote(t.val);
}

class Tree {
  name: string;
  root: ListNode | undefined;
  private readonly tokens: Token[];
  private readonly cursor: { i: number };
  private readonly token: Token[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;

  constructor(
    name: string,
    readonly text: TreeText,
    tokens: Token[],
    cursor: { i: number },
    readonly treeSet: TreeSet,
    readonly hasFunction: (name: string) => boolean,
  ) {
    this.name = name;
    this.tokens = tokens;
    this.cursor = cursor;
  }

  private lexNext(): Token {
    const t = this.tokens[this.cursor.i];
    if (t === undefined) {
      // After EOF or an error the lexer's channel is closed: Go then yields zero items (EOF-like).
      return this.tokens[this.tokens.length - 1] as Token;
    }
    this.cursor.i++;
    return t;
  }

  errorf(msg: string): never {
    this.root = undefined;
    const line = this.token[0]?.line ?? 0;
    throw new Bail(`template: ${this.text.parseName}:${line}: ${msg}`);
  }

  next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lexNext();
    return this.token[this.peekCount] as Token;
  }
  backup(): void {
    this.peekCount++;
  }
  backup2(t1: Token): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  backup3(t2: Token, t1: Token): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] as Token;
    this.peekCount = 1;
    this.token[0] = this.lexNext();
    return this.token[0];
  }
  nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.typ === Item.Space);
    return t;
  }
  peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  expect(expected: Item, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  expectOneOf(e1: Item, e2: Item, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== e1 && t.typ !== e2) this.unexpected(t, context);
    return t;
  }
  unexpected(t: Token, context: string): never {
    if (t.typ === Item.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.text.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${tokenString(t)}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  private list(pos: number): ListNode {
    return { type: 'list', pos, tree: this.text, nodes: [] };
  }

  add(): void {
    const existing = this.treeSet.get(this.name);
    if (existing === undefined || isEmptyTree(existing)) {
      if (this.root !== undefined) this.treeSet.set(this.name, this.root);
      return;
    }
    if (this.root !== undefined && !isEmptyTree(this.root)) {
      this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
    }
  }

  parse(): void {
    this.root = this.list(this.peek().pos);
    while (this.peek().typ !== Item.EOF) {
      if (this.peek().typ === Item.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === Item.Define) {
          const t = this.child('definition');
          t.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  /** A tree for `define`/`block`: shares the lexer, has its own lookahead and variables. */
  private child(name: string): Tree {
    return new Tree(name, this.text, this.tokens, this.cursor, this.treeSet, this.hasFunction);
  }

  parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(Item.String, Item.RawString, context);
    this.name = this.unquote(name.val);
    this.expect(Item.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  itemList(): [ListNode, EndElseNode] {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== Item.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Text:
        return { type: 'text', pos: token.pos, tree: this.text, text: token.val };
      case Item.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case Item.Comment:
        return { type: 'comment', pos: token.pos, tree: this.text, text: token.val };
      default:
        this.unexpected(token, 'input');
    }
  }

  action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Block:
        return this.blockControl();
      case Item.Break:
      case Item.Continue:
        return this.breakControl(token);
      case Item.Else:
        return this.elseControl();
      case Item.End:
        return { type: 'end', pos: this.expect(Item.RightDelim, 'end').pos, tree: this.text };
      case Item.If:
        return this.control('if');
      case Item.Range:
        return this.control('range');
      case Item.Template:
        return this.templateControl();
      case Item.With:
        return this.control('with');
    }
    this.backup();
    const t = this.peek();
    return { type: 'action', pos: t.pos, tree: this.text, pipe: this.pipeline('command', Item.RightDelim) };
  }

  breakControl(token: Token): Node {
    const word = token.typ === Item.Break ? 'break' : 'continue';
    const t = this.nextNonSpace();
    if (t.typ !== Item.RightDelim) this.unexpected(t, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { type: word, pos: token.pos, tree: this.text };
  }

  pipeline(context: string, end: Item): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = {
      type: 'pipe',
      pos: token.pos,
      tree: this.text,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === Item.Variable) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === Item.Assign || next.typ === Item.Declare) {
          pipe.isAssign = next.typ === Item.Assign;
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === Item.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === Item.Variable || p === Item.RightDelim || p === Item.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === Item.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case Item.Bool:
        case Item.CharConstant:
        case Item.Complex:
        case Item.Dot:
        case Item.Field:
        case Item.Identifier:
        case Item.Number:
        case Item.Nil:
        case Item.RawString:
        case Item.String:
        case Item.Variable:
        case Item.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const t = (pipe.cmds[i] as CommandNode).args[0]?.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  control(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, Item.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, first] = this.itemList();
      let next = first;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        if (context === 'if' && this.peek().typ === Item.If) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.control('if'));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, tree: this.text, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === Item.If) return { type: 'else', pos: peek.pos, tree: this.text };
    const t = this.expect(Item.RightDelim, 'else');
    return { type: 'else', pos: t.pos, tree: this.text };
  }

  blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, Item.RightDelim);
    const block = this.child(name);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { type: 'template', pos: token.pos, tree: this.text, name, pipe } satisfies TemplateNode;
  }

  templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== Item.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, Item.RightDelim);
    }
    return { type: 'template', pos: token.pos, tree: this.text, name, pipe } satisfies TemplateNode;
  }

  parseTemplateName(token: Token, context: string): string {
    if (token.typ === Item.String || token.typ === Item.RawString) return this.unquote(token.val);
    this.unexpected(token, context);
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, tree: this.text, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === Item.Space) continue;
      if (t.typ === Item.RightDelim || t.typ === Item.RightParen) this.backup();
      else if (t.typ !== Item.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): ArgNode | undefined {
    let node = this.term();
    if (node === undefined) return undefined;
    if (this.peek().typ === Item.Field) {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === Item.Field) fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, tree: this.text, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, tree: this.text, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
          break;
        default:
          node = { type: 'chain', pos, tree: this.text, node, field: fields };
      }
    }
    return node;
  }

  term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Identifier:
        if (!this.hasFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, tree: this.text, ident: token.val };
      case Item.Dot:
        return { type: 'dot', pos: token.pos, tree: this.text };
      case Item.Nil:
        return { type: 'nil', pos: token.pos, tree: this.text };
      case Item.Variable:
        return this.useVar(token.pos, token.val);
      case Item.Field:
        return { type: 'field', pos: token.pos, tree: this.text, ident: token.val.slice(1).split('.') };
      case Item.Bool:
        return { type: 'bool', pos: token.pos, tree: this.text, value: token.val === 'true' };
      case Item.CharConstant:
      case Item.Complex:
      case Item.Number:
        return this.newNumber(token);
      case Item.LeftParen:
        return this.pipeline('parenthesized pipeline', Item.RightParen);
      case Item.String:
      case Item.RawString:
        return {
          type: 'string',
          pos: token.pos,
          tree: this.text,
          quoted: token.val,
          text: this.unquote(token.val),
        };
    }
    this.backup();
    return undefined;
  }

  newVariable(pos: number, ident: string): VariableNode {
    return { type: 'variable', pos, tree: this.text, ident: ident.split('.') };
  }

  useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    if (this.vars.includes(v.ident[0] as string)) return v;
    this.errorf(`undefined variable ${goQuote(v.ident[0] as string)}`);
  }

  unquote(s: string): string {
    const r = unquoteGo(s);
    if (r === undefined) this.errorf('invalid syntax');
    return r;
  }

  newNumber(token: Token): NumberNode {
    const r = parseNumber(token.val, token.typ);
    if (typeof r === 'string') this.errorf(r);
    return { type: 'number', pos: token.pos, tree: this.text, text: token.val, ...r };
  }
}

function isEmptyTree(n: ListNode): boolean {
  for (const node of n.nodes) {
    if (node.type === 'comment') continue;
    if (node.type === 'text' && node.text.trim() === '') continue;
    if (node.type === 'list' && isEmptyTree(node)) continue;
    return false;
  }
  return true;
}

/** Parses `source` as Go's `template.New(name).Funcs(...).Parse(source)` does. */
export function parseTrees(name: string, source: string, hasFunction: (name: string) => boolean): TreeSet {
  const treeSet: TreeSet = new Map();
  const tokens = lex(source, '{{', '}}', !hasFunction('break'), !hasFunction('continue'));
  const text: TreeText = { parseName: name, text: source };
  const t = new Tree(name, text, tokens, { i: 0 }, treeSet, hasFunction);
  try {
    t.parse();
    t.add();
  } catch (e) {
    if (e instanceof Bail) throw new TemplateParseError(e.message);
    throw e;
  }
  return treeSet;
}

// ---- strconv.Unquote / UnquoteChar ----

interface CharResult {
  value: number;
  tail: string;
}

function unquoteChar(s: string, quote: string): CharResult | undefined {
  const c = s.codePointAt(0);
  if (c === undefined) return undefined;
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) return undefined;
  if (c !== 0x5c) return { value: c, tail: s.slice(ch.length) };
  if (s.length <= 1) return undefined;
  const e = s[1] as string;
  let rest = s.slice(2);
  switch (e) {
    case 'a':
      return { value: 7, tail: rest };
    case 'b':
      return { value: 8, tail: rest };
    case 'f':
      return { value: 12, tail: rest };
    case 'n':
      return { value: 10, tail: rest };
    case 'r':
      return { value: 13, tail: rest };
    case 't':
      return { value: 9, tail: rest };
    case 'v':
      return { value: 11, tail: rest };
    case 'x':
    case 'u':
    case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      if (rest.length < n) return undefined;
      const hex = rest.slice(0, n);
      if (!/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const v = parseInt(hex, 16);
      rest = rest.slice(n);
      if (e === 'x') return { value: v, tail: rest, byte: true } as CharResult;
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
      return { value: v, tail: rest };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      const oct = s.slice(1, 4);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      return { value: v, tail: s.slice(4), byte: true } as CharResult;
    }
    case '\\':
      return { value: 0x5c, tail: rest };
    case "'":
    case '"':
      if (e !== quote) return undefined;
      return { value: e.charCodeAt(0), tail: rest };
  }
  return undefined;
}

/** strconv.Unquote; undefined on a syntax error. `\x`/octal bytes are decoded as UTF-8. */
export function unquoteGo(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if (q !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) return undefined;
    return body.replaceAll('\r', '');
  }
  if (q !== '"' && q !== "'") return undefined;
  if (q === "'") {
    const r = unquoteChar(body, q);
    if (r === undefined || r.tail !== '') return undefined;
    return String.fromCodePoint(r.value);
  }
  if (!body.includes('\\') && !body.includes('\n')) return body;
  const bytes: number[] = [];
  let rest = body;
  while (rest.length > 0) {
    const r = unquoteChar(rest, q);
    if (r === undefined) return undefined;
    rest = r.tail;
    if ((r as CharResult & { byte?: boolean }).byte === true) bytes.push(r.value);
    else for (const b of Buffer.from(String.fromCodePoint(r.value), 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

// ---- numbers ----

type NumberFields = Omit<NumberNode, 'type' | 'pos' | 'tree' | 'text'>;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's `newNumber`: the interpretations of a numeric literal, or an error message. */
export function parseNumber(text: string, typ: Item): NumberFields | string {
  const f: {
    isInt: boolean;
    isUint: boolean;
    isFloat: boolean;
    isComplex: boolean;
    int64: bigint;
    uint64: bigint;
    float64: number;
  } = { isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, uint64: 0n, float64: 0 };
  if (typ === Item.CharConstant) {
    const r = unquoteChar(text.slice(1), text[0] as string);
    if (r === undefined) return 'invalid syntax';
    if (r.tail !== "'") return `malformed character constant: ${text}`;
    const v = BigInt(r.value);
    return { ...f, isInt: true, isUint: true, isFloat: true, int64: v, uint64: v, float64: r.value };
  }
  if (typ === Item.Complex || text.endsWith('i')) {
    return 'complex numbers are not supported by this implementation';
  }
  const n = parseGoInt(text, 0);
  if (n !== undefined && n >= 0n && n <= UINT64_MAX) {
    f.isUint = true;
    f.uint64 = n;
  }
  if (n !== undefined && n >= INT64_MIN && n <= INT64_MAX) {
    f.isInt = true;
    f.int64 = n;
    if (n === 0n) f.isUint = true;
  }
  if (f.isInt) {
    f.isFloat = true;
    f.float64 = Number(f.int64);
  } else if (f.isUint) {
    f.isFloat = true;
    f.float64 = Number(f.uint64);
  } else {
    const v = tryParseGoFloat(text);
    if (v !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      f.isFloat = true;
      f.float64 = v;
      if (Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63) {
        f.isInt = true;
        f.int64 = BigInt(v);
      }
      if (Number.isInteger(v) && v >= 0 && v < 2 ** 64) {
        f.isUint = true;
        f.uint64 = BigInt(v);
      }
    }
  }
  if (!f.isInt && !f.isUint && !f.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return f;
}
