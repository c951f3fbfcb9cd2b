import { describe, expect, it } from 'vitest';
import { FIT_MARGIN, FIT_MARGIN_BOTTOM, fitTransform, LEGIBLE_SCALE, MIN_LABEL_PX } from '../fit.ts';
import { FONT_SIZE } from '../node-size.ts';

const view = { width: 400, height: 700 };
/** The middle of the band the graph is fitted into: below the panel's buttons, above the bottom margin. */
const bandMiddleY = (FIT_MARGIN + view.height - FIT_MARGIN_BOTTOM) / 2;

describe('fit', () => {
  it('shows a small graph whole and centred', () => {
    const { x, y, k } = fitTransform(view, { width: 200, height: 300 });
    expect(k).toBe(1.5);
    expect(x + (k * 200) / 2).toBe(200);
    expect(y + (k * 300) / 2).toBe(bandMiddleY);
  });

  it('never makes labels smaller than 11 px: a big graph is shown from its top at the legible zoom', () => {
    const { x, y, k } = fitTransform(view, { width: 2000, height: 5000 });
    expect(k).toBe(LEGIBLE_SCALE);
    expect(k * FONT_SIZE).toBeGreaterThanOrEqual(MIN_LABEL_PX);
    expect(y).toBe(FIT_MARGIN);
    expect(x + (k * 2000) / 2).toBe(200);
  });

  it('frames the focus node when the graph does not fit legibly, without leaving the graph’s edge', () => {
    const focused = fitTransform(view, { width: 2000, height: 5000 }, { x: 1500, y: 2500 });
    expect(focused.x + focused.k * 1500).toBe(200);
    expect(focused.y + focused.k * 2500).toBe(bandMiddleY);
    const nearEdge = fitTransform(view, { width: 2000, height: 5000 }, { x: 1990, y: 4990 });
    expect(nearEdge.x + nearEdge.k * 2000).toBe(400 - FIT_MARGIN);
    expect(nearEdge.y + nearEdge.k * 5000).toBe(700 - FIT_MARGIN_BOTTOM);
  });

  it('uses the room under the graph: a graph as tall as the view less its margins is shown whole at the legible zoom', () => {
    const height = view.height - FIT_MARGIN - FIT_MARGIN_BOTTOM;
    const { y, k } = fitTransform(view, { width: 300, height });
    expect(k).toBe(LEGIBLE_SCALE);
    expect(y).toBe(FIT_MARGIN);
    expect(y + k * height).toBe(view.height - FIT_MARGIN_BOTTOM);
  });
});
