import { describe, expect, it } from 'vitest';
import { badSquareTrace } from '../../trace/test/fixtures/custom-traces.ts';
import { gradcheckOf, jacobianPairView } from '../jacobian-heatmap.ts';

const pair = gradcheckOf(badSquareTrace(), 1)!.jacobians[0]!;

describe('gradcheck heatmaps', () => {
  it('name the pair as gradcheck does', () => {
    expect(jacobianPairView(pair).label).toBe('output 0 with respect to input 0');
  });

  it('lay each Jacobian out as rows of input elements by columns of output elements', () => {
    const view = jacobianPairView(pair);
    expect([view.analytical.rows, view.analytical.columns]).toEqual([3, 3]);
    const diagonal = (cells: typeof view.analytical.cells) => cells.filter((cell) => cell.row === cell.column).map((cell) => cell.value);
    expect(diagonal(view.analytical.cells)).toEqual([1, 2, 3]);
    expect(diagonal(view.numerical.cells)).toEqual([2, 4, 6]);
  });

  it('flag exactly the mismatching entries, in both grids', () => {
    const view = jacobianPairView(pair);
    const flagged = (cells: typeof view.analytical.cells) => cells.filter((cell) => cell.isMismatch).map((cell) => [cell.row, cell.column]);
    expect(flagged(view.analytical.cells)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(flagged(view.numerical.cells)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(view.mismatchCount).toBe(3);
  });

  it('colour both grids on one scale, so equal numbers look equal', () => {
    const view = jacobianPairView(pair);
    const level = (cells: typeof view.analytical.cells, row: number) => cells.find((cell) => cell.row === row && cell.column === row)!.level;
    expect(level(view.analytical.cells, 1)).toBe(level(view.numerical.cells, 0)); // both are 2
    expect(level(view.numerical.cells, 2)).toBe(1);
    expect(view.analytical.cells.find((cell) => cell.value === 0)!.level).toBe(0);
  });
});
