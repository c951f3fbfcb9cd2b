/**
 * The notebook and its recording as files: export to .py, .ipynb and a snapshot .json; import of
 * .py and .ipynb (a picked or dropped file) as a new notebook, so nothing open is overwritten.
 */
import type { NotebookLibrary } from '../library/notebook-library.ts';
import { emptyCell, type Cell } from '../notebook/notebook-state.ts';
import { newCellId, notebook } from '../notebook/notebook-store.ts';
import { currentSnapshot } from './current-snapshot.ts';
import { downloadText } from './download.ts';
import type { FileCell, ImportResult } from './notebook-cells.ts';
import { ipynbText, ipynbToNotebook } from './notebook-ipynb.ts';
import { notebookToPy, pyToNotebook } from './notebook-py.ts';
import { openSnapshotFile } from './open-snapshot.ts';
import { SNAPSHOT_SLOT, standaloneHtml, VIEWER_TEMPLATE_PATH } from './standalone-html.ts';

/** Notebook files bigger than this are refused unread (a real notebook's code is kilobytes). */
export const MAX_NOTEBOOK_FILE_BYTES = 20 * 1024 * 1024;

const fileCells = (cells: readonly Cell[]): FileCell[] =>
  cells.map((cell) => ({ kind: cell.kind === 'markdown' ? 'markdown' : 'code', source: cell.code, outputs: cell.outputs }));

export function exportPy(baseName = 'notebook'): void {
  downloadText(notebookToPy(fileCells(notebook.store.getState().cells)), `${baseName}.py`, 'text/x-python');
}

export function exportIpynb(baseName = 'notebook'): void {
  downloadText(ipynbText(fileCells(notebook.store.getState().cells)), `${baseName}.ipynb`, 'application/x-ipynb+json');
}

export function exportSnapshotJson(baseName = 'notebook'): void {
  downloadText(JSON.stringify(currentSnapshot()), `${baseName}.snapshot.json`, 'application/json');
}

/**
 * The snapshot as one web page that opens anywhere with nothing else (viewer/standalone-html.ts).
 * The viewer page comes from the production build; a dev server has none, and says so.
 */
export async function exportStandaloneHtml(baseName = 'notebook'): Promise<void> {
  let template: string;
  try {
    const response = await fetch(VIEWER_TEMPLATE_PATH);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    template = await response.text();
    if (!template.includes(SNAPSHOT_SLOT)) throw new Error('not the viewer page');
  } catch (error) {
    notebook.actions.showBanner({
      banner: {
        tone: 'error',
        text: `The web page could not be made: the viewer (${VIEWER_TEMPLATE_PATH}) is made by \`npm run build\` and was not found (${(error as Error).message}).`,
      },
    });
    return;
  }
  downloadText(standaloneHtml(template, currentSnapshot(), `${baseName} — Gradscope`), `${baseName}.html`, 'text/html');
}

export type NotebookFileKind = 'py' | 'ipynb' | 'snapshot';

export function fileKindOf(name: string): NotebookFileKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.py')) return 'py';
  if (lower.endsWith('.ipynb')) return 'ipynb';
  if (lower.endsWith('.json')) return 'snapshot';
  return null;
}

export function parseNotebookFile(kind: 'py' | 'ipynb', text: string): ImportResult {
  return kind === 'py' ? pyToNotebook(text) : ipynbToNotebook(text);
}

/** Opens a .py, .ipynb or snapshot .json; a refused file changes nothing but the banner. */
export async function importFile(file: File, library: NotebookLibrary | null): Promise<boolean> {
  const kind = fileKindOf(file.name);
  if (kind === 'snapshot') return openSnapshotFile(file);
  const refuse = (text: string): false => {
    notebook.actions.showBanner({ banner: { tone: 'error', text } });
    return false;
  };
  if (kind === null) return refuse(`${file.name} is not a notebook Gradscope opens (.py, .ipynb or a snapshot .json).`);
  if (file.size > MAX_NOTEBOOK_FILE_BYTES) return refuse(`${file.name} is more than ${MAX_NOTEBOOK_FILE_BYTES / (1024 * 1024)} MB; nothing was imported.`);
  const result = parseNotebookFile(kind, await file.text());
  if (!result.ok) return refuse(result.message);
  const title = file.name.replace(/\.(py|ipynb)$/i, '');
  if (library) await library.create({ title, cells: result.cells.map(({ kind: cellKind, source }) => ({ kind: cellKind, source })) });
  else notebook.actions.loadNotebook({ cells: result.cells.map((cell) => emptyCell(newCellId(), cell.source, cell.kind)), events: [] });
  notebook.actions.showBanner({ banner: { tone: 'info', text: `Imported ${file.name}: ${result.cells.length} cells. Nothing has run yet.` } });
  return true;
}
