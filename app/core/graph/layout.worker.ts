/// <reference lib="webworker" />
/** Dedicated module worker that lays out big graphs off the UI thread. */
import { computeLayout } from './layout.ts';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { requestId, input, preset } = event.data;
  let response: LayoutResponse;
  try {
    response = { requestId, ok: true, layout: computeLayout(input, preset) };
  } catch (error) {
    response = { requestId, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
};
