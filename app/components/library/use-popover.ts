import { useEffect, useRef, useState, type RefObject } from 'react';
import { useDismissable } from '../commands/dismiss.ts';

/** Open/closed state for a menu panel that closes on Escape and on a click outside it. */
export function usePopover<T extends HTMLElement>(): { isOpen: boolean; setOpen: (open: boolean) => void; ref: RefObject<T | null> } {
  const [isOpen, setOpen] = useState(false);
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!isOpen) return;
    const onPointer = (event: PointerEvent) => {
      if (ref.current && event.target instanceof Node && !ref.current.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [isOpen]);
  // Escape goes through the page's one key dispatcher.
  useDismissable(isOpen, () => setOpen(false));
  return { isOpen, setOpen, ref };
}
