/**
 * Takes the text of nodes far off screen out of layout (`display: none` through one attribute), so a
 * zoom step lays out only the text near the screen (visible-region.ts says why that is the cost).
 * Shapes and edges stay: they do not depend on the zoom's scale, Chromium skips painting them
 * off screen, and they keep the graph's outline and each node's label for assistive technology.
 */
import type { FitTransform } from '../../core/graph/fit.ts';
import type { NodeBox } from '../../core/graph/layout.ts';
import { boxTouchesRegion, isRegionStillGood, OFFSCREEN_ATTRIBUTE, regionOnScreen, REGION_MARGIN, type Region } from '../../core/graph/visible-region.ts';

type Size = Readonly<Record<'width' | 'height', number>>;

export interface OffscreenCuller {
  /**
   * The view moved: re-decides only when the screen left the region drawn last time, or when text
   * became shown or hidden (`textShown` false: the zoom level draws no text, so none is laid out).
   */
  viewChanged(transform: FitTransform, view: Size, textShown: boolean): void;
  /** The nodes were drawn again: decides for every node, with these boxes. */
  nodesDrawn(boxes: ReadonlyMap<string, NodeBox>, transform: FitTransform, view: Size, textShown: boolean): void;
}

export function createOffscreenCuller(nodeLayer: SVGGElement): OffscreenCuller {
  let boxes: ReadonlyMap<string, NodeBox> = new Map();
  let drawnRegion: Region | undefined;
  let drawnWithText = true;

  const cull = (transform: FitTransform, view: Size, textShown: boolean) => {
    drawnWithText = textShown;
    // A view not laid out yet (a hidden tab) has no size: draw everything rather than nothing.
    if (view.width <= 0 || view.height <= 0) {
      drawnRegion = undefined;
      for (const element of nodeLayer.querySelectorAll(`[${OFFSCREEN_ATTRIBUTE}]`)) element.removeAttribute(OFFSCREEN_ATTRIBUTE);
      return;
    }
    const region = regionOnScreen(view, transform, REGION_MARGIN);
    drawnRegion = region;
    for (const element of nodeLayer.children) {
      const box = boxes.get(element.getAttribute('data-node-id') ?? '');
      const offscreen = box !== undefined && (!textShown || !boxTouchesRegion(box, region));
      // Only the nodes that changed side are written: each write restyles that node.
      if (offscreen !== element.hasAttribute(OFFSCREEN_ATTRIBUTE)) element.toggleAttribute(OFFSCREEN_ATTRIBUTE, offscreen);
    }
  };

  return {
    viewChanged(transform, view, textShown) {
      if (textShown === drawnWithText && (!textShown || (drawnRegion && isRegionStillGood(drawnRegion, regionOnScreen(view, transform))))) return;
      cull(transform, view, textShown);
    },
    nodesDrawn(nextBoxes, transform, view, textShown) {
      boxes = nextBoxes;
      cull(transform, view, textShown);
    },
  };
}
