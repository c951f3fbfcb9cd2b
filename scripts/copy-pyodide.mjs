// Copies Pyodide's runtime files from node_modules into public/pyodide/, so the app serves them
// from its own origin (the app works offline and never loads Python from a CDN). The copy is not
// committed: it is made by every build and dev start.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

export function pyodideSourceDir() {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('pyodide/package.json'));
}

/** Copies the files that are missing or older than node_modules' copy; returns the target dir. */
export function copyPyodide(targetDir = resolve(dirname(fileURLToPath(import.meta.url)), '../public/pyodide')) {
  const source = pyodideSourceDir();
  mkdirSync(targetDir, { recursive: true });
  for (const name of PYODIDE_FILES) {
    const from = join(source, name);
    const to = join(targetDir, name);
    if (!existsSync(to) || statSync(to).mtimeMs < statSync(from).mtimeMs || statSync(to).size !== statSync(from).size) {
      copyFileSync(from, to);
    }
  }
  return targetDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`pyodide copied to ${copyPyodide()}`);
}
