import { useStore } from 'zustand';
import { replay, type ReplayState } from '../../core/replay/replay-store.ts';

/** A slice of the replay position (step, selection, playback) for a React view. */
export function useReplay<T>(selector: (state: ReplayState) => T): T {
  return useStore(replay.store, selector);
}
