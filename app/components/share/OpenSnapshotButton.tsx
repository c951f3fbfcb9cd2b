/** The toolbar's "Open snapshot": a button that opens the file picker for a `.json` snapshot. */
import { useRef } from 'react';
import { CommandButton } from '../commands/CommandButton.tsx';
import { useUiRequest } from '../commands/ui-requests.ts';
import { openSnapshotFile } from '../../core/share/open-snapshot.ts';
import { HiddenFileInput } from './HiddenFileInput.tsx';

export function OpenSnapshotButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  useUiRequest('openSnapshot', () => inputRef.current?.click());
  return (
    <>
      <CommandButton commandId="openSnapshot" />
      <HiddenFileInput inputRef={inputRef} label="Snapshot file" accept=".json,application/json" onFile={(file) => void openSnapshotFile(file)} />
    </>
  );
}
