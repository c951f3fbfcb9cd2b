/** The op table: every op the engine knows, in one list. In-place variants derive from their op. */
import { sigmoidBackwardOp, tanhBackwardOp, thresholdBackwardOp } from './activation-backward.ts';
import { indexOp, indexPutOp } from './advanced-index.ts';
import { addOp, divOp, divScalarOp, mulOp, negOp, reciprocalOp, rsubOp, subOp } from './arithmetic.ts';
import { clampOp } from './clamp.ts';
import { iscloseOp } from './closeness.ts';
import { eqOp, geOp, gtOp, leOp, logicalAndOp, logicalNotOp, logicalOrOp, ltOp, neOp } from './compare.ts';
import { cloneOp, contiguousOp, copyOp, detachOp, fillOp, fullLikeOp, onesLikeOp, toCopyOp, toOp, zeroOp, zerosLikeOp } from './copy.ts';
import { bmmOp, dotOp, matmulOp, mmOp, mvOp } from './linalg.ts';
import { constantPadNdOp } from './pad.ts';
import { powOp } from './pow.ts';
import { meanOp, sumOp } from './reduce.ts';
import { allOp, anyOp } from './reduce-logical.ts';
import type { OpDef } from './types.ts';
import { col2imOp, convolutionOp, im2colOp } from './conv.ts';
import { avgPool2dBackwardOp, avgPool2dOp, maxPool2dWithIndicesOp } from './pool.ts';
import { nativeBatchNormOp } from './batch-norm.ts';
import { adaptiveAvgPool2dBackwardOp, adaptiveAvgPool2dOp, adaptiveMaxPool2dOp } from './adaptive-pool.ts';
import { absOp, expOp, logOp, reluOp, sigmoidOp, signOp, sqrtOp, tanhOp } from './unary-math.ts';
import {
  asStridedOp,
  asStridedScatterOp,
  expandOp,
  permuteOp,
  reshapeOp,
  selectOp,
  sliceOp,
  squeezeOp,
  tOp,
  transposeOp,
  unsafeViewOp,
  unsqueezeOp,
  viewOpDef,
  matmulSqueezeOp,
} from './views.ts';
import { whereOp, maskedFillOp } from './where.ts';
import { bitwiseAndOp, bitwiseNotOp, bitwiseOrOp, bitwiseXorOp, floorDivideOp, logicalXorOp, maximumOp, minimumOp, remainderOp } from './binary-extra.ts';
import {
  ceilOp,
  cosOp,
  erfOp,
  expm1Op,
  floorOp,
  isfiniteOp,
  isinfOp,
  isnanOp,
  log10Op,
  log1pOp,
  log2Op,
  roundOp,
  rsqrtOp,
  asinOp,
  sinOp,
  squareOp,
  truncOp,
} from './unary-extra.ts';
import { amaxOp, aminOp, argmaxOp, argminOp, cumsumOp, logsumexpOp, maxOp, minOp, normOp, prodOp, stdOp, varOp } from './reduce-extra.ts';
import {
  catOp,
  chunkOp,
  expandAsOp,
  flattenOp,
  flipOp,
  gatherOp,
  narrowOp,
  repeatOp,
  reshapeAsOp,
  scatterAddOp,
  splitOp,
  stackOp,
  typeAsOp,
  unbindOp,
  viewAsOp,
} from './shape-extra.ts';
import {
  addmmOp,
  dropoutOp,
  eluOp,
  embeddingOp,
  geluOp,
  hardtanhOp,
  layerNormOp,
  leakyReluOp,
  linearOp,
  logSoftmaxOp,
  oneHotOp,
  siluOp,
  softmaxOp,
  softplusOp,
} from './nn.ts';
import { hypotOp } from './hypot.ts';
import { linalgCrossOp } from './cross.ts';
import { unique2Op } from './unique.ts';
import { trilOp, triuOp } from './triangular.ts';
import { indexAddOp, indexCopyOp, indexFillOp } from './index-along-dim.ts';
import { bceOp, bceWithLogitsOp, l1LossOp, mseLossOp, nllLossOp, smoothL1LossOp, sumToSizeOp } from './losses.ts';
import { bernoulliBody, normalBody, uniformBody } from './random.ts';
import { bernoulliProbsOp, multinomialOp, samplerBodies } from './sampling.ts';
import { addcdivOp, addcmulOp, clampMaxOp, clampMinOp, clipOp, crossEntropyOp, gerOp, indexSelectOp, lerpOp, outerOp, sortOp, topkOp } from './misc.ts';

/**
 * `add_` from `add`: same rule, result written into self (method only, `Tensor(a!) self`).
 * `gradFn` names the node where PyTorch's derivatives.yaml gives the in-place op its own entry
 * (leaky_relu_ → LeakyReluBackward1, computed from the result).
 */
