/**
 * The code editor that has (or last had) keyboard focus, and its cursor line: what an
 * editor-scoped command such as "Toggle breakpoint" (F9) acts on, from a key or from the palette.
 */
export interface FocusedEditor {
  readonly cellId: string;
  cursorLine(): number | undefined;
}

let focused: FocusedEditor | null = null;

export function focusedEditor(): FocusedEditor | null {
  return focused;
}

export function editorFocused(editor: FocusedEditor): void {
  focused = editor;
}

/** Forgets `editor` when its cell goes away (another editor may have focus by then). */
export function editorGone(editor: FocusedEditor): void {
  if (focused === editor) focused = null;
}
