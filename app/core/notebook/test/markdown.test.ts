import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../components/notebook/Markdown.tsx';
import { parseInline, parseMarkdown, safeHref } from '../markdown.ts';

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('markdown cells render the subset people write', () => {
  it('turns headings, emphasis, code and links into elements', () => {
    const html = render('# Chain rule\n\nThe **gradient** of *w* is `x.grad`, see [the docs](https://pytorch.org/docs).');
    expect(html).toBe(
      '<h1>Chain rule</h1><p>The <strong>gradient</strong> of <em>w</em> is <code>x.grad</code>, see <a href="https://pytorch.org/docs" target="_blank" rel="noopener noreferrer">the docs</a>.</p>',
    );
  });

  it('renders bullet and numbered lists, quotes, rules and fenced code', () => {
    const html = render('- one\n- two\n  continued\n\n3. three\n4. four\n\n> a quote\n\n---\n\n```python\nx * 2\n```');
    expect(html).toBe(
      '<ul><li>one</li><li>two\ncontinued</li></ul><ol start="3"><li>three</li><li>four</li></ol><blockquote><p>a quote</p></blockquote><hr/><pre data-language="python"><code>x * 2</code></pre>',
    );
  });

  it('keeps inline and display math as text', () => {
    expect(render('Here $\\frac{dw}{dx} = 2/3$ holds.\n\n$$\nw = \\mathrm{mean}(2x + 3)\n$$')).toBe(
      '<p>Here <span class="md-math">\\frac{dw}{dx} = 2/3</span> holds.</p><div class="md-math md-math--display">w = \\mathrm{mean}(2x + 3)</div>',
    );
  });

  it('leaves underscores inside names alone', () => {
    expect(parseInline('call retain_graph=True and create_graph')).toEqual([{ type: 'text', text: 'call retain_graph=True and create_graph' }]);
    expect(parseInline('_this_ is emphasis')[0]).toEqual({ type: 'em', children: [{ type: 'text', text: 'this' }] });
  });

  it('reads a backslash-escaped marker as the character itself', () => {
    expect(parseInline('2 \\* 3')).toEqual([{ type: 'text', text: '2 * 3' }]);
  });
});

describe('markdown cells never run what they contain', () => {
  it('shows raw HTML inline as the characters typed, and images as their words', () => {
    expect(render('a <b onmouseover="x()">bold</b> word ![cat](https://evil.example/cat.png)')).toBe(
      '<p>a &lt;b onmouseover=&quot;x()&quot;&gt;bold&lt;/b&gt; word cat</p>',
    );
  });

  it('renders a GFM table with its cells as text', () => {
    expect(render('| op | grad |\n|---|---|\n| mul | `2` |')).toBe(
      '<table><thead><tr><th>op</th><th>grad</th></tr></thead><tbody><tr><td>mul</td><td><code>2</code></td></tr></tbody></table>',
    );
  });

  it('shows an <img onerror> as text, not an image', () => {
    const html = render('<img src=x onerror="alert(1)">');
    expect(html).not.toContain('<img');
    expect(html).toBe('<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>');
  });

  it('shows a <script> block as text', () => {
    const html = render('<script>alert(1)</script>\n\n<div onclick="x()">hi</div>');
    expect(html).not.toMatch(/<script|<div/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drops javascript:, data: and vbscript: links but keeps their words', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox',
    ]) {
      const html = render(`[click me](${href})`);
      // Either no link at all (CommonMark refuses a tab inside an address) or just its words.
      expect(html, href).not.toContain('<a');
      expect(html, href).toMatch(/^<p>(click me|\[click me\]\(.*\))<\/p>$/s);
    }
  });

  it('keeps http, https, mailto, in-page and relative links', () => {
    expect(safeHref('https://example.com/a?b=c')).toBe('https://example.com/a?b=c');
    expect(safeHref('http://example.com')).toBe('http://example.com');
    expect(safeHref('mailto:me@example.com')).toBe('mailto:me@example.com');
    expect(safeHref('#cell-2')).toBe('#cell-2');
    expect(safeHref('examples/seed.json')).toBe('examples/seed.json');
    expect(safeHref('a/b:c')).toBe('a/b:c');
  });

  it('does not let a link label carry markup either', () => {
    expect(render('[<b>bold</b>](https://example.com)')).toBe(
      '<p><a href="https://example.com" target="_blank" rel="noopener noreferrer">&lt;b&gt;bold&lt;/b&gt;</a></p>',
    );
  });

  it('parses any text without throwing', () => {
    for (const source of ['', '*', '**', '[', '[a](', '`', '$', '$$', '```', '> ', '- ', '1. ', '#', '\\', '_a_b_', '***a***']) {
      expect(() => parseMarkdown(source)).not.toThrow();
    }
  });
});
