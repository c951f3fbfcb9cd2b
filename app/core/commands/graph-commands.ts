/** The graph at the current step, as on screen, downloaded as SVG or PNG. */
import { notebook } from '../notebook/notebook-store.ts';
import { downloadBlob, downloadText } from '../share/download.ts';
import { standaloneSvg, svgToPng } from '../share/export-graph.ts';
import { panelLayout } from '../notebook/panel-layout-store.ts';
import type { Command } from './registry.ts';

const graphSvg = (): SVGSVGElement | null => document.querySelector<SVGSVGElement>('svg.gs-graph');

function exportSvg(): void {
  const svg = graphSvg();
  if (svg) downloadText(standaloneSvg(svg).text, 'graph.svg', 'image/svg+xml');
}

function exportPng(): void {
  const svg = graphSvg();
  if (!svg) return;
  svgToPng(standaloneSvg(svg)).then(
    (blob) => downloadBlob(blob, 'graph.png'),
    (error: unknown) => notebook.actions.showBanner({ banner: { tone: 'error', text: error instanceof Error ? error.message : String(error) } }),
  );
}

export const graphCommands: readonly Command[] = [
  { id: 'exportGraphSvg', label: 'Export graph as SVG', scope: 'global', description: 'Download the graph at this step as SVG', run: exportSvg },
  {
    id: 'toggleGraphMaximised',
    label: 'Maximise or restore the graph',
    scope: 'global',
    description: 'The graph takes the whole window, or gives the notebook its place back (Esc restores)',
    run: () => panelLayout.actions.toggleMaximised(),
  },
  { id: 'exportGraphPng', label: 'Export graph as PNG', scope: 'global', description: 'Download the graph at this step as PNG (2×)', run: exportPng },
];
