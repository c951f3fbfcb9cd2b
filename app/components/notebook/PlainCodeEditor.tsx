/**
 * A cell's code before Monaco has loaded (CellEditor.tsx loads it after the first paint): a plain
 * text area in the editor's font and spacing, so the code is on screen at once and can already be
 * typed into, with the notebook's keys (Shift+Enter runs it). Monaco takes its place, cursor and all.
 */
import { useCallback, type FocusEvent } from 'react';
import { notebook } from '../../core/notebook/notebook-store.ts';
import { editorFocused, type FocusedEditor } from '../../core/commands/focused-editor.ts';
import type { CommandRegistry } from '../../core/commands/registry.ts';
import { keyHintOf } from '../commands/commands-context.ts';
import { dispatchKey } from '../commands/dispatcher.ts';
import { pageKeyOptions } from '../commands/key-context.ts';
import './plain-code-editor.css';

interface PlainCodeEditorProps {
  readonly cellId: string;
  readonly code: string;
  readonly cellNumber: number;
  readonly readOnly: boolean;
  readonly registry: CommandRegistry;
}

/** The line (1-based) the caret is on. */
const caretLine = (area: HTMLTextAreaElement): number => area.value.slice(0, area.selectionStart).split('\n').length;

export function PlainCodeEditor({ cellId, code, cellNumber, readOnly, registry }: PlainCodeEditorProps) {
  const onFocus = useCallback(
    (event: FocusEvent<HTMLTextAreaElement>) => {
      const area = event.currentTarget;
      const target: FocusedEditor = { cellId, cursorLine: () => caretLine(area) };
      editorFocused(target);
      notebook.actions.setActiveCell({ cellId });
    },
    [cellId],
  );
  return (
    <textarea
      className="cell-editor__plain"
      aria-label={`Code of cell ${cellNumber}`}
      value={code}
      readOnly={readOnly}
      spellCheck={false}
      rows={Math.max(1, code.split('\n').length)}
      placeholder={`Type PyTorch code. ${keyHintOf(registry.get('runCellAndAdvance').keys)} runs it.`}
      onChange={(event) => notebook.actions.setCode({ cellId, code: event.currentTarget.value })}
      onKeyDown={(event) => void dispatchKey(registry, event.nativeEvent, pageKeyOptions)}
      onFocus={onFocus}
    />
  );
}
