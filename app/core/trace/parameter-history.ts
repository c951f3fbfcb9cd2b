/**
 * Sparklines for a training loop's parameters: each leaf's value norm and gradient norm over every
 * backward pass, read from the pass summaries (kept for every pass, even after compaction).
 */
import type { PassSummaryEvent } from './index-core.ts';
import type { GraphModel, GraphNode, LeafHistory, LeafNode } from '../graph/model.ts';

interface SeriesBuilder {
  passes: number[];
  valueNorms: number[];
  gradNorms: number[];
}

/** Per leaf tensor id: its norms in pass order, one point per pass that gave it a gradient. */
export function parameterHistories(summaries: readonly PassSummaryEvent[]): Map<number, LeafHistory> {
  const byTensor = new Map<number, SeriesBuilder>();
  const ordered = [...summaries].sort((a, b) => a.pass - b.pass);
  for (const summary of ordered) {
    for (const norm of summary.gradNorms) {
      let series = byTensor.get(norm.tensorId);
      if (!series) byTensor.set(norm.tensorId, (series = { passes: [], valueNorms: [], gradNorms: [] }));
      series.passes.push(summary.pass);
      series.valueNorms.push(norm.valueNorm ?? Number.NaN);
      series.gradNorms.push(norm.norm);
    }
  }
  return byTensor;
}

const withHistoryMemo = new WeakMap<LeafNode, { readonly history: LeafHistory; readonly node: LeafNode }>();

function leafWithHistory(node: LeafNode, history: LeafHistory): LeafNode {
  const memo = withHistoryMemo.get(node);
  if (memo && memo.history === history) return memo.node;
  const next = { ...node, history };
  withHistoryMemo.set(node, { history, node: next });
  return next;
}

/**
 * The graph with each leaf that has a history carrying it, marked at `shownPass`. The same
 * (leaf, history) gives back the same node object, so stepping redraws only what changed.
 */
export function withParameterHistories(graph: GraphModel, histories: ReadonlyMap<number, LeafHistory>, shownPass: number | undefined): GraphModel {
  if (histories.size === 0) return graph;
  const nodes: GraphNode[] = graph.nodes.map((node) => {
    if (node.kind !== 'leaf') return node;
    const history = histories.get(node.tensorId);
    return history ? leafWithHistory(node, markedAt(history, shownPass)) : node;
  });
  return { ...graph, nodes };
}

const markedHistories = new WeakMap<LeafHistory, Map<number, LeafHistory>>();

/** The history with the shown pass marked; one object per (history, pass). */
function markedAt(history: LeafHistory, pass: number | undefined): LeafHistory {
  if (pass === undefined) return history;
  const index = history.passes.lastIndexOf(pass);
  if (index < 0) return history;
  let byPass = markedHistories.get(history);
  if (!byPass) markedHistories.set(history, (byPass = new Map()));
  let marked = byPass.get(pass);
  if (!marked) byPass.set(pass, (marked = { ...history, shownIndex: index }));
  return marked;
}

/** Where point `index` of a series sits in a `width` × `height` box (low values at the bottom). */
export function sparklineScale(values: readonly number[], width: number, height: number): { x(index: number): number; y(value: number): number } {
  const finite = values.filter(Number.isFinite);
  // A loop, not Math.min(...values): a long run has more passes than a call has room for arguments.
  const low = finite.length === 0 ? 0 : finite.reduce((a, b) => Math.min(a, b));
  const high = finite.length === 0 ? 0 : finite.reduce((a, b) => Math.max(a, b));
  return {
    x: (index) => (values.length === 1 ? width / 2 : (index / (values.length - 1)) * width),
    y: (value) => (high === low ? height / 2 : height - ((value - low) / (high - low)) * height),
  };
}

/** SVG path of a series scaled into a `width` × `height` box (gaps where a value is not finite). */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  const { x, y } = sparklineScale(values, width, height);
  let path = '';
  let isDrawing = false;
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      isDrawing = false;
      return;
    }
    path += `${isDrawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    isDrawing = true;
  });
  return path;
}
