// Dev harness only: serves app/graph/harness on its own, without the app's Pyodide copy step.
import { defineConfig } from 'vite';

export default defineConfig({ root: 'app/graph/harness', worker: { format: 'es' } });
