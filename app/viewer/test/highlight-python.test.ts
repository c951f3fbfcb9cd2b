import { describe, expect, it } from 'vitest';
import { highlightPython } from '../highlight-python.ts';

const kinds = (source: string) =>
  highlightPython(source)
    .filter((t) => t.kind !== 'text')
    .map((t) => [t.kind, t.text]);

describe('highlightPython', () => {
  it('keeps every character of the source, in order', () => {
    const source = "import torch\nx = torch.ones(3, requires_grad=True)  # leaf\ny = (x * 2.5e-1).sum()\nprint(f\"{y!r}\", 'a\\'b')\n";
    expect(
      highlightPython(source)
        .map((t) => t.text)
        .join(''),
    ).toBe(source);
  });

  it('colours keywords, builtins, numbers, strings, comments and decorators', () => {
    expect(kinds('@staticmethod\ndef f(x):\n    return x * 2  # double\nprint("hi", 0x1F, 1e-3)')).toEqual([
      ['decorator', '@staticmethod'],
      ['keyword', 'def'],
      ['keyword', 'return'],
      ['number', '2'],
      ['comment', '# double'],
      ['builtin', 'print'],
      ['string', '"hi"'],
      ['number', '0x1F'],
      ['number', '1e-3'],
    ]);
  });

  it('reads a triple-quoted string across lines and a # inside a string as part of it', () => {
    expect(kinds('s = """a\n# not a comment\nb"""\nt = "#x"')).toEqual([
      ['string', '"""a\n# not a comment\nb"""'],
      ['string', '"#x"'],
    ]);
  });

  it('does not take names with digits, or keywords inside names, for numbers or keywords', () => {
    expect(kinds('x2 = fc1(iffy)\nfor_ = 1')).toEqual([['number', '1']]);
  });
});
