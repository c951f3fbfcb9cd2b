/**
 * The one command registry (excalidraw's actions): every action a person can take is registered
 * once with its label, its key chords in a scope, and when it is enabled. Buttons, menus, the
 * key dispatcher and the command palette all read it, so a label or a shortcut is written once.
 */
import { chordOf, normaliseChord, type KeyPress, type Platform } from './keys.ts';

/**
 * Where a command's keys apply. `editor`: while a code editor has focus (F9 sets a breakpoint at its
 * cursor). `timeline`: while focus is on the page itself, not in an editor or a form field (← → step,
 * space plays). `global`: everywhere (Shift+Enter runs the active cell, Ctrl/Cmd+Shift+P opens the palette).
 */
export type CommandScope = 'editor' | 'timeline' | 'global';

/** What a command acts on: the cell of the button or editor it came from; notebook-wide commands ignore it. */
export interface CommandContext {
  readonly cellId?: string;
}

export interface Command {
  readonly id: string;
  /** The accessible name of its button and its line in the palette. */
  readonly label: string;
  readonly scope: CommandScope;
  /** Key chords (see keys.ts); the first is the one a hint shows first. */
  readonly keys?: readonly string[];
  /** A longer explanation for a button's tooltip; the label is used when there is none. */
  readonly description?: string;
  /** False for commands that make no sense from the palette (opening the palette itself). */
  readonly isInPalette?: boolean;
  /** False when the command would do nothing now: its button is disabled and its key keeps its usual meaning. */
  isEnabled?(context: CommandContext): boolean;
  run(context: CommandContext): void;
}

/** Where keyboard focus is when a key is pressed; decides which scopes listen. */
export type Focus = 'editor' | 'field' | 'button' | 'page' | 'modal';

const SCOPES_BY_FOCUS: Readonly<Record<Focus, readonly CommandScope[]>> = {
  // Most specific first: an editor's own chord wins over a global one with the same keys.
  editor: ['editor', 'global'],
  field: ['global'],
  button: ['timeline', 'global'],
  page: ['timeline', 'global'],
  // A modal dialog (the palette) answers its own keys.
  modal: [],
};

/** Keys a focused button answers itself (it clicks), so no command takes them from it. */
const BUTTON_KEYS = new Set(['Space', 'Enter']);

export interface CommandRegistry {
  readonly commands: readonly Command[];
  get(id: string): Command;
  isEnabled(id: string, context: CommandContext): boolean;
  /** Runs the command if it is enabled now; says whether it ran. */
  run(id: string, context: CommandContext): boolean;
  /** The command a key press runs with focus at `focus`, if one is enabled in `context`. */
  commandForKey(press: KeyPress, focus: Focus, platform: Platform, context?: CommandContext): Command | undefined;
  /** Called whenever any command's enabled state may have changed (the stores it reads changed). */
  subscribe(listener: () => void): () => void;
}

export interface RegistryOptions {
  /** Subscribes to whatever the commands' `isEnabled` reads (the app's stores). */
  readonly subscribe?: (listener: () => void) => () => void;
}

export function createCommandRegistry(commands: readonly Command[], options: RegistryOptions = {}): CommandRegistry {
  const byId = new Map<string, Command>();
  // scope → chord → commands answering it, in registration order.
  const byChord = new Map<CommandScope, Map<string, Command[]>>();
  for (const command of commands) {
    if (byId.has(command.id)) throw new Error(`The command "${command.id}" is registered twice.`);
    byId.set(command.id, command);
    for (const chord of command.keys ?? []) {
      const chords = byChord.get(command.scope) ?? new Map<string, Command[]>();
      byChord.set(command.scope, chords);
      const key = normaliseChord(chord);
      chords.set(key, [...(chords.get(key) ?? []), command]);
    }
  }

  const get = (id: string): Command => {
    const command = byId.get(id);
    if (!command) throw new Error(`No command "${id}" is registered.`);
    return command;
  };
  const isEnabled = (command: Command, context: CommandContext) => command.isEnabled?.(context) ?? true;

  return {
    commands,
    get,
    isEnabled: (id, context) => isEnabled(get(id), context),
    run(id, context) {
      const command = get(id);
      if (!isEnabled(command, context)) return false;
      command.run(context);
      return true;
    },
    commandForKey(press, focus, platform, context = {}) {
      const chord = chordOf(press, platform);
      if (focus === 'button' && BUTTON_KEYS.has(chord)) return undefined;
      for (const scope of SCOPES_BY_FOCUS[focus]) {
        // A disabled command lets the key fall through to the next candidate, then to the page.
        const command = byChord
          .get(scope)
          ?.get(chord)
          ?.find((candidate) => isEnabled(candidate, context));
        if (command) return command;
      }
      return undefined;
    },
    subscribe: options.subscribe ?? (() => () => {}),
  };
}
