/**
 * Level of detail: zoomed out past the legible size, the graph hides text instead of shrinking it.
 * Below the legible zoom the values, gradients and sparklines go (the inspector shows them for a
 * clicked node); further out the names go too, leaving shapes and edges to show the structure.
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
.gs-graph[data-detail='names'] .gs-op-grad, .gs-graph[data-detail='names'] .gs-spark { display: none; }
.gs-graph[data-detail='shapes'] .gs-nodes text, .gs-graph[data-detail='shapes'] .gs-spark,
.gs-graph[data-detail='shapes'] .gs-modules text { display: none; }
`;
