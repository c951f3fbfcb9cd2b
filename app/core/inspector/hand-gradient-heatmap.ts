/**
 * A backprop exercise's check as heatmap data: the learner's gradient and autograd's on one colour
 * scale (so they compare at a glance), and their difference on its own; entries outside
 * torch.allclose's tolerance are flagged. Tensors are laid out as rows × columns: a matrix as it
 * is, a vector as one row, higher dims with the leading ones folded into rows.
 */
import type { TensorSummary } from '../../../engine/trace/schema.ts';
import { formatNumber } from '../graph/format.ts';
import type { HandGradientEvent } from '../graph/hand-checks.ts';
import type { HeatmapCell, JacobianGrid } from './jacobian-heatmap.ts';

/** torch.allclose's defaults, which gradscope.check's `approximate` uses. */
const RTOL = 1e-5;
const ATOL = 1e-8;

export interface HandGradientView {
  /** `logprobs: wrong · 3 entries differ · max diff 0.5` */
  readonly summary: string;
  readonly verdict: HandGradientEvent['verdict'];
  readonly mine: JacobianGrid;
  readonly autograd: JacobianGrid;
  readonly difference: JacobianGrid;
  readonly wrongCount: number;
}

function columnsOf(shape: readonly number[]): number {
  return shape.length === 0 ? 1 : shape[shape.length - 1]!;
}

function gridOf(values: readonly number[] | undefined, shape: readonly number[], low: number, high: number, isFlagged: (i: number) => boolean): JacobianGrid {
  const columns = columnsOf(shape);
  const total = shape.reduce((a, b) => a * b, 1);
  const rows = Math.max(1, Math.ceil(total / Math.max(1, columns)));
  const cells = (values ?? []).map((value, index): HeatmapCell => ({
    row: Math.floor(index / columns),
    column: index % columns,
    value,
    isMismatch: isFlagged(index),
    level: !Number.isFinite(value) ? 1 : high === low ? 0.5 : (value - low) / (high - low),
  }));
  return { rows, columns, cells };
}

const rangeOf = (values: readonly number[]): [number, number] => {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? [0, 0] : [Math.min(...finite), Math.max(...finite)];
};

export function handGradientView(event: HandGradientEvent): HandGradientView {
  const mine: TensorSummary = event.mine;
  const autograd: TensorSummary = event.autograd;
  const a = mine.values ?? [];
  const b = autograd.values ?? [];
  const difference = a.length === b.length ? a.map((value, i) => value - b[i]!) : [];
  const isWrong = (i: number): boolean => !(Math.abs(difference[i]!) <= ATOL + RTOL * Math.abs(b[i]!));
  const wrongCount = difference.filter((_, i) => isWrong(i)).length;
  const [low, high] = rangeOf([...a, ...b]);
  const [diffLow, diffHigh] = rangeOf(difference);
  const counted = event.verdict === 'wrong' && difference.length > 0 ? ` · ${wrongCount} entr${wrongCount === 1 ? 'y differs' : 'ies differ'}` : '';
  return {
    summary: `${event.name}: ${event.verdict}${counted} · max diff ${formatNumber(event.maxDiff)}`,
    verdict: event.verdict,
    mine: gridOf(mine.values, mine.shape, low, high, isWrong),
    autograd: gridOf(autograd.values, autograd.shape, low, high, isWrong),
    difference: gridOf(difference.length > 0 ? difference : undefined, autograd.shape, diffLow, diffHigh, isWrong),
    wrongCount,
  };
}
