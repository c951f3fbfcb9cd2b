/**
 * Work that can pause: a generator that yields between slices of a long loop and returns its
 * result. The same code then runs to the end at once (tests, small graphs: `finish`) or spread
 * over many short tasks (`finishInTasks`), so a 50,000-node graph is folded without one long task
 * blocking the page. Framework-free.
 */
export type Sliced<T> = Generator<void, T, void>;

/** Loop iterations between two chances to pause: well under a millisecond of work each. */
const ITEMS_PER_SLICE = 256;

/** Counts loop iterations; `due()` is true once every ITEMS_PER_SLICE calls (`if (due()) yield;`). */
export function sliceCounter(): () => boolean {
  let items = 0;
  return () => ++items % ITEMS_PER_SLICE === 0;
}

/** Runs sliced work to the end in this task. */
export function finish<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

export interface TaskOptions {
  /** Milliseconds of work per task before handing the thread back. */
  readonly budgetMs: number;
  /** Resolves when the next task may start (a macrotask, so input and drawing get their turn). */
  readonly pause: () => Promise<void>;
  /** Checked before each task: true abandons the work (the result is no longer wanted). */
  readonly isCancelled?: () => boolean;
  readonly now?: () => number;
}

/** Runs sliced work over as many tasks as it needs, each about `budgetMs`; undefined if cancelled. */
export async function finishInTasks<T>(work: Sliced<T>, options: TaskOptions): Promise<T | undefined> {
  const now = options.now ?? (() => performance.now());
  for (;;) {
    if (options.isCancelled?.()) return undefined;
    const end = now() + options.budgetMs;
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      if (now() >= end) break;
    }
    await options.pause();
  }
}
