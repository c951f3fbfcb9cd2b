/** A Python value from a recorded frame, as the locals panel shows it (tensors as numbers). */
import type { PyValue } from '../../../engine/trace/schema.ts';
import { summaryText } from '../../../engine/trace/summary-text.ts';
import { formatShape } from '../../core/graph/format.ts';
import { TensorView } from '../inspector/TensorView.tsx';

const pythonBool = (value: boolean) => (value ? 'True' : 'False');

/** `(True, False)`, Python's way, with the one-element tuple's comma. */
export function pythonTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

export function PyValueView({ value, label }: { readonly value: PyValue; readonly label: string }) {
  switch (value.kind) {
    case 'tensor':
      return (
        <span className="py-value py-value--tensor" title={summaryText(value.tensor)}>
          <TensorView summary={value.tensor} label={label} />
          <span className="py-value__meta">
            {formatShape(value.tensor.shape)} {value.tensor.dtype}
            {value.tensor.requiresGrad ? ' · requires_grad' : ''}
          </span>
        </span>
      );
    case 'none':
      return <code className="py-value">None</code>;
    case 'scalar':
      return <code className="py-value">{value.text}</code>;
    case 'other':
      return (
        <code className="py-value" title={value.type}>
          {value.text}
        </code>
      );
    case 'tuple':
    case 'list':
      return (
        <span className="py-value py-value--seq" aria-label={label}>
          <span className="py-value__bracket">{value.kind === 'tuple' ? '(' : '['}</span>
          {value.items.map((item, index) => (
            <PyValueView key={index} value={item} label={`${label}[${index}]`} />
          ))}
          <span className="py-value__bracket">{value.kind === 'tuple' ? (value.items.length === 1 ? ',)' : ')') : ']'}</span>
        </span>
      );
    case 'ctx':
      return (
        <dl className="py-value py-value--ctx" aria-label={label}>
          <dt>saved_tensors</dt>
          <dd>
            {value.savedTensors.length === 0 ? (
              <code>()</code>
            ) : (
              value.savedTensors.map((saved, index) => <PyValueView key={index} value={saved} label={`${label}.saved_tensors[${index}]`} />)
            )}
          </dd>
          <dt>needs_input_grad</dt>
          <dd>
            <code>{pythonTuple(value.needsInputGrad.map(pythonBool))}</code>
          </dd>
          {value.attrs.map((attr) => (
            <FragmentRow key={attr.name} name={attr.name} value={attr.value} label={`${label}.${attr.name}`} />
          ))}
        </dl>
      );
  }
}

function FragmentRow({ name, value, label }: { readonly name: string; readonly value: PyValue; readonly label: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>
        <PyValueView value={value} label={label} />
      </dd>
    </>
  );
}
