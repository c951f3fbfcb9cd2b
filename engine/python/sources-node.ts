/** Reads the Python sources of the torch package from disk (the CLI and tests in Node). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON_ROOT = fileURLToPath(new URL('.', import.meta.url));

export function readPythonSources(root: string = PYTHON_ROOT): Record<string, string> {
  const sources: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '__pycache__' && name !== 'test') visit(path);
      } else if (name.endsWith('.py')) {
        sources[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
      }
    }
  };
  visit(root);
  return sources;
}
