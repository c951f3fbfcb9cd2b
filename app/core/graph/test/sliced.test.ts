/**
 * Sliced work gives the same result run at once or spread over tasks, hands the thread back
 * between tasks once its budget is spent, and stops when the result is no longer wanted.
 */
import { describe, expect, it } from 'vitest';
import { finish, finishInTasks, sliceCounter, type Sliced } from '../sliced.ts';

/** Sums 0..n-1, offering to pause every few hundred items as the graph's loops do. */
function* sumTo(n: number): Sliced<number> {
  const due = sliceCounter();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (due()) yield;
    sum += i;
  }
  return sum;
}

/** A clock that moves one millisecond each time it is read. */
function tickingClock(): () => number {
  let ms = 0;
  return () => ms++;
}

describe('sliced work', () => {
  it('runs to the same result at once and over tasks', async () => {
    const n = 100_000;
    expect(finish(sumTo(n))).toBe((n * (n - 1)) / 2);
    let pauses = 0;
    const result = await finishInTasks(sumTo(n), { budgetMs: 5, now: tickingClock(), pause: async () => void (pauses += 1) });
    expect(result).toBe((n * (n - 1)) / 2);
    // Each task stops once its budget is spent: ~390 slices at ~2 clock reads each, 5 ms a task.
    expect(pauses).toBeGreaterThan(50);
  });

  it('stops, with no result, once it is no longer wanted', async () => {
    let pauses = 0;
    const result = await finishInTasks(sumTo(100_000), {
      budgetMs: 5,
      now: tickingClock(),
      pause: async () => void (pauses += 1),
      isCancelled: () => pauses >= 3,
    });
    expect(result).toBeUndefined();
    expect(pauses).toBe(3);
  });
});
