import { ExamplesMenu } from './ExamplesMenu.tsx';
import { NotebooksMenu } from './NotebooksMenu.tsx';
import { NotebookTitle } from './NotebookTitle.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import './library.css';

/** The header's notebook controls: which notebook this is, whether it is saved, the others, the examples. */
export function LibraryBar() {
  return (
    <div className="library-bar" role="group" aria-label="Notebook library">
      <NotebookTitle />
      <SaveIndicator />
      <NotebooksMenu />
      <ExamplesMenu />
    </div>
  );
}
