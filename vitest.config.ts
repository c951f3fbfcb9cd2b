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
/**
 * A file that asks for a process of its own: its results depend on engine-wide counters (tensor and
 * node ids) starting afresh, as they do in a new session, e.g. the length of a share link.
 */
const OWN_PROCESS = '// vitest: own process';
const ownProcessFiles = TEST_FOLDERS.flatMap(testFilesIn).filter((file) => {
  const text = readFileSync(file, 'utf8');
  return BOOTS_PYTHON.test(text) || text.includes(OWN_PROCESS);
});

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
        test: { name: 'unit', include: TEST_FILES, exclude: [...configDefaults.exclude, ...ownProcessFiles], isolate: false },
      },
      {
        extends: true,
        // A process per file: a Python exception unwinding into a JavaScript engine made hot by many
        // files before has aborted node (V8's "unreachable code" in its deoptimizer). Each file boots
        // Python once, from the memory snapshot (engine/test/python-session.ts). Files that ask for it
        // (OWN_PROCESS) get a process of their own too.
        test: { name: 'own-process', include: ownProcessFiles, isolate: true },
      },
    ],
  },
});
