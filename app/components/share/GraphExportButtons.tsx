/** "SVG" and "PNG" in the graph's toolbar: the graph at the current step, as on screen, downloaded. */
import type { RefObject } from 'react';
import { notebook } from '../../core/notebook/notebook-store.ts';
import { downloadBlob, downloadText } from '../../core/share/download.ts';
import { standaloneSvg, svgToPng } from '../../core/share/export-graph.ts';

export function GraphExportButtons({ canvasRef }: { readonly canvasRef: RefObject<HTMLElement | null> }) {
  const graphSvg = (): SVGSVGElement | null => canvasRef.current?.querySelector<SVGSVGElement>('svg.gs-graph') ?? null;
  const exportSvg = () => {
    const svg = graphSvg();
    if (svg) downloadText(standaloneSvg(svg).text, 'graph.svg', 'image/svg+xml');
  };
  const exportPng = () => {
    const svg = graphSvg();
    if (!svg) return;
    svgToPng(standaloneSvg(svg)).then(
      (blob) => downloadBlob(blob, 'graph.png'),
      (error: unknown) => notebook.actions.showBanner({ banner: { tone: 'error', text: error instanceof Error ? error.message : String(error) } }),
    );
  };
  return (
    <>
      <button type="button" aria-label="Export graph as SVG" title="Download the graph at this step as SVG" onClick={exportSvg}>
        SVG
      </button>
      <button type="button" aria-label="Export graph as PNG" title="Download the graph at this step as PNG (2×)" onClick={exportPng}>
        PNG
      </button>
    </>
  );
}
