/**
 * Node boxes are sized from their text, without a DOM: labels are drawn in a monospace font, so
 * characters × CHAR_WIDTH is the text width. That keeps layout pure and runnable in a worker.
 */
import { formatNumber, formatShape } from './format.ts';
import type { LeafNode, OpNode } from './model.ts';
import type { GroupNode, ViewNode } from './module-groups.ts';

export const FONT_SIZE = 11;
/** Advance width of one character of an 11px monospace font (0.6 em). */
export const CHAR_WIDTH = 6.6;
export const LINE_HEIGHT = 15;
export const PADDING_X = 10;
export const PADDING_Y = 6;
/** Longest label line in characters; longer text is cut with an ellipsis. */
export const MAX_LINE_CHARS = 30;
const MIN_LEAF_WIDTH = 72;
const OP_HEIGHT = 26;
const MIN_OP_WIDTH = 60;

export interface NodeSize {
  readonly width: number;
  readonly height: number;
}

export function clipLine(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS - 1)}…` : text;
}

/** Lines of a leaf box: title, value, grad. The grad line is always reserved so boxes don't grow. */
export function leafLines(node: LeafNode): { title: string; value: string; grad: string } {
  return {
    title: clipLine(`${node.name ?? node.parameter ?? `tensor ${node.tensorId}`} ${formatShape(node.shape)}`),
    value: clipLine(node.valueText),
    grad: clipLine(`grad ${node.gradText ?? '—'}`),
  };
}

/** Text of an op pill: `MulBackward0 → y`. */
export function opLabel(node: OpNode): string {
  return clipLine(node.outputName === undefined ? node.gradFn : `${node.gradFn} → ${node.outputName}`);
}

/** Lines of a collapsed module box: `0: Linear`, then its gradient norm. */
export function groupLines(node: GroupNode): { title: string; norm: string } {
  return {
    title: clipLine(`${node.label} ▸`),
    norm: clipLine(`‖grad‖ ${node.gradNorm === undefined ? '—' : formatNumber(node.gradNorm)}`),
  };
}

export function nodeSize(node: ViewNode): NodeSize {
  if (node.kind === 'group') {
    const { title, norm } = groupLines(node);
    const chars = Math.max(title.length, norm.length);
    return {
      width: Math.max(MIN_LEAF_WIDTH, Math.ceil(chars * CHAR_WIDTH) + 2 * PADDING_X),
      height: 2 * LINE_HEIGHT + 2 * PADDING_Y,
    };
  }
  if (node.kind === 'leaf') {
    const { title, value, grad } = leafLines(node);
    const chars = Math.max(title.length, value.length, grad.length);
    return {
      width: Math.max(MIN_LEAF_WIDTH, Math.ceil(chars * CHAR_WIDTH) + 2 * PADDING_X),
      height: 3 * LINE_HEIGHT + 2 * PADDING_Y,
    };
  }
  // Pills: the rounded ends take half the height on each side.
  const width = Math.ceil(opLabel(node).length * CHAR_WIDTH) + OP_HEIGHT;
  return { width: Math.max(MIN_OP_WIDTH, width), height: OP_HEIGHT };
}
