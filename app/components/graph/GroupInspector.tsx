/** The inspector's view of a module group: its class, path, parameters with gradient norms, size. */
import { formatNumber, formatShape } from '../../core/graph/format.ts';
import type { GroupDetails } from '../../core/graph/group-details.ts';

export function GroupInspector({ details }: { readonly details: GroupDetails }) {
  return (
    <dl className="inspector__facts" aria-label={`Module ${details.label}`}>
      <dt>module</dt>
      <dd>{details.type}</dd>
      <dt>path</dt>
      <dd>{details.path === '' ? '(the model itself)' : details.path}</dd>
      <dt>members</dt>
      <dd>
        {details.memberCount} nodes ({details.opCount} ops)
      </dd>
      <dt>parameters</dt>
      <dd>
        {details.parameters.length === 0 ? (
          'none'
        ) : (
          <ul className="inspector__parameters" aria-label="Parameters">
            {details.parameters.map((parameter) => (
              <li key={parameter.nodeId}>
                {parameter.name} {formatShape(parameter.shape)} · ‖grad‖ {parameter.gradNorm === undefined ? '—' : formatNumber(parameter.gradNorm)}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>‖grad‖</dt>
      <dd>{details.gradNorm === undefined ? 'not computed yet' : formatNumber(details.gradNorm)}</dd>
    </dl>
  );
}
