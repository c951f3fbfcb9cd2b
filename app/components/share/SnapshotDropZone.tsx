/** Dropping a file anywhere on the page opens it: a snapshot .json, or a .py/.ipynb notebook; a veil says so while dragging. */
import { useEffect, useState } from 'react';
import { useLibrary } from '../library/library-context.ts';
import { importFile } from '../../core/share/notebook-files.ts';

const isFileDrag = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

const VEIL_STYLE = {
  position: 'fixed',
  inset: 0,
  zIndex: 1000,
  display: 'grid',
  placeItems: 'center',
  background: 'rgba(20, 30, 50, 0.35)',
  pointerEvents: 'none',
} as const;
const LABEL_STYLE = { padding: '16px 24px', borderRadius: 8, background: 'white', border: '2px dashed #4a7bd0', font: '600 15px system-ui' } as const;

export function SnapshotDropZone() {
  const [isDragging, setIsDragging] = useState(false);
  const library = useLibrary();
  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed; counting them tells when the pointer left the page.
    let depth = 0;
    const onDragEnter = (event: DragEvent) => {
      if (!isFileDrag(event)) return;
      depth++;
      setIsDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (!isFileDrag(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setIsDragging(false);
    };
    const onDragOver = (event: DragEvent) => {
      // Without preventDefault the browser would open the file itself instead of letting us drop it.
      if (isFileDrag(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!isFileDrag(event)) return;
      event.preventDefault();
      event.stopPropagation();
      depth = 0;
      setIsDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void importFile(file, library);
    };
    // Capture phase: a file dropped on a Monaco editor must open as a snapshot, not reach the editor.
    const listeners = { dragenter: onDragEnter, dragleave: onDragLeave, dragover: onDragOver, drop: onDrop } as const;
    for (const [type, listener] of Object.entries(listeners)) window.addEventListener(type, listener as EventListener, true);
    return () => {
      for (const [type, listener] of Object.entries(listeners)) window.removeEventListener(type, listener as EventListener, true);
    };
  }, [library]);
  if (!isDragging) return null;
  return (
    <div className="snapshot-drop" aria-hidden="true" style={VEIL_STYLE}>
      <div style={LABEL_STYLE}>Drop a snapshot (.json) or a notebook (.py, .ipynb) to open it</div>
    </div>
  );
}
