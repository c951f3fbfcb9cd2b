import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // kernels.wasm is built from source before the tests and installed in each test file.
    globalSetup: ['engine/kernels/wasm/vitest-global-setup.ts'],
    setupFiles: ['engine/kernels/wasm/vitest-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
