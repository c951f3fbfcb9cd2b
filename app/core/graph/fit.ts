/**
 * Where "Fit" puts the graph. The whole graph when its labels stay legible at that zoom; otherwise
 * the legible zoom, framed on the node that matters (a failing node, the selection) or on the top
 * of the graph, where its inputs and parameters are. Text is never shrunk below legibility to make
 * everything fit: zooming out hides detail instead (graph-lod.ts).
 */
import type { ViewNode } from './module-groups.ts';
import { FONT_SIZE } from './node-size.ts';

/** The smallest label font, in screen pixels, a fit may produce. */
export const MIN_LABEL_PX = 11;
/** The zoom at which node labels (FONT_SIZE in layout units) are MIN_LABEL_PX on screen. */
export const LEGIBLE_SCALE = MIN_LABEL_PX / FONT_SIZE;
export const MAX_FIT_SCALE = 1.5;
export const FIT_MARGIN = 24;
/**
 * Below the graph nothing is drawn over the canvas (the top has the panel's buttons and the pass
 * note), so a narrower margin there: a training loop's pass fits whole at 1400×900.
 */
export const FIT_MARGIN_BOTTOM = 8;

/** A zoom transform: screen = k · layout + (x, y). */
export type FitTransform = Readonly<Record<'x' | 'y' | 'k', number>>;

type Size = Readonly<Record<'width' | 'height', number>>;

/**
 * The translation along one axis that shows layout coordinate `wanted` in the middle of the band
 * between the margins, or the whole extent centred in it when it fits, never leaving a gap wider
 * than the margin at the graph's edge.
 */
function placeAlong(wanted: number, extent: number, viewExtent: number, scale: number, marginStart: number, marginEnd: number): number {
  const band = viewExtent - marginStart - marginEnd;
  if (scale * extent <= band) return marginStart + (band - scale * extent) / 2;
  const centred = marginStart + band / 2 - scale * wanted;
  return Math.min(marginStart, Math.max(viewExtent - marginEnd - scale * extent, centred));
}

/** The zoom transform (screen = k · layout + (x, y)) for a graph of `bounds` in a view of `view`. */
export function fitTransform(view: Size, bounds: Size, focus?: { readonly x: number; readonly y: number }): FitTransform {
  const wholeScale = Math.min(
    MAX_FIT_SCALE,
    (view.width - 2 * FIT_MARGIN) / Math.max(1, bounds.width),
    (view.height - FIT_MARGIN - FIT_MARGIN_BOTTOM) / Math.max(1, bounds.height),
  );
  const k = Math.max(LEGIBLE_SCALE, wholeScale);
  const x = placeAlong(focus?.x ?? bounds.width / 2, bounds.width, view.width, k, FIT_MARGIN, FIT_MARGIN);
  // Without a focus, the top: a graph reads from its inputs down to the loss.
  const y = placeAlong(focus?.y ?? 0, bounds.height, view.height, k, FIT_MARGIN, FIT_MARGIN_BOTTOM);
  return { x, y, k };
}

/** The node a fit frames when the whole graph cannot be shown legibly: the selection, else the first failing node. */
export function fitFocusOf(nodes: readonly ViewNode[], selectedNodeIds: readonly string[]): string | undefined {
  if (selectedNodeIds[0] !== undefined) return selectedNodeIds[0];
  return nodes.find((node) => node.kind === 'op' && (node.marks?.gradcheck === 'failed' || node.marks?.error !== undefined))?.id;
}
