/**
 * An append-only history of one value: what it was after each event that set it. Reading the value
 * at a position is a binary search, so the replay index answers "at step k" without replaying.
 */
export interface History<T> {
  /** Event indices (positions in the trace) at which the value was set, increasing. */
  readonly at: number[];
  readonly values: T[];
}

export const emptyHistory = <T>(): History<T> => ({ at: [], values: [] });

export function record<T>(history: History<T>, at: number, value: T): void {
  history.at.push(at);
  history.values.push(value);
}

/** Index of the last entry set before `end` (an exclusive event position), -1 when none. */
export function lastIndexBefore(at: readonly number[], end: number): number {
  let low = 0;
  let high = at.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (at[mid]! < end) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The value as it stood with the first `end` events applied, or undefined before it was set. */
export function valueBefore<T>(history: History<T>, end: number): T | undefined {
  const index = lastIndexBefore(history.at, end);
  return index < 0 ? undefined : history.values[index];
}

/** How many entries of an increasing list of positions are before `end`. */
export const countBefore = (at: readonly number[], end: number): number => lastIndexBefore(at, end) + 1;
