import type { PrintOptions } from './types.ts';

export const defaultPrintOptions: PrintOptions = Object.freeze({
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
});

const profiles: Record<'default' | 'short' | 'full', Omit<PrintOptions, 'sciMode'>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

let current: PrintOptions = { ...defaultPrintOptions };

export type SetPrintOptionsArgs = Partial<PrintOptions> & { profile?: 'default' | 'short' | 'full' };

/**
 * torch.set_printoptions. As in PyTorch, a profile is applied first, then the explicit
 * options; sci_mode is always reset (to null unless given), so
 * `set_printoptions(precision=2)` also turns forced scientific mode off.
 */
export function setPrintOptions(options: SetPrintOptionsArgs): void {
  const next: PrintOptions = { ...current };
  if (options.profile !== undefined) Object.assign(next, profiles[options.profile]);
  if (options.precision !== undefined) next.precision = options.precision;
  if (options.threshold !== undefined) next.threshold = options.threshold;
  if (options.edgeitems !== undefined) next.edgeitems = options.edgeitems;
  if (options.linewidth !== undefined) next.linewidth = options.linewidth;
  next.sciMode = options.sciMode ?? null;
  current = next;
}

/** torch.get_printoptions (a copy). */
export function getPrintOptions(): PrintOptions {
  return { ...current };
}
