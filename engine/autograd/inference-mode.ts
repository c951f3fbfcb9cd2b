/**
 * Inference mode (torch.inference_mode): no graph is recorded, whatever grad mode says, and every
 * tensor whose memory is allocated meanwhile is an inference tensor for life: it can never be
 * saved for backward, nor written in place once inference mode is off (PyTorch's rules, and words).
 */
import { runtimeError } from '../errors.ts';
import { isGradEnabled } from './grad-mode.ts';

let inferenceMode = false;

export const isInferenceModeEnabled = (): boolean => inferenceMode;

export function setInferenceModeEnabled(enabled: boolean): void {
  inferenceMode = enabled;
}

/** Whether ops record the autograd graph now: grad mode on and inference mode off. */
export const isRecordingGraph = (): boolean => isGradEnabled() && !inferenceMode;

/** What a tensor must satisfy to be saved for backward (PyTorch's SavedVariable check). */
export function checkSavable(isInference: boolean): void {
  if (isInference) {
    throw runtimeError('Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.');
  }
}

/** An in-place write to an inference tensor is allowed only inside inference mode. */
export function checkInplaceWritable(isInference: boolean): void {
  if (isInference && !inferenceMode) {
    throw runtimeError(
      'Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.',
    );
  }
}

/** requires_grad=True on an inference tensor is allowed only inside inference mode. */
export function checkRequiresGradAllowed(isInference: boolean): void {
  if (isInference && !inferenceMode) {
    throw runtimeError('Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.');
  }
}
