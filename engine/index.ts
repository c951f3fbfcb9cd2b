/** Gradscope's engine: PyTorch-semantics tensors, op table and autograd, in TypeScript. */
export { Tensor } from './tensor.ts';
export type { NestedNumbers, Storage, TensorLike } from './tensor.ts';
export type { DType, NumericArray, TypeOperand } from './dtype.ts';
export { DTYPES, canCast, isFloating, promoteTypes, resultType } from './dtype.ts';
export { TorchError } from './errors.ts';
export type { PyErrorType } from './errors.ts';
export {
  arange,
  equal,
  eye,
  fromArray,
  full,
  fullLike,
  linspace,
  manualSeed,
  ones,
  onesLike,
  rand,
  randint,
  randn,
  randperm,
  scalarTensor,
  tensor,
  zeros,
  zerosLike,
} from './creation.ts';
export { chunkTensor, splitTensor, unbindTensor } from './ops/shape-extra.ts';
export { callOp, callOpKw, getOp, opCaller, opSignatures } from './ops/dispatch.ts';
export { opTable } from './ops/table.ts';
export type { Args, BackwardContext, OpDef, OpDisplay, OpParamInfo, OpSignatureInfo, OutputSpec } from './ops/types.ts';
export { enableGrad, isGradEnabled, noGrad, setGradEnabled } from './autograd/grad-mode.ts';
export { isInferenceModeEnabled, setInferenceModeEnabled } from './autograd/inference-mode.ts';
export { isAnomalyCheckNanEnabled, isAnomalyEnabled, setAnomalyEnabled, setAnomalyHost } from './autograd/anomaly.ts';
export type { AnomalyHost } from './autograd/anomaly.ts';
export { backward, grad } from './autograd/api.ts';
export { AccumulateGrad, GradNode, SavedTensor, popSavedTensorHooks, pushSavedTensorHooks } from './autograd/node.ts';
export type { SavedAttribute } from './autograd/saved-attributes.ts';
export type { Edge, NodePostHook, NodePreHook, SavedTensorHooks, TensorHook, TensorMeta } from './autograd/node.ts';
export { applyCustom, CustomNode } from './autograd/custom.ts';
export { dependsOnOtherLeaves } from './autograd/graph-walk.ts';
export type { CustomFunctionSpec } from './autograd/custom.ts';
export {
  currentDualLevel,
  enterDualLevel,
  exitDualLevel,
  makeDual,
  resumeForwardAd,
  setTangent,
  suspendForwardAd,
  tangentOf,
  unpackDual,
  withoutForwardAd,
} from './autograd/forward-ad.ts';
export { index, indexPut_ } from './indexing.ts';
export type { IndexItem } from './indexing.ts';
export { createTraceRecorder, recordName, setLocationProvider, setRecorder, summarize } from './trace/recorder.ts';
// trace: the nn.Module listener (Python, via the bridge) reports module scopes and parameter paths.
export { enterModuleScope, exitModuleScope, recordParameter } from './trace/recorder.ts';
export type { Recorder, TraceRecording } from './trace/recorder.ts';
export { kernels, setKernels } from './kernels/index.ts';
export type { BinaryOp, Kernels, StridedView, UnaryOp } from './kernels/index.ts';
export { gradcheck, gradgradcheck } from './autograd/gradcheck.ts';
export { forwardGradcheck } from './autograd/forward-gradcheck.ts';
export type { GradcheckOptions, GradcheckResult, JacobianMismatch } from './autograd/gradcheck.ts';
export { getPrintOptions, setPrintOptions } from './format/index.ts';
