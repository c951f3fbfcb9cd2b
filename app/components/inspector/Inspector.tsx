/** The inspector: the selected node (or the current step's node) with its values, gradient and line. */
import { useMemo } from 'react';
import { formatShape } from '../../core/graph/format.ts';
import { inspectGroup, isGroupNodeId } from '../../core/graph/group-details.ts';
import { GroupInspector } from '../graph/GroupInspector.tsx';
import { selectSelectedNodeIds } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import { useReplayFrame } from '../timeline/use-replay-frame.ts';
import { inspectGraphNode, type TensorFacts } from '../../core/inspector/inspect-node.ts';
import { TensorView } from './TensorView.tsx';
import { NodeChecks } from './NodeChecks.tsx';
import { HandGradientHeatmaps } from './HandGradientHeatmaps.tsx';

const factsText = (facts: TensorFacts) => `${facts.name} ${formatShape(facts.shape)} ${facts.dtype}`;

export function Inspector() {
  const { trace, step, current } = useReplayFrame();
  const selectedNodeIds = useReplay(selectSelectedNodeIds);
  const nodeId = selectedNodeIds[0] ?? current?.graphNodeId;
  const details = useMemo(() => {
    if (nodeId === undefined) return null;
    // The node alone: the whole graph of a 100,000-op chain took a long task as a run was taken in.
    return inspectGraphNode(trace, trace.nodeAt(step ?? undefined, nodeId, { names: 'final' }));
  }, [trace, step, nodeId]);
  const handCheck = details ? trace.handGradientOf(details.id) : undefined;
  // A module group selected in the graph (its collapsed node was clicked).
  const groupDetails = useMemo(
    () => (nodeId !== undefined && isGroupNodeId(nodeId) ? inspectGroup(trace.graphAt(step ?? undefined, { names: 'final' }), nodeId) : null),
    [trace, step, nodeId],
  );

  return (
    <section className="side-panel inspector" aria-label="Inspector">
      <h2 className="side-panel__title">Inspector</h2>
      {!details && !groupDetails && <p className="side-panel__empty">Click a node or a line of code.</p>}
      {groupDetails && <GroupInspector details={groupDetails} />}
      {details && (
        <dl className="inspector__facts">
          <dt>node</dt>
          <dd>{details.title}</dd>
          <dt>op</dt>
          <dd>{details.op}</dd>
          <dt>grad_fn</dt>
          <dd>{details.gradFn}</dd>
          <dt>line</dt>
          <dd>{details.loc ? `${details.loc.line}` : '—'}</dd>
          {details.inputs.length > 0 && (
            <>
              <dt>inputs</dt>
              <dd>{details.inputs.map(factsText).join(', ')}</dd>
            </>
          )}
          <dt>output</dt>
          <dd>{factsText(details.output)}</dd>
          <dt>value</dt>
          <dd>
            <TensorView summary={details.value} label="Value" />
          </dd>
          <dt>grad</dt>
          <dd>{details.grad ? <TensorView summary={details.grad} label="Gradient" /> : 'not computed yet'}</dd>
          {details.tangent && (
            <>
              <dt>tangent</dt>
              <dd className="inspector__tangent">
                <TensorView summary={details.tangent} label="Tangent" />
              </dd>
            </>
          )}
          {details.isFreed !== null && (
            <>
              <dt>saved tensors</dt>
              <dd>
                {details.isFreed ? 'freed by backward(): a second backward through this node needs retain_graph=True' : 'still held, for backward() to use'}
              </dd>
            </>
          )}
        </dl>
      )}
      {details && <NodeChecks trace={trace} step={step} graphNodeId={details.id} />}
      {handCheck && <HandGradientHeatmaps check={handCheck} />}
    </section>
  );
}
