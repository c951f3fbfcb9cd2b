/**
 * Markdown cells: the `marked` library parses (CommonMark + GFM tables), then its tokens become a
 * small tree of the elements prose needs, which Markdown.tsx turns into React elements. That
 * conversion is the sanitizer, by allowlist: there is no HTML path at all. Raw HTML in a cell is
 * shown as text, images as their alt text, and a link only becomes a link when its address is
 * http(s), mailto, in-page or relative. `$…$` and `$$…$$` math is kept as text (no TeX renderer).
 */
import { Marked, type Token, type TokenizerExtension, type Tokens } from 'marked';

export type Inline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'math'; readonly text: string }
  | { readonly type: 'strong' | 'em' | 'del'; readonly children: readonly Inline[] }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly Inline[] }
  | { readonly type: 'break' };

export type Block =
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3 | 4 | 5 | 6; readonly children: readonly Inline[] }
  | { readonly type: 'paragraph'; readonly children: readonly Inline[] }
  /** A tight list item's text: inline content without a paragraph around it. */
  | { readonly type: 'plain'; readonly children: readonly Inline[] }
  | { readonly type: 'code'; readonly language: string; readonly text: string }
  | { readonly type: 'math'; readonly text: string }
  | { readonly type: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly Block[])[] }
  | { readonly type: 'quote'; readonly children: readonly Block[] }
  | { readonly type: 'table'; readonly header: readonly (readonly Inline[])[]; readonly rows: readonly (readonly (readonly Inline[])[])[] }
  | { readonly type: 'rule' };

const SAFE_SCHEME = /^(https?:|mailto:)/i;

/**
 * The address if it is safe to follow, else null. Browsers ignore control characters and spaces
 * inside a scheme (`java\tscript:`), so they are removed before the scheme is read.
 */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  // eslint-disable-next-line no-control-regex
  const squashed = href.replace(/[\u0000-\u0020\u007f]/g, '');
  if (href === '' || squashed === '') return null;
  if (SAFE_SCHEME.test(squashed)) return href;
  // No scheme at all: an in-page anchor or a relative path (a colon before any / ? # would be a scheme).
  const firstDelimiter = squashed.search(/[/?#]/);
  const colon = squashed.indexOf(':');
  if (colon === -1 || (firstDelimiter !== -1 && colon > firstDelimiter)) return href;
  return null;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text as the reader sees it: marked keeps entities (and escapes code spans), React escapes again. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

interface MathToken {
  readonly type: 'inlineMath' | 'blockMath';
  readonly raw: string;
  readonly text: string;
}

// `$x$` needs a non-space after the opening `$` and before the closing one, so prices ("$5 and $6")
// stay text, as in most notebook renderers.
const inlineMath: TokenizerExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => src.indexOf('$'),
  tokenizer(src): MathToken | undefined {
    const match = /^\$(?!\$)((?:\\.|[^\\$\n])*?[^\s\\$])\$(?!\d)/.exec(src);
    return match ? { type: 'inlineMath', raw: match[0], text: match[1] } : undefined;
  },
};

const blockMath: TokenizerExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => src.indexOf('$$'),
  tokenizer(src): MathToken | undefined {
    const match = /^\$\$([\s\S]+?)\$\$[^\S\n]*(?:\n|$)/.exec(src);
    return match ? { type: 'blockMath', raw: match[0], text: match[1].trim() } : undefined;
  },
};

const markdown = new Marked({ gfm: true, extensions: [inlineMath, blockMath] });

function inlines(tokens: readonly Token[] | undefined): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens ?? []) {
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'text':
        if (t.tokens && t.tokens.length > 0) out.push(...inlines(t.tokens));
        else out.push({ type: 'text', text: decodeEntities(t.text) });
        break;
      case 'escape':
        out.push({ type: 'text', text: decodeEntities(t.text) });
        break;
      case 'codespan':
        out.push({ type: 'code', text: decodeEntities(t.text) });
        break;
      case 'inlineMath':
        out.push({ type: 'math', text: t.text });
        break;
      case 'strong':
      case 'em':
      case 'del':
        out.push({ type: t.type, children: inlines(t.tokens) });
        break;
      case 'link': {
        const href = safeHref(t.href);
        if (href === null) out.push(...inlines(t.tokens));
        else out.push({ type: 'link', href, children: inlines(t.tokens) });
        break;
      }
      case 'image':
        // Pictures from cell text would be requests to anywhere; their words stay.
        out.push({ type: 'text', text: decodeEntities(t.text) });
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      default:
        // Raw HTML and anything unknown: the characters themselves, never markup.
        out.push({ type: 'text', text: t.raw });
    }
  }
  return mergeText(out);
}

/** Adjacent text runs as one (raw HTML tags arrive as separate tokens). */
function mergeText(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const item of list) {
    const last = out.at(-1);
    if (item.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + item.text };
    else out.push(item);
  }
  return out;
}

function blocks(tokens: readonly Token[], tight = false): Block[] {
  const out: Block[] = [];
  for (const token of tokens) {
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'heading':
        out.push({ type: 'heading', level: Math.min(6, Math.max(1, t.depth)) as 1 | 2 | 3 | 4 | 5 | 6, children: inlines(t.tokens) });
        break;
      case 'paragraph':
        out.push({ type: tight ? 'plain' : 'paragraph', children: inlines(t.tokens) });
        break;
      case 'text':
        out.push({ type: tight ? 'plain' : 'paragraph', children: inlines(t.tokens ?? [t]) });
        break;
      case 'code':
        out.push({ type: 'code', language: String(t.lang ?? '').split(/\s/)[0], text: t.text });
        break;
      case 'blockMath':
        out.push({ type: 'math', text: t.text });
        break;
      case 'blockquote':
        out.push({ type: 'quote', children: blocks(t.tokens ?? []) });
        break;
      case 'list': {
        const list = t as Tokens.List;
        out.push({
          type: 'list',
          ordered: list.ordered,
          start: typeof list.start === 'number' ? list.start : 1,
          items: list.items.map((item) => blocks(item.tokens, !item.loose)),
        });
        break;
      }
      case 'table': {
        const table = t as Tokens.Table;
        out.push({
          type: 'table',
          header: table.header.map((cell) => inlines(cell.tokens)),
          rows: table.rows.map((row) => row.map((cell) => inlines(cell.tokens))),
        });
        break;
      }
      case 'hr':
        out.push({ type: 'rule' });
        break;
      case 'space':
      case 'def':
        break;
      default:
        // Raw HTML blocks and anything unknown: shown as the text that was typed.
        if (t.raw.trim() !== '') out.push({ type: 'paragraph', children: [{ type: 'text', text: t.raw.trim() }] });
    }
  }
  return out;
}

export function parseMarkdown(source: string): Block[] {
  return blocks(markdown.lexer(source));
}

/** One line of inline markdown (a heading's or a link's text). */
export function parseInline(text: string): Inline[] {
  return inlines(markdown.Lexer.lexInline(text, markdown.defaults));
}
