/**
 * Where long engine work (a backward pass over many nodes, a large kernel) asks whether the person
 * pressed Stop. Python only looks at the interrupt buffer between its own bytecodes, so without
 * this a 100,000-node backward or a huge matmul could not be stopped in place. The host installs
 * the check (the Python session: Pyodide's checkInterrupt, which raises KeyboardInterrupt); the
 * default costs nothing.
 */
let check: () => void = () => {};

export function setInterruptCheck(fn: (() => void) | null): void {
  check = fn ?? (() => {});
}

/** Throws (KeyboardInterrupt, through the host) when Stop was pressed. */
export function checkInterrupt(): void {
  check();
}
