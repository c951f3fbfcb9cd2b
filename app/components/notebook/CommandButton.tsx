import type { ReactNode } from 'react';
import { notebook } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import type { Command } from './commands.ts';
import { useController } from './controller-context.ts';
import { describeShortcut } from './shortcut.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

interface CommandButtonProps {
  readonly command: Command;
  readonly cellId?: string;
  /** Visible content; the accessible name is always the command's label. */
  readonly children?: ReactNode;
  readonly className?: string;
}

/** A button that performs a registered command, labelled and enabled by the command itself. */
export function CommandButton({ command, cellId, children, className }: CommandButtonProps) {
  const controller = useController();
  const isEnabled = useNotebook((state) => command.isEnabled?.(state, cellId) ?? true);
  const hint = command.shortcut ? `${command.label} (${describeShortcut(command.shortcut, isMac)})` : command.label;
  return (
    <button
      type="button"
      className={className ?? 'button'}
      aria-label={command.label}
      title={hint}
      disabled={!isEnabled}
      onClick={() => {
        if (command.isEnabled?.(notebook.store.getState(), cellId) ?? true) command.perform({ controller, cellId });
      }}
    >
      {children ?? command.label}
    </button>
  );
}
