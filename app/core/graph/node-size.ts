/**
 * Node boxes are sized from their text, without a DOM: labels are drawn in a monospace font, so
 * characters × CHAR_WIDTH is the text width. That keeps layout pure and runnable in a worker.
 */
import { formatGradBrief, formatNumber, formatShape } from './format.ts';
import { leafName } from './labels.ts';
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
/** A leaf with sparklines is wide enough for a readable trend beside each row's label. */
const MIN_HISTORY_LEAF_WIDTH = 180;
/** Rows under a training-loop parameter: its value norm and its gradient norm over the run. */
export const SPARKLINE_ROWS = 2;
/** Characters kept after each sparkline for the number at the shown pass. */
export const SPARKLINE_NUMBER_CHARS = 7;
/** Labels of the sparkline rows, drawn before each line. */
export const SPARKLINE_LABELS = ['‖w‖', '‖∇‖'] as const;
const OP_HEIGHT = 26;
const MIN_OP_WIDTH = 60;

/** Gap between an op pill and its gradient label. */
export const GRAD_LABEL_GAP = 6;
/** Longest op gradient label in characters (`grad [0.1, …]`); longer text is cut with an ellipsis. */
export const GRAD_LABEL_CHARS = 24;

export interface NodeSize {
  readonly width: number;
  readonly height: number;
  /**
   * Room kept right of the shape (after GRAD_LABEL_GAP) for text drawn beside it: an op's
   * gradient label. Part of the node's footprint in layout, so labels never overlap anything.
   */
  readonly labelWidth?: number;
}

export function clipLine(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS - 1)}…` : text;
}

/**
 * Lines of a leaf box: title, value, grad. The grad line is always reserved so boxes don't grow;
 * a leaf forward mode made (make_dual, no grad) shows its tangent there instead.
 */
export function leafLines(node: LeafNode): { title: string; value: string; grad: string } {
  return {
    title: clipLine(`${leafName(node)} ${formatShape(node.shape)}`),
    value: clipLine(node.valueText),
    grad: clipLine(node.tangentText !== undefined && node.gradText === undefined ? `${TANGENT_MARK} ${node.tangentText}` : `grad ${node.gradText ?? '—'}`),
  };
}

/** What marks a tangent (forward mode) on the graph, beside `grad` for gradients. */
export const TANGENT_MARK = 'ṫ';

/** Text of an op pill: `MulBackward0 → y`. */
export function opLabel(node: OpNode): string {
  return clipLine(node.outputName === undefined ? node.gradFn : `${node.gradFn} → ${node.outputName}`);
}

/** The gradient label beside an op pill: `grad 0.3333 ×3`; '' before its backward step. */
export function opGradLabel(node: OpNode): string {
  if (!node.grad) return '';
  const text = `grad ${formatGradBrief(node.grad)}`;
  return text.length > GRAD_LABEL_CHARS ? `${text.slice(0, GRAD_LABEL_CHARS - 1)}…` : text;
}

/** The tangent label beside an op pill (forward mode): `ṫ [2, 0, 0]`; '' before its tangent step. */
export function opTangentLabel(node: OpNode): string {
  if (!node.tangent) return '';
  const text = `${TANGENT_MARK} ${formatGradBrief(node.tangent)}`;
  return text.length > GRAD_LABEL_CHARS ? `${text.slice(0, GRAD_LABEL_CHARS - 1)}…` : text;
}

/** Room for the gradient (or tangent) label, kept for every op that gets one somewhere in the trace. */
function opLabelWidth(node: OpNode): number | undefined {
  if (!node.hasRunBackward && !node.grad && !node.tangent && node.nodeId >= 0) return undefined;
  return Math.ceil(GRAD_LABEL_CHARS * CHAR_WIDTH);
}

/** The expand button drawn before a collapsed module's title. */
export const GROUP_EXPAND_GLYPH = '▸ ';

/**
 * Lines of a collapsed module box: `0: Linear`, with the member the current step is about
 * (`0: Linear · AddmmBackward0`), then its gradient norm.
 */
export function groupLines(node: GroupNode): { title: string; norm: string } {
  const member = node.activeMember === undefined ? '' : ` · ${node.activeMember}`;
  return {
    title: clipLine(`${node.label}${member}`),
    norm: clipLine(`‖grad‖ ${node.gradNorm === undefined ? '—' : formatNumber(node.gradNorm)}`),
  };
}

export function nodeSize(node: ViewNode): NodeSize {
  if (node.kind === 'group') {
    // Wide enough for the label with any member beside it, so the box keeps its size while stepping.
    const widestTitle = Math.min(MAX_LINE_CHARS, node.label.length + (node.memberTextChars > 0 ? 3 + node.memberTextChars : 0));
    const chars = Math.max(GROUP_EXPAND_GLYPH.length + widestTitle, groupLines(node).norm.length);
    return {
      width: Math.max(MIN_LEAF_WIDTH, Math.ceil(chars * CHAR_WIDTH) + 2 * PADDING_X),
      height: 2 * LINE_HEIGHT + 2 * PADDING_Y,
    };
  }
  if (node.kind === 'leaf') {
    const { title, value, grad } = leafLines(node);
    // A training loop's parameter: its title over its sparklines (the inspector has its values).
    if (node.history !== undefined) {
      return {
        width: Math.max(MIN_HISTORY_LEAF_WIDTH, Math.ceil(title.length * CHAR_WIDTH) + 2 * PADDING_X),
        height: (1 + SPARKLINE_ROWS) * LINE_HEIGHT + 2 * PADDING_Y,
      };
    }
    const chars = Math.max(title.length, value.length, grad.length);
    return {
      width: Math.max(MIN_LEAF_WIDTH, Math.ceil(chars * CHAR_WIDTH) + 2 * PADDING_X),
      height: 3 * LINE_HEIGHT + 2 * PADDING_Y,
    };
  }
  // Pills: the rounded ends take half the height on each side.
  const width = Math.ceil(opLabel(node).length * CHAR_WIDTH) + OP_HEIGHT;
  const labelWidth = opLabelWidth(node);
  return { width: Math.max(MIN_OP_WIDTH, width), height: OP_HEIGHT, ...(labelWidth !== undefined && { labelWidth }) };
}

/** Title of an expanded module's box; clicking it collapses the module. */
export const groupBoxTitle = (label: string): string => `▾ ${label}`;

/** Width a module box needs for its title (drawn PADDING_X in from its left edge). */
export const groupBoxTitleWidth = (label: string): number => Math.ceil(groupBoxTitle(label).length * CHAR_WIDTH) + 2 * PADDING_X;
