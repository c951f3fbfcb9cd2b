import type { OutputItem } from '../../core/notebook/notebook-state.ts';
import { fullOutputText } from '../../core/notebook/full-output-log.ts';
import { omissionNote, type Omission } from '../../core/notebook/output-cap.ts';
import { downloadText } from '../../core/share/download.ts';

interface CellOutputProps {
  readonly cellId: string;
  readonly cellNumber: number;
  readonly outputs: readonly OutputItem[];
}

/** What a cell printed. Rendered as text nodes only: output is never interpreted as HTML. */
export function CellOutput({ cellId, cellNumber, outputs }: CellOutputProps) {
  return (
    <div role="log" aria-label={`Output of cell ${cellNumber}`} className="cell-output" data-empty={outputs.length === 0}>
      {outputs.map((item, index) => (
        <OutputBlock key={index} item={item} cellId={cellId} cellNumber={cellNumber} />
      ))}
    </div>
  );
}

function OutputBlock({ item, cellId, cellNumber }: { readonly item: OutputItem; readonly cellId: string; readonly cellNumber: number }) {
  switch (item.kind) {
    case 'stream':
      if (item.omitted) {
        const { at } = item.omitted;
        return (
          <>
            {at > 0 && <pre className={`output output--${item.stream}`}>{item.text.slice(0, at)}</pre>}
            <OmissionNote omitted={item.omitted} cellId={cellId} cellNumber={cellNumber} />
            <pre className={`output output--${item.stream}`}>{item.text.slice(at)}</pre>
          </>
        );
      }
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

/** Where lines were left out: how many, and the whole text for download while this session has it. */
function OmissionNote({ omitted, cellId, cellNumber }: { readonly omitted: Omission; readonly cellId: string; readonly cellNumber: number }) {
  const download = (): void => {
    const text = fullOutputText(cellId);
    if (text !== undefined) downloadText(text, `cell-${cellNumber}-output.txt`, 'text/plain');
  };
  const available = fullOutputText(cellId) !== undefined;
  return (
    <p className="output output--omitted" role="note">
      {omissionNote(omitted)}{' '}
      {available ? (
        <button type="button" className="link-button" onClick={download}>
          Download the whole output
        </button>
      ) : (
        <span>(run the cell again to download the whole output)</span>
      )}
    </p>
  );
}
