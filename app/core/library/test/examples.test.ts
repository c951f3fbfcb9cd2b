/**
 * Every example notebook in public/examples/ runs cleanly on Gradscope's engine, cell by cell in one
 * Python session with recording on (as the app's Run all does), and prints what PyTorch printed
 * (app/core/library/test/examples-goldens.json, from scripts/goldens/examples.py).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PythonSession } from '../../../../engine/python/session.ts';
import { sharedPythonSession } from '../../../../engine/test/python-session.ts';
import { createSessionRecording } from '../../../../engine/worker/cell-recorder.ts';
import { readExampleIndex, readNotebookFile, type NotebookFile } from '../notebook-file.ts';

const EXAMPLES = fileURLToPath(new URL('../../../../public/examples/', import.meta.url));
const goldens = JSON.parse(readFileSync(new URL('./examples-goldens.json', import.meta.url), 'utf8')) as Record<string, string[]>;

const readJson = (name: string): unknown => JSON.parse(readFileSync(`${EXAMPLES}${name}`, 'utf8'));
const index = readExampleIndex(readJson('index.json'));
const entries = index.ok ? index.value : [];

function loadNotebook(file: string): NotebookFile {
  const result = readNotebookFile(readJson(file));
  if (!result.ok) throw new Error(`${file}: ${result.message}`);
  return result.value;
}

describe('the example gallery', () => {
  it('lists at least 12 notebooks, each a valid notebook file that explains itself in markdown', () => {
    expect(index.ok).toBe(true);
    expect(entries.length).toBeGreaterThanOrEqual(12);
    for (const entry of entries) {
      const notebook = loadNotebook(entry.file);
      expect(notebook.title, entry.file).toBe(entry.title);
      expect(
        notebook.cells.some((cell) => cell.kind === 'markdown'),
        entry.file,
      ).toBe(true);
      expect(
        notebook.cells.some((cell) => cell.kind === 'code'),
        entry.file,
      ).toBe(true);
    }
  });

  it('opens every example with its graph already recorded (a trace that loads as a snapshot’s does)', () => {
    for (const entry of entries) {
      const notebook = loadNotebook(entry.file);
      expect(notebook.events?.length ?? 0, entry.file).toBeGreaterThan(0);
      const cellIds = new Set(notebook.cells.map((cell) => cell.id));
      const runCells = notebook.events!.flatMap((event) => (event.kind === 'run-start' ? [event.cell] : []));
      expect(
        runCells.every((id) => cellIds.has(id)),
        entry.file,
      ).toBe(true);
    }
  });

  it('opens every example with what each code cell printed, as PyTorch prints it', () => {
    for (const entry of entries) {
      const codeCells = loadNotebook(entry.file).cells.filter((cell) => cell.kind === 'code');
      const recorded = codeCells.map((cell) =>
        (cell.outputs ?? []).map((output) => (output.kind === 'stream' && output.stream === 'stdout' ? output.text : '')).join(''),
      );
      expect(recorded, entry.file).toEqual(goldens[entry.file]);
    }
  });

  it('has a PyTorch golden for every example', () => {
    expect(entries.map((entry) => entry.file).filter((file) => !(file in goldens))).toEqual([]);
  });
});

describe('every example runs cleanly and prints what PyTorch prints', () => {
  let session: PythonSession;
  let stdout = '';
  let stderr = '';
  beforeAll(async () => {
    session = await sharedPythonSession({
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
  }, 120_000);

  for (const entry of entries) {
    it(
      entry.file,
      () => {
        session.reset();
        const recording = createSessionRecording(session);
        const codeCells = loadNotebook(entry.file).cells.filter((cell) => cell.kind === 'code');
        const printed: string[] = [];
        for (const [position, cell] of codeCells.entries()) {
          stdout = '';
          stderr = '';
          const filename = `Cell ${position + 1}`;
          const { result } = recording.record(`cell-${position + 1}`, filename, () => session.run(cell.source, filename));
          expect(result.error?.traceback ?? '', `${entry.file} ${filename} raised`).toBe('');
          expect(result.ok).toBe(true);
          printed.push(stdout);
        }
        expect(printed).toEqual(goldens[entry.file]);
      },
      120_000,
    );
  }
});
