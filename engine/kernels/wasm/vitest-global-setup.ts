/** vitest: builds kernels.wasm once before any test file runs (a no-op when it is up to date). */
import { buildWasm } from '../../../scripts/build-wasm.mjs';

export default async function setup(): Promise<void> {
  await buildWasm();
}
