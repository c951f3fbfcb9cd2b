/** The page's command registry for React views, and a hook that reads one command's state. */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { currentPlatform, describeChords } from '../../core/commands/keys.ts';
import type { CommandContext, CommandRegistry } from '../../core/commands/registry.ts';

export const CommandsContext = createContext<CommandRegistry | null>(null);

export function useCommands(): CommandRegistry {
  const registry = useContext(CommandsContext);
  if (!registry) throw new Error('useCommands needs a <CommandsProvider> above it.');
  return registry;
}

const platform = currentPlatform();

/** A command's key hint as this platform writes it ("Ctrl+Shift+Enter", "↓ or F11"); empty when it has no keys. */
export function keyHintOf(keys: readonly string[] | undefined): string {
  return describeChords(keys ?? [], platform);
}

/** "Label (hint)": a tooltip with the keys, the way every button and menu item shows them. */
export function withKeyHint(text: string, keys: readonly string[] | undefined): string {
  const hint = keyHintOf(keys);
  return hint ? `${text} (${hint})` : text;
}

export interface CommandView {
  readonly label: string;
  readonly keys: readonly string[];
  readonly keyHint: string;
  /** The tooltip: the description (or label) with the key hint. */
  readonly title: string;
  readonly isEnabled: boolean;
  /** Runs the command if it is enabled now. */
  run(): void;
}

/** One command as a button shows it: label, key hint and enabled state, kept current as the stores change. */
export function useCommand(id: string, context: CommandContext = {}): CommandView {
  const registry = useCommands();
  const command = registry.get(id);
  const { cellId } = context;
  const isEnabled = useSyncExternalStore(registry.subscribe, () => registry.isEnabled(id, { cellId }));
  const run = useCallback(() => void registry.run(id, { cellId }), [registry, id, cellId]);
  return {
    label: command.label,
    keys: command.keys ?? [],
    keyHint: keyHintOf(command.keys),
    title: withKeyHint(command.description ?? command.label, command.keys),
    isEnabled,
    run,
  };
}
