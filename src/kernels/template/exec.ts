/**
 * The executor of Go's text/template (go1.19 src/text/template/exec.go), ported so that
 * output, argument checks and error texts match: `evalPipeline`, `evalCommand`,
 * `evalField`, `evalCall`, `evalArg`, `validateType`, `walkRange`, ...
 *
 * Values follow values.ts. One extra bit travels with a value taken out of an
 * `interface{}` container (map of JSON data, range element): Go then reports its static type
 * as `interface {}` in some errors, and a nil there is a "nil interface", not a missing value.
 */
import type {
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import type { TreeSet } from './parser.js';
import { ANY, GoError, VALUE, type FuncMap, type GoFunc, type ParamType } from './func-types.js';
import {
  GO_TYPE,
  GoInt,
  goInt,
  int,
  isMap,
  isStringer,
  isTrue,
  mapGet,
  sortedKeys,
  typeString,
  type GoMap,
  type GoSlice,
  type IntType,
} from './values.js';
import { goQuote, sprint, sprintf } from './fmt.js';
import { timeMethod } from './time-methods.js';
import { GoTime } from './values.js';

/** An execution failure; `message` is Go's full error text. */
export class TemplateExecError extends Error {
  override name = 'TemplateExecError';
}

const MISSING: unique symbol = Symbol('missingVal');
type Final = unknown;

class Break {}
class Continue {}
const BREAK = new Break();
const CONTINUE = new Continue();

interface Variable {
  name: string;
  value: unknown;
  boxed: boolean;
}

const maxExecDepth = 100000;

const intTypes = new Set(['int', 'int8', 'int16', 'int32', 'int64']);
const uintTypes = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

function canBeNil(typ: ParamType): boolean {
  return (
    typ === ANY ||
    typ === VALUE ||
    typ.startsWith('[]') ||
    typ.startsWith('map[') ||
    typ.startsWith('*') ||
    typ.startsWith('func') ||
    typ === 'error'
  );
}

/** Is a map/slice an `interface {}` container (elements come out boxed)? */
function elemsBoxed(container: unknown): boolean {
  const t = (container as GoMap | GoSlice)[GO_TYPE];
  return t === undefined || t.endsWith('interface {}');
}

/** Shared, immutable parts of one execution. */
export interface ExecEnv {
  readonly trees: TreeSet;
  readonly funcs: FuncMap;
  readonly builtins: FuncMap;
}

export class State {
  private node: Node | undefined;
  private vars: Variable[];
  /** Set by evaluators: the last value came out of an `interface{}` container. */
  private boxed = false;
  out = '';

  constructor(
    private readonly env: ExecEnv,
    private tmplName: string,
    dot: unknown,
    private depth = 0,
  ) {
    this.vars = [{ name: '$', value: dot, boxed: false }];
  }

  // ---- errors ----

  errorf(msg: string): never {
    const name = this.tmplName;
    if (this.node === undefined) throw new TemplateExecError(`template: ${name}: ${msg}`);
    const [location, context] = errorContext(this.node);
    throw new TemplateExecError(`template: ${location}: executing ${goQuote(name)} at <${context}>: ${msg}`);
  }

  private at(n: Node): void {
    this.node = n;
  }

  // ---- variables ----

  private push(name: string, value: unknown, boxed: boolean): void {
    this.vars.push({ name, value, boxed });
  }
  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) {
        v.value = value;
        v.boxed = false;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: unknown, boxed: boolean): void {
    const v = this.vars[this.vars.length - n] as Variable;
    v.value = value;
    v.boxed = boxed;
  }
  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) {
        this.boxed = v.boxed;
        return v.value;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- walk ----

  walk(dot: unknown, dotBoxed: boolean, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, dotBoxed, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        this.walkIfOrWith(node, dot, dotBoxed);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, dotBoxed, n);
        return;
      case 'range':
        this.walkRange(dot, dotBoxed, node);
        return;
      case 'template':
        this.walkTemplate(dot, dotBoxed, node);
        return;
      case 'text':
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(node: BranchNode, dot: unknown, dotBoxed: boolean): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, dotBoxed, node.pipe);
      if (isTrue(val)) {
        if (node.type === 'with') this.walk(val, false, node.list);
        else this.walk(dot, dotBoxed, node.list);
      } else if (node.elseList !== undefined) {
        this.walk(dot, dotBoxed, node.elseList);
      }
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: unknown, dotBoxed: boolean, r: BranchNode): void {
    this.at(r);
    const outerMark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, dotBoxed, r.pipe);
      const mark = this.vars.length;
      const decls = r.pipe.decl.length;
      const oneIteration = (index: unknown, elem: unknown, boxed: boolean): void => {
        if (decls > 0) this.setTopVar(1, elem, boxed);
        if (decls > 1) this.setTopVar(2, index, false);
        try {
          this.walk(elem, boxed, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      if (Array.isArray(val)) {
        if (val.length > 0) {
          const boxed = elemsBoxed(val);
          for (let i = 0; i < val.length; i++) oneIteration(int(i), val[i], boxed);
          return;
        }
      } else if (val === undefined) {
        // An invalid value acts like an empty map.
      } else if (isMap(val)) {
        const keys = sortedKeys(val);
        if (keys.length > 0) {
          const boxed = elemsBoxed(val);
          for (const k of keys) oneIteration(k, val[k], boxed);
          return;
        }
      } else {
        this.errorf(`range can't iterate over ${sprintf('%v', [val])}`);
      }
      if (r.elseList !== undefined) this.walk(dot, dotBoxed, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.vars.length = outerMark;
    }
  }

  private walkTemplate(dot: unknown, dotBoxed: boolean, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.env.trees.get(t.name);
    if (tmpl === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= maxExecDepth) this.errorf(`exceeded maximum template depth (${maxExecDepth})`);
    const newDot = this.evalPipeline(dot, dotBoxed, t.pipe);
    const child = new State(this.env, t.name, newDot, this.depth + 1);
    child.out = this.out;
    try {
      child.walk(newDot, false, tmpl);
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        this.errorf(`exceeded maximum template depth (${maxExecDepth})`);
      }
      throw e;
    } finally {
      this.out = child.out;
    }
  }

  // ---- eval ----

  evalPipeline(dot: unknown, dotBoxed: boolean, pipe: PipeNode | undefined): unknown {
    if (pipe === undefined) return undefined;
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      this.boxed = false;
      value = this.evalCommand(dot, dotBoxed, cmd, value);
      // An interface value is replaced by its content; a nil interface becomes "no value".
      if (value === null) value = undefined;
    }
    this.boxed = false;
    for (const variable of pipe.decl) {
      const name = variable.ident[0] as string;
      if (pipe.isAssign) this.setVar(name, value);
      else this.push(name, value, false);
    }
    return value;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
    }
  }

  private evalCommand(dot: unknown, dotBoxed: boolean, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0] as ArgNode;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, dotBoxed, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, dotBoxed, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, dotBoxed, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, dotBoxed, first);
      case 'variable':
        return this.evalVariableNode(dot, dotBoxed, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        this.boxed = dotBoxed;
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private idealConstant(c: NumberNode): unknown {
    this.at(c);
    if (c.isComplex) this.errorf('complex numbers are not supported');
    const isHexInt =
      c.text.length > 2 &&
      c.text[0] === '0' &&
      (c.text[1] === 'x' || c.text[1] === 'X') &&
      !/[pP]/.test(c.text);
    const isRune = c.text[0] === "'";
    if (c.isFloat && !isHexInt && !isRune && /[.eEpP]/.test(c.text)) return c.float64;
    if (c.isInt) return goInt('int', c.int64);
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(
    dot: unknown,
    dotBoxed: boolean,
    field: FieldNode,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dotBoxed, dot, dotBoxed, field, field.ident, args, final);
  }

  private evalChainNode(
    dot: unknown,
    dotBoxed: boolean,
    chain: ChainNode,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    this.boxed = false;
    const pipe = this.evalArg(dot, dotBoxed, undefined, chain.node);
    return this.evalFieldChain(dot, dotBoxed, pipe, this.boxed, chain, chain.field, args, final);
  }

  private evalVariableNode(
    dot: unknown,
    dotBoxed: boolean,
    variable: VariableNode,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.at(variable);
    const value = this.varValue(variable.ident[0] as string);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(
      dot,
      dotBoxed,
      value,
      this.boxed,
      variable,
      variable.ident.slice(1),
      args,
      final,
    );
  }

  private evalFieldChain(
    dot: unknown,
    dotBoxed: boolean,
    receiver: unknown,
    recvBoxed: boolean,
    node: Node,
    ident: readonly string[],
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, dotBoxed, ident[i] as string, node, [], MISSING, receiver, recvBoxed);
      recvBoxed = this.boxed;
    }
    return this.evalField(dot, dotBoxed, ident[n - 1] as string, node, args, final, receiver, recvBoxed);
  }

  private evalField(
    dot: unknown,
    dotBoxed: boolean,
    fieldName: string,
    node: Node,
    args: readonly ArgNode[],
    final: Final,
    receiver: unknown,
    recvBoxed: boolean,
  ): unknown {
    this.boxed = false;
    if (receiver === undefined) return undefined;
    const typ = recvBoxed || receiver === null ? 'interface {}' : typeString(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const method = this.lookupMethod(receiver, fieldName);
    if (method !== undefined)
      return this.evalCall(dot, dotBoxed, method, false, node, fieldName, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const result = mapGet(receiver, fieldName);
      this.boxed = result !== undefined && elemsBoxed(receiver);
      return result;
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private lookupMethod(receiver: unknown, name: string): GoFunc | undefined {
    if (receiver instanceof GoTime) return timeMethod(receiver, name);
    if (isStringer(receiver)) {
      const m = receiver.method(name);
      if (m !== undefined) return { params: [], variadic: ANY, fn: m };
    }
    return undefined;
  }

  private evalFunction(
    dot: unknown,
    dotBoxed: boolean,
    node: IdentifierNode,
    cmd: Node,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.at(node);
    const name = node.ident;
    let fn = this.env.funcs.get(name);
    let isBuiltin = false;
    if (fn === undefined) {
      fn = this.env.builtins.get(name);
      isBuiltin = true;
    }
    if (fn === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, dotBoxed, fn, isBuiltin, cmd, name, args, final);
  }

  private evalCall(
    dot: unknown,
    dotBoxed: boolean,
    fn: GoFunc,
    isBuiltin: boolean,
    node: Node,
    name: string,
    allArgs: readonly ArgNode[],
    final: Final,
  ): unknown {
    const args = allArgs.slice(1);
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    const variadic = fn.variadic !== undefined;
    const numParams = fn.params.length + (variadic ? 1 : 0);
    if (variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
      }
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: unknown = undefined;
      for (const arg of args) {
        v = this.evalArg(dot, dotBoxed, VALUE, arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, this.boxed, VALUE);
      return v;
    }

    const argv: unknown[] = new Array<unknown>(numIn);
    let i = 0;
    for (; i < numFixed && i < args.length; i++) {
      argv[i] = this.evalArg(dot, dotBoxed, fn.params[i] as ParamType, args[i] as ArgNode);
    }
    if (variadic) {
      const t = fn.variadic as ParamType;
      for (; i < args.length; i++) argv[i] = this.evalArg(dot, dotBoxed, t, args[i] as ArgNode);
    }
    if (final !== MISSING) {
      let t: ParamType;
      if (variadic)
        t = numIn - 1 < numFixed ? (fn.params[numIn - 1] as ParamType) : (fn.variadic as ParamType);
      else t = fn.params[fn.params.length - 1] as ParamType;
      argv[i] = this.validateType(final, false, t);
    }
    let result: unknown;
    try {
      result = fn.fn(...argv);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.at(node);
      const msg = e instanceof GoError ? e.message : e instanceof Error ? `${e.message}` : String(e);
      if (e instanceof RangeError && /call stack|Invalid string length|Invalid array length/i.test(e.message))
        throw e;
      this.errorf(`error calling ${name}: ${msg}`);
    }
    this.boxed = fn.returnsAny === true;
    return result;
  }

  private validateType(value: unknown, boxed: boolean, typ: ParamType | undefined): unknown {
    if (value === undefined) {
      if (typ === undefined) return undefined;
      if (typ === VALUE) return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === undefined || typ === VALUE || typ === ANY) return value;
    if (value === null) {
      // A nil interface is not assignable to a concrete type.
      this.errorf(`wrong type for value; expected ${typ}; got interface {}`);
    }
    const actual = typeString(value);
    if (actual !== typ) {
      void boxed;
      this.errorf(`wrong type for value; expected ${typ}; got ${actual}`);
    }
    return value;
  }

  private evalArg(dot: unknown, dotBoxed: boolean, typ: ParamType | undefined, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, dotBoxed, typ);
      case 'nil':
        if (typ === undefined) this.errorf(`cannot assign nil to <nil>`);
        if (typ === VALUE) return undefined;
        if (canBeNil(typ)) return null;
        this.errorf(`cannot assign nil to ${typ}`);
        break;
      case 'field': {
        const v = this.evalFieldNode(dot, dotBoxed, n, [n], MISSING);
        return this.validateType(v, this.boxed, typ);
      }
      case 'variable': {
        const v = this.evalVariableNode(dot, dotBoxed, n, [], MISSING);
        return this.validateType(v, this.boxed, typ);
      }
      case 'pipe': {
        const v = this.evalPipeline(dot, dotBoxed, n);
        return this.validateType(v, false, typ);
      }
      case 'identifier': {
        const v = this.evalFunction(dot, dotBoxed, n, n, [n], MISSING);
        return this.validateType(v, this.boxed, typ);
      }
      case 'chain': {
        const v = this.evalChainNode(dot, dotBoxed, n, [], MISSING);
        return this.validateType(v, this.boxed, typ);
      }
    }
    if (typ === undefined) {
      // evalChainNode's base: Go calls evalArg with a nil type, which reaches typ.Kind() and panics.
      return this.evalEmptyInterface(n);
    }
    if (typ === 'bool') {
      if (n.type === 'bool') return n.value;
      this.errorf(`expected bool; found ${nodeString(n)}`);
    }
    if (typ === 'float64' || typ === 'float32') {
      if (n.type === 'number' && n.isFloat) return n.float64;
      this.errorf(`expected float; found ${nodeString(n)}`);
    }
    if (intTypes.has(typ)) {
      if (n.type === 'number' && n.isInt) return goInt(typ as IntType, n.int64);
      this.errorf(`expected integer; found ${nodeString(n)}`);
    }
    if (uintTypes.has(typ)) {
      if (n.type === 'number' && n.isUint) return goInt(typ as IntType, n.uint64);
      this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    if (typ === ANY || typ === VALUE) return this.evalEmptyInterface(n);
    if (typ === 'string') {
      if (n.type === 'string') return n.text;
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  private evalEmptyInterface(n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(n: Node, v: unknown): void {
    this.at(n);
    if (v === undefined) {
      this.out += '<no value>';
      return;
    }
    if (typeof v === 'string') {
      this.out += v;
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(n)} of type ${typeString(v)}`);
    this.out += sprint([v]);
  }
}

function errorContext(n: Node): [string, string] {
  const text = n.tree.text;
  const pos = n.pos;
  const before = text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  const lineText = nl === -1 ? before : before.slice(nl + 1);
  const byteNum = Buffer.byteLength(lineText, 'utf8');
  let lineNum = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) lineNum++;
  return [`${n.tree.parseName}:${lineNum}:${byteNum}`, nodeString(n)];
}

/** Runs the template `name` of `env.trees` on `data`. */
export function execute(env: ExecEnv, name: string, data: unknown): string {
  const root: ListNode | undefined = env.trees.get(name);
  const state = new State(env, name, data);
  if (root === undefined) return state.errorf(`${goQuote(name)} is an incomplete or empty template`);
  try {
    state.walk(data, false, root);
  } catch (e) {
    if (e === BREAK || e === CONTINUE) return state.out;
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new TemplateExecError(`template: ${name}: exceeded maximum template depth (${maxExecDepth})`);
    }
    throw e;
  }
  return state.out;
}

export { GoInt };
