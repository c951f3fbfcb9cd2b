import { selectSaveStatus, type SaveStatus } from '../../core/library/library-state.ts';
import { useLibraryState } from './library-context.ts';

const WORDS: Record<SaveStatus['state'], string> = {
  new: 'Not changed yet',
  saving: 'Saving…',
  saved: 'Saved',
  'read-only': 'Read-only',
  error: 'Not saved',
};

/** Whether the open notebook is safely in the browser's storage. */
export function SaveIndicator() {
  const status = useLibraryState(selectSaveStatus);
  const detail = status.state === 'error' ? status.message : undefined;
  return (
    <span className="save-indicator" role="status" aria-label="Save status" data-state={status.state} title={detail ?? WORDS[status.state]}>
      <span className="save-indicator__dot" aria-hidden="true" />
      {WORDS[status.state]}
    </span>
  );
}
