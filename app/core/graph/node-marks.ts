/**
 * Marks on op nodes: which custom Function made a node, its gradcheck badge, a backward error
 * (red outline; anomalies too) and the second-order layer (ops recorded inside a backward pass
 * with create_graph=True, dashed). Pure: a function of (events, step), like the rest of the picture.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import type { OpMarks } from './model.ts';

/**
 * Marks by engine node id. Gradcheck results hold for the node whatever the step (they are checks
 * of the node, not moments of the run); errors and second-order passes appear at their step.
 */
export function opMarksOf(events: readonly TraceEvent[], step: number = Number.POSITIVE_INFINITY): ReadonlyMap<number, OpMarks> {
  const forwardFunctions = new Map<number, string>();
  const marks = new Map<number, OpMarks>();
  const merge = (nodeId: number, extra: OpMarks) => marks.set(nodeId, { ...marks.get(nodeId), ...extra });
  for (const event of events) {
    switch (event.kind) {
      case 'custom-call':
        if (event.fn === 'forward') forwardFunctions.set(event.callId, event.functionName);
        else if (event.nodeId !== undefined) merge(event.nodeId, { customFunction: event.functionName });
        break;
      case 'op': {
        const name = event.customCall === undefined ? undefined : forwardFunctions.get(event.customCall);
        if (name !== undefined) merge(event.nodeId, { customFunction: name });
        if (event.pass !== undefined) merge(event.nodeId, { pass: event.pass });
        break;
      }
      case 'gradcheck':
        merge(event.nodeId, { gradcheck: event.ok ? 'passed' : 'failed' });
        break;
      case 'backward-error':
        if (event.seq <= step) merge(event.nodeId, { error: { message: event.message, anomaly: event.anomaly } });
        break;
      default:
        break;
    }
  }
  return marks;
}

/** Classes for a marked op node (added to `gs-node gs-op …`). */
export function markClasses(marks: OpMarks | undefined): string[] {
  if (!marks) return [];
  const classes: string[] = [];
  if (marks.customFunction !== undefined) classes.push('is-custom');
  if (marks.error) classes.push(marks.error.anomaly ? 'has-error is-anomaly' : 'has-error');
  if (marks.pass !== undefined) classes.push('is-second-order');
  return classes;
}

/** The badge drawn on a node's corner: ✓ / ✗ for gradcheck, ! for an error. */
export function markBadge(marks: OpMarks | undefined): string {
  if (marks?.error) return '!';
  if (marks?.gradcheck === 'passed') return '✓';
  if (marks?.gradcheck === 'failed') return '✗';
  return '';
}

/** Tooltip and screen-reader words for the marks. */
export function markDescription(marks: OpMarks | undefined): string {
  if (!marks) return '';
  const parts: string[] = [];
  if (marks.customFunction !== undefined) parts.push(`custom Function ${marks.customFunction}`);
  if (marks.gradcheck) parts.push(`gradcheck ${marks.gradcheck}`);
  if (marks.pass !== undefined) parts.push(`2nd order (backward pass ${marks.pass})`);
  if (marks.error) parts.push(`${marks.error.anomaly ? 'anomaly' : 'error'}: ${marks.error.message}`);
  return parts.join(', ');
}

export const MARK_CSS = `
.gs-graph .is-custom rect.gs-shape { stroke: var(--gs-custom, #0c8578); stroke-width: 1.8; }
.gs-graph .is-second-order rect.gs-shape { stroke-dasharray: 5 3; stroke: var(--gs-second-order, #6a3fb5); fill: var(--gs-second-order-bg, #f6f0ff); }
.gs-graph .has-error rect.gs-shape { stroke: var(--gs-error, #b42318); stroke-width: 3; fill: var(--gs-error-bg, #fdf0ee); }
.gs-graph .gs-badge { font-weight: 700; text-anchor: middle; dominant-baseline: central; }
.gs-graph .gs-badge-bg { stroke: #fff; stroke-width: 1.5; }
.gs-graph [data-gradcheck='passed'] .gs-badge-bg { fill: var(--gs-ok, #2f7d4f); }
.gs-graph [data-gradcheck='failed'] .gs-badge-bg, .gs-graph .has-error .gs-badge-bg { fill: var(--gs-error, #b42318); }
.gs-graph .gs-badge { fill: #fff; font-size: 11px; }
.gs-graph .gs-legend text { fill: var(--gs-muted, #5b6475); font-size: 11px; }
.gs-graph .gs-legend rect { fill: var(--gs-second-order-bg, #f6f0ff); stroke: var(--gs-second-order, #6a3fb5); stroke-dasharray: 5 3; }
`;
