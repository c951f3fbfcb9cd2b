import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const TEST_FOLDERS = ['engine', 'app', 'scripts', 'bench'];
const TEST_FILES = TEST_FOLDERS.flatMap((folder) => [`${folder}/**/*.test.ts`, `${folder}/**/*.test.tsx`]);

/** The test files under `folder`, as paths relative to the root. */
function testFilesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFilesIn(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** What a test file that boots Pyodide imports: Pyodide, the test session, the suites built on it, or `gradscope run`. */
const BOOTS_PYTHON = /from '(?:pyodide|[^']*\/(?:python-session|corpus-suite|golden-programs|gradscope-run)\.ts)'/;
const pythonTestFiles = TEST_FOLDERS.flatMap(testFilesIn).filter((file) => BOOTS_PYTHON.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    environment: 'node',
    // kernels.wasm is built from source before the tests and installed in each test file.
    globalSetup: ['engine/kernels/wasm/vitest-global-setup.ts'],
    setupFiles: ['engine/kernels/wasm/vitest-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // A fresh process per file costs about a second of CPU (Node, vitest, importing the engine),
        // more than most files take to run: the files without Python share their worker's process.
        // Each test file is evaluated afresh; the modules it imports are shared with the files before.
        test: { name: 'unit', include: TEST_FILES, exclude: [...configDefaults.exclude, ...pythonTestFiles], isolate: false },
      },
      {
        extends: true,
        // A process per file: a Python exception unwinding into a JavaScript engine made hot by many
        // files before has aborted node (V8's "unreachable code" in its deoptimizer). Each file boots
        // Python once, from the memory snapshot (engine/test/python-session.ts).
        test: { name: 'python', include: pythonTestFiles, isolate: true },
      },
    ],
  },
});
