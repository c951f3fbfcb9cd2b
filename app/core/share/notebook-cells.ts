/** What a notebook file holds of a cell: its kind and source (outputs only where a format keeps them). */
import type { OutputItem } from '../notebook/notebook-state.ts';

export interface FileCell {
  readonly kind: 'code' | 'markdown';
  readonly source: string;
  /** Outputs of the last run (exported to .ipynb; imports leave them out: nothing ran here). */
  readonly outputs?: readonly OutputItem[];
}

export type ImportResult = { readonly ok: true; readonly cells: readonly FileCell[] } | { readonly ok: false; readonly message: string };
