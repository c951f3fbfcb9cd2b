/** "File": export the notebook (.py, .ipynb), save the snapshot (.json) or a web page of it (.html), import a .py or .ipynb. */
import { useRef } from 'react';
import { useLibrary } from '../library/library-context.ts';
import { usePopover } from '../library/use-popover.ts';
import { exportIpynb, exportPy, exportSnapshotJson, exportStandaloneHtml, importFile } from '../../core/share/notebook-files.ts';
import { HiddenFileInput } from './HiddenFileInput.tsx';

const PANEL_STYLE = {
  position: 'absolute', right: 0, top: 'calc(100% + 6px)', zIndex: 50, minWidth: 220, padding: 6, display: 'grid', gap: 2,
  background: 'var(--surface, #fff)', border: '1px solid var(--border, #d6dbe4)', borderRadius: 8, boxShadow: '0 8px 24px rgba(20, 30, 50, 0.18)',
} as const;
const ITEM_STYLE = { textAlign: 'left', justifyContent: 'flex-start' } as const;

export function FileMenu() {
  const { isOpen, setOpen, ref } = usePopover<HTMLDivElement>();
  const inputRef = useRef<HTMLInputElement>(null);
  const library = useLibrary();
  const item = (label: string, action: () => void) => (
    <button type="button" role="menuitem" className="button" style={ITEM_STYLE} onClick={() => { setOpen(false); action(); }}>
      {label}
    </button>
  );
  return (
    <div ref={ref} style={{ position: 'relative' }}>
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        File
      </button>
      {isOpen && (
        <div role="menu" aria-label="File" style={PANEL_STYLE}>
          {item('Export as Python (.py)', () => exportPy())}
          {item('Export as Jupyter (.ipynb)', () => exportIpynb())}
          {item('Save snapshot (.json)', () => exportSnapshotJson())}
          {item('Download as web page (.html)', () => void exportStandaloneHtml())}
          {item('Import .py or .ipynb…', () => inputRef.current?.click())}
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
