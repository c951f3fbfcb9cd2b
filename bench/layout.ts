/**
 * Layout benchmark: `npx tsx bench/layout.ts [--quick] [--only=substring,substring]`.
 * Measures each candidate layered-DAG layout on autograd-like graphs of several sizes: median time,
 * edge crossings, drawing size, and stability when one op is appended. Prints Markdown tables and
 * writes bench/layout-results.json. A size that takes longer than SIZE_BUDGET_MS is stopped, and
 * larger sizes of that family are skipped for that candidate.
 */
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CANDIDATES, type CandidateName } from './layout-candidates.ts';
import { FAMILIES, type FamilyName } from './layout-graphs.ts';
import type { WorkerJob, WorkerMessage } from './layout-worker.ts';

const SIZES = [10, 50, 200, 500, 1000, 2000];
const SIZE_BUDGET_MS = Number(process.env.LAYOUT_BENCH_BUDGET_MS ?? 25_000);

type Row = { candidate: CandidateName; family: FamilyName; size: number } & (
  | Extract<WorkerMessage, { type: 'result' }>
  | { type: 'timeout'; firstRunMs?: number }
  | Extract<WorkerMessage, { type: 'error' }>
);

function runJob(job: WorkerJob): Promise<Row[]> {
  return new Promise((resolve) => {
    const rows: Row[] = [];
    const worker = new Worker(new URL('./layout-worker-boot.mjs', import.meta.url), { workerData: job });
    let pending = [...job.sizes];
    let firstRunMs: number | undefined;
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        rows.push({ candidate: job.candidate, family: job.family, size: pending[0]!, type: 'timeout', firstRunMs });
        void worker.terminate();
      }, SIZE_BUDGET_MS);
    };
    arm();
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'first-run') {
        firstRunMs = message.ms;
        return;
      }
      rows.push({ candidate: job.candidate, family: job.family, ...message });
      firstRunMs = undefined;
      pending = pending.filter((size) => size !== message.size);
      if (message.type === 'error' || pending.length === 0) void worker.terminate();
      else arm();
    });
    worker.on('error', (error) => {
      rows.push({ candidate: job.candidate, family: job.family, size: pending[0] ?? 0, type: 'error', message: String(error) });
    });
    worker.on('exit', () => {
      clearTimeout(timer);
      resolve(rows);
    });
  });
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`);

function cell(row: Row | undefined): string {
  if (!row) return '–';
  if (row.type === 'timeout')
    return row.firstRunMs === undefined ? `> ${SIZE_BUDGET_MS / 1000} s` : `${fmtMs(row.firstRunMs)} (1 run)`;
  if (row.type === 'error') return 'error';
  return fmtMs(row.medianMs);
}

function qualityCell(row: Row | undefined): string {
  if (!row || row.type !== 'result') return '–';
  const moved = `${(row.movedShare * 100).toFixed(0)} % / ${row.meanMove.toFixed(0)} px`;
  return `${row.crossings} × · ${row.width}×${row.height} · ${moved}`;
}

async function main() {
  const isQuick = process.argv.includes('--quick');
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const sizes = isQuick ? SIZES.slice(0, 3) : SIZES;
  const candidates = (Object.keys(CANDIDATES) as CandidateName[]).filter((name) => !only || only.some((part) => name.includes(part)));
  const families = Object.keys(FAMILIES) as FamilyName[];
  const rows: Row[] = [];
  for (const candidate of candidates) {
    for (const family of families) {
      const jobRows = await runJob({ candidate, family, sizes });
      rows.push(...jobRows);
      for (const row of jobRows) {
        const detail = row.type === 'error' ? row.message : '';
        console.error(`${candidate} | ${family} ${row.size}: ${cell(row)} ${qualityCell(row)} ${detail}`);
      }
    }
  }
  const resultsFile = only ? './layout-results.partial.json' : './layout-results.json';
  writeFileSync(new URL(resultsFile, import.meta.url), `${JSON.stringify(rows, null, 1)}\n`);

  const find = (candidate: CandidateName, family: FamilyName, size: number) =>
    rows.find((r) => r.candidate === candidate && r.family === family && r.size === size);
  for (const family of families) {
    console.log(`\n### ${family}: median time\n`);
    console.log(`| layout | ${sizes.join(' | ')} |\n|---|${sizes.map(() => '---').join('|')}|`);
    for (const candidate of candidates)
      console.log(`| ${candidate} | ${sizes.map((n) => cell(find(candidate, family, n))).join(' | ')} |`);
    console.log(`\n### ${family}: crossings · size · moved on append (share / mean)\n`);
    console.log(`| layout | ${sizes.join(' | ')} |\n|---|${sizes.map(() => '---').join('|')}|`);
    for (const candidate of candidates)
      console.log(`| ${candidate} | ${sizes.map((n) => qualityCell(find(candidate, family, n))).join(' | ')} |`);
  }
}

await main();
