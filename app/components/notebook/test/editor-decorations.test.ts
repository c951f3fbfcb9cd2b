import { describe, expect, it } from 'vitest';
import { backwardErrorDecorations, breakpointDecorations, replayLineDecorations } from '../editor-decorations.ts';

const lineAndClass = (decorations: ReturnType<typeof replayLineDecorations>) =>
  decorations.map(({ range, options }) => `${range.startLineNumber} ${options.className ?? options.glyphMarginClassName}`);

describe('what a cell editor marks on its lines', () => {
  it('lights the step line, and the selected node’s line only when it is another line', () => {
    expect(lineAndClass(replayLineDecorations(3, 5))).toEqual(['5 cell-editor__selected-line', '3 cell-editor__step-line']);
    expect(lineAndClass(replayLineDecorations(3, 3))).toEqual(['3 cell-editor__step-line']);
    expect(replayLineDecorations(undefined, undefined)).toEqual([]);
  });

  it('puts a breakpoint slot on every recorded line and a dot where Play stops', () => {
    expect(lineAndClass(breakpointDecorations(new Set([12, 14]), [14]))).toEqual(['12 cell-editor__breakpoint-slot', '14 cell-editor__breakpoint']);
    expect(breakpointDecorations(new Set(), [14])).toEqual([]);
  });

  it('marks an anomaly apart from a wrong backward, with PyTorch’s message on hover', () => {
    const decorations = backwardErrorDecorations([
      {
        nodeId: 1,
        seq: 9,
        ename: 'RuntimeError',
        message: "Function 'SqrtBackward0' returned nan values in its 0th output.",
        anomaly: true,
        loc: { cell: 'cell-1', line: 4 },
      },
    ]);
    expect(lineAndClass(decorations)).toEqual(['4 cell-editor__anomaly-line']);
    expect(decorations[0]!.options.hoverMessage).toEqual({ value: "Function 'SqrtBackward0' returned nan values in its 0th output." });
  });
});
