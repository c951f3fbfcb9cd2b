/**
 * Real teaching programs (corpus/, see docs/compatibility.md) print what PyTorch prints. The
 * programs themselves run in corpus-<source>.test.ts, one file per source folder (corpus-suite.ts
 * says why); this file checks that the corpus is whole: every program has a golden, a status and a
 * named source, and every source folder has its test file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compatibilityPage } from './corpus-docs.ts';
import { CORPUS_DIR, corpusPrograms, programSource, readGoldens, readStatus } from './corpus-programs.ts';

const programs = corpusPrograms();

describe('the corpus of teaching programs', () => {
  it('has at least 60 programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(60);
  });

  it('has a golden and a status for every program, and nothing else', () => {
    const goldens = readGoldens();
    const status = readStatus();
    expect(programs.filter((key) => !(key in goldens))).toEqual([]);
    expect(programs.filter((key) => !(key in status))).toEqual([]);
    expect(Object.keys(status).filter((key) => !programs.includes(key))).toEqual([]);
  });

  it('names the source of every program on its first line', () => {
    expect(programs.filter((key) => !/^# Source: \S/.test(programSource(key)))).toEqual([]);
  });

  it('runs every source folder in a test file of its own', () => {
    const sources = readdirSync(CORPUS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const missing = sources.filter((source) => !existsSync(fileURLToPath(new URL(`./corpus-${source}.test.ts`, import.meta.url))));
    expect(missing).toEqual([]);
  });

  it('lists every program in docs/compatibility.md with its status from corpus/status.json', () => {
    const page = readFileSync(new URL('../../docs/compatibility.md', import.meta.url), 'utf8');
    const listed = programs.filter((key) => page.includes(`](../corpus/${key}.py)`));
    expect(programs.filter((key) => !listed.includes(key))).toEqual([]);
    // Stale when a status changed without `npm run corpus:status` (which rewrites the page).
    expect(page).toBe(compatibilityPage(page, readStatus()));
  });
});
