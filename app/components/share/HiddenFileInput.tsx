import type { RefObject } from 'react';

/** A hidden file picker that a button or menu item opens; hands over the one file picked. */
export function HiddenFileInput(props: {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly label: string;
  readonly accept: string;
  readonly onFile: (file: File) => void;
}) {
  return (
    <input
      ref={props.inputRef}
      type="file"
      accept={props.accept}
      aria-label={props.label}
      hidden
      onChange={(event) => {
        const file = event.target.files?.[0];
        // Cleared so that picking the same file again still fires a change.
        event.target.value = '';
        if (file) props.onFile(file);
      }}
    />
  );
}
