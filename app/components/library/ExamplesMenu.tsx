import { useEffect, useState } from 'react';
import { useLibrary } from './library-context.ts';
import { loadExample, loadExampleIndex, type ExampleEntry } from '../../core/library/notebook-file.ts';
import { usePopover } from './use-popover.ts';
import { fromSnapshotOutputs } from '../../core/share/snapshot-outputs.ts';

type IndexState = { state: 'loading' } | { state: 'ready'; examples: readonly ExampleEntry[] } | { state: 'error'; message: string };

/** The example gallery: each one opens as a new notebook of its own, so nobody's work is replaced. */
export function ExamplesMenu() {
  const library = useLibrary();
  const { isOpen, setOpen, ref } = usePopover<HTMLDivElement>();
  const [index, setIndex] = useState<IndexState>({ state: 'loading' });
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!isOpen || index.state === 'ready') return;
    let isCurrent = true;
    void loadExampleIndex().then((result) => {
      if (isCurrent) setIndex(result.ok ? { state: 'ready', examples: result.value } : { state: 'error', message: result.message });
    });
    return () => {
      isCurrent = false;
    };
  }, [isOpen, index.state]);

  if (!library) return null;

  const open = async (entry: ExampleEntry) => {
    const loaded = await loadExample(entry);
    if (!loaded.ok) {
      setProblem(loaded.message);
      return;
    }
    setOpen(false);
    setProblem(null);
    const { title, cells, events } = loaded.value;
    const cellsWithOutputs = cells.map(({ outputs, ...cell }) => ({ ...cell, outputs: fromSnapshotOutputs(outputs) }));
    await library.create({ title, cells: cellsWithOutputs, ...(events ? { events } : {}) });
  };

  return (
    <div className="menu" ref={ref}>
      <button type="button" className="button" aria-expanded={isOpen} aria-haspopup="dialog" onClick={() => setOpen(!isOpen)}>
        Examples
      </button>
      {isOpen && (
        <div className="menu__panel examples-menu" role="dialog" aria-label="Examples">
          {index.state === 'loading' && <p className="menu__note">Loading examples…</p>}
          {index.state === 'error' && <p className="menu__note menu__note--error">{index.message}</p>}
          {problem && <p className="menu__note menu__note--error">{problem}</p>}
          {index.state === 'ready' && (
            <ul className="examples-menu__list" aria-label="Example notebooks">
              {index.examples.map((entry) => (
                <li key={entry.file}>
                  <button type="button" className="examples-menu__item" onClick={() => void open(entry)}>
                    <span className="examples-menu__title">{entry.title}</span>
                    <span className="examples-menu__description">{entry.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
