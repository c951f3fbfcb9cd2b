/**
 * Loss per backward pass, under the timeline: every iteration plotted (from pass summaries, which
 * survive compaction). Clicking picks a pass: the timeline goes to it while its detail is kept,
 * otherwise its summary (loss, gradient norms) is shown beside the chart.
 */
import { useEffect, useMemo, useState } from 'react';
import { extent } from 'd3';
import { replay, selectStep } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import { selectTraceEvents } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import { describePass, formatNumber, lossPointsOf, nearestPoint, passAtSeqIn, pickPass, type LossPoint } from '../../core/trace/loss-points.ts';
import { traceIndexOf } from '../../core/trace/trace-index.ts';

const HEIGHT = 64;
const PAD = { right: 10, top: 8, bottom: 8 };
/** Room for a y-axis label of `chars` characters at font size 10 (about 6.2 px a character), so none is clipped. */
const labelRoom = (chars: number) => Math.ceil(10 + chars * 6.2);
/** Above this many passes the dots would merge into a smear: only the line is drawn, clicks pick the nearest pass. */
const MAX_DOTS = 80;

/** The element's width, followed as the window resizes; a callback ref, since the chart mounts only once there are passes. */
function useWidth(): [(element: HTMLDivElement | null) => void, number] {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(480);
  useEffect(() => {
    if (!element || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, width];
}

export function LossChart() {
  const events = useNotebook(selectTraceEvents);
  const step = useReplay(selectStep);
  const trace = traceIndexOf(events);
  const points = useMemo(() => lossPointsOf(trace), [trace]);
  const shownPass = useMemo(() => passAtSeqIn(trace, step), [trace, step]);
  const [summary, setSummary] = useState<LossPoint | null>(null);
  const [ref, width] = useWidth();
  // A new trace makes an old summary meaningless.
  useEffect(() => setSummary(null), [events]);
  // One pass is one point: no trend to read, and the timeline already shows that backward.
  if (points.length < 2) return null;

  const [low = 0, high = 1] = extent(points, (point) => point.loss);
  const PAD_LEFT = labelRoom(Math.max(formatNumber(high).length, formatNumber(low).length));
  const span = high - low || Math.abs(high) || 1;
  const plotWidth = Math.max(1, width - PAD_LEFT - PAD.right);
  const x = (index: number) => PAD_LEFT + (index / (points.length - 1)) * plotWidth;
  const y = (loss: number) => PAD.top + (1 - (loss - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(point.loss).toFixed(1)}`).join('');
  const shownIndex = points.findIndex((point) => point.pass === (summary?.pass ?? shownPass));

  const pick = (point: LossPoint) => {
    const picked = pickPass(point);
    replay.actions.pause();
    if (picked.kind === 'step') {
      setSummary(null);
      replay.actions.showStep({ step: picked.seq });
    } else {
      setSummary(picked.point);
    }
  };

  return (
    <div className="loss-chart" ref={ref} style={{ padding: '0 18px 8px', display: 'flex', flexDirection: 'column', gap: 2 }}>
      <svg
        role="group"
        aria-label="Loss per pass"
        width={width}
        height={HEIGHT}
        style={{ display: 'block', cursor: 'pointer', maxWidth: '100%' }}
        tabIndex={points.length > MAX_DOTS ? 0 : undefined}
        onKeyDown={(event) => {
          // Too many passes for a dot each: ← → pick the previous or next pass, Home and End the ends.
          if (points.length <= MAX_DOTS) return;
          const from = shownIndex >= 0 ? shownIndex : points.length - 1;
          const next = { ArrowLeft: from - 1, ArrowRight: from + 1, Home: 0, End: points.length - 1 }[event.key];
          if (next === undefined) return;
          event.preventDefault();
          event.stopPropagation();
          const point = points[Math.min(points.length - 1, Math.max(0, next))];
          if (point) pick(point);
        }}
        onClick={(event) => {
          if (points.length <= MAX_DOTS) return; // dots answer for themselves
          const box = event.currentTarget.getBoundingClientRect();
          const point = nearestPoint(points, (event.clientX - box.left - PAD_LEFT) / plotWidth);
          if (point) pick(point);
        }}
      >
        <text x={PAD_LEFT - 6} y={PAD.top + 4} textAnchor="end" fontSize={10} fill="currentColor" opacity={0.7}>
          {formatNumber(high)}
        </text>
        <text x={PAD_LEFT - 6} y={HEIGHT - PAD.bottom} textAnchor="end" fontSize={10} fill="currentColor" opacity={0.7}>
          {formatNumber(low)}
        </text>
        <path d={path} fill="none" stroke="#a34a00" strokeWidth={1.5} />
        {points.length <= MAX_DOTS
          ? points.map((point, index) => (
              <circle
                key={point.pass}
                className="loss-chart__point"
                data-pass={point.pass}
                data-detail={point.detailSeq !== undefined}
                role="button"
                tabIndex={0}
                aria-label={`Pass ${point.pass}, loss ${formatNumber(point.loss)}`}
                cx={x(index)}
                cy={y(point.loss)}
                r={index === shownIndex ? 5 : 3}
                fill={point.detailSeq !== undefined ? '#a34a00' : '#fff'}
                stroke="#a34a00"
                strokeWidth={1.5}
                onClick={() => pick(point)}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter' && event.key !== ' ') return;
                  event.preventDefault();
                  event.stopPropagation();
                  pick(point);
                }}
              />
            ))
          : null}
        {points.length > MAX_DOTS && shownIndex >= 0 ? (
          <circle cx={x(shownIndex)} cy={y(points[shownIndex]!.loss)} r={4} fill="#a34a00" aria-hidden="true" />
        ) : null}
      </svg>
      <output aria-label="Picked pass" style={{ fontSize: 12, opacity: 0.85, minHeight: '1.2em' }}>
        {summary
          ? `${describePass(summary)} (only the summary of this pass was kept)`
          : `${points.length} passes, loss ${formatNumber(points[0]!.loss)} → ${formatNumber(points[points.length - 1]!.loss)}`}
      </output>
    </div>
  );
}
