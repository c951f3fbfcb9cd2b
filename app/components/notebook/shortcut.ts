/** A key chord a command answers to, described once for both DOM key events and Monaco keybindings. */
export interface Shortcut {
  readonly key: 'Enter';
  readonly shift?: boolean;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  readonly mod?: boolean;
}

export function matchesShortcut(shortcut: Shortcut, event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  const isMod = event.ctrlKey || event.metaKey;
  return event.key === shortcut.key && event.shiftKey === Boolean(shortcut.shift) && isMod === Boolean(shortcut.mod) && !event.altKey;
}

export function describeShortcut(shortcut: Shortcut, isMac: boolean): string {
  const parts = [shortcut.mod ? (isMac ? '⌘' : 'Ctrl') : null, shortcut.shift ? 'Shift' : null, shortcut.key];
  return parts.filter((part) => part !== null).join('+');
}
