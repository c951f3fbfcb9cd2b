import type { NotebookState } from '../../core/notebook/notebook-state.ts';
import { selectCellIndex, selectIsAnyCellRunning } from '../../core/notebook/notebook-store.ts';
import type { NotebookController } from '../../core/notebook/notebook-controller.ts';
import type { Shortcut } from './shortcut.ts';

export interface CommandContext {
  readonly controller: NotebookController;
  /** The cell the command came from (its button or its editor); notebook-wide commands ignore it. */
  readonly cellId?: string;
}

/** One registered command (excalidraw's action objects): buttons and shortcuts both go through it. */
export interface Command {
  readonly name: string;
  readonly label: string;
  readonly shortcut?: Shortcut;
  perform(context: CommandContext): void;
  isEnabled?(state: NotebookState, cellId?: string): boolean;
}

const withCell = (perform: (controller: NotebookController, cellId: string) => void) => (context: CommandContext) => {
  if (context.cellId !== undefined) perform(context.controller, context.cellId);
};

export const commands = {
  runCellAndAdvance: {
    name: 'runCellAndAdvance',
    label: 'Run cell and select below',
    shortcut: { key: 'Enter', shift: true },
    perform: withCell((controller, cellId) => void controller.runCell(cellId, { advance: true })),
  },
  runCell: {
    name: 'runCell',
    label: 'Run cell',
    shortcut: { key: 'Enter', mod: true },
    perform: withCell((controller, cellId) => void controller.runCell(cellId)),
  },
  runAll: {
    name: 'runAll',
    label: 'Run all',
    shortcut: { key: 'Enter', mod: true, shift: true },
    perform: ({ controller }) => void controller.runAll(),
  },
  stop: {
    name: 'stop',
    label: 'Stop',
    perform: ({ controller }) => controller.stop(),
    isEnabled: (state) => state.kernel.state === 'busy' || selectIsAnyCellRunning(state),
  },
  restart: {
    name: 'restart',
    label: 'Restart',
    perform: ({ controller }) => controller.restart(),
  },
  addCell: {
    name: 'addCell',
    label: 'Add cell',
    perform: ({ controller, cellId }) => void controller.addCell(cellId),
  },
  addMarkdownCell: {
    name: 'addMarkdownCell',
    label: 'Add markdown cell',
    perform: ({ controller, cellId }) => void controller.addCell(cellId, 'markdown'),
  },
  toggleCellKind: {
    name: 'toggleCellKind',
    label: 'Switch between code and markdown',
    perform: withCell((controller, cellId) => controller.toggleCellKind(cellId)),
    isEnabled: (state, cellId) => state.cells.some((cell) => cell.id === cellId && cell.runState === 'idle'),
  },
  deleteCell: {
    name: 'deleteCell',
    label: 'Delete cell',
    perform: withCell((controller, cellId) => controller.deleteCell(cellId)),
    isEnabled: (state) => state.cells.length > 1,
  },
  moveCellUp: {
    name: 'moveCellUp',
    label: 'Move cell up',
    perform: withCell((controller, cellId) => controller.moveCell(cellId, -1)),
    isEnabled: (state, cellId) => cellId !== undefined && selectCellIndex(state, cellId) > 0,
  },
  moveCellDown: {
    name: 'moveCellDown',
    label: 'Move cell down',
    perform: withCell((controller, cellId) => controller.moveCell(cellId, 1)),
    isEnabled: (state, cellId) => cellId !== undefined && selectCellIndex(state, cellId) < state.cells.length - 1,
  },
} satisfies Record<string, Command>;

export type CommandName = keyof typeof commands;

export const commandList: readonly Command[] = Object.values(commands);

/** Commands with a shortcut, tried in order: the most specific chord (most modifiers) first. */
export const shortcutCommands: readonly (Command & { shortcut: Shortcut })[] = commandList
  .filter((command): command is Command & { shortcut: Shortcut } => command.shortcut !== undefined)
  .sort((a, b) => Number(b.shortcut.shift ?? false) + Number(b.shortcut.mod ?? false) - (Number(a.shortcut.shift ?? false) + Number(a.shortcut.mod ?? false)));
