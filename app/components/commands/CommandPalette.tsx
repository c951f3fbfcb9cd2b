/**
 * The command palette (Ctrl/Cmd+Shift+P, or F1): every command enabled now with its key hint,
 * filtered as one types; ↑ ↓ choose, Enter runs, Escape closes. Focus goes back where it was, so a
 * cell command run from here acts on the cell that was being edited.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useCommands, keyHintOf } from './commands-context.ts';
import { useDismissable } from './dismiss.ts';
import { focusOf } from './dispatcher.ts';
import { keyContext } from './key-context.ts';
import { paletteMatches } from '../../core/commands/palette-matches.ts';
import type { Command, CommandContext, CommandRegistry } from '../../core/commands/registry.ts';
import { useUiRequest } from './ui-requests.ts';
import './command-palette.css';

interface Opened {
  readonly context: CommandContext;
  /** Where focus was before the palette took it. */
  readonly returnFocusTo: HTMLElement | null;
}

function paletteCommands(registry: CommandRegistry, context: CommandContext): Command[] {
  return registry.commands.filter((command) => command.isInPalette !== false && registry.isEnabled(command.id, context));
}

export function CommandPalette() {
  const registry = useCommands();
  const [opened, setOpened] = useState<Opened | null>(null);
  const close = () => {
    opened?.returnFocusTo?.focus();
    setOpened(null);
  };
  useUiRequest('palette', () => {
    if (opened) return;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpened({ context: keyContext(focusOf(active)), returnFocusTo: active });
  });
  useDismissable(opened !== null, close);
  if (!opened) return null;
  return (
    <PaletteDialog
      commands={paletteCommands(registry, opened.context)}
      onClose={close}
      onRun={(command) => {
        close();
        registry.run(command.id, opened.context);
      }}
    />
  );
}

function PaletteDialog({
  commands,
  onClose,
  onRun,
}: {
  readonly commands: readonly Command[];
  readonly onClose: () => void;
  readonly onRun: (command: Command) => void;
}) {
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const matches = useMemo(() => paletteMatches(commands, query), [commands, query]);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const chosen = Math.min(activeIndex, matches.length - 1);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [chosen]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((Math.max(chosen, 0) + step + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const command = matches[chosen];
      if (command) onRun(command);
    } else if (event.key === 'Tab') {
      // Focus stays in the palette while it is open.
      event.preventDefault();
    }
  };

  return (
    <div className="command-palette__backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="command-palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          className="command-palette__input"
          role="combobox"
          aria-label="Type a command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={chosen >= 0 ? optionId(chosen) : undefined}
          placeholder="Type a command"
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveIndex(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul ref={listRef} id={listId} className="command-palette__list" role="listbox" aria-label="Commands">
          {matches.map((command, index) => (
            <li
              key={command.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === chosen}
              className="command-palette__option"
              onMouseMove={() => setActiveIndex(index)}
              onClick={() => onRun(command)}
            >
              <span>{command.label}</span>
              {command.keys && <kbd className="command-palette__keys">{keyHintOf(command.keys)}</kbd>}
            </li>
          ))}
        </ul>
        {matches.length === 0 && (
          <p className="command-palette__empty" role="status">
            No command matches “{query}”.
          </p>
        )}
      </div>
    </div>
  );
}
