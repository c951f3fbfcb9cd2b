import { selectLastDeleted, selectReadOnly, selectSaveStatus, selectStorageNotice } from '../../core/library/library-state.ts';
import { downloadText } from '../../core/share/download.ts';
import { exportIpynb, exportPy } from '../../core/share/notebook-files.ts';
import { useLibrary, useLibraryState } from './library-context.ts';

const READ_ONLY_WORDS = {
  'other-tab': 'This notebook is open in another tab, so it is read-only here and nothing you change is saved.',
  'taken-over': 'Another tab took this notebook over; it is read-only here now.',
} as const;

/** The two-tab banner: this tab is read-only until the person takes the notebook over. */
export function ReadOnlyBanner() {
  const library = useLibrary();
  const readOnly = useLibraryState(selectReadOnly);
  if (!library || readOnly === null) return null;
  return (
    <div className="banner library-banner" role="alert" data-tone="info" data-reason={readOnly}>
      <span>{READ_ONLY_WORDS[readOnly]}</span>
      <button type="button" className="button button--small" onClick={() => void library.takeOver()}>
        Take over here
      </button>
    </div>
  );
}

/** After a delete: the notebook can come back until the next delete. */
export function DeletedNotice() {
  const library = useLibrary();
  const lastDeleted = useLibraryState(selectLastDeleted);
  if (!library || lastDeleted === null) return null;
  return (
    <div className="library-toast" role="status" aria-label="Deleted notebook">
      <span>Deleted “{lastDeleted.title}”.</span>
      <button type="button" className="button button--small" onClick={() => void library.undoRemove()}>
        Undo
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => library.store.setState({ lastDeleted: null })}>
        ×
      </button>
    </div>
  );
}

/**
 * Storage trouble the person must know about: notebooks that could not be opened (offered for
 * download as stored), or storage cleared under the page.
 */
export function StorageNoticeBanner() {
  const library = useLibrary();
  const notice = useLibraryState(selectStorageNotice);
  if (!library || notice === null) return null;
  const download = async () => downloadText(await library.unreadableAsJson(), 'gradscope-unreadable-notebooks.json', 'application/json');
  return (
    <div className="banner storage-banner" role="alert" data-tone="error" aria-label="Storage notice">
      <span>{notice.text}</span>
      {notice.unreadable.length > 0 && (
        <button type="button" className="button button--small" onClick={() => void download()}>
          Download as stored
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => library.store.setState({ storageNotice: null })}>
        ×
      </button>
    </div>
  );
}

/** A save that failed (storage full, storage refused) is said in words, beside the way to keep the work: export. */
export function SaveErrorBanner() {
  const library = useLibrary();
  const status = useLibraryState(selectSaveStatus);
  if (!library || status.state !== 'error') return null;
  return (
    <div className="banner storage-banner" role="alert" data-tone="error" aria-label="Save failed">
      <span>{status.message}</span>
      <button type="button" className="button button--small" onClick={() => exportIpynb()}>
        Export (.ipynb)
      </button>
      <button type="button" className="button button--small" onClick={() => exportPy()}>
        Export (.py)
      </button>
    </div>
  );
}
