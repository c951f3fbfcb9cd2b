import { describe, expect, it } from 'vitest';
import { appendCapped, OUTPUT_HEAD_LINES, OUTPUT_TAIL_LINES, textWithNote, type CappedText } from '../output-cap.ts';
import { notebookHandlers as h } from '../notebook-handlers.ts';
import { initialNotebookState } from '../notebook-state.ts';
import { restoreCells, storeCells } from '../../library/notebook-record.ts';

/** What a cell shows after `print(i)` for i in range(n), written in chunks as the worker sends them. */
function printed(n: number, chunkLines = 997): CappedText {
  let state: CappedText = { text: '' };
  for (let start = 0; start < n; start += chunkLines) {
    let chunk = '';
    for (let i = start; i < Math.min(n, start + chunkLines); i++) chunk += `${i}\n`;
    state = appendCapped(state, chunk);
  }
  return state;
}

describe('a cell shows the head and tail of long output', () => {
  it('keeps short output whole', () => {
    const out = printed(100);
    expect(out.omitted).toBeUndefined();
    expect(out.text.split('\n').length - 1).toBe(100);
  });

  it('shows the first and last lines of a million prints, cut at line boundaries, and counts what it left out', () => {
    const out = printed(1_000_000);
    const lines = out.text.split('\n').slice(0, -1);
    expect(lines.length).toBe(OUTPUT_HEAD_LINES + OUTPUT_TAIL_LINES);
    expect(lines.slice(0, 3)).toEqual(['0', '1', '2']);
    expect(lines.at(-1)).toBe('999999');
    expect(lines[OUTPUT_HEAD_LINES]).toBe(String(1_000_000 - OUTPUT_TAIL_LINES));
    expect(out.omitted!.lines).toBe(1_000_000 - OUTPUT_HEAD_LINES - OUTPUT_TAIL_LINES);
    expect(out.text.slice(0, out.omitted!.at).endsWith('\n')).toBe(true);
    expect(textWithNote(out)).toContain('… 997,800 lines not shown');
  });

  it('keeps an unfinished last line whole, since the program is still writing it', () => {
    let out = printed(5_000);
    out = appendCapped(out, 'epoch 3, loss ');
    out = appendCapped(out, '0.25');
    expect(out.text.endsWith('4999\nepoch 3, loss 0.25')).toBe(true);
  });

  it('keeps a single runaway line to its end, within the cap', () => {
    let out: CappedText = { text: '' };
    for (let i = 0; i < 50; i++) out = appendCapped(out, 'x'.repeat(10_000));
    expect(out.text.length).toBeLessThanOrEqual(100_000);
    expect(out.omitted!.chars + out.text.length).toBe(500_000);
  });

  it('the notebook store caps what a cell shows, and a reload keeps whole lines', () => {
    let state = h.startCell(initialNotebookState('a', 'for i in range(10**6): print(i)'), { cellId: 'a' });
    for (let start = 0; start < 300_000; start += 5000) {
      let chunk = '';
      for (let i = start; i < start + 5000; i++) chunk += `line ${i}\n`;
      state = h.appendStream(state, { cellId: 'a', stream: 'stdout', text: chunk });
    }
    const item = state.cells[0]!.outputs[0]!;
    expect(item.kind === 'stream' && item.text.length).toBeLessThanOrEqual(100_000);
    const [restored] = restoreCells(storeCells(state.cells));
    const kept = restored!.outputs[0]!;
    expect(kept.kind).toBe('stream');
    if (kept.kind !== 'stream') return;
    expect(kept.omitted?.lines).toBe(300_000 - OUTPUT_HEAD_LINES - OUTPUT_TAIL_LINES);
    expect(kept.text.split('\n').every((line) => line === '' || /^line \d+$/.test(line))).toBe(true);
  });
});
