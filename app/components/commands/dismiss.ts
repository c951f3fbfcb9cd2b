/**
 * Escape closes the innermost open panel (the palette over a menu over the page). Open panels
 * stack here; the key dispatcher asks the top one to close when the focused element did not
 * answer Escape itself (a rename field cancelling its edit).
 */
import { useEffect, useRef } from 'react';

const stack: (() => void)[] = [];

/** Puts `close` on top of the stack; the returned function takes it off again. */
export function pushDismissable(close: () => void): () => void {
  stack.push(close);
  return () => {
    const index = stack.lastIndexOf(close);
    if (index >= 0) stack.splice(index, 1);
  };
}

/** Closes the top panel; false when none is open. */
export function dismissTop(): boolean {
  const close = stack[stack.length - 1];
  if (!close) return false;
  close();
  return true;
}

/** While `isOpen`, Escape calls `close` (when nothing opened later is on top of it). */
export function useDismissable(isOpen: boolean, close: () => void): void {
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!isOpen) return;
    return pushDismissable(() => closeRef.current());
  }, [isOpen]);
}
