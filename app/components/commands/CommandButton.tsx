import type { ReactNode } from 'react';
import { useCommand } from './commands-context.ts';

interface CommandButtonProps {
  readonly commandId: string;
  readonly cellId?: string;
  /** Visible content; the accessible name is always the command's label. */
  readonly children?: ReactNode;
  readonly className?: string;
  /** After the command ran from this button (a menu closes). */
  readonly onRan?: () => void;
}

/** A button that runs a registered command: named, hinted and enabled by the registry. */
export function CommandButton({ commandId, cellId, children, className, onRan }: CommandButtonProps) {
  const command = useCommand(commandId, cellId === undefined ? {} : { cellId });
  return (
    <button
      type="button"
      className={className ?? 'button'}
      aria-label={command.label}
      title={command.title}
      disabled={!command.isEnabled}
      onClick={() => {
        command.run();
        onRan?.();
      }}
    >
      {children ?? command.label}
    </button>
  );
}
