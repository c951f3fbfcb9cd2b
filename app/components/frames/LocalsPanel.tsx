/**
 * The Locals panel: inside a custom Function's recorded frame, each local as the trace has it
 * (`grad_output`, `ctx` with its saved tensors, intermediates), what changed since the previous
 * line marked, and on the return sub-step what came back.
 */
import { useMemo } from 'react';
import { useReplayFrame } from '../timeline/use-replay-frame.ts';
import { frameTitle } from '../../core/trace/frames.ts';
import { diffLocals } from '../../core/trace/locals-diff.ts';
import { PyValueView } from './PyValueView.tsx';
import './locals.css';

const CHANGE_TEXT = { new: 'new', changed: 'changed', same: '' } as const;

export function LocalsPanel() {
  const { trace, enterable, frameView } = useReplayFrame();
  const hasFrames = useMemo(() => trace.frames().size > 0, [trace]);
  const rows = useMemo(() => (frameView ? diffLocals(frameView.previous?.locals, frameView.substep.locals) : []), [frameView]);
  if (!hasFrames) return null;
  const substep = frameView?.substep;
  return (
    <section className="side-panel locals" aria-label="Locals">
      <h2 className="side-panel__title">Locals</h2>
      {!frameView && (
        <p className="side-panel__empty">
          {enterable ? `Step into ${frameTitle(enterable)} (↓) to see its locals.` : 'Step into a custom Function’s step to see its locals.'}
        </p>
      )}
      {frameView && substep && (
        <>
          <p className="locals__where">
            {frameTitle(frameView.frame)} · {substep.kind === 'return' ? 'returned at' : 'before'} line {substep.loc.line}
          </p>
          <dl className="locals__list">
            {rows.map((row) => (
              <div key={row.name} className="locals__row" data-local={row.name} data-change={row.change} data-kind={row.value.kind}>
                <dt>
                  {row.name}
                  {row.change !== 'same' && <span className="locals__badge">{CHANGE_TEXT[row.change]}</span>}
                </dt>
                <dd>
                  <PyValueView value={row.value} label={row.name} />
                </dd>
              </div>
            ))}
            {substep.kind === 'return' && substep.value && (
              <div className="locals__row locals__row--return" data-local="return">
                <dt>returned</dt>
                <dd>
                  <PyValueView value={substep.value} label="Returned" />
                </dd>
              </div>
            )}
            {substep.kind === 'return' && substep.error && (
              <div className="locals__row locals__row--error" data-local="raised" role="alert">
                <dt>raised</dt>
                <dd>{substep.error}</dd>
              </div>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
