import { defineConfig, type Plugin } from 'vite';
import { copyPyodide } from './scripts/copy-pyodide.mjs';

/**
 * Cross-origin isolation makes `SharedArrayBuffer` available, which is how Stop reaches a busy
 * Python (Pyodide polls an interrupt buffer). Dev and preview must both send these headers.
 */
const crossOriginIsolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Pyodide is served from our own origin (`/pyodide/`), never a CDN, so the copy runs at config time for dev and build alike. */
function copyPyodidePlugin(): Plugin {
  return {
    name: 'gradscope:copy-pyodide',
    config() {
      copyPyodide();
    },
  };
}

const previewPort = Number(process.env.PORT ?? 4173);

export default defineConfig({
  plugins: [copyPyodidePlugin()],
  worker: { format: 'es' },
  server: { headers: crossOriginIsolationHeaders },
  preview: { port: previewPort, strictPort: true, headers: crossOriginIsolationHeaders },
  build: {
    target: 'es2022',
    // Monaco is one large chunk by nature; warn only when it grows well beyond that.
    chunkSizeWarningLimit: 4000,
  },
});
