/** Quality measures of a layout: edge crossings, drawing size, stability under one appended op. */
import type { LaidOut, Point } from './layout-candidates.ts';

interface Segment {
  readonly edge: number;
  readonly a: Point;
  readonly b: Point;
  readonly minX: number;
  readonly maxX: number;
}

const EPS = 1e-6;
const samePoint = (p: Point, q: Point) => Math.abs(p[0] - q[0]) < 0.5 && Math.abs(p[1] - q[1]) < 0.5;
const orient = (p: Point, q: Point, r: Point) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);

function properlyCross(s: Segment, t: Segment): boolean {
  // Edges meeting at a shared node are not crossings.
  if (samePoint(s.a, t.a) || samePoint(s.a, t.b) || samePoint(s.b, t.a) || samePoint(s.b, t.b)) return false;
  const d1 = orient(s.a, s.b, t.a);
  const d2 = orient(s.a, s.b, t.b);
  const d3 = orient(t.a, t.b, s.a);
  const d4 = orient(t.a, t.b, s.b);
  return ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS));
}

/** Pairs of edge segments that cross (polylines as drawn straight between control points). */
export function countCrossings(layout: LaidOut): number {
  const segments: Segment[] = [];
  layout.polylines.forEach((line, edge) => {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1]!;
      const b = line[i]!;
      segments.push({ edge, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  let crossings = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const sMinY = Math.min(s.a[1], s.b[1]);
    const sMaxY = Math.max(s.a[1], s.b[1]);
    for (let j = i + 1; j < segments.length && segments[j]!.minX <= s.maxX; j++) {
      const t = segments[j]!;
      if (t.edge === s.edge) continue;
      if (Math.max(t.a[1], t.b[1]) < sMinY || Math.min(t.a[1], t.b[1]) > sMaxY) continue;
      if (properlyCross(s, t)) crossings++;
    }
  }
  return crossings;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Stability {
  /** Share of the old nodes that moved by more than a pixel, after removing the global shift. */
  readonly movedShare: number;
  /** Mean distance moved over all old nodes, in px, after removing the global shift. */
  readonly meanMove: number;
}

export function stability(before: LaidOut, after: LaidOut): Stability {
  const deltas: [number, number][] = [];
  for (const [id, [x, y]] of before.centers) {
    const next = after.centers.get(id);
    if (next) deltas.push([next[0] - x, next[1] - y]);
  }
  const shiftX = median(deltas.map((d) => d[0]));
  const shiftY = median(deltas.map((d) => d[1]));
  let moved = 0;
  let total = 0;
  for (const [dx, dy] of deltas) {
    const distance = Math.hypot(dx - shiftX, dy - shiftY);
    total += distance;
    if (distance > 1) moved++;
  }
  return { movedShare: deltas.length ? moved / deltas.length : 0, meanMove: deltas.length ? total / deltas.length : 0 };
}

export { median };
