/** Accessible names for graph nodes: what a screen reader says about each one. */
import { formatNumber, formatShape } from './format.ts';
import type { LeafNode } from './model.ts';
import type { ViewNode } from './module-groups.ts';

/**
 * What a leaf is called on screen: its variable name, its module parameter path, or just "tensor"
 * (shown beside its shape). Engine ids are never shown: they mean nothing to the person.
 */
export function leafName(node: Pick<LeafNode, 'name' | 'parameter'>): string {
  return node.name ?? node.parameter ?? UNNAMED_TENSOR;
}

/** The word for a tensor with no variable name. */
export const UNNAMED_TENSOR = 'tensor';

/** e.g. "leaf x, shape [3], grad [0.6667, 0.6667, 0.6667], value [1, 2, 3]". */
export function nodeAriaLabel(node: ViewNode): string {
  if (node.kind === 'group') {
    if (node.summary !== undefined) return `${node.label}, ${node.memberCount} nodes collapsed`;
    const norm = node.gradNorm === undefined ? 'no grad yet' : `grad norm ${formatNumber(node.gradNorm)}`;
    const member = node.activeMember === undefined ? '' : `, now at ${node.activeMember}`;
    return `module ${node.label}, collapsed, ${node.memberCount} nodes, ${norm}${member}`;
  }
  if (node.kind === 'leaf') {
    const parts = [`leaf ${leafName(node)}`, `shape ${formatShape(node.shape)}`, node.gradText === undefined ? 'no grad yet' : `grad ${node.gradText}`];
    if (node.valueText) parts.push(`value ${node.valueText}`);
    if (node.tangentText !== undefined) parts.push(`tangent ${node.tangentText}`);
    if (node.handCheck !== undefined) parts.push(`your gradient: ${node.handCheck}`);
    return parts.join(', ');
  }
  const parts = [`op ${node.gradFn}`];
  if (node.outputName !== undefined) parts.push(`output ${node.outputName}`);
  parts.push(`shape ${formatShape(node.outputShape)}`);
  if (node.gradText !== undefined) parts.push(`grad ${node.gradText}`);
  if (node.tangentText !== undefined) parts.push(`tangent ${node.tangentText}`);
  if (node.handCheck !== undefined) parts.push(`your gradient: ${node.handCheck}`);
  if (node.isFreed) parts.push('saved tensors freed');
  else if (node.hasRunBackward) parts.push('backward done');
  return parts.join(', ');
}
