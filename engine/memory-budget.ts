/**
 * A budget for all live tensor storage, so that `while True: xs.append(torch.zeros(10**7))` ends
 * with PyTorch's out-of-memory RuntimeError at the user's line instead of the browser killing the
 * tab (a worker shares its tab's process, and a renderer past its memory is gone without a word).
 *
 * Counting frees exactly would need the garbage collector's help, and it gives none in time: a cell
 * runs as one synchronous job, and FinalizationRegistry callbacks (like WeakRefs made in the job)
 * only report after the job ends. So the count is two numbers instead:
 *   - what was live at the last census: the storages of every tensor Python still holds (its
 *     refcounting drops a tensor at once, so `del xs` frees it for this count straight away), with
 *     their `.grad`s and what their autograd graphs keep for backward;
 *   - everything allocated since, counted as if all of it were still alive.
 * Allocation is cheap while their sum stays under the budget; past it, a new census is taken, and
 * only if the census itself says the request does not fit does the allocation fail. A census walks
 * the tensors Python holds and their autograd graphs, and happens once per (budget − live) bytes
 * allocated, so rarely.
 */

/** What a census walks: any object with a storage and maybe a gradient and a history (an engine Tensor). */
export interface CountedTensor {
  readonly storage: { readonly data: ArrayBufferView };
  readonly grad?: CountedTensor | null;
  /** Set on views: their grad_fn getter may rebuild history (run ops), which a census must not do. */
  readonly base?: unknown;
  readonly gradFn?: CountedNode | null;
}

/** An autograd node: what it keeps for its backward, and the nodes it leads to. */
export interface CountedNode {
  heldTensors(): readonly CountedTensor[];
  readonly nextFunctions: readonly (readonly [CountedNode | null, number])[];
}

export type MemoryRoots = () => ArrayLike<CountedTensor>;

const GiB = 2 ** 30;

/**
 * A quarter of the device's memory where the browser says (Chrome's `navigator.deviceMemory`, in
 * GiB, capped at 8 by the browser), 2 GiB elsewhere; never under 1 GiB nor over 4 GiB. A tab holds
 * Pyodide, the page and the graph besides, and this leaves them the rest.
 */
export function defaultMemoryBudget(): number {
  const device = (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
  if (typeof device !== 'number' || !(device > 0)) return 2 * GiB;
  return Math.min(4 * GiB, Math.max(1 * GiB, (device * GiB) / 4));
}

let budgetBytes = defaultMemoryBudget();
let roots: MemoryRoots | null = null;
let liveAtCensus = 0;
let allocatedSinceCensus = 0;

/** Sets the total budget in bytes (tests use a small one); the default is defaultMemoryBudget(). */
export function setMemoryBudget(bytes: number): void {
  budgetBytes = bytes;
}

export function memoryBudget(): number {
  return budgetBytes;
}

/**
 * Names what holds tensors alive (the Python layer passes "every tensor Python holds"). Without
 * it nothing is known to be freed, so no total is enforced (only the per-tensor limit).
 */
export function countTensorMemoryFrom(provider: MemoryRoots | null): void {
  roots = provider;
  liveAtCensus = 0;
  allocatedSinceCensus = 0;
}

/**
 * Bytes of the distinct storages the roots hold (views share one buffer), with their gradients',
 * and those of every tensor their autograd graphs keep for backward (`total += loss` in a loop
 * keeps every iteration's graph: the learner's classic leak).
 */
export function liveTensorBytes(): number {
  if (!roots) return 0;
  const buffers = new Set<ArrayBufferLike>();
  const nodes = new Set<CountedNode>();
  const pending: CountedNode[] = [];
  let bytes = 0;
  const count = (t: CountedTensor | null | undefined) => {
    if (!t) return;
    const buffer = t.storage.data.buffer;
    if (!buffers.has(buffer)) {
      buffers.add(buffer);
      bytes += buffer.byteLength;
    }
    if (t.grad) count(t.grad);
    const node = t.base ? null : t.gradFn;
    if (node && !nodes.has(node)) {
      nodes.add(node);
      pending.push(node);
    }
  };
  const tensors = roots();
  for (let i = 0; i < tensors.length; i++) count(tensors[i]);
  // Iterative: a graph may be tens of thousands of nodes deep.
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const t of node.heldTensors()) count(t);
    for (const [next] of node.nextFunctions) {
      if (next && !nodes.has(next)) {
        nodes.add(next);
        pending.push(next);
      }
    }
  }
  return bytes;
}

/** Whether `bytes` more may be allocated; false means PyTorch's out-of-memory error. */
export function reserveTensorMemory(bytes: number): boolean {
  if (roots === null) return true;
  if (liveAtCensus + allocatedSinceCensus + bytes > budgetBytes) {
    liveAtCensus = liveTensorBytes();
    allocatedSinceCensus = 0;
    if (liveAtCensus + bytes > budgetBytes) return false;
  }
  allocatedSinceCensus += bytes;
  return true;
}
