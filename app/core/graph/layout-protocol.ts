/** Messages between the UI thread and the layout worker. */
import type { GraphLayout, LayoutInput, LayoutPreset } from './layout.ts';

export interface LayoutRequest {
  readonly requestId: number;
  readonly input: LayoutInput;
  readonly preset: LayoutPreset;
}

export type LayoutResponse =
  | { readonly requestId: number; readonly ok: true; readonly layout: GraphLayout }
  | { readonly requestId: number; readonly ok: false; readonly message: string };
