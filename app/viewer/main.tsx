/**
 * Entry of the standalone viewer (`gradscope-viewer.html`): the snapshot sits in the page itself, in
 * a `<script type="application/json">` the exporter filled in, and is checked like any opened file.
 */
import './no-workers.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseSnapshotText, showSnapshot } from '../core/share/open-snapshot.ts';
import { notebook } from '../core/notebook/notebook-store.ts';
import { followNotebookTraces } from '../core/replay/replay-store.ts';
import { SNAPSHOT_ELEMENT_ID } from '../core/share/standalone-html.ts';
import { ViewerApp } from './ViewerApp.tsx';
import { viewerCommandRegistry } from '../components/commands/app-commands.ts';
import { CommandsProvider } from '../components/commands/CommandsProvider.tsx';
import '../styles.css';
import './viewer.css';

// The stores are wired here, once, before anything fills them.
followNotebookTraces(notebook.store);

const text = document.getElementById(SNAPSHOT_ELEMENT_ID)?.textContent ?? '';
const loaded = text.trim() ? parseSnapshotText(text) : ({ ok: false, message: 'This page holds no Gradscope snapshot.' } as const);
const root = createRoot(document.getElementById('root')!);
if (loaded.ok && showSnapshot(loaded)) {
  root.render(
    <StrictMode>
      <CommandsProvider registry={viewerCommandRegistry()}>
        <ViewerApp cells={loaded.snapshot.cells} title={document.title} />
      </CommandsProvider>
    </StrictMode>,
  );
} else {
  const message = loaded.ok ? (notebook.store.getState().banner?.text ?? 'The snapshot could not be shown.') : loaded.message;
  root.render(<p role="alert">{message}</p>);
}
