import { useStore } from 'zustand';
import { stepperRequests, type StepperRequestState } from '../../core/notebook/kernel-requests.ts';

/** Gradcheck and anomaly-mode requests in flight, and what went wrong, for a React view. */
export function useStepperRequests<T>(selector: (state: StepperRequestState) => T): T {
  return useStore(stepperRequests.store, selector);
}
