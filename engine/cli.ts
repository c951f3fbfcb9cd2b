/**
 * `gradscope run FILE.py [--snapshot OUT.json]` (run-file.ts), over this process's arguments,
 * working directory and streams; its status is the process's exit status.
 */
import { enableWasmKernelsSync } from './kernels/wasm/loader.ts';
import { runFile } from './run-file.ts';

// The WebAssembly SIMD kernels, as the app's worker uses: same bits as the TypeScript kernels, several
// times faster (tanh on a makemore hidden layer: ~100×). A clone whose kernels.wasm is not built yet
// (`npm run build:wasm`; `npm test` and the app's build make it) runs on the TypeScript kernels.
try {
  enableWasmKernelsSync();
} catch {
  // kernels.wasm missing: the TypeScript kernels compute the same values.
}

runFile(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`gradscope: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
