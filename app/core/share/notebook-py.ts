/**
 * Notebooks as `.py` files in the percent format that Jupytext, VS Code and Spyder read: each cell
 * starts with `# %%`, markdown cells with `# %% [markdown]` and their lines commented out.
 */
import type { FileCell, ImportResult } from './notebook-cells.ts';

const CELL_MARKER = /^# ?%%(.*)$/;
const MARKDOWN_TAG = /^\s*\[(markdown|md)\]/;

/**
 * A prose line starting with `%%` would read back as a cell marker once commented out, so it gets
 * a backslash (markdown's own escape, so it renders the same); lines already starting with
 * backslashes before `%%` get one more, and reading takes exactly one away.
 */
const escapeMarker = (line: string): string => (/^\\*%%/.test(line) ? `\\${line}` : line);
const unescapeMarker = (line: string): string => (/^\\+%%/.test(line) ? line.slice(1) : line);

export function notebookToPy(cells: readonly FileCell[]): string {
  const blocks = cells.map((cell) => {
    if (cell.kind === 'markdown') {
      const lines = cell.source.split('\n').map((line) => (line === '' ? '#' : `# ${escapeMarker(line)}`));
      return `# %% [markdown]\n${lines.join('\n')}`;
    }
    return `# %%\n${cell.source}`;
  });
  return `${blocks.join('\n\n')}\n`;
}

/** Drops the blank lines that separate cells (a cell's own inner blank lines stay). */
const trimBlankEnds = (lines: readonly string[]): string[] => {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
};

const uncomment = (line: string): string => unescapeMarker(line.startsWith('# ') ? line.slice(2) : line.startsWith('#') ? line.slice(1) : line);

export function pyToNotebook(text: string): ImportResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cells: FileCell[] = [];
  let kind: FileCell['kind'] = 'code';
  let current: string[] = [];
  let sawMarker = false;
  const flush = () => {
    const body = trimBlankEnds(current);
    // Code before the first marker is a cell only when there is some (VS Code does the same).
    if (body.length > 0 || sawMarker) cells.push({ kind, source: (kind === 'markdown' ? body.map(uncomment) : body).join('\n') });
  };
  for (const line of lines) {
    const marker = CELL_MARKER.exec(line);
    if (!marker) {
      current.push(line);
      continue;
    }
    flush();
    sawMarker = true;
    kind = MARKDOWN_TAG.test(marker[1] ?? '') ? 'markdown' : 'code';
    current = [];
  }
  flush();
  if (cells.length === 0) return { ok: true, cells: [{ kind: 'code', source: '' }] };
  return { ok: true, cells };
}
