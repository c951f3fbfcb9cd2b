/**
 * The graph as a standalone picture: an SVG file that looks as it does on screen (every element's
 * computed paint and font copied inline, so no stylesheet or CSS variable is needed; a generic
 * monospace fallback after the font list), framed to the whole graph rather than the zoomed view;
 * and a PNG drawn from that SVG on a canvas at 2× scale.
 */
import { OFFSCREEN_ATTRIBUTE } from '../graph/visible-region.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PADDING = 16;
/** Canvases beyond this many pixels a side fail in some browsers; the scale shrinks to fit. */
const MAX_CANVAS_SIDE = 16_384;

const INLINE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'marker-end',
] as const;

export interface StandaloneSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

/** Serializes the live graph `<svg>` as a standalone file framed to the whole graph. */
export function standaloneSvg(svg: SVGSVGElement): StandaloneSvg {
  // The view leaves far off-screen text out of layout while zooming; the file shows the whole graph.
  const offscreen = [...svg.querySelectorAll(`[${OFFSCREEN_ATTRIBUTE}]`)];
  for (const element of offscreen) element.removeAttribute(OFFSCREEN_ATTRIBUTE);
  try {
    return standaloneSvgOfDrawn(svg);
  } finally {
    for (const element of offscreen) element.setAttribute(OFFSCREEN_ATTRIBUTE, '');
  }
}

function standaloneSvgOfDrawn(svg: SVGSVGElement): StandaloneSvg {
  const viewport = svg.querySelector<SVGGElement>('.gs-viewport');
  const box = viewport ? viewport.getBBox() : { x: 0, y: 0, width: svg.clientWidth, height: svg.clientHeight };
  const width = Math.ceil(box.width + 2 * PADDING);
  const height = Math.ceil(box.height + 2 * PADDING);
  const clone = svg.cloneNode(true) as SVGSVGElement;

  // Copy computed paint onto the clone, element by element (both trees have the same order).
  const live = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  live.forEach((element, i) => {
    const copy = copies[i];
    if (!copy || !(element instanceof SVGElement) || element instanceof SVGStyleElement) return;
    const computed = getComputedStyle(element);
    const style = INLINE_PROPERTIES.map((name) => {
      let value = computed.getPropertyValue(name);
      if (name === 'font-family' && value && !/\bmonospace\b/.test(value)) value = `${value}, monospace`;
      return value ? `${name}:${value}` : '';
    })
      .filter(Boolean)
      .join(';');
    copy.setAttribute('style', style);
  });

  // Moving pulses and the empty-graph message are not part of the picture; the stylesheet is inlined
  // above (its CSS variables would mean nothing in another program).
  for (const transient of clone.querySelectorAll('.gs-pulses, .gs-empty, style')) transient.remove();
  clone.querySelector('.gs-viewport')?.removeAttribute('transform');
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `${box.x - PADDING} ${box.y - PADDING} ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('x', String(box.x - PADDING));
  background.setAttribute('y', String(box.y - PADDING));
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(height));
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, clone.querySelector('.gs-viewport'));
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
  return { text, width, height };
}

/** Draws a standalone SVG on a canvas at `scale` (2× by default) and encodes it as PNG. */
export async function svgToPng({ text, width, height }: StandaloneSvg, scale = 2): Promise<Blob> {
  const fitted = Math.min(scale, MAX_CANVAS_SIDE / Math.max(width, height, 1));
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The graph picture could not be drawn.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * fitted));
    canvas.height = Math.max(1, Math.round(height * fitted));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
