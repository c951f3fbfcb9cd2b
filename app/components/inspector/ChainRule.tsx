/** The chain-rule panel: for the current backward step, upstream · local = product, in numbers. */
import { useMemo } from 'react';
import { useReplayFrame } from '../timeline/use-replay-frame.ts';
import { chainRuleOf } from '../../core/inspector/chain-rule.ts';
import { hookLinesOf } from '../../core/inspector/hooks.ts';

export function ChainRule() {
  const { trace, current } = useReplayFrame();
  const view = useMemo(() => (current ? chainRuleOf(trace, current.seq) : null), [trace, current]);
  const hookLines = useMemo(() => (current ? hookLinesOf(trace, current.seq) : []), [trace, current]);
  return (
    <section className="side-panel chain-rule" aria-label="Chain rule">
      <h2 className="side-panel__title">Chain rule</h2>
      {!view && <p className="side-panel__empty">Step into a backward pass (or a forward-mode tangent) to see the chain rule.</p>}
      {hookLines.map((text, index) => (
        <p key={`hook-${index}`} className="hook-note">
          {text}
        </p>
      ))}
      {view?.kind === 'backward-start' && <p className="chain-rule__line">{view.text}</p>}
      {view?.kind === 'backward-step' && (
        <>
          <p className="chain-rule__op">
            {view.gradFn}
            {view.formula && <span className="chain-rule__formula"> · {view.formula}</span>}
          </p>
          {view.terms.map((term) => (
            <div key={term.inputIndex} className="chain-rule__term">
              <p className="chain-rule__line">{term.text}</p>
              {term.rule && (
                <p className="chain-rule__note">
                  {term.inputName} gets {term.rule}
                </p>
              )}
            </div>
          ))}
        </>
      )}
      {view?.kind === 'gradient-sum' && (
        <>
          <p className="chain-rule__op">
            fan-out: {view.contributions.length} gradients meet at {view.targetName}
          </p>
          {view.contributions.map((contribution, index) => (
            <p key={index} className="chain-rule__note">
              from {contribution.fromGradFn}: {contribution.gradText}
            </p>
          ))}
          <p className="chain-rule__line">{view.text}</p>
        </>
      )}
      {view?.kind === 'tangent' && (
        <>
          <p className="chain-rule__op">forward mode · {view.op}: the tangent travels forward</p>
          <p className="chain-rule__line chain-rule__line--tangent">{view.text}</p>
        </>
      )}
      {view?.kind === 'accumulate' && (
        <>
          <p className="chain-rule__op">AccumulateGrad: before + added = after</p>
          <p className="chain-rule__line">{view.text}</p>
        </>
      )}
    </section>
  );
}
