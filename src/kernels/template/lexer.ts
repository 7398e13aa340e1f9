/**
 * The lexer of Go's text/template (go1.19 src/text/template/parse/lex.go), ported state by
 * state so token boundaries, trim markers and error texts match. Positions are UTF-16 indexes
 * into the source; error columns are converted to Go's byte offsets where they are reported.
 */

export enum Item {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword, // delimits the keywords below
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Token {
  readonly typ: Item;
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

const keywords: ReadonlyMap<string, Item> = new Map([
  ['.', Item.Dot],
  ['block', Item.Block],
  ['break', Item.Break],
  ['continue', Item.Continue],
  ['define', Item.Define],
  ['else', Item.Else],
  ['end', Item.End],
  ['if', Item.If],
  ['range', Item.Range],
  ['nil', Item.Nil],
  ['template', Item.Template],
  ['with', Item.With],
]);

const leftComment = '/*';
const rightComment = '*/';
const EOF = -1;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

const alnumRe = /^[\p{L}\p{Nd}_]$/u;
function isAlphaNumeric(c: number): boolean {
  if (c < 0) return false;
  if (c < 0x80) {
    return c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  }
  return alnumRe.test(String.fromCodePoint(c));
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 0x2d;
}

/** Formats a rune like Go's `%#U`: `U+0023 '#'`. */
export function formatRuneU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  const printable = r >= 0x20 && r !== 0x7f && !(r >= 0x80 && r < 0xa0);
  return printable ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/** Lexes the whole input into tokens; the last token is EOF or an Error. */
export function lex(
  input: string,
  leftDelim = '{{',
  rightDelim = '}}',
  breakOK = true,
  continueOK = true,
): Token[] {
  const items: Token[] = [];
  let pos = 0;
  let start = 0;
  let atEOF = false;
  let parenDepth = 0;
  let line = 1;
  let startLine = 1;

  const next = (): number => {
    if (pos >= input.length) {
      atEOF = true;
      return EOF;
    }
    const r = input.codePointAt(pos) as number;
    pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) line++;
    return r;
  };
  const backup = (): void => {
    if (!atEOF && pos > 0) {
      const lo = input.charCodeAt(pos - 1);
      const w = lo >= 0xdc00 && lo <= 0xdfff && pos >= 2 ? 2 : 1;
      pos -= w;
      if (lo === 0x0a) line--;
    }
  };
  const peek = (): number => {
    const r = next();
    backup();
    return r;
  };
  const emit = (t: Item): void => {
    items.push({ typ: t, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += countNewlines(input, start, pos);
    start = pos;
    startLine = line;
  };
  const errorf = (msg: string): null => {
    items.push({ typ: Item.Error, pos: start, val: msg, line: startLine });
    return null;
  };
  const accept = (valid: string): boolean => {
    const r = next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    backup();
    return false;
  };
  const acceptRun = (valid: string): void => {
    for (;;) {
      const r = next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    backup();
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrimMarker(input, pos) && input.startsWith(rightDelim, pos + 2)) return [true, true];
    if (input.startsWith(rightDelim, pos)) return [true, false];
    return [false, false];
  };
  const atTerminator = (): boolean => {
    const r = peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return input.startsWith(rightDelim, pos);
  };

  type StateFn = () => StateFn | null;

  const lexText: StateFn = () => {
    const x = input.indexOf(leftDelim, pos);
    if (x >= 0) {
      const ldn = leftDelim.length;
      pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(input, pos + ldn)) {
        const seg = input.slice(start, pos);
        trimLength = seg.length - seg.replace(/[ \t\r\n]+$/, '').length;
      }
      pos -= trimLength;
      if (pos > start) {
        line += countNewlines(input, start, pos);
        emit(Item.Text);
      }
      pos += trimLength;
      ignore();
      return lexLeftDelim;
    }
    pos = input.length;
    if (pos > start) {
      line += countNewlines(input, start, pos);
      emit(Item.Text);
    }
    emit(Item.EOF);
    return null;
  };

  const lexLeftDelim: StateFn = () => {
    pos += leftDelim.length;
    const trimSpace = hasLeftTrimMarker(input, pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (input.startsWith(leftComment, pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return lexComment;
    }
    emit(Item.LeftDelim);
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    return lexInsideAction;
  };

  const lexComment: StateFn = () => {
    pos += leftComment.length;
    const i = input.indexOf(rightComment, pos);
    if (i < 0) return errorf('unclosed comment');
    pos = i + rightComment.length;
    const [delim, trimSpace] = atRightDelim();
    if (!delim) return errorf('comment ends before closing delimiter');
    if (trimSpace) pos += 2;
    pos += rightDelim.length;
    if (trimSpace) pos += leftTrimLength(input, pos);
    ignore();
    return lexText;
  };

  const lexRightDelim: StateFn = () => {
    const trimSpace = hasRightTrimMarker(input, pos);
    if (trimSpace) {
      pos += 2;
      ignore();
    }
    pos += rightDelim.length;
    emit(Item.RightDelim);
    if (trimSpace) {
      pos += leftTrimLength(input, pos);
      ignore();
    }
    return lexText;
  };

  const lexInsideAction: StateFn = () => {
    const [delim] = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim;
      return errorf('unclosed left paren');
    }
    const r = next();
    if (r === EOF) return errorf('unclosed action');
    if (isSpace(r)) {
      backup();
      return lexSpace;
    }
    switch (r) {
      case 0x3d: // =
        emit(Item.Assign);
        return lexInsideAction;
      case 0x3a: // :
        if (next() !== 0x3d) return errorf('expected :=');
        emit(Item.Declare);
        return lexInsideAction;
      case 0x7c:
        emit(Item.Pipe);
        return lexInsideAction;
      case 0x22:
        return lexQuote;
      case 0x60:
        return lexRawQuote;
      case 0x24:
        return lexVariable;
      case 0x27:
        return lexChar;
      case 0x28:
        emit(Item.LeftParen);
        parenDepth++;
        return lexInsideAction;
      case 0x29:
        emit(Item.RightParen);
        parenDepth--;
        if (parenDepth < 0) return errorf(`unexpected right paren ${formatRuneU(r)}`);
        return lexInsideAction;
    }
    if (r === 0x2e) {
      if (pos < input.length) {
        const c = input.charCodeAt(pos);
        if (c < 0x30 || c > 0x39) return lexField;
      }
      backup();
      return lexNumber;
    }
    if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
      backup();
      return lexNumber;
    }
    if (isAlphaNumeric(r)) {
      backup();
      return lexIdentifier;
    }
    if (r <= 0x7f && r >= 0x20 && r < 0x7f) {
      emit(Item.Char);
      return lexInsideAction;
    }
    return errorf(`unrecognized character in action: ${formatRuneU(r)}`);
  };

  const lexSpace: StateFn = () => {
    let numSpaces = 0;
    for (;;) {
      const r = peek();
      if (!isSpace(r)) break;
      next();
      numSpaces++;
    }
    if (hasRightTrimMarker(input, pos - 1) && input.startsWith(rightDelim, pos - 1 + 2)) {
      backup();
      if (numSpaces === 1) return lexRightDelim;
    }
    emit(Item.Space);
    return lexInsideAction;
  };

  const lexIdentifier: StateFn = () => {
    for (;;) {
      const r = next();
      if (isAlphaNumeric(r)) continue;
      backup();
      const word = input.slice(start, pos);
      if (!atTerminator()) return errorf(`bad character ${formatRuneU(r)}`);
      const kw = keywords.get(word);
      if (kw !== undefined && kw > Item.Keyword) {
        if ((kw === Item.Break && !breakOK) || (kw === Item.Continue && !continueOK)) emit(Item.Identifier);
        else emit(kw);
      } else if (word[0] === '.') {
        emit(Item.Field);
      } else if (word === 'true' || word === 'false') {
        emit(Item.Bool);
      } else {
        emit(Item.Identifier);
      }
      return lexInsideAction;
    }
  };

  const lexFieldOrVariable = (typ: Item): StateFn | null => {
    if (atTerminator()) {
      emit(typ === Item.Variable ? Item.Variable : Item.Dot);
      return lexInsideAction;
    }
    let r: number;
    for (;;) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) return errorf(`bad character ${formatRuneU(r)}`);
    emit(typ);
    return lexInsideAction;
  };
  const lexField: StateFn = () => lexFieldOrVariable(Item.Field);
  const lexVariable: StateFn = () => {
    if (atTerminator()) {
      emit(Item.Variable);
      return lexInsideAction;
    }
    return lexFieldOrVariable(Item.Variable);
  };

  const lexQuoted = (close: number, what: string, typ: Item): StateFn | null => {
    for (;;) {
      let r = next();
      if (r === 0x5c) {
        r = next();
        if (r !== EOF && r !== 0x0a) continue;
        return errorf(`unterminated ${what}`);
      }
      if (r === EOF || r === 0x0a) return errorf(`unterminated ${what}`);
      if (r === close) break;
    }
    emit(typ);
    return lexInsideAction;
  };
  const lexChar: StateFn = () => lexQuoted(0x27, 'character constant', Item.CharConstant);
  const lexQuote: StateFn = () => lexQuoted(0x22, 'quoted string', Item.String);
  const lexRawQuote: StateFn = () => {
    for (;;) {
      const r = next();
      if (r === EOF) return errorf('unterminated raw quoted string');
      if (r === 0x60) break;
    }
    emit(Item.RawString);
    return lexInsideAction;
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };
  const lexNumber: StateFn = () => {
    if (!scanNumber()) return errorf(`bad number syntax: ${goQuoteShort(input.slice(start, pos))}`);
    const sign = peek();
    if (sign === 0x2b || sign === 0x2d) {
      if (!scanNumber() || input[pos - 1] !== 'i') {
        return errorf(`bad number syntax: ${goQuoteShort(input.slice(start, pos))}`);
      }
      emit(Item.Complex);
    } else {
      emit(Item.Number);
    }
    return lexInsideAction;
  };

  let state: StateFn | null = lexText;
  while (state !== null) state = state();
  return items;
}

function leftTrimLength(s: string, at: number): number {
  let i = at;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - at;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** `%q` of a short ASCII-ish string, as the lexer's error messages use it. */
function goQuoteShort(s: string): string {
  return JSON.stringify(s);
}
