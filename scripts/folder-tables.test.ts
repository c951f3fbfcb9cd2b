/**
 * The maps a newcomer reads first match the tree: README.md's "What is where" names every
 * top-level folder and every folder of the app's layers, and engine/README.md's layout names every
 * folder of engine/. A folder added without a line in the map fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Made by tools, never committed (see .gitignore). */
const UNTRACKED = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', '.test-artifacts', '.git']);

function folders(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((name) => !UNTRACKED.has(name) && statSync(join(ROOT, dir, name)).isDirectory())
    .sort();
}

function tableText(file: string, heading: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(heading);
  expect(start, `${file} has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start);
  const end = rest.indexOf('\n## ', heading.length);
  return end < 0 ? rest : rest.slice(0, end);
}

const missingFrom = (table: string, names: readonly string[]) =>
  names.filter((name) => !table.includes(`\`${name}\``) && !table.includes(`\`${name.replace(/\/$/, '')}\``));

describe('the folder tables', () => {
  const readme = tableText('README.md', '## What is where');

  it("README's table names every top-level folder", () => {
    expect(
      missingFrom(
        readme,
        folders('.').map((name) => `${name}/`),
      ),
    ).toEqual([]);
  });

  it("README's table names each app layer and every folder inside it", () => {
    const appFolders = folders('app').map((name) => `app/${name}/`);
    expect(missingFrom(readme, appFolders)).toEqual([]);
    const layerRows = readme.split('\n').filter((line) => line.startsWith('| `app/core/`') || line.startsWith('| `app/components/`'));
    expect(layerRows).toHaveLength(2);
    for (const layer of ['core', 'components'] as const) {
      const row = layerRows.find((line) => line.startsWith(`| \`app/${layer}/\``))!;
      expect(
        missingFrom(
          row,
          folders(`app/${layer}`).map((name) => `${name}/`),
        ),
        `app/${layer}/`,
      ).toEqual([]);
    }
  });

  it("engine/README's layout names every engine folder", () => {
    const layout = tableText('engine/README.md', '## Layout');
    expect(
      missingFrom(
        layout,
        folders('engine').map((name) => `${name}/`),
      ),
    ).toEqual([]);
  });
});
