/** "File": export the notebook (.py, .ipynb), save the snapshot (.json) or a web page of it (.html), import a .py or .ipynb. */
import { useRef } from 'react';
import { useCommand } from '../commands/commands-context.ts';
import { useUiRequest } from '../commands/ui-requests.ts';
import { useLibrary } from '../library/library-context.ts';
import { usePopover } from '../library/use-popover.ts';
import { importFile } from '../../core/share/notebook-files.ts';
import { HiddenFileInput } from './HiddenFileInput.tsx';

const PANEL_STYLE = {
  position: 'absolute',
  right: 0,
  top: 'calc(100% + 6px)',
  zIndex: 50,
  minWidth: 220,
  padding: 6,
  display: 'grid',
  gap: 2,
  background: 'var(--surface, #fff)',
  border: '1px solid var(--border, #d6dbe4)',
  borderRadius: 8,
  boxShadow: '0 8px 24px rgba(20, 30, 50, 0.18)',
} as const;
const ITEM_STYLE = { textAlign: 'left', justifyContent: 'flex-start' } as const;

const FILE_COMMANDS = ['exportPy', 'exportIpynb', 'exportSnapshot', 'exportHtml', 'importNotebook'] as const;

function FileMenuItem({ commandId, onChosen }: { readonly commandId: string; readonly onChosen: () => void }) {
  const command = useCommand(commandId);
  return (
    <button
      type="button"
      role="menuitem"
      className="button"
      style={ITEM_STYLE}
      title={command.title}
      disabled={!command.isEnabled}
      onClick={() => {
        onChosen();
        command.run();
      }}
    >
      {command.label}
    </button>
  );
}

export function FileMenu() {
  const { isOpen, setOpen, ref } = usePopover<HTMLDivElement>();
  const inputRef = useRef<HTMLInputElement>(null);
  const library = useLibrary();
  useUiRequest('importNotebook', () => inputRef.current?.click());
  return (
    <div ref={ref} style={{ position: 'relative' }}>
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        File
      </button>
      {isOpen && (
        <div role="menu" aria-label="File" style={PANEL_STYLE}>
          {FILE_COMMANDS.map((commandId) => (
            <FileMenuItem key={commandId} commandId={commandId} onChosen={() => setOpen(false)} />
          ))}
        </div>
      )}
      <HiddenFileInput
        inputRef={inputRef}
        label="Notebook file"
        accept=".py,.ipynb,text/x-python,application/x-ipynb+json"
        onFile={(file) => void importFile(file, library)}
      />
    </div>
  );
}
