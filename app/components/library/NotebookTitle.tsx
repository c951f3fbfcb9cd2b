import { useEffect, useState } from 'react';
import { selectIsReadOnly, selectOpenId, selectTitle } from '../../core/library/library-state.ts';
import { useLibrary, useLibraryState } from './library-context.ts';

/** The open notebook's title, renamed in place: Enter or leaving the field keeps it, Escape undoes. */
export function NotebookTitle() {
  const library = useLibrary();
  const title = useLibraryState(selectTitle);
  const openId = useLibraryState(selectOpenId);
  const isReadOnly = useLibraryState(selectIsReadOnly);
  const [draft, setDraft] = useState(title);
  useEffect(() => setDraft(title), [title]);

  const commit = () => {
    if (library && openId !== null && draft.trim() !== title) void library.rename(openId, draft);
    else setDraft(title);
  };

  return (
    <input
      className="notebook-title"
      aria-label="Notebook title"
      value={draft}
      maxLength={120}
      readOnly={isReadOnly || !library}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
        if (event.key === 'Escape') {
          setDraft(title);
          // Blurring after the reset commits nothing.
          requestAnimationFrame(() => (event.target as HTMLInputElement).blur());
        }
      }}
    />
  );
}
