/** Running and editing cells: the toolbar, each cell's buttons, Shift+Enter and its siblings. */
import type { NotebookState } from '../notebook/notebook-state.ts';
import { selectCell, selectCellIndex, selectIsAnyCellRunning } from '../notebook/notebook-store.ts';
import type { NotebookController } from '../notebook/notebook-controller.ts';
import type { Command, CommandContext } from './registry.ts';

type CellAction = (controller: NotebookController, cellId: string) => void;

/**
 * The notebook's commands over `controller`; `readState` reads the notebook (the app's store, or a
 * fixed state in a test). Cell commands act on the context's cell: the button's, or the active one.
 */
export function notebookCommands(controller: NotebookController, readState: () => NotebookState): Command[] {
  const hasCell = ({ cellId }: CommandContext) => cellId !== undefined && selectCell(readState(), cellId) !== undefined;
  const onCell = (id: string, label: string, action: CellAction, extra: Partial<Command> = {}): Command => ({
    id,
    label,
    scope: 'global',
    isEnabled: hasCell,
    run: ({ cellId }) => {
      if (cellId !== undefined) action(controller, cellId);
    },
    ...extra,
  });
  return [
    onCell('runCellAndAdvance', 'Run cell and select below', (c, cellId) => void c.runCell(cellId, { advance: true }), { keys: ['Shift+Enter'] }),
    onCell('runCell', 'Run cell', (c, cellId) => void c.runCell(cellId), { keys: ['Mod+Enter'] }),
    { id: 'runAll', label: 'Run all', scope: 'global', keys: ['Mod+Shift+Enter'], run: () => void controller.runAll() },
    {
      id: 'stop',
      label: 'Stop',
      scope: 'global',
      isEnabled: () => {
        const state = readState();
        return state.kernel.state === 'busy' || selectIsAnyCellRunning(state);
      },
      run: () => controller.stop(),
    },
    { id: 'restart', label: 'Restart', scope: 'global', run: () => controller.restart() },
    { id: 'addCell', label: 'Add cell', scope: 'global', run: ({ cellId }) => void controller.addCell(cellId) },
    { id: 'addMarkdownCell', label: 'Add markdown cell', scope: 'global', run: ({ cellId }) => void controller.addCell(cellId, 'markdown') },
    onCell('toggleCellKind', 'Switch between code and markdown', (c, cellId) => c.toggleCellKind(cellId), {
      isEnabled: ({ cellId }) => readState().cells.some((cell) => cell.id === cellId && cell.runState === 'idle'),
    }),
    onCell('deleteCell', 'Delete cell', (c, cellId) => c.deleteCell(cellId), {
      isEnabled: (context) => hasCell(context) && readState().cells.length > 1,
    }),
    onCell('moveCellUp', 'Move cell up', (c, cellId) => c.moveCell(cellId, -1), {
      isEnabled: ({ cellId }) => cellId !== undefined && selectCellIndex(readState(), cellId) > 0,
    }),
    onCell('moveCellDown', 'Move cell down', (c, cellId) => c.moveCell(cellId, 1), {
      isEnabled: ({ cellId }) => {
        const state = readState();
        const index = cellId === undefined ? -1 : selectCellIndex(state, cellId);
        return index >= 0 && index < state.cells.length - 1;
      },
    }),
  ];
}
