/** Grad mode: whether ops record the graph (torch.is_grad_enabled / set_grad_enabled / no_grad). */
let gradEnabled = true;

export const isGradEnabled = (): boolean => gradEnabled;

export function setGradEnabled(enabled: boolean): void {
  gradEnabled = enabled;
}

/** Run fn with grad mode set to `enabled`, restoring the previous mode even when fn throws. */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** torch.no_grad() as a function. */
export const noGrad = <T>(fn: () => T): T => withGradMode(false, fn);

/** torch.enable_grad() as a function. */
export const enableGrad = <T>(fn: () => T): T => withGradMode(true, fn);
