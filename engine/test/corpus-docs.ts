/**
 * docs/compatibility.md's per-source tables and counts, brought in line with corpus/status.json:
 * each program's status and first difference, each source's "— N/M pass", and the "N of M programs"
 * sentence. The prose around them (what blocks the corpus, grouped) stays hand-written.
 * `npm run corpus:status` rewrites the page; corpus.test.ts fails while it is stale.
 */
import type { CorpusStatus } from './corpus-programs.ts';

const ROW = /^\| \[`([^`]+)`\]\(\.\.\/corpus\/([^)]+)\.py\) \| ([^|]*) \| [^|]* \| .*\|$/;
const SOURCE_HEADING = /^(### .*?)(?: — \d+\/\d+ pass)?$/;
const TOTAL = /^\d+ of \d+ programs print PyTorch's output exactly/;

/** A reason as a table cell: one line, pipes escaped, cut at 160 characters. */
function cell(reason: string): string {
  const flat = reason.replace(/\n/g, ' ').replace(/\|/g, '\\|');
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

export function compatibilityPage(page: string, status: Readonly<Record<string, CorpusStatus>>): string {
  const lines = page.split('\n');
  // Rows first, so that each heading can count the rows of its own table.
  const rowKey = lines.map((line) => ROW.exec(line)?.[2]);
  const out = lines.map((line, i) => {
    const key = rowKey[i];
    if (key === undefined) return line;
    const entry = status[key];
    if (!entry) return line;
    const [, name, , adaptedFrom] = ROW.exec(line)!;
    const reason = entry.status === 'pass' ? '' : cell(entry.reason ?? '');
    return `| [\`${name}\`](../corpus/${key}.py) | ${adaptedFrom!.trim()} | ${entry.status} | ${reason} |`;
  });
  for (let i = 0; i < out.length; i++) {
    const heading = SOURCE_HEADING.exec(out[i]!);
    if (!heading || !out[i]!.startsWith('### ')) continue;
    let passed = 0;
    let total = 0;
    for (let j = i + 1; j < out.length && !out[j]!.startsWith('#'); j++) {
      const key = rowKey[j];
      if (key === undefined || !status[key]) continue;
      total++;
      if (status[key]!.status === 'pass') passed++;
    }
    if (total > 0) out[i] = `${heading[1]} — ${passed}/${total} pass`;
  }
  const all = Object.values(status);
  const passedAll = all.filter((entry) => entry.status === 'pass').length;
  return out.map((line) => line.replace(TOTAL, `${passedAll} of ${all.length} programs print PyTorch's output exactly`)).join('\n');
}
