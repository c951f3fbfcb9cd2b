/** The toolbar's "Open snapshot": a button that opens the file picker for a `.json` snapshot. */
import { useRef } from 'react';
import { openSnapshotFile } from '../../core/share/open-snapshot.ts';
import { HiddenFileInput } from './HiddenFileInput.tsx';

export function OpenSnapshotButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button" title="Open a snapshot file (.json): its graph and steps, without running Python" onClick={() => inputRef.current?.click()}>
        Open snapshot
      </button>
      <HiddenFileInput inputRef={inputRef} label="Snapshot file" accept=".json,application/json" onFile={(file) => void openSnapshotFile(file)} />
    </>
  );
}
