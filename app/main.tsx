import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createInterruptBuffer, createPythonWorker } from './core/kernel/kernel-worker.ts';
import { LibraryContext } from './components/library/library-context.ts';
import { startLibrary } from './core/library/start-library.ts';
import { ControllerContext } from './components/notebook/controller-context.ts';
import { createNotebookController } from './core/notebook/notebook-controller.ts';
import { readCodeFromHash } from './core/share/code-link.ts';
import { showSnapshot } from './core/share/open-snapshot.ts';
import { decodeSnapshotLink, readSnapshotPayload } from './core/share/share-link.ts';
import { notebook } from './core/notebook/notebook-store.ts';
import { followNotebookTraces } from './core/replay/replay-store.ts';
import './styles.css';

// The stores are wired here, once, before anything fills them: a new trace shows from its end.
followNotebookTraces(notebook.store);

// A `#code=` link fills the first cell; nothing runs until the person asks.
const shared = readCodeFromHash(window.location.hash);
if (shared?.ok) notebook.actions.loadSharedCode({ code: shared.code });
else if (shared) notebook.actions.showBanner({ banner: { tone: 'error', text: shared.message } });

// A `#snapshot=` link shows its recorded graph and steps at once and does not even load Python:
// the worker starts on the first Run. Every other page load starts Python in the background.
const snapshotPayload = readSnapshotPayload(window.location.hash);
const isSnapshotShown = snapshotPayload !== null && showSnapshot(await decodeSnapshotLink(snapshotPayload));

const eagerController = createNotebookController({ notebook, createWorker: createPythonWorker, createInterruptBuffer });
const controller: typeof eagerController = {
  ...eagerController,
  // start() does nothing when Python is already up, so every run may ask for it.
  runCell(cellId, options) {
    eagerController.start();
    return eagerController.runCell(cellId, options);
  },
  runAll() {
    eagerController.start();
    return eagerController.runAll();
  },
  runThrough(cellId) {
    eagerController.start();
    return eagerController.runThrough(cellId);
  },
};
// Python loads in the background while the editor is already usable. Nothing depends on it to show
// a graph: an opened snapshot draws and replays from its recorded trace alone, and runs nothing.
if (!isSnapshotShown) controller.start();

// Every notebook is kept in IndexedDB; the one open last time comes back. A link (any fragment)
// opens as a new notebook instead, so it never overwrites the person's own work.
const library = await startLibrary({
  notebook,
  fresh: window.location.hash.length > 1,
  // Each notebook gets a fresh Python, as a Jupyter notebook gets its own kernel. A run in progress
  // is ended now (its output belongs to the notebook left); otherwise the new Python boots on the
  // first run, so a notebook opens at once with its recorded outputs and graph.
  onSwitch: () => {
    const state = notebook.store.getState();
    if (state.kernel.state === 'busy') controller.restart();
    else if (state.executionCounter > 0) controller.restartBeforeNextRun();
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <LibraryContext.Provider value={library}>
        <App />
      </LibraryContext.Provider>
    </ControllerContext.Provider>
  </StrictMode>,
);
