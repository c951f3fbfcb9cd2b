/**
 * Which part of the graph is near the screen. Chromium lays out every SVG text again whenever the
 * zoom scale of its ancestors changes (the glyphs are re-rasterised at the new size), so a wheel
 * step at 2,000 nodes spent ~70 ms laying out text nobody could see. The view takes text off-screen
 * out of layout; this file decides which, in layout coordinates, with a margin so that a pan or a
 * zoom out shows drawn text at once and the decision is only remade after the view moves a lot.
 */
import type { FitTransform } from './fit.ts';

/** Set on a node whose text is out of layout; the exported picture takes it off first. */
export const OFFSCREEN_ATTRIBUTE = 'data-offscreen';

export const OFFSCREEN_CSS = `.gs-node[${OFFSCREEN_ATTRIBUTE}] text, .gs-node[${OFFSCREEN_ATTRIBUTE}] .gs-spark { display: none; }`;

/** A rectangle in layout coordinates. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

type Size = Readonly<Record<'width' | 'height', number>>;

/** A node's box: centre and size, as the layout gives it. */
type CentredBox = Readonly<Record<'x' | 'y' | 'width' | 'height', number>>;

/** How far past each edge of the screen text stays drawn, as a fraction of the screen's size. */
export const REGION_MARGIN = 0.5;
/**
 * Once the screen is this many times narrower than the drawn region (the user zoomed in), the
 * region is remade: otherwise zooming in from an overview keeps laying out the whole graph's text.
 */
const SHRINK_FACTOR = 3;

/** The layout rectangle on screen under `transform` (screen = k · layout + (x, y)), grown by `margin` of its size each side. */
export function regionOnScreen(view: Size, transform: FitTransform, margin = 0): Region {
  const width = view.width / transform.k;
  const height = view.height / transform.k;
  const left = -transform.x / transform.k;
  const top = -transform.y / transform.k;
  return {
    left: left - margin * width,
    top: top - margin * height,
    right: left + width + margin * width,
    bottom: top + height + margin * height,
  };
}

/** Whether the region drawn for an earlier view still serves the view now on screen. */
export function isRegionStillGood(drawn: Region, onScreen: Region): boolean {
  const inside = onScreen.left >= drawn.left && onScreen.top >= drawn.top && onScreen.right <= drawn.right && onScreen.bottom <= drawn.bottom;
  const zoomedFarIn = drawn.right - drawn.left > SHRINK_FACTOR * (1 + 2 * REGION_MARGIN) * (onScreen.right - onScreen.left);
  return inside && !zoomedFarIn;
}

/** Whether any part of `box` lies in `region`. */
export function boxTouchesRegion(box: CentredBox, region: Region): boolean {
  return (
    box.x + box.width / 2 >= region.left &&
    box.x - box.width / 2 <= region.right &&
    box.y + box.height / 2 >= region.top &&
    box.y - box.height / 2 <= region.bottom
  );
}
