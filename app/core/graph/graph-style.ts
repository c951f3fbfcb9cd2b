/**
 * The graph's CSS, embedded in the SVG itself so an exported SVG looks the same as on screen.
 * Colours come from CSS variables the app may set, with fallbacks.
 */
import { FONT_SIZE } from './node-size.ts';

export const GRAPH_CSS = `
.gs-graph { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: ${FONT_SIZE}px; }
.gs-graph .gs-edge { fill: none; stroke: var(--gs-edge, #8a94a6); stroke-width: 1.4; }
.gs-graph .gs-node rect.gs-shape { stroke-width: 1.2; }
.gs-graph .gs-leaf rect.gs-shape { fill: var(--gs-leaf-bg, #eef4ff); stroke: var(--gs-leaf-stroke, #4a6fd1); }
.gs-graph .gs-op rect.gs-shape { fill: var(--gs-op-bg, #f4f1fb); stroke: var(--gs-op-stroke, #7a5cc2); }
.gs-graph .gs-title { font-weight: 700; fill: var(--gs-text, #1d2433); }
.gs-graph .gs-shape-text { font-weight: 400; fill: var(--gs-muted, #5b6475); }
.gs-graph .gs-value { fill: var(--gs-text, #1d2433); }
.gs-graph .gs-grad { fill: var(--gs-muted, #8a94a6); }
.gs-graph .gs-grad-band { fill: transparent; }
.gs-graph .has-grad .gs-grad { fill: var(--gs-grad, #a34a00); font-weight: 700; }
.gs-graph .has-grad .gs-grad-band { fill: var(--gs-grad-bg, #ffe9cc); }
.gs-graph .gs-op-text { fill: var(--gs-text, #1d2433); text-anchor: middle; dominant-baseline: central; }
.gs-graph .has-run-backward rect.gs-shape { stroke: var(--gs-grad, #a34a00); }
.gs-graph .is-freed rect.gs-shape { stroke-dasharray: 4 3; }
.gs-graph .is-active rect.gs-shape { stroke-width: 3; stroke: var(--gs-active, #e8590c); }
.gs-graph .is-selected rect.gs-shape { stroke-width: 2.5; stroke: var(--gs-selected, #1f4f82); filter: drop-shadow(0 0 3px rgba(31, 79, 130, 0.45)); }
.gs-graph .gs-node { cursor: pointer; }
.gs-graph .gs-op-grad { fill: var(--gs-grad, #a34a00); font-weight: 700; dominant-baseline: central; }
.gs-graph .gs-edge.is-pulsing { stroke: var(--gs-grad, #a34a00); stroke-width: 2.4; stroke-dasharray: 6 4; animation: gs-dash 0.6s linear infinite; }
.gs-graph .gs-pulse { fill: var(--gs-grad, #a34a00); stroke: #fff; stroke-width: 1.5; pointer-events: none; }
.gs-graph .gs-op-tangent { fill: var(--gs-tangent, #0b7a75); font-weight: 700; dominant-baseline: central; }
.gs-graph .has-tangent .gs-grad { fill: var(--gs-tangent, #0b7a75); font-weight: 700; }
.gs-graph .is-forward-only rect.gs-shape { stroke: var(--gs-tangent, #0b7a75); }
.gs-graph .gs-edge.is-tangent { stroke: var(--gs-tangent, #0b7a75); stroke-width: 2.4; stroke-dasharray: 6 4; animation: gs-dash-forward 0.6s linear infinite; }
.gs-graph .gs-tangent-pulse { fill: var(--gs-tangent, #0b7a75); }
.gs-graph .is-check-right rect.gs-shape { stroke: var(--gs-check-right, #2b8a3e); stroke-width: 3; fill: var(--gs-check-right-bg, #e6f4ea); }
.gs-graph .is-check-wrong rect.gs-shape { stroke: var(--gs-check-wrong, #c92a2a); stroke-width: 3; fill: var(--gs-check-wrong-bg, #fdecec); }
@keyframes gs-dash-forward { to { stroke-dashoffset: -10; } }
@keyframes gs-dash { to { stroke-dashoffset: 10; } }
.gs-graph .gs-group rect.gs-shape { fill: var(--gs-module-bg, #eaf6ee); stroke: var(--gs-module-stroke, #2f8a4c); stroke-width: 1.6; }
.gs-graph .gs-module-box { fill: var(--gs-module-fill, rgba(47, 138, 76, 0.05)); stroke: var(--gs-module-stroke, #2f8a4c); stroke-width: 1.2; stroke-dasharray: 5 3; }
.gs-graph .gs-module-label { fill: var(--gs-module-stroke, #2f8a4c); font-weight: 700; cursor: pointer; }
.gs-graph .gs-group-toggle { fill: var(--gs-module-stroke, #2f8a4c); font-weight: 700; cursor: pointer; }
.gs-graph .gs-group.is-active rect.gs-shape { stroke-width: 3; stroke: var(--gs-active, #e8590c); }
.gs-graph .gs-group.is-selected rect.gs-shape { stroke-width: 2.5; stroke: var(--gs-selected, #1f4f82); }
.gs-graph .gs-arrow { fill: var(--gs-edge, #8a94a6); }
`;
