import { describe, expect, it } from 'vitest';
import { initialNotebookState } from '../../core/notebook/notebook-state.ts';
import { notebookHandlers } from '../../core/notebook/notebook-handlers.ts';
import { commands, shortcutCommands } from './commands.ts';
import type { NotebookController } from '../../core/notebook/notebook-controller.ts';
import { describeShortcut, matchesShortcut } from './shortcut.ts';

const key = (init: Partial<KeyboardEvent>) => ({ key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...init });
const commandFor = (event: ReturnType<typeof key>) => shortcutCommands.find((command) => matchesShortcut(command.shortcut, event))?.name;

function recordingController(calls: string[]): NotebookController {
  const record = (name: string) => (...args: unknown[]) => {
    calls.push(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
    return Promise.resolve(null);
  };
  return {
    start: record('start'),
    runCell: record('runCell'),
    runAll: record('runAll'),
    stop: record('stop'),
    restart: record('restart'),
    addCell: (afterCellId?: string) => (record('addCell')(afterCellId), 'new'),
    deleteCell: record('deleteCell'),
    moveCell: record('moveCell'),
    dispose: record('dispose'),
  } as unknown as NotebookController;
}

describe('commands and their shortcuts', () => {
  it('Shift+Enter runs and advances, Ctrl/Cmd+Enter runs in place, Ctrl/Cmd+Shift+Enter runs all', () => {
    expect(commandFor(key({ shiftKey: true }))).toBe('runCellAndAdvance');
    expect(commandFor(key({ ctrlKey: true }))).toBe('runCell');
    expect(commandFor(key({ metaKey: true }))).toBe('runCell');
    expect(commandFor(key({ ctrlKey: true, shiftKey: true }))).toBe('runAll');
    expect(commandFor(key({}))).toBeUndefined();
    expect(commandFor(key({ shiftKey: true, altKey: true }))).toBeUndefined();
  });

  it('names shortcuts the way each platform writes them', () => {
    expect(describeShortcut(commands.runCell.shortcut, true)).toBe('⌘+Enter');
    expect(describeShortcut(commands.runAll.shortcut, false)).toBe('Ctrl+Shift+Enter');
  });

  it('perform the same controller call whether from a button or a key', () => {
    const calls: string[] = [];
    const controller = recordingController(calls);
    commands.runCellAndAdvance.perform({ controller, cellId: 'c1' });
    commands.runCell.perform({ controller, cellId: 'c1' });
    commands.moveCellDown.perform({ controller, cellId: 'c1' });
    commands.stop.perform({ controller });
    expect(calls).toEqual(['runCell("c1", {"advance":true})', 'runCell("c1")', 'moveCell("c1", 1)', 'stop()']);
  });

  it('cell commands do nothing without a cell', () => {
    const calls: string[] = [];
    commands.runCell.perform({ controller: recordingController(calls) });
    expect(calls).toEqual([]);
  });

  it('disable what cannot apply: Stop when idle, moving past the ends, deleting the last cell', () => {
    const one = initialNotebookState('a');
    const two = notebookHandlers.addCell(one, { cellId: 'b' });
    expect(commands.stop.isEnabled(one)).toBe(false);
    expect(commands.stop.isEnabled(notebookHandlers.startCell(one, { cellId: 'a' }))).toBe(true);
    expect(commands.deleteCell.isEnabled(one)).toBe(false);
    expect(commands.deleteCell.isEnabled(two)).toBe(true);
    expect(commands.moveCellUp.isEnabled(two, 'a')).toBe(false);
    expect(commands.moveCellDown.isEnabled(two, 'a')).toBe(true);
    expect(commands.moveCellDown.isEnabled(two, 'b')).toBe(false);
  });
});
