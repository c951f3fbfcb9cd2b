/**
 * Level of detail: zoomed out past the legible size, the graph hides text instead of shrinking it.
 * Below the legible zoom the values, gradients and sparklines go (the inspector shows them for a
 * clicked node); further out the names go too, leaving shapes and edges to show the structure.
 * Hidden text keeps its place (visibility, not display): crossing a level then restyles the texts
 * without laying them out again, which took ~0.5 s at 2,000 nodes under load.
 */
import { LEGIBLE_SCALE } from './fit.ts';

export type Detail = 'full' | 'names' | 'shapes';

/** Below this zoom even names would be under 8 px: only shapes are drawn. */
const NAMES_SCALE = 0.75 * LEGIBLE_SCALE;

export function detailAt(scale: number): Detail {
  if (scale >= LEGIBLE_SCALE - 1e-9) return 'full';
  return scale >= NAMES_SCALE ? 'names' : 'shapes';
}

export const DETAIL_CSS = `
.gs-graph[data-detail='names'] .gs-value, .gs-graph[data-detail='names'] .gs-grad,
.gs-graph[data-detail='names'] .gs-op-grad, .gs-graph[data-detail='names'] .gs-spark { visibility: hidden; }
.gs-graph[data-detail='shapes'] .gs-nodes text, .gs-graph[data-detail='shapes'] .gs-spark,
.gs-graph[data-detail='shapes'] .gs-modules text { visibility: hidden; }
`;
