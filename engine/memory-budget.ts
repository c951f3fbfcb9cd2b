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
 *     their `.grad`s; the census is exact for those, and deliberately leaves out what only the
 *     autograd graph holds;
 *   - everything allocated since, counted as if all of it were still alive.
 * Allocation is cheap while their sum stays under the budget; past it, a new census is taken, and
 * only if the census itself says the request does not fit does the allocation fail. A census walks
 * the tensors Python holds, and happens once per (budget − live) bytes allocated, so rarely.
 */

/** What a census walks: any object with a storage and maybe a gradient (an engine Tensor). */
export interface CountedTensor {
  readonly storage: { readonly data: ArrayBufferView };
  readonly grad?: CountedTensor | null;
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

/** Bytes of the distinct storages the roots hold, with their gradients' (views share one buffer). */
export function liveTensorBytes(): number {
  if (!roots) return 0;
  const buffers = new Set<ArrayBufferLike>();
  let bytes = 0;
  const count = (t: CountedTensor | null | undefined) => {
    const buffer = t?.storage.data.buffer;
    if (buffer === undefined || buffers.has(buffer)) return;
    buffers.add(buffer);
    bytes += buffer.byteLength;
  };
  const tensors = roots();
  for (let i = 0; i < tensors.length; i++) {
    const t = tensors[i]!;
    count(t);
    count(t.grad);
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
