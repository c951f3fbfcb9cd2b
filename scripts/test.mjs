// `npm test`: install what is missing (dependencies, Chromium), then run every test: type check,
// lint (ESLint's layer rules, Prettier's formatting), unit tests (vitest), a production build, and
// the end-to-end tests (Playwright in Chromium).
// Ends with one line `tests: N passed, N failed` that counts both suites, and how long each stage took.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWasm } from './build-wasm.mjs';
import { ROOT, ensureChromium, ensureDependencies } from './ensure.mjs';

ensureDependencies();
const chromium = ensureChromium();
const artifacts = join(ROOT, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });
const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Runs a command in the background with its output kept, to be shown when it is awaited. */
function background(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ command: `${command} ${args.join(' ')}`, status, output }));
  });
}

/** A background step that failed stops `npm test`, as it would have run first. */
function mustSucceed(result) {
  if (result.status === 0) return;
  process.stdout.write(result.output);
  console.error(`${result.command} failed with status ${result.status}`);
  process.exit(result.status ?? 1);
}

function suite(name, command, args, env = {}) {
  console.log(`\n── ${name} ──`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// The WebAssembly kernels are built from source first (a no-op when up to date): vitest, the type
// check's imports and the production build all use them.
await buildWasm({ quiet: false });

// The type check, the lint and the production build (needed only by the browser tests) are short
// and read nothing the unit tests write, so they run beside the unit tests instead of before them.
const typeCheck = background('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const lint = background('npx', ['eslint', '.']);
const formatting = background('npx', ['prettier', '--check', '.']);
const build = background('npx', ['vite', 'build']);

const unitStarted = Date.now();
const unitOk = suite('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(artifacts, 'vitest.json')}`]);
const unitTime = seconds(unitStarted);
const unit = readJson(join(artifacts, 'vitest.json'));
mustSucceed(await typeCheck);
mustSucceed(await lint);
mustSucceed(await formatting);
mustSucceed(await build);

const e2eStarted = Date.now();
const e2eOk = suite('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: join(artifacts, 'playwright.json'),
});
const e2eTime = seconds(e2eStarted);
const e2e = readJson(join(artifacts, 'playwright.json'));

const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
// A suite that crashed before counting still counts as one failure, so the line never says 0 failed
// for a run that did not pass.
const unitFailed = Math.max(unit?.numFailedTests ?? 0, unitOk ? 0 : 1);
const e2eFailed = Math.max((e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0), e2eOk ? 0 : 1);
const failed = unitFailed + e2eFailed;
const ok = failed === 0 && existsSync(join(ROOT, 'dist', 'index.html'));
console.log(`\ntime: unit ${unitTime}, end-to-end ${e2eTime}, total ${seconds(started)}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
