/**
 * Everything each cell printed in this session, in order (stdout and stderr interleaved as a
 * terminal shows them), for "Download the whole output" when the cell shows only its head and tail.
 * Kept out of the store and never saved: it can be megabytes, and re-rendering or autosaving it is
 * what froze the page. Each cell keeps at most FULL_OUTPUT_CHAR_LIMIT characters, the latest ones.
 */
export const FULL_OUTPUT_CHAR_LIMIT = 64 * 1024 * 1024;

interface Log {
  chunks: string[];
  size: number;
  droppedChars: number;
}

const logs = new Map<string, Log>();

/** A run of the cell starts: what it printed before is gone, as from the cell. */
export function startOutputLog(cellId: string): void {
  logs.set(cellId, { chunks: [], size: 0, droppedChars: 0 });
}

export function appendOutputLog(cellId: string, text: string): void {
  const log = logs.get(cellId);
  if (!log) return;
  log.chunks.push(text);
  log.size += text.length;
  while (log.size > FULL_OUTPUT_CHAR_LIMIT && log.chunks.length > 1) {
    const first = log.chunks.shift()!;
    log.size -= first.length;
    log.droppedChars += first.length;
  }
}

/** The cell's whole output of this session, or undefined when it was not printed in this session (a reload). */
export function fullOutputText(cellId: string): string | undefined {
  const log = logs.get(cellId);
  if (!log) return undefined;
  const note = log.droppedChars > 0 ? `… the first ${log.droppedChars} characters were not kept …\n` : '';
  return note + log.chunks.join('');
}

export function forgetOutputLog(cellId: string): void {
  logs.delete(cellId);
}
