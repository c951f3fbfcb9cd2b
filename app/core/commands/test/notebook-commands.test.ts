import { describe, expect, it } from 'vitest';
import { notebookHandlers } from '../../notebook/notebook-handlers.ts';
import { initialNotebookState, type NotebookState } from '../../notebook/notebook-state.ts';
import type { NotebookController } from '../../notebook/notebook-controller.ts';
import { describeChords, type KeyPress } from '../keys.ts';
import { notebookCommands } from '../notebook-commands.ts';
import { press } from './key-press.ts';
import { createCommandRegistry } from '../registry.ts';

const enter = (modifiers: Partial<KeyPress> = {}): KeyPress => press('Enter', modifiers);

function recordingController(calls: string[]): NotebookController {
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
      // Every controller call resolves with nothing here: runCell's "no outcome", runAll's void.
      return Promise.resolve(null as never);
    };
  return {
    start: record('start'),
    runCell: record('runCell'),
    runAll: record('runAll'),
    runThrough: record('runThrough'),
    stop: record('stop'),
    restart: record('restart'),
    restartBeforeNextRun: record('restartBeforeNextRun'),
    addCell: (afterCellId?: string) => (record('addCell')(afterCellId), 'new'),
    setCellKind: record('setCellKind'),
    toggleCellKind: record('toggleCellKind'),
    deleteCell: record('deleteCell'),
    moveCell: record('moveCell'),
    dispose: record('dispose'),
  };
}

const two = (): NotebookState => notebookHandlers.addCell(initialNotebookState('a'), { cellId: 'b' });

function registryOver(state: NotebookState, calls: string[] = []) {
  return createCommandRegistry(notebookCommands(recordingController(calls), () => state));
}

describe('notebook commands and their shortcuts', () => {
  it('Shift+Enter runs and advances, Ctrl/Cmd+Enter runs in place, Ctrl/Cmd+Shift+Enter runs all', () => {
    const registry = registryOver(two());
    const idFor = (press: KeyPress, platform: 'mac' | 'other' = 'other') => registry.commandForKey(press, 'editor', platform, { cellId: 'a' })?.id;
    expect(idFor(enter({ shiftKey: true }))).toBe('runCellAndAdvance');
    expect(idFor(enter({ ctrlKey: true }))).toBe('runCell');
    expect(idFor(enter({ metaKey: true }), 'mac')).toBe('runCell');
    expect(idFor(enter({ ctrlKey: true, shiftKey: true }))).toBe('runAll');
    expect(idFor(enter({}))).toBeUndefined();
    expect(idFor(enter({ shiftKey: true, altKey: true }))).toBeUndefined();
  });

  it('name their shortcuts the way each platform writes them', () => {
    const registry = registryOver(two());
    expect(describeChords(registry.get('runCell').keys!, 'mac')).toBe('⌘+Enter');
    expect(describeChords(registry.get('runAll').keys!, 'other')).toBe('Ctrl+Shift+Enter');
  });

  it('make the same controller call from a button, a key or the palette', () => {
    const calls: string[] = [];
    const registry = registryOver(two(), calls);
    registry.run('runCellAndAdvance', { cellId: 'a' });
    registry.run('runCell', { cellId: 'a' });
    registry.run('moveCellDown', { cellId: 'a' });
    registry.run('runAll', {});
    expect(calls).toEqual(['runCell("a", {"advance":true})', 'runCell("a")', 'moveCell("a", 1)', 'runAll()']);
  });

  it('cell commands are disabled without a cell to act on', () => {
    const calls: string[] = [];
    const registry = registryOver(two(), calls);
    expect(registry.run('runCell', {})).toBe(false);
    expect(registry.run('runCell', { cellId: 'gone' })).toBe(false);
    expect(calls).toEqual([]);
  });

  it('disable what cannot apply: Stop when idle, moving past the ends, deleting the last cell', () => {
    const one = initialNotebookState('a');
    const enabled = (state: NotebookState, id: string, cellId?: string) => registryOver(state).isEnabled(id, cellId === undefined ? {} : { cellId });
    expect(enabled(one, 'stop')).toBe(false);
    expect(enabled(notebookHandlers.startCell(one, { cellId: 'a' }), 'stop')).toBe(true);
    expect(enabled(one, 'deleteCell', 'a')).toBe(false);
    expect(enabled(two(), 'deleteCell', 'a')).toBe(true);
    expect(enabled(two(), 'moveCellUp', 'a')).toBe(false);
    expect(enabled(two(), 'moveCellDown', 'a')).toBe(true);
    expect(enabled(two(), 'moveCellDown', 'b')).toBe(false);
  });
});