function inplace(op: OpDef, name = `${op.name}_`, castsFreely = false, isFunction = false, gradFn?: string): OpDef {
  const signature = op.signature
    .replace(/^[a-z_][a-z0-9_]*\(/, `${name}(`)
    .replace('Tensor self', 'Tensor(a!) self')
    .replace(/-> Tensor$/, '-> Tensor(a!)');
  return { name, signature, method: true, function: isFunction, display: op.display, inplaceOf: op, castsFreely, ...(gradFn ? { gradFn } : {}) };
}

let table: OpDef[] | null = null;

export function opTable(): readonly OpDef[] {
  if (table) return table;
  const outOfPlace: OpDef[] = [
    addOp,
    subOp,
    rsubOp,
    mulOp,
    divOp,
    divScalarOp,
    negOp,
    reciprocalOp,
    powOp,
    expOp,
    logOp,
    sqrtOp,
    tanhOp,
    sigmoidOp,
    reluOp,
    absOp,
    signOp,
    clampOp,
    sigmoidBackwardOp,
    tanhBackwardOp,
    thresholdBackwardOp,
    sumOp,
    meanOp,
    mmOp,
    mvOp,
    dotOp,
    bmmOp,
    matmulOp,
    eqOp,
    neOp,
    ltOp,
    leOp,
    gtOp,
    geOp,
    logicalAndOp,
    logicalOrOp,
    logicalNotOp,
    whereOp,
    maskedFillOp,
    viewOpDef,
    reshapeOp,
    unsafeViewOp,
    tOp,
    transposeOp,
    permuteOp,
    unsqueezeOp,
    squeezeOp,
    expandOp,
    selectOp,
    sliceOp,
    asStridedOp,
    asStridedScatterOp,
    matmulSqueezeOp,
    cloneOp,
    contiguousOp,
    toOp,
    toCopyOp,
    detachOp,
    zerosLikeOp,
    onesLikeOp,
    fullLikeOp,
    fillOp,
    zeroOp,
    copyOp,
    indexOp,
    indexPutOp,
    maximumOp,
    minimumOp,
    floorDivideOp,
    remainderOp,
    bitwiseAndOp,
    bitwiseOrOp,
    bitwiseXorOp,
    bitwiseNotOp,
    logicalXorOp,
    sinOp,
    cosOp,
    asinOp,
    rsqrtOp,
    log1pOp,
    expm1Op,
    log2Op,
    log10Op,
    erfOp,
    floorOp,
    ceilOp,
    roundOp,
    truncOp,
    isnanOp,
    isinfOp,
    isfiniteOp,
    squareOp,
    maxOp,
    minOp,
    amaxOp,
    aminOp,
    argmaxOp,
    argminOp,
    prodOp,
    varOp,
    stdOp,
    normOp,
    logsumexpOp,
    cumsumOp,
    allOp,
    anyOp,
    catOp,
    stackOp,
    flattenOp,
    repeatOp,
    flipOp,
    gatherOp,
    scatterAddOp,
    narrowOp,
    splitOp,
    chunkOp,
    unbindOp,
    expandAsOp,
    viewAsOp,
    reshapeAsOp,
    typeAsOp,
    addmmOp,
    linearOp,
    leakyReluOp,
    hardtanhOp,
    eluOp,
    geluOp,
    siluOp,
    softplusOp,
    softmaxOp,
    logSoftmaxOp,
    layerNormOp,
    embeddingOp,
    oneHotOp,
    dropoutOp,
    constantPadNdOp,
    mseLossOp,
    l1LossOp,
    smoothL1LossOp,
    nllLossOp,
    bceOp,
    bceWithLogitsOp,
    sumToSizeOp,
    uniformBody,
    normalBody,
    bernoulliBody,
    multinomialOp,
    bernoulliProbsOp,
    ...samplerBodies.map(([body]) => body),
    lerpOp,
    addcmulOp,
    addcdivOp,
    outerOp,
    gerOp,
    indexSelectOp,
    sortOp,
    topkOp,
    clipOp,
    clampMinOp,
    clampMaxOp,
    crossEntropyOp,
    iscloseOp,
    im2colOp,
    col2imOp,
    convolutionOp,
    maxPool2dWithIndicesOp,
    avgPool2dOp,
    avgPool2dBackwardOp,
    nativeBatchNormOp,
    adaptiveAvgPool2dOp,
    adaptiveAvgPool2dBackwardOp,
    adaptiveMaxPool2dOp,
    hypotOp,
    trilOp,
    triuOp,
    linalgCrossOp,
    unique2Op,
    indexAddOp,
    indexCopyOp,
    indexFillOp,
  ];
  const inplaceVariants: OpDef[] = [
    ...[addOp, subOp, mulOp, divOp, powOp, maskedFillOp].map((op) => inplace(op)),
    // Unary in-place ops are also torch functions (torch.relu_, torch.exp_ ...).
    ...[negOp, expOp, logOp, sqrtOp, tanhOp, sigmoidOp, reluOp, absOp, clampOp, reciprocalOp].map((op) => inplace(op, undefined, false, true)),
    inplace(fillOp, 'fill_', true, true),
    inplace(zeroOp, 'zero_', true, true),
    inplace(copyOp, 'copy_', true),
    inplace(indexPutOp, 'index_put_', true, true),
    ...[sinOp, cosOp, asinOp, rsqrtOp, log1pOp, expm1Op, erfOp, floorOp, ceilOp, roundOp, truncOp].map((op) => inplace(op, undefined, false, true)),
    ...[remainderOp, floorDivideOp, hardtanhOp, siluOp, scatterAddOp].map((op) => inplace(op)),
    inplace(leakyReluOp, undefined, false, false, 'LeakyReluBackward1'),
    inplace(eluOp, undefined, false, false, 'EluBackward1'),
    ...[lerpOp, addcmulOp, addcdivOp, hypotOp, trilOp, triuOp].map((op) => inplace(op)),
    ...[indexAddOp, indexCopyOp, indexFillOp].map((op) => inplace(op)),
    inplace(uniformBody, 'uniform_', true),
    inplace(normalBody, 'normal_', true),
    inplace(bernoulliBody, 'bernoulli_', true),
    ...samplerBodies.map(([body, name]) => inplace(body, name, true)),
  ];
  table = [...outOfPlace, ...inplaceVariants];
  return table;
}
