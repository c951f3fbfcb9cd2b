import { notebook } from '../../core/notebook/notebook-store.ts';
import type { KeyDispatcherOptions } from './dispatcher.ts';
import { focusedEditor } from '../../core/commands/focused-editor.ts';
import { currentPlatform } from '../../core/commands/keys.ts';
import type { CommandContext, Focus } from '../../core/commands/registry.ts';

/** What a key or the palette acts on: the focused editor's cell, or else the active cell. */
export function keyContext(focus: Focus): CommandContext {
  const cellId = (focus === 'editor' ? focusedEditor()?.cellId : undefined) ?? notebook.store.getState().activeCellId ?? undefined;
  return cellId === undefined ? {} : { cellId };
}

/** How the page's keys are read: this browser's platform, and the cell they act on. */
export const pageKeyOptions: KeyDispatcherOptions = { platform: currentPlatform(), contextFor: keyContext };
