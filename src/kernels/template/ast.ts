/**
 * Parse-tree nodes of Go's text/template (go1.19 parse/node.go). `nodeString` reproduces
 * Go's `Node.String()`, which appears inside execution errors (`at <.a.b>`).
 */
import { goQuote } from './fmt.js';

export interface TreeText {
  /** Name the template was parsed under (Go's `ParseName`). */
  readonly parseName: string;
  readonly text: string;
}

interface Base {
  /** UTF-16 index of the node in the source text. */
  readonly pos: number;
  readonly tree: TreeText;
}

export interface TextNode extends Base {
  readonly type: 'text';
  readonly text: string;
}
export interface CommentNode extends Base {
  readonly type: 'comment';
  readonly text: string;
}
export interface ActionNode extends Base {
  readonly type: 'action';
  readonly pipe: PipeNode;
}
export interface PipeNode extends Base {
  readonly type: 'pipe';
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
export interface CommandNode extends Base {
  readonly type: 'command';
  readonly args: ArgNode[];
}
export interface IdentifierNode extends Base {
  readonly type: 'identifier';
  readonly ident: string;
}
export interface VariableNode extends Base {
  readonly type: 'variable';
  readonly ident: string[];
}
export interface DotNode extends Base {
  readonly type: 'dot';
}
export interface NilNode extends Base {
  readonly type: 'nil';
}
export interface FieldNode extends Base {
  readonly type: 'field';
  readonly ident: string[];
}
export interface ChainNode extends Base {
  readonly type: 'chain';
  readonly node: ArgNode;
  readonly field: string[];
}
export interface BoolNode extends Base {
  readonly type: 'bool';
  readonly value: boolean;
}
export interface NumberNode extends Base {
  readonly type: 'number';
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  /** Signed value when isInt (exact, as bigint). */
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
  readonly text: string;
}
export interface StringNode extends Base {
  readonly type: 'string';
  readonly quoted: string;
  readonly text: string;
}
export interface ListNode extends Base {
  readonly type: 'list';
  readonly nodes: Node[];
}
export interface BranchNode extends Base {
  readonly type: 'if' | 'range' | 'with';
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}
export interface TemplateNode extends Base {
  readonly type: 'template';
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}
export interface BreakNode extends Base {
  readonly type: 'break' | 'continue';
}
/** Internal markers returned by the parser for `{{end}}` and `{{else}}`. */
export interface EndElseNode extends Base {
  readonly type: 'end' | 'else';
}

export type ArgNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type Node =
  | TextNode
  | CommentNode
  | ActionNode
  | ListNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | EndElseNode
  | CommandNode
  | ArgNode;

/** Go's `Node.String()`. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + ' := ';
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'chain':
      return (
        (n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) +
        n.field.map((f) => '.' + f).join('')
      );
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with':
      return (
        `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}` +
        (n.elseList !== undefined ? `{{else}}${nodeString(n.elseList)}` : '') +
        '{{end}}'
      );
    case 'template':
      return `{{template ${goQuote(n.name)}${n.pipe !== undefined ? ' ' + nodeString(n.pipe) : ''}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}
