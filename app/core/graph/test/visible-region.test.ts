import { describe, expect, it } from 'vitest';
import { boxTouchesRegion, isRegionStillGood, regionOnScreen, REGION_MARGIN } from '../visible-region.ts';

const view = { width: 800, height: 600 };

describe('the region of the graph near the screen', () => {
  it('is the screen in layout coordinates, grown by the margin', () => {
    // Zoomed ×2 and panned so layout (100, 50) is at the screen's top-left corner.
    const transform = { x: -200, y: -100, k: 2 };
    expect(regionOnScreen(view, transform)).toEqual({ left: 100, top: 50, right: 500, bottom: 350 });
    expect(regionOnScreen(view, transform, 0.5)).toEqual({ left: -100, top: -100, right: 700, bottom: 500 });
  });

  it('keeps the text of a node partly on screen, drops a node wholly past the margin', () => {
    const region = regionOnScreen(view, { x: 0, y: 0, k: 1 });
    expect(boxTouchesRegion({ x: -20, y: 300, width: 60, height: 20 }, region)).toBe(true);
    expect(boxTouchesRegion({ x: -40, y: 300, width: 60, height: 20 }, region)).toBe(false);
    expect(boxTouchesRegion({ x: 400, y: 640, width: 60, height: 20 }, region)).toBe(false);
  });

  it('is remade once a pan leaves it, not for a small pan', () => {
    const drawn = regionOnScreen(view, { x: 0, y: 0, k: 1 }, REGION_MARGIN);
    expect(isRegionStillGood(drawn, regionOnScreen(view, { x: -300, y: 200, k: 1 }))).toBe(true);
    expect(isRegionStillGood(drawn, regionOnScreen(view, { x: -500, y: 0, k: 1 }))).toBe(false);
  });

  it('is remade on zooming out past it and on zooming far in, not on a small zoom in', () => {
    const drawn = regionOnScreen(view, { x: 0, y: 0, k: 1 }, REGION_MARGIN);
    expect(isRegionStillGood(drawn, regionOnScreen(view, { x: 240, y: 180, k: 0.4 }))).toBe(false);
    expect(isRegionStillGood(drawn, regionOnScreen(view, { x: -400, y: -300, k: 2 }))).toBe(true);
    expect(isRegionStillGood(drawn, regionOnScreen(view, { x: -2400, y: -1800, k: 4 }))).toBe(false);
  });
});
