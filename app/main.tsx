import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createInterruptBuffer, createPythonWorker } from './kernel/kernel-worker.ts';
import { ControllerContext } from './notebook/controller-context.ts';
import { createNotebookController } from './notebook/notebook-controller.ts';
import { readCodeFromHash } from './share/code-link.ts';
import { notebook } from './store/notebook-store.ts';
import './styles.css';

// A `#code=` link fills the first cell; nothing runs until the person asks.
const shared = readCodeFromHash(window.location.hash);
if (shared?.ok) notebook.actions.loadSharedCode({ code: shared.code });
else if (shared) notebook.actions.showBanner({ banner: { tone: 'error', text: shared.message } });

const controller = createNotebookController({ notebook, createWorker: createPythonWorker, createInterruptBuffer });
// Python loads in the background while the editor is already usable. Nothing depends on it to show
// a graph: an opened snapshot draws and replays from its recorded trace alone, and runs nothing.
controller.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
