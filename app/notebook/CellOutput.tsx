import type { OutputItem } from '../store/notebook-state.ts';

interface CellOutputProps {
  readonly cellNumber: number;
  readonly outputs: readonly OutputItem[];
}

/** What a cell printed. Rendered as text nodes only: output is never interpreted as HTML. */
export function CellOutput({ cellNumber, outputs }: CellOutputProps) {
  return (
    <div role="log" aria-label={`Output of cell ${cellNumber}`} className="cell-output" data-empty={outputs.length === 0}>
      {outputs.map((item, index) => (
        <OutputBlock key={index} item={item} />
      ))}
    </div>
  );
}

function OutputBlock({ item }: { readonly item: OutputItem }) {
  switch (item.kind) {
    case 'stream':
      return <pre className={`output output--${item.stream}`}>{item.text}</pre>;
    case 'notice':
      return <p className="output output--notice">{item.text}</p>;
    case 'error': {
      const { ename, evalue, traceback } = item.error;
      const summary = evalue ? `${ename}: ${evalue}` : ename;
      return (
        <pre className="output output--traceback" data-ename={ename}>
          {traceback.trim() ? traceback.replace(/\n+$/, '') : summary}
        </pre>
      );
    }
  }
}
