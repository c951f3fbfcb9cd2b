/**
 * The torch package reaches JavaScript only through the engine module, never through Pyodide's `js`
 * module. In a session that makes the memory snapshot (the page's first start, a first
 * `gradscope run`), `js` is Pyodide's tracking proxy over the globals: every object reached through
 * it comes back wrapped in fresh Proxies, and `Object.fromEntries` from there made each tensor index
 * churn Proxies (a makemore training step in the page took ~1 ms longer than in Node).
 */
import { describe, expect, it } from 'vitest';
import { readPythonSources } from '../python/sources-node.ts';

const IMPORTS_JS = /^\s*(from\s+js\s+import\b|import\s+js\b)/m;

describe("the torch package and Pyodide's js module", () => {
  const sources = Object.entries(readPythonSources());

  it('finds the package sources', () => {
    expect(sources.some(([path]) => path.endsWith('torch/_tensor.py'))).toBe(true);
  });

  it('no module imports from js (the engine module offers what Python needs, objectFromEntries included)', () => {
    const importing = sources.filter(([, text]) => IMPORTS_JS.test(text)).map(([path]) => path);
    expect(importing).toEqual([]);
  });
});
