/** The toolbar's "Open snapshot": a button that opens the file picker for a `.json` snapshot. */
import { useRef } from 'react';
import { openSnapshotFile } from './open-snapshot.ts';

export function OpenSnapshotButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button" title="Open a snapshot file (.json): its graph and steps, without running Python" onClick={() => inputRef.current?.click()}>
        Open snapshot
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        aria-label="Snapshot file"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that picking the same file again still fires a change.
          event.target.value = '';
          if (file) void openSnapshotFile(file);
        }}
      />
    </>
  );
}
