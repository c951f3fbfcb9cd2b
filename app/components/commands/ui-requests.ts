/**
 * Commands whose work is done by a mounted view (the Share panel, a file picker, the palette):
 * the command asks, and the view that owns the panel answers. With no such view mounted the
 * command is disabled (the read-only viewer has no Share button, so it has no Share).
 */
import { useEffect, useRef } from 'react';

export type UiRequest = 'share' | 'openSnapshot' | 'importNotebook' | 'palette';

const handlers = new Map<UiRequest, Set<() => void>>();
const watchers = new Set<() => void>();
const changed = () => watchers.forEach((watcher) => watcher());

/** Called when a view starts or stops answering a request (the commands' enabled states change). */
export function subscribeToUiRequests(watcher: () => void): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

/** Asks the view that answers `request` to act; false when none is mounted. */
export function requestUi(request: UiRequest): boolean {
  const answering = [...(handlers.get(request) ?? [])];
  // The most recently mounted view answers; there is one of each in the page.
  const handler = answering[answering.length - 1];
  handler?.();
  return handler !== undefined;
}

export function canRequestUi(request: UiRequest): boolean {
  return (handlers.get(request)?.size ?? 0) > 0;
}

export function answerUiRequest(request: UiRequest, handler: () => void): () => void {
  const set = handlers.get(request) ?? new Set();
  handlers.set(request, set);
  set.add(handler);
  changed();
  return () => {
    set.delete(handler);
    changed();
  };
}

/** While mounted, the view answers `request` with `handler`. */
export function useUiRequest(request: UiRequest, handler: () => void): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  useEffect(() => answerUiRequest(request, () => handlerRef.current()), [request]);
}
