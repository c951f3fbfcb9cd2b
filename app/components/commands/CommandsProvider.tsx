/** Gives the views the page's command registry, runs its one key dispatcher, and mounts the palette. */
import { useEffect, type ReactNode } from 'react';
import { CommandPalette } from './CommandPalette.tsx';
import { CommandsContext } from './commands-context.ts';
import { installKeyDispatcher } from './dispatcher.ts';
import { pageKeyOptions } from './key-context.ts';
import type { CommandRegistry } from '../../core/commands/registry.ts';

export function CommandsProvider({ registry, children }: { readonly registry: CommandRegistry; readonly children: ReactNode }) {
  useEffect(() => installKeyDispatcher(registry, pageKeyOptions), [registry]);
  return (
    <CommandsContext.Provider value={registry}>
      {children}
      <CommandPalette />
    </CommandsContext.Provider>
  );
}
