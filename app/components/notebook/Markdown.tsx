import { createElement, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from '../../core/notebook/markdown.ts';

/**
 * Renders markdown as React elements built from the parsed tree (markdown.ts, over `marked`): text
 * is always a text node, so nothing a cell contains can become markup, an event handler or a script.
 */
export function Markdown({ source }: { readonly source: string }) {
  return <>{parseMarkdown(source).map(renderBlock)}</>;
}

function renderInlines(inlines: readonly Inline[]): ReactNode[] {
  return inlines.map(renderInline);
}

function renderInline(inline: Inline, key: number): ReactNode {
  switch (inline.type) {
    case 'text':
      return inline.text;
    case 'code':
      return <code key={key}>{inline.text}</code>;
    case 'math':
      return (
        <span key={key} className="md-math">
          {inline.text}
        </span>
      );
    case 'strong':
      return <strong key={key}>{renderInlines(inline.children)}</strong>;
    case 'em':
      return <em key={key}>{renderInlines(inline.children)}</em>;
    case 'del':
      return <del key={key}>{renderInlines(inline.children)}</del>;
    case 'break':
      return <br key={key} />;
    case 'link': {
      const isInPage = inline.href.startsWith('#');
      return (
        <a key={key} href={inline.href} {...(isInPage ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
          {renderInlines(inline.children)}
        </a>
      );
    }
  }
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading':
      return createElement(`h${block.level}`, { key }, ...renderInlines(block.children));
    case 'paragraph':
      return <p key={key}>{renderInlines(block.children)}</p>;
    case 'plain':
      return <span key={key}>{renderInlines(block.children)}</span>;
    case 'code':
      return (
        <pre key={key} data-language={block.language || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'math':
      return (
        <div key={key} className="md-math md-math--display">
          {block.text}
        </div>
      );
    case 'list': {
      const items = block.items.map((item, index) => (
        <li key={index}>{item.length === 1 && item[0].type === 'plain' ? renderInlines(item[0].children) : item.map(renderBlock)}</li>
      ));
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>;
    case 'table':
      return (
        <table key={key}>
          <thead>
            <tr>
              {block.header.map((cell, i) => (
                <th key={i}>{renderInlines(cell)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i}>{renderInlines(cell)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'rule':
      return <hr key={key} />;
  }
}
