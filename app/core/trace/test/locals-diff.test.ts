import { describe, expect, it } from 'vitest';
import { customFrames } from '../frames.ts';
import { diffLocals } from '../locals-diff.ts';
import { myReluTrace } from './fixtures/custom-traces.ts';

const backward = customFrames(myReluTrace()).get(2)!;
const rowsAt = (index: number) => diffLocals(backward.substeps[index - 1]?.locals, backward.substeps[index]!.locals);
const changes = (index: number) => Object.fromEntries(rowsAt(index).map((row) => [row.name, row.change]));

describe('locals between lines', () => {
  it('marks nothing on the first line of a frame', () => {
    expect(changes(0)).toEqual({ ctx: 'same', grad_output: 'same' });
  });

  it('marks a name bound by the previous line as new', () => {
    expect(changes(1)).toEqual({ ctx: 'same', grad_output: 'same', input: 'new' });
    expect(changes(2).grad_input).toBe('new');
  });

  it('marks a tensor changed in place (same id, new values) as changed', () => {
    expect(changes(3)).toEqual({ ctx: 'same', grad_output: 'same', input: 'same', grad_input: 'changed' });
  });

  it('keeps the trace’s order of locals', () => {
    expect(rowsAt(3).map((row) => row.name)).toEqual(['ctx', 'grad_output', 'input', 'grad_input']);
  });
});
