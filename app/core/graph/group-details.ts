/** What the inspector shows about a module group (selected by clicking its collapsed node). */
import type { GraphModel, LeafNode } from './model.ts';
import { groupNodeId, isGroupNodeId, moduleGroupsOf } from './module-groups.ts';

export interface GroupParameter {
  readonly nodeId: string;
  /** `fc1.weight` */
  readonly name: string;
  readonly shape: readonly number[];
  /** L2 norm of its `.grad` at the step; undefined before any backward. */
  readonly gradNorm?: number;
}

export interface GroupDetails {
  readonly id: string;
  /** `fc1: Linear` */
  readonly label: string;
  /** Class name: `Linear` */
  readonly type: string;
  /** Attribute path from the outermost module; `''` for the outermost module itself. */
  readonly path: string;
  /** Graph nodes inside it at the step, nested modules included. */
  readonly memberCount: number;
  readonly opCount: number;
  /** The parameters drawn in this group (its own and its submodules'), in creation order. */
  readonly parameters: readonly GroupParameter[];
  /** L2 norm over all its parameters' gradients, once they have one. */
  readonly gradNorm?: number;
}

export { isGroupNodeId };

/** Details of the group with node id `groupId` (`g:<key>`) in `model`, or null if it has none there. */
export function inspectGroup(model: GraphModel, groupId: string): GroupDetails | null {
  const group = moduleGroupsOf(model).find((candidate) => groupNodeId(candidate.key) === groupId);
  if (!group) return null;
  const members = new Set(group.memberIds);
  const norms = new Map((model.gradNorms ?? []).map((entry) => [entry.tensorId, entry.norm]));
  const parameters: GroupParameter[] = [];
  let opCount = 0;
  for (const node of model.nodes) {
    if (!members.has(node.id)) continue;
    if (node.kind === 'op') opCount++;
    else if (node.parameter !== undefined) {
      const gradNorm = node.grad ? (gradNormOf(node) ?? norms.get(node.tensorId)) : undefined;
      parameters.push({ nodeId: node.id, name: node.parameter, shape: node.shape, ...(gradNorm !== undefined && { gradNorm }) });
    }
  }
  const withNorms = parameters.filter((parameter) => parameter.gradNorm !== undefined);
  return {
    id: group.id,
    label: group.label,
    type: group.type,
    path: group.path,
    memberCount: members.size,
    opCount,
    parameters,
    ...(withNorms.length > 0 && { gradNorm: Math.hypot(...withNorms.map((parameter) => parameter.gradNorm!)) }),
  };
}

/** From the accumulated `.grad` at the step (values when small); the pass summary's norm otherwise. */
function gradNormOf(node: LeafNode): number | undefined {
  const values = node.grad?.values;
  return values ? Math.hypot(...values) : undefined;
}
