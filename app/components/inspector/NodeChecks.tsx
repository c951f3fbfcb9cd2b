/**
 * What the inspector adds for a custom Function's node and for any node whose backward raised:
 * the gradcheck badge (or a "Run gradcheck" action), a failed check's Jacobians, and the error.
 */
import { useMemo } from 'react';
import type { TraceIndex } from '../../core/trace/trace-index.ts';
import { errorOfNodeIn } from '../../core/trace/error-marks.ts';
import { requestGradcheck } from '../../core/notebook/kernel-requests.ts';
import { useStepperRequests } from '../hooks/use-stepper-requests.ts';
import { JacobianHeatmaps } from './JacobianHeatmaps.tsx';

const selectPending = (state: { readonly pendingGradchecks: readonly number[] }) => state.pendingGradchecks;
const selectMessage = (state: { readonly message?: string }) => state.message;

export function NodeChecks({ trace, step, graphNodeId }: { readonly trace: TraceIndex; readonly step: number | null; readonly graphNodeId: string }) {
  const pending = useStepperRequests(selectPending);
  const requestMessage = useStepperRequests(selectMessage);
  const match = /^n(\d+)$/.exec(graphNodeId);
  const nodeId = match ? Number(match[1]) : undefined;
  const info = useMemo(() => {
    if (nodeId === undefined) return null;
    const marks = trace.marksAt(null).get(nodeId);
    // Gradchecks run on request enter the trace like the automatic ones, so the index has both.
    const check = trace.gradcheckOf(nodeId);
    const error = errorOfNodeIn(trace, step, nodeId);
    return { customFunction: marks?.customFunction, check, error };
  }, [trace, step, nodeId]);
  if (nodeId === undefined || !info || (info.customFunction === undefined && !info.error && !info.check)) return null;
  const { customFunction, check, error } = info;
  const isPending = pending.includes(nodeId);
  return (
    <div className="node-checks" aria-label="Checks">
      {error && (
        <div role="alert" aria-label="Backward error">
          <p className="node-checks__error">
            {error.anomaly ? 'Anomaly detected: ' : ''}
            {error.ename}: {error.message}
            {error.loc ? `\n(line ${error.loc.line}${error.anomaly ? ', where the node was made' : ''})` : ''}
          </p>
        </div>
      )}
      {customFunction !== undefined && (
        <div>
          <span>custom Function {customFunction} · gradcheck </span>
          {check ? (
            <span className="node-checks__badge" data-ok={check.ok} aria-label={`Gradcheck ${check.ok ? 'passed' : 'failed'}`}>
              {check.ok ? '✓ passed' : '✗ failed'}
            </span>
          ) : (
            <button type="button" className="button" style={{ height: 26 }} disabled={isPending} onClick={() => void requestGradcheck(nodeId)}>
              {isPending ? 'Running gradcheck…' : 'Run gradcheck'}
            </button>
          )}
          {requestMessage && !check && <p className="node-checks__message">{requestMessage}</p>}
        </div>
      )}
      {check && !check.ok && (
        <>
          {check.jacobians
            .filter((pair) => pair.mismatches.length > 0)
            .map((pair) => (
              <JacobianHeatmaps key={`${pair.inputIndex}:${pair.outputIndex}`} pair={pair} />
            ))}
          {check.message && (
            <pre className="node-checks__message" aria-label="Gradcheck message">
              {check.message}
            </pre>
          )}
        </>
      )}
    </div>
  );
}
