/**
 * Notebooks as Jupyter `.ipynb` files (nbformat 4.5). What is written and what is read are both
 * checked against nbformat 4's structure (nbformat-schema.ts).
 */
import * as v from 'valibot';
import { describeIssue } from '../../../engine/trace/validate.ts';
import type { OutputItem } from '../notebook/notebook-state.ts';
import { nbformatNotebookSchema, type NbformatCell, type NbformatNotebook } from './nbformat-schema.ts';
import type { FileCell, ImportResult } from './notebook-cells.ts';
import { textWithNote } from '../notebook/output-cap.ts';

/** Jupyter's own layout: a list of lines, each but the last keeping its newline. */
const toLines = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\n)/));
const fromLines = (source: string | readonly string[]): string => (typeof source === 'string' ? source : source.join(''));

type NbOutput = Extract<NbformatCell, { cell_type: 'code' }>['outputs'][number];

function toOutputs(outputs: readonly OutputItem[] | undefined): NbOutput[] {
  const out: NbOutput[] = [];
  for (const item of outputs ?? []) {
    if (item.kind === 'stream') out.push({ output_type: 'stream', name: item.stream, text: toLines(textWithNote(item)) });
    else if (item.kind === 'error')
      out.push({ output_type: 'error', ename: item.error.ename, evalue: item.error.evalue, traceback: item.error.traceback.split('\n') });
  }
  return out;
}

export function notebookToIpynb(cells: readonly FileCell[]): NbformatNotebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells: cells.map((cell, index): NbformatCell => {
      const id = `cell-${index + 1}`;
      const source = toLines(cell.source);
      return cell.kind === 'markdown'
        ? { cell_type: 'markdown', id, metadata: {}, source }
        : { cell_type: 'code', id, metadata: {}, source, execution_count: null, outputs: toOutputs(cell.outputs) };
    }),
  };
}

/** A problem with what we wrote is a bug here, not the person's: it throws. */
export function ipynbText(cells: readonly FileCell[]): string {
  const notebook = notebookToIpynb(cells);
  const checked = v.safeParse(nbformatNotebookSchema, notebook);
  if (!checked.success) throw new Error(`Exported .ipynb is not nbformat 4: ${describeIssue(checked.issues, 'notebook')}`);
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

export function ipynbToNotebook(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This .ipynb file is not valid JSON, so nothing was imported.' };
  }
  const checked = v.safeParse(nbformatNotebookSchema, json, { abortEarly: true });
  if (!checked.success)
    return { ok: false, message: `This .ipynb file is not an nbformat 4 notebook (${describeIssue(checked.issues, 'notebook')}), so nothing was imported.` };
  // Raw cells have no kind here; their text is kept as markdown rather than lost.
  const cells = checked.output.cells.map((cell): FileCell => ({ kind: cell.cell_type === 'code' ? 'code' : 'markdown', source: fromLines(cell.source) }));
  return { ok: true, cells: cells.length > 0 ? cells : [{ kind: 'code', source: '' }] };
}
