/**
 * The Firestore Security Rules grammar (peggy). It builds the syntax tree of ast.ts directly; the checks a
 * grammar cannot express (duplicate names, nesting limits, literal ranges…) run on the tree in parser.ts.
 *
 * Lexical facts taken from the official emulator (each tried against it):
 * - ints are decimal without leading zeros (no hex, no `_`), floats are `1.5`, `1.` or `.5` (no exponent);
 * - strings use '…' or "…" on one line, escapes \n \t \r \b \f \\ \' \" \xHH \uHHHH and 3-digit octal;
 *   bytes are b'…' / B"…" with the same escapes except \u; there are no raw strings;
 * - `/` directly followed by a path character or `$(` starts a path literal, so `x /y` is a path, `x / y` a
 *   division; a path segment is `(name)` or name characters [A-Za-z0-9_.~@+&'*:-] and %XX escapes, and
 *   segments may be apart (`/a /b` is `/a/b`);
 * - keywords cannot name variables or functions, but any word may follow `.`;
 * - `;` after `allow …` and after `return …` is optional, after `let x = …` it is required.
 *
 * Operator precedence, loosest first, as the official emulator evaluates it (`true == 1 in [1]` is
 * `(true == 1) in [1]`, `1 in [1] is bool` is `1 in ([1] is bool)`):
 *   ?:  (right-associative)   ||   &&   in   is   == !=   < <= > >=   + -   * / %   unary ! -   . [] ()
 * The official parser climbs precedences (ANTLR), so after a postfix `x is T` any operator may follow and
 * applies to it: `x is int - 1` is `(x is int) - 1`. Binary operators are therefore read as a flat list
 * and arranged by operator precedence (`arrange` below), which also keeps long chains free of recursion.
 * `!` may repeat, `-` may not (`- -1` and `--1` are errors), and `-` must follow any `!` (`!-1`, not `-!x`).
 *
 * Actions call `options.note` to record facts parser.ts checks later (positions that are not part of the
 * tree, parentheses around an expression), `options.tokenAt` to name the token in an error message and
 * `options.position` to turn peggy's location into a Position.
 */
