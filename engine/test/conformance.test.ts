/**
 * The differential suite: hundreds of small programs (engine/test/conformance/*.py, one `# %% name`
 * block per case) print on Gradscope exactly what they print on real PyTorch
 * (goldens by scripts/goldens/conformance.py).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';

const DIR = fileURLToPath(new URL('./conformance/', import.meta.url));
const RUNNER = readFileSync(fileURLToPath(new URL('../../scripts/goldens/conformance_runner.py', import.meta.url)), 'utf8');
const goldens = JSON.parse(readFileSync(`${DIR}goldens.json`, 'utf8')) as Record<string, string>;
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.py'))
  .sort();

/** The `# %% name` blocks of a conformance file, by name (the same split as conformance_runner.py). */
function splitCases(text: string): Map<string, string> {
  const headers = [...text.matchAll(/^# %% (\S+)[ \t]*$/gm)];
  return new Map(
    headers.map((m, i) => {
      const start = m.index! + m[0].length + 1;
      const end = i + 1 < headers.length ? headers[i + 1]!.index! : text.length;
      return [m[1]!, text.slice(start, end)];
    }),
  );
}

describe('conformance with PyTorch', () => {
  let python: TestSession;
  beforeAll(async () => {
    python = await startTestSession();
    const loaded = python.run(
      `import sys, types, json\n_m = types.ModuleType('conformance_runner')\n` +
        `exec(json.loads(${JSON.stringify(JSON.stringify(RUNNER))}), _m.__dict__)\nsys.modules['conformance_runner'] = _m\n`,
      '<setup>',
    );
    expect(loaded.ok).toBe(true);
  });

  for (const file of files) {
    const text = readFileSync(`${DIR}${file}`, 'utf8');
    const cases = splitCases(text);
    describe(file, () => {
      for (const name of cases.keys()) {
        it(`${name} prints what PyTorch prints`, () => {
          const key = `${file}::${name}`;
          expect(goldens[key], `no golden for ${key}: run npm run goldens`).toBeDefined();
          const source = cases.get(name)!;
          const result = python.run(
            `import json as _json, conformance_runner as _cr, torch as _torch\n` +
              `_out = _cr.run_case(_json.loads(${JSON.stringify(JSON.stringify(source))}), ${JSON.stringify(file)}, _torch)\n` +
              `print(_json.dumps(_out), end='')`,
            '<conformance>',
          );
          expect(result.ok, result.error?.traceback).toBe(true);
          expect(JSON.parse(result.stdout)).toBe(goldens[key]);
        });
      }
    });
  }
});
