/**
 * A training-loop parameter's sparklines, drawn under its leaf's text: its value norm and its
 * gradient norm over every pass, the shown pass marked with a dot.
 */
import { select, type Selection } from 'd3';
import { formatNumber } from '../../core/graph/format.ts';
import type { LeafHistory } from '../../core/graph/model.ts';
import { CHAR_WIDTH, LINE_HEIGHT, PADDING_X, SPARKLINE_LABELS, SPARKLINE_NUMBER_CHARS } from '../../core/graph/node-size.ts';
import { sparklinePath, sparklineScale } from '../../core/trace/parameter-history.ts';

export const SPARKLINE_CSS = `
.gs-graph .gs-spark-label { fill: var(--gs-muted, #5b6475); }
.gs-graph .gs-spark-line { fill: none; stroke-width: 1.4; }
.gs-graph .gs-spark-line[data-series='value'] { stroke: var(--gs-text, #1d2433); }
.gs-graph .gs-spark-line[data-series='grad'] { stroke: var(--gs-grad, #a34a00); }
.gs-graph .gs-spark-dot { fill: var(--gs-grad, #a34a00); }
.gs-graph .gs-spark-number { fill: var(--gs-text, #1d2433); text-anchor: end; }
.gs-graph .gs-spark[data-series='grad'] .gs-spark-number { fill: var(--gs-grad, #a34a00); font-weight: 700; }
`;

const LABEL_WIDTH = Math.ceil(4 * CHAR_WIDTH);
const SERIES = [
  { key: 'value', pick: (history: LeafHistory) => history.valueNorms, what: 'value norm' },
  { key: 'grad', pick: (history: LeafHistory) => history.gradNorms, what: 'gradient norm' },
] as const;

/** Draws (or clears, without a history) the sparkline rows of a leaf box whose rows start at `top`. */
export function drawSparklines<Datum>(
  g: Selection<SVGGElement, Datum, null, undefined>,
  history: LeafHistory | undefined,
  left: number,
  top: number,
  width: number,
): void {
  const rows = g
    .selectAll<SVGGElement, (typeof SERIES)[number]>('g.gs-spark')
    .data(history ? SERIES : [], (series) => series.key)
    .join((enter) =>
      enter
        .append('g')
        .attr('class', 'gs-spark')
        .each(function () {
          const row = select(this);
          row.append('text').attr('class', 'gs-spark-label');
          row.append('path').attr('class', 'gs-spark-line');
          row.append('circle').attr('class', 'gs-spark-dot').attr('r', 2.5);
          row.append('text').attr('class', 'gs-spark-number');
          row.append('title');
        }),
    );
  if (!history) return;
  const numberWidth = Math.ceil(SPARKLINE_NUMBER_CHARS * CHAR_WIDTH);
  const lineWidth = Math.max(10, width - 2 * PADDING_X - LABEL_WIDTH - numberWidth - 4);
  const lineHeight = LINE_HEIGHT - 5;
  rows.each(function (series, rowIndex) {
    const values = series.pick(history);
    const row = select(this)
      .attr('data-series', series.key)
      .attr('transform', `translate(${left + PADDING_X},${top + rowIndex * LINE_HEIGHT})`);
    row
      .select('text.gs-spark-label')
      .attr('x', 0)
      .attr('y', LINE_HEIGHT - 4)
      .text(SPARKLINE_LABELS[rowIndex]!);
    const path = sparklinePath(values, lineWidth, lineHeight);
    row.select('path').attr('data-series', series.key).attr('data-points', values.length).attr('transform', `translate(${LABEL_WIDTH},2.5)`).attr('d', path);
    const shown = history.shownIndex;
    const dot = shown === undefined ? undefined : dotAt(values, shown, lineWidth, lineHeight);
    row
      .select('circle')
      .attr('visibility', dot ? 'visible' : 'hidden')
      .attr('cx', LABEL_WIDTH + (dot?.x ?? 0))
      .attr('cy', 2.5 + (dot?.y ?? 0));
    const shownValue = shown === undefined ? values[values.length - 1] : values[shown];
    row
      .select('text.gs-spark-number')
      .attr('x', width - 2 * PADDING_X)
      .attr('y', LINE_HEIGHT - 4)
      .text(shownValue === undefined || !Number.isFinite(shownValue) ? '—' : String(Number(shownValue.toPrecision(3))));
    const first = values[0];
    const last = values[values.length - 1];
    row.select('title').text(`${series.what} over ${values.length} passes: ${formatNumber(first ?? Number.NaN)} → ${formatNumber(last ?? Number.NaN)}`);
  });
}

/** Where the sparkline passes through point `index`. */
function dotAt(values: readonly number[], index: number, width: number, height: number): { x: number; y: number } | undefined {
  const value = values[index];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const scale = sparklineScale(values, width, height);
  return { x: scale.x(index), y: scale.y(value) };
}
