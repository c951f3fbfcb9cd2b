import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { selectIsReadOnly } from '../../core/library/library-state.ts';
import { notebook, selectFocusRequest } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import { useLibraryState } from '../library/library-context.ts';
import { Markdown } from './Markdown.tsx';

interface MarkdownCellProps {
  readonly cellId: string;
  readonly source: string;
  readonly cellNumber: number;
}

/**
 * A prose cell: rendered (sanitized) while reading, a plain text area while writing. Double-click or
 * Enter starts writing; Shift+Enter, Escape or leaving the cell shows it rendered again.
 */
export function MarkdownCell({ cellId, source, cellNumber }: MarkdownCellProps) {
  const isReadOnly = useLibraryState(selectIsReadOnly);
  const focusRequest = useNotebook(selectFocusRequest);
  const [isEditing, setEditing] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  // A new markdown cell (or Shift+Enter arriving from the cell above) opens for writing.
  useEffect(() => {
    if (focusRequest?.cellId === cellId && !isReadOnly) setEditing(true);
  }, [focusRequest, cellId, isReadOnly]);

  useEffect(() => {
    if (isReadOnly) setEditing(false);
  }, [isReadOnly]);

  useLayoutEffect(() => {
    const area = textRef.current;
    if (!isEditing || !area) return;
    area.focus();
    fitHeight(area);
  }, [isEditing]);

  const startEditing = () => {
    if (isReadOnly) return;
    notebook.actions.setActiveCell({ cellId });
    setEditing(true);
  };

  if (isEditing) {
    return (
      <textarea
        ref={textRef}
        className="markdown-cell__source"
        aria-label={`Markdown of cell ${cellNumber}`}
        placeholder="Write markdown: # heading, **bold**, `code`, - lists, [links](https://…), $math$"
        value={source}
        spellCheck
        onChange={(event) => {
          fitHeight(event.currentTarget);
          notebook.actions.setCode({ cellId, code: event.currentTarget.value });
        }}
        onFocus={() => notebook.actions.setActiveCell({ cellId })}
        onBlur={() => setEditing(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            setEditing(false);
          } else if (event.key === 'Enter' && event.shiftKey) {
            // The key goes on to the page's key dispatcher: "Run cell and select below" on this cell.
            setEditing(false);
          }
        }}
      />
    );
  }

  return (
    <div
      className="markdown-cell__rendered"
      role="article"
      aria-label={`Rendered markdown of cell ${cellNumber}`}
      tabIndex={0}
      data-empty={source.trim() === ''}
      onDoubleClick={startEditing}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) {
          event.preventDefault();
          startEditing();
        }
      }}
    >
      {source.trim() === '' ? <p className="markdown-cell__placeholder">Empty text cell. Double-click to write.</p> : <Markdown source={source} />}
    </div>
  );
}

function fitHeight(area: HTMLTextAreaElement): void {
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight + 2}px`;
}
