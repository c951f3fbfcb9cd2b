// `npm test`: install what is missing (dependencies, Chromium), then run every test: type check,
// lint (ESLint's layer rules, Prettier's formatting), unit tests (vitest), a production build, and
// the end-to-end tests (Playwright in Chromium).
// Ends with one line `tests: N passed, N failed` that counts both suites, and how long each stage took.
//
// The two suites run side by side: vitest runs its files one at a time (one worker on a 2-core
// machine) and Playwright drives one browser, so neither fills both cores alone, and run one after
// the other their times add up. Each line of their output is prefixed with the suite it comes from.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildWasm } from './build-wasm.mjs';
import { ROOT, ensureChromium, ensureDependencies } from './ensure.mjs';

ensureDependencies();
const chromium = ensureChromium();
const artifacts = join(ROOT, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });
// Reports of an earlier run must not be counted as this run's.
for (const report of ['vitest.json', 'playwright.json']) rmSync(join(artifacts, report), { force: true });
const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Commands still running: a step that fails ends `npm test` early, and them with it. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try {
      // SIGINT, not SIGKILL: Playwright then stops the preview server it started in a process group
      // of its own, which would otherwise outlive it and hold the port against the next `npm test`.
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  }
});
// The suites run in their own process groups, which Ctrl+C in the terminal does not reach: stopping
// `npm test` stops them through the exit handler above.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));

/**
 * Runs a command; with a `prefix`, its output is streamed line by line behind that prefix, without
 * one it is kept and shown only if the command fails.
 */
function runCommand(command, args, { prefix, env = {} } = {}) {
  return new Promise((resolve) => {
    const since = Date.now();
    // Its own process group, so that stopping early stops everything it started too.
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
    running.add(child);
    let kept = '';
    const streams = [child.stdout, child.stderr].map((stream) => {
      let partial = '';
      return {
        stream,
        take(chunk) {
          if (!prefix) {
            kept += chunk;
            return;
          }
          const lines = (partial + chunk).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
        },
        end() {
          if (prefix && partial) process.stdout.write(`${prefix}${partial}\n`);
        },
      };
    });
    for (const { stream, take } of streams) stream.setEncoding('utf8').on('data', take);
    child.on('close', (status) => {
      running.delete(child);
      for (const { end } of streams) end();
      resolve({ command: `${command} ${args.join(' ')}`, status, output: kept, time: seconds(since) });
    });
  });
}

/** A preparatory step that failed stops `npm test`, with its output. */
function mustSucceed(result) {
  if (result.status === 0) return;
  process.stdout.write(result.output);
  console.error(`${result.command} failed with status ${result.status}`);
  process.exit(result.status ?? 1);
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

// The type check, the lint and the production build are short and read nothing the tests write.
// The end-to-end tests need the build; the unit tests need none of them, so they start at once.
const typeCheck = runCommand('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const lint = runCommand('npx', ['eslint', '.']);
const formatting = runCommand('npx', ['prettier', '--check', '.']);
const build = runCommand('npx', ['vite', 'build']);
console.log('── unit tests (vitest) and end-to-end tests (Playwright, Chromium), side by side ──');
const unit = runCommand('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(artifacts, 'vitest.json')}`], {
  prefix: 'unit │ ',
});
const e2e = build.then((built) => {
  mustSucceed(built);
  return runCommand('npx', ['playwright', 'test'], {
    prefix: 'e2e  │ ',
    env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: join(artifacts, 'playwright.json') },
  });
});
mustSucceed(await typeCheck);
mustSucceed(await lint);
mustSucceed(await formatting);
const [unitRun, e2eRun] = await Promise.all([unit, e2e]);

const unitReport = readJson(join(artifacts, 'vitest.json'));
const e2eReport = readJson(join(artifacts, 'playwright.json'));
const passed = (unitReport?.numPassedTests ?? 0) + (e2eReport?.stats?.expected ?? 0);
// A suite that crashed before counting still counts as one failure, so the line never says 0 failed
// for a run that did not pass.
const unitFailed = Math.max(unitReport?.numFailedTests ?? 0, unitRun.status === 0 ? 0 : 1);
const e2eFailed = Math.max((e2eReport?.stats?.unexpected ?? 0) + (e2eReport?.stats?.flaky ?? 0), e2eRun.status === 0 ? 0 : 1);
const failed = unitFailed + e2eFailed;
const ok = failed === 0 && existsSync(join(ROOT, 'dist', 'index.html'));
console.log(`\ntime: unit ${unitRun.time}, end-to-end ${e2eRun.time} (after the build), total ${seconds(started)}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
