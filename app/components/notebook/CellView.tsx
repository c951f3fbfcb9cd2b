import { selectCell, selectCellIndex, selectActiveCellId } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import { useCellLines } from '../timeline/use-cell-lines.ts';
import { CellEditor } from './CellEditor.tsx';
import { CellOutput } from './CellOutput.tsx';
import { CommandButton } from '../commands/CommandButton.tsx';
import { ArrowDownIcon, ArrowUpIcon, CodeIcon, MarkdownIcon, PlayIcon, TrashIcon } from './icons.tsx';
import { MarkdownCell } from './MarkdownCell.tsx';
import './markdown.css';

function executionLabel(runState: string, executionCount: number | null): string {
  if (runState === 'running') return '[*]';
  if (runState === 'queued') return '[…]';
  return executionCount === null ? '[ ]' : `[${executionCount}]`;
}

export function CellView({ cellId }: { readonly cellId: string }) {
  const cell = useNotebook((state) => selectCell(state, cellId));
  const cellNumber = useNotebook((state) => selectCellIndex(state, cellId)) + 1;
  const isActive = useNotebook((state) => selectActiveCellId(state) === cellId);
  const { stepLine, selectedLine } = useCellLines(cellId);
  if (!cell) return null;
  if (cell.kind === 'markdown') {
    return (
      <section
        role="group"
        aria-label={`Cell ${cellNumber}`}
        className="cell cell--markdown"
        data-kind="markdown"
        data-active={isActive}
        data-run-state={cell.runState}
      >
        <div className="cell__gutter" />
        <div className="cell__body">
          <div className="cell__frame cell__frame--markdown">
            <MarkdownCell cellId={cellId} source={cell.code} cellNumber={cellNumber} />
            <CellTools cellId={cellId} isMarkdown />
          </div>
        </div>
      </section>
    );
  }
  const errorLine = cell.outputs.find((item) => item.kind === 'error')?.error.line;
  return (
    <section role="group" aria-label={`Cell ${cellNumber}`} className="cell" data-active={isActive} data-run-state={cell.runState}>
      <div className="cell__gutter">
        <CommandButton commandId="runCell" cellId={cellId} className="icon-button cell__run">
          <PlayIcon />
        </CommandButton>
        <span className="cell__count" aria-label="Execution count">
          {executionLabel(cell.runState, cell.executionCount)}
        </span>
      </div>
      <div className="cell__body">
        <div className="cell__frame">
          <CellEditor cellId={cellId} code={cell.code} cellNumber={cellNumber} errorLine={errorLine} stepLine={stepLine} selectedLine={selectedLine} />
          <CellTools cellId={cellId} isMarkdown={false} />
        </div>
        <CellOutput cellId={cellId} cellNumber={cellNumber} outputs={cell.outputs} />
      </div>
    </section>
  );
}

/** The buttons on a cell's corner: code/markdown, move, delete. */
function CellTools({ cellId, isMarkdown }: { readonly cellId: string; readonly isMarkdown: boolean }) {
  return (
    <div className="cell__tools">
      <CommandButton commandId="toggleCellKind" cellId={cellId} className="icon-button">
        {isMarkdown ? <CodeIcon /> : <MarkdownIcon />}
      </CommandButton>
      <CommandButton commandId="moveCellUp" cellId={cellId} className="icon-button">
        <ArrowUpIcon />
      </CommandButton>
      <CommandButton commandId="moveCellDown" cellId={cellId} className="icon-button">
        <ArrowDownIcon />
      </CommandButton>
      <CommandButton commandId="deleteCell" cellId={cellId} className="icon-button">
        <TrashIcon />
      </CommandButton>
    </div>
  );
}
