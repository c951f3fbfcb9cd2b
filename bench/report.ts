/** Turning samples into rows, the rows into the printed table, and everything into the JSON file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Comparison, Unit } from './comparisons.ts';
import { median, relativeSpread, type Samples } from './harness.ts';
import type { MachineInfo } from './machine.ts';

export interface Row {
  readonly id: string;
  readonly title: string;
  readonly unit: Unit;
  readonly peerName: string;
  /** Our figure and the peer's, in `unit`. */
  readonly ours: number;
  readonly peer: number;
  /** Our median time ÷ the peer's: above 1 we are slower (for GFLOP/s this is peer ÷ ours throughput). */
  readonly timeRatio: number;
  readonly oursSamplesMs: readonly number[];
  readonly peerSamplesMs: readonly number[];
  readonly runsPerSample: readonly [number, number];
  /** Half the interquartile range over the median, per side. */
  readonly spread: readonly [number, number];
  readonly derived?: string;
}

export function rowFrom(c: Comparison, [ours, peer]: readonly Samples[]): Row {
  const oursMs = median(ours.ms);
  const peerMs = median(peer.ms);
  return {
    id: c.id,
    title: c.title,
    unit: c.unit,
    peerName: c.peerName,
    ours: c.figure(oursMs),
    peer: c.figure(peerMs),
    timeRatio: oursMs / peerMs,
    oursSamplesMs: ours.ms,
    peerSamplesMs: peer.ms,
    runsPerSample: [ours.runsPerSample, peer.runsPerSample],
    spread: [relativeSpread(ours.ms), relativeSpread(peer.ms)],
  };
}

/** A time row that is the difference of two others' medians (e.g. backward = (forward+backward) − forward). */
export function differenceRow(id: string, title: string, whole: Row, part: Row): Row {
  const ours = whole.ours - part.ours;
  const peer = whole.peer - part.peer;
  return {
    ...whole,
    id,
    title,
    ours,
    peer,
    timeRatio: ours / peer,
    oursSamplesMs: [],
    peerSamplesMs: [],
    spread: [0, 0],
    derived: `${whole.id} − ${part.id} (medians)`,
  };
}

const figureText = (v: number, unit: Unit): string => {
  if (!Number.isFinite(v)) return '–';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
};

function pad(cells: readonly string[], widths: readonly number[], rightAligned: readonly boolean[]): string {
  return cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['workload', 'Gradscope', 'peer', 'ours÷peer time', 'noise ±', 'peer is'];
  const body = rows.map((r) => [
    r.title + (r.derived ? ' *' : ''),
    figureText(r.ours, r.unit),
    figureText(r.peer, r.unit),
    Number.isFinite(r.timeRatio) ? `${r.timeRatio.toFixed(2)}×` : '–',
    r.derived ? '' : r.spread.map((s) => `${Math.round(s * 100)}%`).join(' / '),
    r.peerName,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = [false, true, true, true, true, false];
  const lines = [pad(header, widths, right), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map((b) => pad(b, widths, right))];
  return lines.join('\n');
}

export function formatMachine(m: MachineInfo, extra: Readonly<Record<string, string>>): string {
  const lines = [
    `node ${m.node} (V8 ${m.v8}), ${m.platform}`,
    `CPU ${m.cpuModel}, ${m.logicalCpus} logical CPUs, ${m.totalMemoryGiB} GiB, load average ${m.loadAverage.join(' ')}`,
    `git ${m.gitCommit ?? 'unknown'}, ${m.date}`,
    ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`),
  ];
  return lines.join('\n');
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