export const RULES_GRAMMAR = String.raw`
{
  const note = options.note;

  function here() {
    return options.position(location().start);
  }

  // Binding strength of the infix operators and of the postfix "is"; "?" (with its ": alternate") is the
  // loosest and associates to the right, all others to the left.
  const PRECEDENCE = new Map([
    ['?', 1], ['||', 2], ['&&', 3], ['in', 4], ['is', 5], ['==', 6], ['!=', 6],
    ['<', 7], ['<=', 7], ['>', 7], ['>=', 7], ['+', 8], ['-', 8], ['*', 9], ['/', 9], ['%', 9],
  ]);

  // Arranges "first (operation)*" into a tree by operator precedence (shunting-yard, no recursion). Every
  // node sits where its leftmost operand starts.
  function arrange(first, operations) {
    const operands = [first];
    const pending = [];
    const reduce = () => {
      const operation = pending.pop();
      const right = operands.pop();
      const left = operands.pop();
      const node = operation.operator === '?'
        ? { kind: 'conditional', test: left.node, consequent: operation.consequent, alternate: right.node, pos: left.pos }
        : { kind: 'binary', operator: operation.operator, left: left.node, right: right.node, pos: left.pos };
      operands.push({ node, pos: left.pos });
    };
    for (const operation of operations) {
      const precedence = PRECEDENCE.get(operation.operator);
      const waits = (other) => {
        const before = PRECEDENCE.get(other.operator);
        return before > precedence || (before === precedence && operation.operator !== '?');
      };
      while (pending.length > 0 && waits(pending[pending.length - 1])) reduce();
      if (operation.operator === 'is') {
        const operand = operands.pop();
        const node = { kind: 'is', operand: operand.node, type: operation.type, pos: operand.pos };
        note(node, { typeEnd: operation.typeEnd });
        operands.push({ node, pos: operand.pos });
      } else {
        pending.push(operation);
        operands.push(operation.operand);
      }
    }
    while (pending.length > 0) reduce();
    return operands[0].node;
  }

  function codePoint(hex) {
    return String.fromCodePoint(Number.parseInt(hex, 16));
  }

  function utf8(text) {
    return Array.from(new TextEncoder().encode(text));
  }
}

// ---------------------------------------------------------------- file structure

File
  = _ version:Version? _ items:(
      first:TopItem rest:(_ @TopItem)* { return [first, ...rest]; }
      // A malformed rules_version line is reported where it breaks, by the generic syntax error.
      / !TopItemStart !(&{ return version === null; } "rules_version") !UnknownCharacter token:TokenHere {
          const expected = ["'function'", "'import'", "'service'"];
          if (version === null) expected.push("'rules_version'");
          error("mismatched input '" + token + "' expecting {" + expected.join(', ') + '}');
        }
    ) _ { return { version, items }; }

Version
  = pos:Here "rules_version" _ "=" _ value:StringLiteral _ ";"? { return { value: value.value, pos }; }

TopItemStart = ("service" / "function" / "import") !IdentPart

TopItem
  = s:Service { return { service: s }; }
  / f:Function { return { function: f }; }
  / Import

Import
  = pos:Here "import" !IdentPart _ module:StringLiteral _ ";"? { return { import: module.value, pos }; }

Service
  = pos:Here "service" !IdentPart _ namePos:Here name:ServiceName _ "{" _ items:(@ServiceItem _)* close:Here "}" {
      const node = {
        name,
        functions: items.flatMap((i) => i.function ?? []),
        matches: items.flatMap((i) => i.match ?? []),
        pos,
      };
      note(node, { namePos, closePos: close, empty: items.length === 0 });
      return node;
    }

// Letters, digits, dots and hyphens (not "_"), as the official lexer reads a service name.
ServiceName
  = Keyword ![A-Za-z0-9.-] { error("Cannot use keyword as service name."); }
  / $[A-Za-z0-9.-]+

ServiceItem = f:Function { return { function: f }; } / m:Match { return { match: m }; }

Match
  = pos:Here "match" !IdentPart _ path:MatchPath _ "{" _ items:(@MatchItem _)* close:Here "}" {
      const node = {
        path: path.map((s) => s.segment),
        functions: items.flatMap((i) => i.function ?? []),
        allows: items.flatMap((i) => i.allow ?? []),
        matches: items.flatMap((i) => i.match ?? []),
        pos,
      };
      note(node, { segments: path, closePos: close, empty: items.length === 0 });
      return node;
    }

MatchItem = f:Function { return { function: f }; } / a:Allow { return { allow: a }; } / m:Match { return { match: m }; }

// A match path: "/" segments, each keeping the position of its "/". Space may come before a "/" and
// between a "/" and a {variable}, but a name must follow its "/" directly (as the official emulator reads it).
MatchPath = first:MatchPathSegment rest:(_ @MatchPathSegment)* { return [first, ...rest]; }

MatchPathSegment
  = !BlockComment pos:Here "/" segment:(_ @MatchVariable / MatchText) { return { ...segment, pos }; }
  / "/" { error("Forward slash '/' found where identifier or binding expected."); }

MatchVariable
  = "{" _ namePos:Here name:Ident _ glob:("=" _ @$("**" / "*") _)? "}" {
      return { segment: { kind: glob === '**' ? 'wildcard' : 'variable', name }, namePos };
    }

MatchText = text:PathText { return { segment: { kind: 'text', text } }; }

// ---------------------------------------------------------------- allow

Allow
  = pos:Here "allow" !IdentPart _ methods:Methods _ condition:Condition? _ ";"? {
      return { methods, condition: condition ?? null, pos };
    }

Methods
  = first:Ident rest:(_ "," _ @Ident)* (_ DanglingComma)? { return [first, ...rest]; }
  / "" { error("Expected at least one 'operation' after 'allow'."); }

DanglingComma = "," { error("Unexpected ','."); }

Condition
  = ":" _ "if" !IdentPart _ @Expression
  / ":" _ "if" !IdentPart _ MissingCondition
  / ":" _ MissingIf
  / "if" !IdentPart { error("Missing ':' before 'if' condition."); }

MissingCondition = !ExpressionStart { error("Missing conditional expression after 'if'."); }

MissingIf = &ExpressionStart { error("Missing 'if' before conditional expression."); }

// ---------------------------------------------------------------- functions

Function
  = pos:Here "function" !IdentPart _ namePos:Here name:FunctionName _ params:Parameters _ "{" _
    bindings:(@Let _)* "return" !IdentPart _ body:Expression _ ";"? _ "}" {
      const node = { name, params: params.map((p) => p.name), bindings, body, pos };
      note(node, { namePos, params });
      return node;
    }

FunctionName
  = Ident
  / token:TokenHere { error("Unexpected '" + token + "'."); }

Parameters
  = "(" _ first:Parameter rest:(_ "," _ @Parameter)* _ ")" { return [first, ...rest]; }
  / "(" _ ")" { return []; }
  / &"{" { error("Missing 'function' signature"); }

Parameter = pos:Here name:Ident { return { name, pos }; }

Let
  = "let" !IdentPart _ pos:Here name:Ident _ "=" _ value:Expression _ LetEnd { return { name, value, pos }; }

// Only a missing ";" before the next statement is named as such; other junk is an unexpected token.
LetEnd
  = ";"
  / &(("let" / "return") !IdentPart) token:TokenHere { error("missing ';' at '" + token + "'"); }

// ---------------------------------------------------------------- expressions

Expression
  = first:Operand operations:(_ @Operation)* { return arrange(first, operations); }

// An operand with the position where it starts (at its parenthesis, if any).
Operand = pos:Here node:Unary { return { node, pos }; }

Operation
  = operator:InfixOperator _ operand:Operand { return { operator, operand }; }
  / "is" !IdentPart _ type:Word typeEnd:TypeEnd { return { operator: 'is', type, typeEnd }; }
  / "?" _ consequent:Expression _ ":" _ operand:Operand { return { operator: '?', consequent, operand }; }

// "++" and "--" are not operators (the official emulator refuses them); "/" directly followed by a path
// character starts a path literal, never a division.
InfixOperator
  = "||" / "&&" / $("in" !IdentPart) / "==" / "!=" / "<=" / ">=" / "<" / ">"
  / $("+" !"+") / $("-" !"-") / "*" / $("/" !PathSegmentStart) / "%"

// The official emulator reports an unknown type at the token after the type name.
TypeEnd = _ @Here

Unary
  = nots:(@Here "!" _)* negation:(@Here "-" !"-" _)? operand:Postfix {
      let node = operand;
      if (negation !== null) {
        // "-" directly on a number literal is part of it, so -9223372036854775808 is a valid int.
        if ((node.kind === 'int' || node.kind === 'float') && !options.isParenthesized(node)) {
          node = { ...node, value: -node.value, pos: negation };
          note(node, { negatedLiteral: true });
        } else {
          node = { kind: 'unary', operator: '-', operand: node, pos: negation };
        }
      }
      for (let i = nots.length - 1; i >= 0; i--) {
        node = { kind: 'unary', operator: '!', operand: node, pos: nots[i] };
      }
      return node;
    }

Postfix
  = pos:Here head:Primary tail:(_ @PostfixOperation)* {
      let node = head;
      for (const apply of tail) node = apply(node, pos);
      return node;
    }

PostfixOperation
  = "." _ name:Word args:(_ @Arguments)? {
      return (object, pos) => {
        const member = { kind: 'member', object, name, pos };
        return args === null ? member : { kind: 'call', callee: member, args, pos };
      };
    }
  // One rule for x[i] and x[a:b], so the bracket's contents are read once (nested brackets stay linear).
  / "[" _ start:Expression? _ slice:(":" _ end:Expression? _ { return { end }; })? "]"
    &{ return start !== null || slice !== null; } {
      if (slice === null) return (object, pos) => ({ kind: 'index', object, index: start, pos });
      return (object, pos) => ({ kind: 'slice', object, start, end: slice.end, pos });
    }

Arguments
  = "(" _ first:Expression rest:(_ "," _ @Expression)* _ ","? _ ")" { return [first, ...rest]; }
  / "(" _ ")" { return []; }

Primary
  = Parenthesized
  / ListLiteral
  / MapLiteral
  / PathLiteral
  / BytesLiteral
  / StringLiteral
  / FloatLiteral
  / IntLiteral
  / pos:Here "true" !IdentPart { return { kind: 'bool', value: true, pos }; }
  / pos:Here "false" !IdentPart { return { kind: 'bool', value: false, pos }; }
  / pos:Here "null" !IdentPart { return { kind: 'null', pos }; }
  / IdentifierOrCall

Parenthesized
  = pos:Here "(" _ expression:Expression _ ")" {
      note(expression, { parenthesis: pos });
      return expression;
    }

ListLiteral
  = pos:Here "[" _ items:(first:Expression rest:(_ "," _ @Expression)* _ ","? { return [first, ...rest]; })? _ "]" {
      return { kind: 'list', items: items ?? [], pos };
    }

MapLiteral
  = pos:Here "{" _ entries:(first:MapEntry rest:(_ "," _ @MapEntry)* _ ","? { return [first, ...rest]; })? _ "}" {
      return { kind: 'map', entries: entries ?? [], pos };
    }

MapEntry = key:Expression _ ":" _ value:Expression { return { key, value }; }

IdentifierOrCall
  = pos:Here name:Ident args:(_ @Arguments)? {
      const identifier = { kind: 'identifier', name, pos };
      return args === null ? identifier : { kind: 'call', callee: identifier, args, pos };
    }

ExpressionStart = [0-9.'"([{!/-] / ("true" / "false" / "null") !IdentPart / !Keyword IdentStart

// ---------------------------------------------------------------- literals

// Segments may be apart ("/a /b" is "/a/b"), and "$(" may come after a space, but a name must follow its "/".
// A path template for bind() ("/users/{uid}") keeps each variable as the text "{uid}" or "{rest=**}", the
// form path() gives it from a string.
PathLiteral
  = pos:Here first:PathLiteralSegment rest:(_ @PathLiteralSegment)* {
      const segments = [first, ...rest];
      const node = { kind: 'path', segments: segments.map((s) => s.segment), pos };
      note(node, { variables: segments.flatMap((s) => s.variable ?? []) });
      return node;
    }

PathLiteralSegment
  = !BlockComment "/" _ "$(" _ expr:Expression _ ")" { return { segment: { expr } }; }
  / !BlockComment "/" _ "{" _ namePos:Here name:Ident _ glob:("=" _ @$("**" / "*") _)? "}" {
      // (Peggy counts braces in actions, even inside strings: keep them paired.)
      const text = glob === '**' ? '{' + name + '=**}' : '{' + name + '}';
      return { segment: { text }, variable: { name, pos: namePos } };
    }
  / !BlockComment "/" text:PathText { return { segment: { text } }; }
  / "/" &(_ [),\];}]) { error("Forward slash '/' found where identifier or binding expected."); }

PathSegmentStart = "$(" / PathCharacter / "(" / "%"

PathText = $("(" PathCharacters ")" / PathCharacters)

PathCharacters = (PathCharacter / "%" Hex Hex)+

PathCharacter = [A-Za-z0-9_.~@+&'*:-]

IntLiteral
  = pos:Here digits:$Digits { return { kind: 'int', value: BigInt(digits), pos }; }

FloatLiteral
  = pos:Here digits:$(Digits "." [0-9]* / "." [0-9]+) { return { kind: 'float', value: Number(digits), pos }; }

Digits = "0" / [1-9] [0-9]*

StringLiteral
  = pos:Here "'" chars:SingleQuotedCharacter* "'" { return { kind: 'string', value: chars.join(''), pos }; }
  / pos:Here '"' chars:DoubleQuotedCharacter* '"' { return { kind: 'string', value: chars.join(''), pos }; }
  / "'" SingleQuotedCharacter* StringBreak UnclosedSingleQuote
  / '"' DoubleQuotedCharacter* StringBreak UnclosedDoubleQuote

// Where an unclosed string stops: after a line break or an unknown escape's backslash, or at the end.
StringBreak = "\\" / "\r"? "\n" / !.

UnclosedSingleQuote = "" { error("Missing a closing '"); }

UnclosedDoubleQuote = "" { error('Missing a closing "'); }

SingleQuotedCharacter
  = !("'" / "\\" / [\n\r]) @.
  / "\\" @StringEscape

DoubleQuotedCharacter
  = !('"' / "\\" / [\n\r]) @.
  / "\\" @StringEscape

StringEscape
  = SimpleEscape
  / "u" hex:$(Hex Hex Hex Hex) { return codePoint(hex); }
  / "x" hex:$(Hex Hex) { return codePoint(hex); }
  / octal:$([0-3] [0-7] [0-7]) { return String.fromCharCode(Number.parseInt(octal, 8)); }

SimpleEscape
  = "n" { return '\n'; }
  / "t" { return '\t'; }
  / "r" { return '\r'; }
  / "b" { return '\b'; }
  / "f" { return '\f'; }
  / "\\"
  / "'"
  / '"'

// Characters become their UTF-8 bytes, \xHH and octal escapes one byte each; \u (null here) is refused in
// parser.ts with the literal's text.
BytesLiteral
  = pos:Here [bB] parts:("'" @SingleQuotedByte* "'" / '"' @DoubleQuotedByte* '"') {
      const invalid = parts.includes(null);
      const node = { kind: 'bytes', value: new Uint8Array(invalid ? [] : parts.flat()), pos };
      if (invalid) note(node, { invalidBytes: text() });
      return node;
    }

SingleQuotedByte
  = !("'" / "\\" / [\n\r]) c:. { return utf8(c); }
  / "\\" @BytesEscape

DoubleQuotedByte
  = !('"' / "\\" / [\n\r]) c:. { return utf8(c); }
  / "\\" @BytesEscape

BytesEscape
  = c:SimpleEscape { return utf8(c); }
  / "u" Hex Hex Hex Hex { return null; }
  / "x" hex:$(Hex Hex) { return [Number.parseInt(hex, 16)]; }
  / octal:$([0-3] [0-7] [0-7]) { return [Number.parseInt(octal, 8)]; }

Hex = [0-9a-fA-F]

// ---------------------------------------------------------------- words, space, comments

Ident = !Keyword @Word

Word = $(IdentStart IdentPart*)

IdentStart = [A-Za-z_$]

IdentPart = [A-Za-z0-9_$]

Keyword
  = ("allow" / "else" / "false" / "function" / "if" / "import" / "in" / "is" / "let" / "match" / "null"
    / "return" / "rules_version" / "service" / "true") !IdentPart

// A character no token starts with (left to the generic "token recognition error").
UnknownCharacter = [^\x20-\x7e\t\r\n]

Here = "" { return here(); }

TokenHere = "" { return options.tokenAt(offset()); }

_ "whitespace" = ([ \t\r\n]+ / LineComment / BlockComment)*

LineComment = "//" [^\n]*

// "/*" starts a comment only when a "*/" closes it somewhere; otherwise it is a path segment "*" (the
// official emulator's lexer takes the longest token). The check is a precomputed lookup, so an unclosed
// "/*" costs nothing however often spaces are skipped before it.
BlockComment = "/*" &{ return options.commentCloses(offset()); } (!"*/" .)* "*/"
`;
