/**
 * The read-only viewer of one snapshot: the code as highlighted text with what it printed, and the
 * app's own graph, timeline, chain-rule panel and inspector, fed by the snapshot through the same
 * stores. No editor, no Python, no network: this is what an exported `.html` file shows.
 */
import type { SnapshotCell } from '../../engine/trace/snapshot.ts';
import { GraphAndDetails, TimelineFooter } from '../components/RecordingPanels.tsx';
import { PanelSplitter, usePanelLayoutRoot } from '../components/PanelSplitter.tsx';
import { highlightPython } from './highlight-python.ts';

function CodeCell({ cell, index }: { cell: SnapshotCell; index: number }) {
  const isMarkdown = cell.kind === 'markdown';
  return (
    <figure className="viewer-cell" aria-label={`Cell ${index + 1}`}>
      {isMarkdown ? (
        <pre className="viewer-cell__markdown">{cell.source}</pre>
      ) : (
        <pre className="viewer-cell__code">
          <code>
            {highlightPython(cell.source).map((token, i) =>
              token.kind === 'text' ? (
                token.text
              ) : (
                <span key={i} className={`tok-${token.kind}`}>
                  {token.text}
                </span>
              ),
            )}
          </code>
        </pre>
      )}
      {(cell.outputs ?? []).map((output, i) => (
        <pre key={i} className="viewer-cell__output" data-stream={output.kind === 'stream' ? output.stream : 'error'}>
          {output.kind === 'stream' ? output.text : output.traceback}
        </pre>
      ))}
    </figure>
  );
}

export function ViewerApp({ cells, title }: { cells: readonly SnapshotCell[]; title: string }) {
  return (
    <div className="app viewer" {...usePanelLayoutRoot()}>
      <header className="app__header">
        <div className="brand">
          <span className="brand__name">{title}</span>
          <span className="brand__tagline">A recorded Gradscope graph: step through it; nothing runs.</span>
        </div>
      </header>
      <main className="app__main">
        <section className="app__notebook viewer__code" aria-label="Code">
          {cells.map((cell, index) => (
            <CodeCell key={cell.id} cell={cell} index={index} />
          ))}
        </section>
        <PanelSplitter />
        <GraphAndDetails />
      </main>
      <TimelineFooter />
    </div>
  );
}
