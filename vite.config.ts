import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { buildWasm } from './scripts/build-wasm.mjs';
import { copyPyodide } from './scripts/copy-pyodide.mjs';
import { buildViewer } from './scripts/build-viewer.mjs';

/**
 * Cross-origin isolation makes `SharedArrayBuffer` available, which is how Stop reaches a busy
 * Python (Pyodide polls an interrupt buffer). Dev and preview must both send these headers.
 */
const crossOriginIsolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Content-Security-Policy lives once, in index.html's meta tag; the servers send it as a header
 * too, which also covers the workers (a worker takes its policy from its own response) and adds
 * frame-ancestors, which only a header can carry.
 */
function contentSecurityPolicy(): string {
  const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!meta) throw new Error('index.html has no Content-Security-Policy meta tag.');
  return `${meta[1]}; frame-ancestors 'none'`;
}

const securityHeaders = {
  ...crossOriginIsolationHeaders,
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
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

/** After a production build, the standalone viewer page that "Download as web page" fills in. */
function standaloneViewerPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'gradscope:standalone-viewer',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await buildViewer(outDir);
    },
  };
}

/**
 * The WebAssembly kernels are compiled from source (never committed) before Vite resolves the
 * worker's `new URL('./build/kernels.wasm', import.meta.url)`, which it then emits as a local asset.
 */
function buildWasmPlugin(): Plugin {
  return {
    name: 'gradscope:build-wasm',
    async config() {
      await buildWasm();
    },
  };
}

const previewPort = Number(process.env.PORT ?? 4173);

export default defineConfig({
  plugins: [copyPyodidePlugin(), buildWasmPlugin(), standaloneViewerPlugin()],
  worker: { format: 'es' },
  server: { headers: securityHeaders },
  preview: { port: previewPort, strictPort: true, headers: securityHeaders },
  build: {
    target: 'es2022',
    // Monaco is one large chunk by nature; warn only when it grows well beyond that.
    chunkSizeWarningLimit: 4000,
    // kernels.wasm stays a file of our own origin: a data: URL inlined into the worker would be a
    // fetch the Content-Security-Policy (connect-src 'self') refuses.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
  },
});
