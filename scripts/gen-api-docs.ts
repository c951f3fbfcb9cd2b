/**
 * Generates docs/api.md from the op table, so the list of supported ops cannot drift from the
 * engine: `npx tsx scripts/gen-api-docs.ts` (or `npm run docs:api`). engine/test/api-docs.test.ts
 * regenerates the text and fails when the committed file differs.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { opTable, type OpDef } from '../engine/index.ts';

export const API_DOCS_PATH = fileURLToPath(new URL('../docs/api.md', import.meta.url));

const NOT_DIFFERENTIABLE = /not differentiable|^constant$|no gradient flows/;

/** Internal ops (leading underscore, or PyTorch's backward kernels) are listed apart from the public API. */
const isInternal = (op: OpDef): boolean => op.name.startsWith('_') || op.name.endsWith('_backward') || (!op.method && !op.function);

function differentiability(op: OpDef): string {
  const base = op.inplaceOf ?? op;
  if (NOT_DIFFERENTIABLE.test(base.display.formula)) return 'no';
  if (base.composite) return 'yes (composite)';
  return base.backward ? 'yes' : 'no';
}

function gradFnName(op: OpDef): string {
  const base = op.inplaceOf ?? op;
  if (differentiability(op) === 'no') return '—';
  if (base.composite) return 'from the ops it is made of';
  if (typeof base.gradFn === 'string') return `\`${base.gradFn}\``;
  if (typeof base.gradFn === 'function') return 'chosen per call (as PyTorch)';
  return '—';
}

/** How Python reaches the op: `torch.x`, `Tensor.x`, in-place. */
function access(op: OpDef): string {
  const ways: string[] = [];
  if (op.function) ways.push(`\`torch.${op.name}\``);
  if (op.method) ways.push(`\`Tensor.${op.name}\``);
  if (op.inplaceOf) ways.push('in-place');
  return ways.join(', ') || 'internal';
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

function row(op: OpDef): string {
  const cells = [`\`${op.name}\``, access(op), `\`${escapeCell(op.signature)}\``, gradFnName(op), differentiability(op), escapeCell(op.display.formula)];
  return `| ${cells.join(' | ')} |`;
}

const HEADER = ['| op | how to call it | signature | grad_fn | differentiable | local derivative |', '| --- | --- | --- | --- | --- | --- |'];

function table(ops: readonly OpDef[]): string[] {
  return [...HEADER, ...[...ops].sort((a, b) => a.name.localeCompare(b.name)).map(row)];
}

/** The whole of docs/api.md, as text. */
export function renderApiDocs(): string {
  const ops = opTable();
  const outOfPlace = ops.filter((op) => !op.inplaceOf && !isInternal(op));
  const inplace = ops.filter((op) => op.inplaceOf);
  const internal = ops.filter((op) => !op.inplaceOf && isInternal(op));
  const lines = [
    '# Gradscope API: supported ops',
    '',
    '<!-- Generated from the op table by scripts/gen-api-docs.ts; do not edit. Run `npm run docs:api`. -->',
    '',
    `Gradscope's engine knows ${ops.length} ops: ${outOfPlace.length} public ops, ${inplace.length} in-place variants`,
    `and ${internal.length} internal ops that appear in graphs (backward of a backward, views PyTorch records).`,
    "Signatures follow PyTorch's native_functions.yaml; `grad_fn` is the name PyTorch prints for the result.",
    '',
    '## Ops',
    '',
    ...table(outOfPlace),
    '',
    '## In-place variants',
    '',
    'Each writes its result into `self`, bumps its version counter and shares the backward rule of its out-of-place op.',
    '',
    ...table(inplace),
    '',
    '## Internal ops',
    '',
    ...table(internal),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(API_DOCS_PATH, renderApiDocs());
  console.log(`wrote ${API_DOCS_PATH}`);
}
