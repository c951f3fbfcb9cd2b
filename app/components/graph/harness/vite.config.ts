// Dev harness only: serves app/components/graph/harness on its own, without the app's Pyodide copy step.
import { defineConfig } from 'vite';

export default defineConfig({ root: 'app/components/graph/harness', worker: { format: 'es' } });
