import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { nbformatNotebookSchema } from '../nbformat-schema.ts';
import type { FileCell } from '../notebook-cells.ts';
import { ipynbText, ipynbToNotebook, notebookToIpynb } from '../notebook-ipynb.ts';
import { notebookToPy, pyToNotebook } from '../notebook-py.ts';

const CELLS: FileCell[] = [
  { kind: 'markdown', source: '# Fan-out\n\nA tensor used twice gets **two** gradients, summed.' },
  { kind: 'code', source: 'import torch\nx = torch.ones(3, requires_grad=True)\n\ny = x * x  # blank line above stays\ny.sum().backward()' },
  { kind: 'code', source: 'print(x.grad)' },
];

const jupyterFile = readFileSync(new URL('./fixtures/jupyter-nbformat.ipynb', import.meta.url), 'utf8');

describe('.py notebooks', () => {
  it('are written in the percent format with markdown commented out', () => {
    expect(notebookToPy(CELLS)).toBe(
      '# %% [markdown]\n# # Fan-out\n#\n# A tensor used twice gets **two** gradients, summed.\n\n' +
        '# %%\nimport torch\nx = torch.ones(3, requires_grad=True)\n\ny = x * x  # blank line above stays\ny.sum().backward()\n\n' +
        '# %%\nprint(x.grad)\n',
    );
  });

  it('round-trip cells, kinds and inner blank lines', () => {
    expect(pyToNotebook(notebookToPy(CELLS))).toEqual({ ok: true, cells: CELLS });
  });

  it('keep a prose line that starts with %% as prose, not a new cell', () => {
    const cells: FileCell[] = [
      { kind: 'markdown', source: '%%' },
      { kind: 'markdown', source: '%% timeit\n\\%% literally' },
      { kind: 'code', source: 'x = 1' },
    ];
    expect(pyToNotebook(notebookToPy(cells))).toEqual({ ok: true, cells });
  });

  it('round-trip any cells without blank edges', () => {
    const line = fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n') && !s.includes('\r') && !/^# ?%%/.test(s) && !/^#/.test(s));
    const source = fc
      .array(line, { minLength: 1, maxLength: 5 })
      .map((lines) => lines.join('\n'))
      .filter((s) => s.trim() !== '' && s.split('\n')[0]!.trim() !== '' && s.split('\n').at(-1)!.trim() !== '');
    const cell = fc.record({ kind: fc.constantFrom('code' as const, 'markdown' as const), source });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        expect(pyToNotebook(notebookToPy(cells))).toEqual({ ok: true, cells });
      }),
    );
  });

  it('read a plain script as one code cell, and VS Code’s `# %%` titles as cell starts', () => {
    expect(pyToNotebook('import torch\nprint(1)\n')).toEqual({ ok: true, cells: [{ kind: 'code', source: 'import torch\nprint(1)' }] });
    expect(pyToNotebook('import torch\n\n# %% Train\nx = 1\n# %% [md]\n# Done')).toEqual({
      ok: true,
      cells: [
        { kind: 'code', source: 'import torch' },
        { kind: 'code', source: 'x = 1' },
        { kind: 'markdown', source: 'Done' },
      ],
    });
  });
});

describe('.ipynb notebooks', () => {
  it('are written as nbformat 4.5 that passes the nbformat 4 schema', () => {
    const nb = JSON.parse(ipynbText(CELLS)) as unknown;
    expect(v.safeParse(nbformatNotebookSchema, nb).success).toBe(true);
    expect(nb).toMatchObject({
      nbformat: 4,
      nbformat_minor: 5,
      cells: [{ cell_type: 'markdown', id: 'cell-1' }, { cell_type: 'code', execution_count: null, outputs: [] }, {}],
    });
  });

  it('keep the last printed output of a code cell', () => {
    const nb = notebookToIpynb([{ kind: 'code', source: 'print(1)', outputs: [{ kind: 'stream', stream: 'stdout', text: '1\n' }] }]);
    expect(nb.cells[0]).toMatchObject({ outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }] });
  });

  it('round-trip cells and kinds', () => {
    expect(ipynbToNotebook(ipynbText(CELLS))).toEqual({ ok: true, cells: CELLS });
  });

  it('read a notebook written by Jupyter’s nbformat, raw cells as prose', () => {
    const result = ipynbToNotebook(jupyterFile);
    if (!result.ok) throw new Error(result.message);
    expect(result.cells.map((c) => c.kind)).toEqual(['markdown', 'code', 'markdown', 'code']);
    expect(result.cells[1]!.source).toBe(
      'import torch\nx = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nw = (x * 2 + 3).mean()\nw.backward()\nprint(x.grad)',
    );
    expect(result.cells[3]!.source).toBe('');
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['nbformat 3', JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [] }), /not an nbformat 4 notebook/],
    [
      'a cell of unknown type',
      JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'sql', metadata: {}, source: '' }] }),
      /cells\[0\]/,
    ],
    [
      'a 4.5 cell without id',
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', metadata: {}, source: '' }] }),
      /need an id/,
    ],
    [
      'a code cell without outputs',
      JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: 'code', metadata: {}, source: '', execution_count: null }] }),
      /outputs/,
    ],
  ])('refuse %s, saying why', (_what, text, message) => {
    const result = ipynbToNotebook(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
