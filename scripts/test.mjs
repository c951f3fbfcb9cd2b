// `npm test`: install what is missing (dependencies, Chromium), then run every test: type check,
// unit tests (vitest), a production build, and the end-to-end tests (Playwright in Chromium).
// Ends with one line `tests: N passed, N failed` that counts both suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureChromium, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
const chromium = ensureChromium();
const artifacts = join(ROOT, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);

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

const unitOk = suite('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(artifacts, 'vitest.json')}`]);
const unit = readJson(join(artifacts, 'vitest.json'));
run('npx', ['vite', 'build']);
const e2eOk = suite('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: join(artifacts, 'playwright.json'),
});
const e2e = readJson(join(artifacts, 'playwright.json'));

const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
// A suite that crashed before counting still counts as one failure, so the line never says 0 failed
// for a run that did not pass.
const unitFailed = Math.max(unit?.numFailedTests ?? 0, unitOk ? 0 : 1);
const e2eFailed = Math.max((e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0), e2eOk ? 0 : 1);
const failed = unitFailed + e2eFailed;
const ok = failed === 0 && existsSync(join(ROOT, 'dist', 'index.html'));
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
