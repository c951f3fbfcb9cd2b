/**
 * Every command of the page, registered in one registry: the notebook app's, and the read-only
 * viewer's (an exported .html file: the timeline and the graph, nothing that runs or edits).
 */
import type { NotebookController } from '../../core/notebook/notebook-controller.ts';
import type { NotebookLibrary } from '../../core/library/notebook-library.ts';
import { notebook } from '../../core/notebook/notebook-store.ts';
import { replay } from '../../core/replay/replay-store.ts';
import { stepperRequests } from '../../core/notebook/kernel-requests.ts';
import { fileCommands } from './file-commands.ts';
import { graphCommands } from '../../core/commands/graph-commands.ts';
import { notebookCommands } from '../../core/commands/notebook-commands.ts';
import { createCommandRegistry, type Command, type CommandRegistry } from '../../core/commands/registry.ts';
import { stepperCommands } from '../../core/commands/stepper-commands.ts';
import { timelineCommands } from '../../core/commands/timeline-commands.ts';
import { requestUi, subscribeToUiRequests } from './ui-requests.ts';

const paletteCommand: Command = {
  id: 'showCommandPalette',
  label: 'Show all commands',
  scope: 'global',
  keys: ['Mod+Shift+P', 'F1'],
  isInPalette: false,
  run: () => void requestUi('palette'),
};

/** Enabled states read the notebook, the replay position, the stepper's kernel requests and which views are mounted. */
function subscribeToStores(listener: () => void): () => void {
  const unsubscribers = [
    notebook.store.subscribe(listener),
    replay.store.subscribe(listener),
    stepperRequests.store.subscribe(listener),
    subscribeToUiRequests(listener),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

export interface AppServices {
  readonly controller: NotebookController;
  /** Null where the page runs without storage (a harness, a test). */
  readonly library: NotebookLibrary | null;
}

export function appCommandRegistry({ controller, library }: AppServices): CommandRegistry {
  return createCommandRegistry(
    [
      ...notebookCommands(controller, () => notebook.store.getState()),
      ...Object.values(timelineCommands),
      ...stepperCommands,
      ...fileCommands(library),
      ...graphCommands,
      paletteCommand,
    ],
    { subscribe: subscribeToStores },
  );
}

export function viewerCommandRegistry(): CommandRegistry {
  return createCommandRegistry([...Object.values(timelineCommands), ...graphCommands, paletteCommand], { subscribe: subscribeToStores });
}
