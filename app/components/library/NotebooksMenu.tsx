import { useState } from 'react';
import type { NotebookSummary } from '../../core/library/notebook-record.ts';
import { selectNotebooks, selectOpenId } from '../../core/library/library-state.ts';
import { useLibrary, useLibraryState } from './library-context.ts';
import { usePopover } from './use-popover.ts';
import { CommandButton } from '../commands/CommandButton.tsx';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Every notebook kept in this browser: open, rename, duplicate, delete, and a new one. */
export function NotebooksMenu() {
  const library = useLibrary();
  const notebooks = useLibraryState(selectNotebooks);
  const openId = useLibraryState(selectOpenId);
  const { isOpen, setOpen, ref } = usePopover<HTMLDivElement>();
  if (!library) return null;

  return (
    <div className="menu" ref={ref}>
      <button type="button" className="button" aria-expanded={isOpen} aria-haspopup="dialog" onClick={() => setOpen(!isOpen)}>
        Notebooks
      </button>
      {isOpen && (
        <div className="menu__panel notebooks-menu" role="dialog" aria-label="Notebooks">
          <CommandButton commandId="newNotebook" className="button button--primary" onRan={() => setOpen(false)} />
          <ul className="notebooks-menu__list" aria-label="Saved notebooks">
            {notebooks.map((item) => (
              <NotebookRow key={item.id} item={item} isOpen={item.id === openId} onOpened={() => setOpen(false)} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function NotebookRow({ item, isOpen, onOpened }: { readonly item: NotebookSummary; readonly isOpen: boolean; readonly onOpened: () => void }) {
  const library = useLibrary()!;
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft.trim() !== item.title) void library.rename(item.id, draft);
    setDraft(null);
  };
  return (
    <li className="notebooks-menu__row" data-open={isOpen} aria-current={isOpen ? 'true' : undefined}>
      {draft === null ? (
        <button
          type="button"
          className="notebooks-menu__open"
          onClick={() => {
            onOpened();
            void library.open(item.id);
          }}
        >
          <span className="notebooks-menu__title">{item.title}</span>
          <span className="notebooks-menu__date">{when.format(item.updatedAt)}</span>
        </button>
      ) : (
        <input
          className="notebooks-menu__rename"
          aria-label={`New title for ${item.title}`}
          value={draft}
          autoFocus
          maxLength={120}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') {
              event.stopPropagation();
              setDraft(null);
            }
          }}
        />
      )}
      <span className="notebooks-menu__actions">
        <button type="button" className="button button--small" aria-label={`Rename ${item.title}`} onClick={() => setDraft(item.title)}>
          Rename
        </button>
        <button
          type="button"
          className="button button--small"
          aria-label={`Duplicate ${item.title}`}
          onClick={() => void library.duplicate(item.id).then(onOpened)}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="button button--small button--danger-text"
          aria-label={`Delete ${item.title}`}
          onClick={() => void library.remove(item.id)}
        >
          Delete
        </button>
      </span>
    </li>
  );
}
