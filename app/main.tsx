import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createInterruptBuffer, createPythonWorker } from './kernel/kernel-worker.ts';
import { ControllerContext } from './notebook/controller-context.ts';
import { createNotebookController, type NotebookController } from './notebook/notebook-controller.ts';
import { readCodeFromHash } from './share/code-link.ts';
import { notebook } from './store/notebook-store.ts';
import './styles.css';

// A `#code=` link fills the first cell; nothing runs until the person asks.
const shared = readCodeFromHash(window.location.hash);
if (shared?.ok) notebook.actions.loadSharedCode({ code: shared.code });
else if (shared) notebook.actions.showBanner({ banner: { tone: 'error', text: shared.message } });

/**
 * Python (~10 MB of WebAssembly) loads only once the person shows they will run code: focus lands
 * in the notebook (a cell editor, a cell's buttons) or Run / Run all is asked for. Looking at a page
 * or an opened snapshot (graph, timeline, loss chart) never loads it.
 */
const notebookController = createNotebookController({ notebook, createWorker: createPythonWorker, createInterruptBuffer });
const controller: NotebookController = {
  ...notebookController,
  runCell(cellId, options) {
    notebookController.start();
    return notebookController.runCell(cellId, options);
  },
  runAll() {
    notebookController.start();
    return notebookController.runAll();
  },
};
notebook.actions.setKernelStatus({ status: { state: 'loading', message: 'Python starts when you edit or run a cell', canInterrupt: false } });
const startPythonOnNotebookFocus = (event: FocusEvent) => {
  if (!(event.target instanceof Element) || !event.target.closest('.app__notebook, .toolbar')) return;
  window.removeEventListener('focusin', startPythonOnNotebookFocus, true);
  notebookController.start();
};
window.addEventListener('focusin', startPythonOnNotebookFocus, true);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
