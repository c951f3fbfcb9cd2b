import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileCell } from '../notebook-cells.ts';
import { ipynbText } from '../notebook-ipynb.ts';

// Jupyter's own schema (draft-04), so "opens in Jupyter" is checked by Jupyter's rules, not ours.
const schema = JSON.parse(readFileSync(new URL('./fixtures/nbformat.v4.5.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const expectValid = (text: string): void => {
  const ok = validate(JSON.parse(text));
  expect(validate.errors ?? [], text).toEqual([]);
  expect(ok).toBe(true);
};

describe('exported .ipynb files against nbformat 4.5’s official schema', () => {
  it('validate with prose, code, printed output, an error and an empty cell', () => {
    const cells: FileCell[] = [
      { kind: 'markdown', source: '# Chain rule\n\n`w.backward()` fills `x.grad`.' },
      { kind: 'code', source: 'print(1)', outputs: [{ kind: 'stream', stream: 'stdout', text: '1\n' }] },
      {
        kind: 'code',
        source: 'y.backward()',
        outputs: [
          {
            kind: 'error',
            error: {
              ename: 'RuntimeError',
              evalue: 'grad can be implicitly created only for scalar outputs',
              traceback: 'Traceback (most recent call last):\n  File "cell 3", line 1',
            },
          },
        ],
      },
      { kind: 'code', source: '' },
    ];
    expectValid(ipynbText(cells));
  });

  it('would catch a notebook Jupyter refuses (a code cell without outputs)', () => {
    const nb = JSON.parse(ipynbText([{ kind: 'code', source: 'x = 1' }])) as { cells: Record<string, unknown>[] };
    delete nb.cells[0].outputs;
    expect(validate(nb)).toBe(false);
  });

  it('validate for any cells a notebook can hold', () => {
    const cell = fc.record({ kind: fc.constantFrom('code' as const, 'markdown' as const), source: fc.string({ unit: 'grapheme', maxLength: 80 }) });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 6 }), (cells) => expectValid(ipynbText(cells))),
      { numRuns: 100 },
    );
  });
});
