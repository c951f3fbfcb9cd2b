/**
 * A cell shows at most the first OUTPUT_HEAD_LINES and the last OUTPUT_TAIL_LINES lines of what it
 * printed (and at most OUTPUT_HEAD_CHARS + OUTPUT_TAIL_CHARS characters), cut at line boundaries,
 * with a note of what was left out between them. Without a cap, `for i in range(10**6): print(i)`
 * re-renders a growing multi-megabyte <pre> twenty times a second and the tab freezes for minutes.
 * The whole text stays downloadable for the session (see full-output-log.ts).
 */

export const OUTPUT_HEAD_LINES = 200;
export const OUTPUT_TAIL_LINES = 2_000;
export const OUTPUT_HEAD_CHARS = 20_000;
export const OUTPUT_TAIL_CHARS = 80_000;

/** What was left out of a stream block: `lines` newline-ended lines, `chars` characters, at `at` in its text. */
export interface Omission {
  readonly at: number;
  readonly lines: number;
  readonly chars: number;
}

export interface CappedText {
  readonly text: string;
  readonly omitted?: Omission;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The end of the first `maxLines` lines within `maxChars` (a line boundary; 0 when even one line is longer). */
function headEnd(text: string, maxLines: number, maxChars: number): number {
  let end = 0;
  for (let lines = 0; lines < maxLines; lines++) {
    const next = text.indexOf('\n', end);
    if (next < 0 || next + 1 > maxChars) break;
    end = next + 1;
  }
  return end;
}

/**
 * Where the last `maxLines` lines within `maxChars` start (a line boundary). The unfinished last line
 * (no newline yet) always stays, since the program is still writing it.
 */
function tailStart(text: string, maxLines: number, maxChars: number): number {
  const limit = Math.max(text.length - maxChars, 0);
  let start = text.length;
  let lines = 0;
  // The unfinished last line counts as a line of the tail.
  let cursor = text.endsWith('\n') ? text.length - 1 : text.length;
  while (lines < maxLines) {
    const newline = text.lastIndexOf('\n', cursor - 1);
    const lineStart = newline + 1;
    if (lineStart < limit) break;
    start = lineStart;
    lines++;
    if (newline < 0) break;
    cursor = newline;
  }
  // One unfinished line longer than the whole cap: its end is what is being written now.
  if (start === text.length && !text.endsWith('\n')) return limit;
  return start;
}

/** `previous` with `added` appended, capped. Pure; cost bounded by the cap, not by all that was printed. */
export function appendCapped(previous: CappedText, added: string): CappedText {
  if (!previous.omitted) {
    const text = previous.text + added;
    if (text.length <= OUTPUT_HEAD_CHARS + OUTPUT_TAIL_CHARS && countLines(text) <= OUTPUT_HEAD_LINES + OUTPUT_TAIL_LINES) {
      return { text };
    }
    const at = headEnd(text, OUTPUT_HEAD_LINES, OUTPUT_HEAD_CHARS);
    const rest = text.slice(at);
    const start = tailStart(rest, OUTPUT_TAIL_LINES, OUTPUT_TAIL_CHARS);
    const dropped = rest.slice(0, start);
    return { text: text.slice(0, at) + rest.slice(start), omitted: { at, lines: countLines(dropped), chars: dropped.length } };
  }
  const { at } = previous.omitted;
  const tail = previous.text.slice(at) + added;
  const start = tailStart(tail, OUTPUT_TAIL_LINES, OUTPUT_TAIL_CHARS);
  const dropped = tail.slice(0, start);
  return {
    text: previous.text.slice(0, at) + tail.slice(start),
    omitted: { at, lines: previous.omitted.lines + countLines(dropped), chars: previous.omitted.chars + dropped.length },
  };
}

/** The note shown (and exported) where lines were left out. */
export function omissionNote(omitted: Omission): string {
  const lines = omitted.lines.toLocaleString('en-US');
  return `… ${lines} line${omitted.lines === 1 ? '' : 's'} not shown (${formatSize(omitted.chars)}) …`;
}

function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} characters`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(0)} KB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}

/** The text as a reader should see it in a plain-text export: the note on its own line where lines were left out. */
export function textWithNote(item: CappedText): string {
  if (!item.omitted) return item.text;
  const { at } = item.omitted;
  return `${item.text.slice(0, at)}${omissionNote(item.omitted)}\n${item.text.slice(at)}`;
}
