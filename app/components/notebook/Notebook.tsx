import { useShallow } from 'zustand/react/shallow';
import { selectCellIds } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import { CellView } from './CellView.tsx';
import { CommandButton } from '../commands/CommandButton.tsx';
import { PlusIcon } from './icons.tsx';

export function Notebook() {
  const cellIds = useNotebook(useShallow(selectCellIds));
  return (
    <div className="notebook">
      {cellIds.map((cellId) => (
        <CellView key={cellId} cellId={cellId} />
      ))}
      <div className="notebook__adders">
        <CommandButton commandId="addCell" className="button button--ghost notebook__add">
          <PlusIcon /> Add cell
        </CommandButton>
        <CommandButton commandId="addMarkdownCell" className="button button--ghost">
          <PlusIcon /> Add text
        </CommandButton>
      </div>
    </div>
  );
}
