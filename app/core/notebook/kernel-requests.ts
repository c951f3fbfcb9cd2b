/**
 * Requests the stepper sends to the Python worker beyond running cells: a gradcheck of one custom
 * node, and anomaly mode for the session. The kernel side (worker protocol, KernelClient) plugs in
 * with `connectStepperKernel`; until then the UI says the request is not available.
 */
import { createStore } from 'zustand/vanilla';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { notebook } from './notebook-store.ts';

/** What the stepper needs of the kernel; KernelClient has exactly these. */
export interface StepperKernel {
  /** Runs gradcheck on node `nodeId`'s recorded inputs; resolves with the `gradcheck` event, rejects with the reason it cannot. */
  gradcheck(nodeId: number): Promise<Extract<TraceEvent, { kind: 'gradcheck' }>>;
  /** Turns `torch.autograd.set_detect_anomaly` on or off for the session; resolves with the mode now in force. */
  setAnomaly(enabled: boolean): Promise<boolean>;
}

export interface StepperRequestState {
  readonly isConnected: boolean;
  readonly detectAnomaly: boolean;
  /** Node ids with a gradcheck request in flight. */
  readonly pendingGradchecks: readonly number[];
  readonly message?: string;
}

const store = createStore<StepperRequestState>()(() => ({ isConnected: false, detectAnomaly: false, pendingGradchecks: [] }));
let kernel: StepperKernel | null = null;

export const stepperRequests = { store };

export function connectStepperKernel(next: StepperKernel | null): void {
  kernel = next;
  store.setState({ isConnected: next !== null });
}

export async function requestGradcheck(nodeId: number): Promise<void> {
  if (!kernel) {
    store.setState({ message: 'Gradcheck runs in the Python worker, which cannot take this request yet.' });
    return;
  }
  store.setState((state) => ({ pendingGradchecks: [...state.pendingGradchecks, nodeId], message: undefined }));
  try {
    // The result enters the trace through the notebook store like every recorded event, so the
    // graph's badge, the inspector and the timeline all read it from the one replay index.
    notebook.actions.appendGradcheck({ event: await kernel.gradcheck(nodeId) });
  } catch (error) {
    store.setState({ message: `Gradcheck failed to run: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    store.setState((state) => ({ pendingGradchecks: state.pendingGradchecks.filter((id) => id !== nodeId) }));
  }
}

export async function setDetectAnomaly(enabled: boolean): Promise<void> {
  store.setState({ detectAnomaly: enabled });
  if (!kernel) return;
  try {
    store.setState({ detectAnomaly: await kernel.setAnomaly(enabled) });
  } catch (error) {
    store.setState({ detectAnomaly: !enabled, message: `Anomaly mode could not be changed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
