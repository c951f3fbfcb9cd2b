/**
 * Anomaly mode (torch.autograd.set_detect_anomaly): backward checks every gradient for NaN, and a
 * failing backward step names the forward call that created its node. The engine cannot see the
 * user's source, so the host (the Python layer) supplies how to capture a forward stack and how to
 * report it (PyTorch warns "Error detected in SqrtBackward0. Traceback of forward call ...").
 */
import { runtimeError, type TorchError } from '../errors.ts';

let anomalyEnabled = false;
let nanCheck = true;

/** What the host does in anomaly mode: capture the user's stack at forward, report it on error. */
export interface AnomalyHost {
  captureForwardStack(): string;
  reportBackwardError(nodeName: string, forwardStack: string | null): void;
}

let host: AnomalyHost | null = null;

export const isAnomalyEnabled = (): boolean => anomalyEnabled;
export const isAnomalyCheckNanEnabled = (): boolean => anomalyEnabled && nanCheck;

export function setAnomalyEnabled(enabled: boolean, checkNan = true): void {
  anomalyEnabled = enabled;
  nanCheck = checkNan;
}

export function setAnomalyHost(next: AnomalyHost | null): void {
  host = next;
}

/** The forward stack to keep on a new node (null unless anomaly mode is on and a host listens). */
export function forwardStackForNewNode(): string | null {
  return anomalyEnabled && host ? host.captureForwardStack() : null;
}

export function reportAnomaly(nodeName: string, forwardStack: string | null): void {
  host?.reportBackwardError(nodeName, forwardStack);
}

const nanErrors = new WeakSet<object>();

/** PyTorch's error for a NaN gradient found by anomaly mode (remembered, so the trace can mark it). */
export function nanGradientError(nodeName: string, outputIndex: number): TorchError {
  const error = runtimeError(`Function '${nodeName}' returned nan values in its ${outputIndex}th output.`);
  nanErrors.add(error);
  return error;
}

/** Whether `error` is anomaly mode's NaN finding (not an error the step raised by itself). */
export const isNanGradientError = (error: unknown): boolean => typeof error === 'object' && error !== null && nanErrors.has(error);
