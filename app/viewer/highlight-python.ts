/**
 * Python source split into coloured tokens for the read-only viewer, where Monaco (megabytes) has no
 * place. Line-based and forgiving: it only colours, so a token it misreads costs a colour, never text.
 */
export type TokenKind = 'keyword' | 'builtin' | 'string' | 'comment' | 'number' | 'decorator' | 'text';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case'.split(
    ' ',
  ),
);
const BUILTINS = new Set('print range len enumerate zip list dict tuple set int float str bool abs min max sum sorted isinstance super type'.split(' '));

// One alternative per kind, tried left to right at each position; `text` takes whatever is left.
const TOKEN = new RegExp(
  [
    /(?<comment>#.*)/.source,
    // Triple-quoted strings may span lines: highlight() feeds the whole source, not one line.
    /(?<string>[rRbBfFuU]{0,2}(?:"""[\s\S]*?(?:"""|$(?![\s\S]))|'''[\s\S]*?(?:'''|$(?![\s\S]))|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?))/.source,
    /(?<decorator>@[A-Za-z_][\w.]*)/.source,
    /(?<number>\b(?:0[xX][\da-fA-F_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?j?)\b)/.source,
    /(?<word>[A-Za-z_]\w*)/.source,
  ].join('|'),
  'g',
);

export function highlightPython(source: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    if (!text) return;
    const last = tokens.at(-1);
    if (last && last.kind === kind) tokens[tokens.length - 1] = { kind, text: last.text + text };
    else tokens.push({ kind, text });
  };
  let at = 0;
  for (const match of source.matchAll(TOKEN)) {
    push('text', source.slice(at, match.index));
    const groups = match.groups!;
    const text = match[0];
    if (groups.comment !== undefined) push('comment', text);
    else if (groups.string !== undefined) push('string', text);
    else if (groups.decorator !== undefined) push('decorator', text);
    else if (groups.number !== undefined) push('number', text);
    else push(KEYWORDS.has(text) ? 'keyword' : BUILTINS.has(text) ? 'builtin' : 'text', text);
    at = match.index + text.length;
  }
  push('text', source.slice(at));
  return tokens;
}
