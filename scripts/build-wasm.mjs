// Compiles the WebAssembly SIMD kernels (engine/kernels/wasm/assembly/, AssemblyScript) into
// engine/kernels/wasm/build/kernels.wasm. The binary is never committed: `npm test`, the Vite build
// and dev server, vitest and the bench all call this first. It recompiles only when the sources,
// the flags or the compiler version change (a hash of all three sits beside the binary), and writes
// through a temporary file and a rename, so runs that build at the same time never see half a file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_SOURCE_DIR = join(ROOT, 'engine/kernels/wasm/assembly');
export const WASM_OUTPUT = join(ROOT, 'engine/kernels/wasm/build/kernels.wasm');
const HASH_FILE = `${WASM_OUTPUT}.hash`;

/**
 * Release build, no runtime beyond a bump allocator we never call, the memory imported (the
 * loader owns it and sizes it), SIMD on, and no `abort` import (assertions are compiled out).
 */
const FLAGS = ['-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--enable', 'simd', '--use', 'abort='];

function sourceHash() {
  const require = createRequire(import.meta.url);
  const { version } = JSON.parse(readFileSync(require.resolve('assemblyscript/package.json'), 'utf8'));
  const hash = createHash('sha256').update(`assemblyscript ${version}\n${FLAGS.join(' ')}\n`);
  for (const name of readdirSync(WASM_SOURCE_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    hash.update(`${name}\n`).update(readFileSync(join(WASM_SOURCE_DIR, name)));
  }
  return hash.digest('hex');
}

/** Builds the kernels unless an up-to-date binary is already there; returns its path. */
export async function buildWasm({ quiet = true } = {}) {
  const hash = sourceHash();
  if (existsSync(WASM_OUTPUT) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8') === hash) return WASM_OUTPUT;
  const { default: asc } = await import('assemblyscript/asc');
  mkdirSync(dirname(WASM_OUTPUT), { recursive: true });
  const temporary = `${WASM_OUTPUT}.${process.pid}.${Date.now()}.tmp`;
  const stderr = asc.createMemoryStream();
  const { error } = await asc.main([join(WASM_SOURCE_DIR, 'index.ts'), ...FLAGS, '--outFile', temporary], { stderr });
  if (error) {
    rmSync(temporary, { force: true });
    throw new Error(`AssemblyScript could not build the WebAssembly kernels:\n${stderr.toString()}`);
  }
  renameSync(temporary, WASM_OUTPUT);
  writeFileSync(`${HASH_FILE}.${process.pid}.tmp`, hash);
  renameSync(`${HASH_FILE}.${process.pid}.tmp`, HASH_FILE);
  if (!quiet) console.log(`built ${WASM_OUTPUT}`);
  return WASM_OUTPUT;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWasm({ quiet: false });
}
