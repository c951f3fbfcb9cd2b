/**
 * What a cell's editor marks on its lines, as plain data: the line that raised, the replay's step
 * and selected lines, breakpoint dots, the line of the custom frame being stepped through and the
 * lines a backward error points at. CellEditor draws them all as one decoration collection.
 */
import type * as monaco from 'monaco-editor/editor/editor.api.js';
import type { ErrorMark } from '../../core/trace/error-marks.ts';

export type LineDecoration = monaco.editor.IModelDeltaDecoration;

const onLine = (line: number, options: monaco.editor.IModelDecorationOptions): LineDecoration => ({
  range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 },
  options,
});

/** The line where the cell's last run raised, until the next run. */
export function errorLineDecorations(errorLine: number | undefined): LineDecoration[] {
  if (errorLine === undefined) return [];
  return [onLine(errorLine, { isWholeLine: true, className: 'cell-editor__error-line', linesDecorationsClassName: 'cell-editor__error-gutter' })];
}

/** The timeline's current line, and the selected graph node's line when it is another one. */
export function replayLineDecorations(stepLine: number | undefined, selectedLine: number | undefined): LineDecoration[] {
  const decorations: LineDecoration[] = [];
  if (selectedLine !== undefined && selectedLine !== stepLine) {
    decorations.push(onLine(selectedLine, { isWholeLine: true, className: 'cell-editor__selected-line', lineNumberClassName: 'cell-editor__selected-number' }));
  }
  if (stepLine !== undefined) {
    decorations.push(onLine(stepLine, { isWholeLine: true, className: 'cell-editor__step-line', lineNumberClassName: 'cell-editor__step-number' }));
  }
  return decorations;
}

/** A slot on every line that ran inside a recorded custom frame; a dot where Play stops. */
export function breakpointDecorations(recordedLines: ReadonlySet<number>, breakpointLines: readonly number[]): LineDecoration[] {
  const breakpoints = new Set(breakpointLines);
  return [...recordedLines].map((line) =>
    onLine(
      line,
      breakpoints.has(line)
        ? { glyphMarginClassName: 'cell-editor__breakpoint', glyphMarginHoverMessage: { value: 'Breakpoint: Play stops here (click to remove)' } }
        : { glyphMarginClassName: 'cell-editor__breakpoint-slot', glyphMarginHoverMessage: { value: 'Click to stop Play on this line' } },
    ),
  );
}

/** The line of the custom frame being stepped through, in its own colour (another for its return). */
export function frameLineDecorations(frameLine: number | undefined, isReturn: boolean): LineDecoration[] {
  if (frameLine === undefined) return [];
  return [
    onLine(frameLine, {
      isWholeLine: true,
      className: isReturn ? 'cell-editor__frame-line cell-editor__frame-line--return' : 'cell-editor__frame-line',
      lineNumberClassName: 'cell-editor__frame-number',
    }),
  ];
}

/** Backward errors: the user's return line, or (anomaly) the forward line that made the node. */
export function backwardErrorDecorations(errorMarks: readonly ErrorMark[]): LineDecoration[] {
  return errorMarks.flatMap((mark) =>
    mark.loc
      ? [
          onLine(mark.loc.line, {
            isWholeLine: true,
            className: mark.anomaly ? 'cell-editor__anomaly-line' : 'cell-editor__backward-error-line',
            linesDecorationsClassName: 'cell-editor__error-gutter',
            hoverMessage: { value: mark.message },
          }),
        ]
      : [],
  );
}
