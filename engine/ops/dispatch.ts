/**
 * callOp: the one door into the op table. Binds positional arguments in signature order, checks
 * their kinds, runs the op, and records its autograd node when grad mode is on and an input
 * requires grad. In-place variants (`add_`) run their out-of-place op and write the result back.
 */
import { CopySlices } from '../autograd/copy-slices.ts';
import { forwardAdActive, propagateTangent, propagateTangentInPlace, shareTangent, withoutForwardAd } from '../autograd/forward-ad.ts';
import { checkInplaceWritable, isRecordingGraph } from '../autograd/inference-mode.ts';
import { OpNode } from '../autograd/op-node.ts';
import { canCast, DTYPES, isFloating, legacyTypeName, type DType } from '../dtype.ts';
import { runtimeError, typeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import { sameShape, shapeText } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { getRecorder } from '../trace/recorder-hooks.ts';
import { castInto, wrapScalar } from './tensor-utils.ts';
import { parseReturnNames, parseSignature } from './signature.ts';
import { opTable } from './table.ts';
import type { Args, OpDef, OpParamInfo, OpSignatureInfo } from './types.ts';

interface CompiledOp {
  readonly def: OpDef;
  readonly params: readonly OpParamInfo[];
  /** Each parameter's type without alias marks or `?` (`Tensor(a!)` → `Tensor`), computed once. */
  readonly baseTypes: readonly string[];
  readonly defaultInputs: readonly string[];
}

let compiled: Map<string, CompiledOp> | null = null;

function compiledTable(): Map<string, CompiledOp> {
  if (compiled) return compiled;
  compiled = new Map();
  for (const def of opTable()) {
    const params = parseSignature(def.signature);
    const defaultInputs = params.filter((p) => /^Tensor(\([a-z]!?\))?\??$/.test(p.type)).map((p) => p.name);
    const baseTypes = params.map((p) => p.type.replace(/\([a-z]!?\)/, '').replace(/\?$/, ''));
    compiled.set(def.name, { def, params, baseTypes, defaultInputs });
  }
  return compiled;
}

export function getOp(name: string): OpDef | undefined {
  return compiledTable().get(name)?.def;
}

/** Call op `name` with positional arguments in signature order (undefined/null → default). */
export function callOp(name: string, ...args: unknown[]): Tensor | Tensor[] {
  const op = compiledTable().get(name);
  if (!op) throw typeError(`unknown op '${name}'`);
  return runBound(op, bindArgs(op, args));
}

/**
 * `callOp` with the op looked up once: the Python layer keeps one per op, so each call from Python
 * skips converting and looking up the op's name.
 */
export function opCaller(name: string): (...args: unknown[]) => Tensor | Tensor[] {
  const op = compiledTable().get(name);
  if (!op) throw typeError(`unknown op '${name}'`);
  return (...args: unknown[]) => runBound(op, bindArgs(op, args));
}

/** Call op `name` with positional arguments and keyword arguments by parameter name. */
export function callOpKw(name: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): Tensor | Tensor[] {
  const op = compiledTable().get(name);
  if (!op) throw typeError(`unknown op '${name}'`);
  const positional = [...args];
  for (const [k, v] of Object.entries(kwargs)) {
    const i = op.params.findIndex((p) => p.name === k);
    if (i < 0) throw typeError(`${name}() got an unexpected keyword argument '${k}'`);
    while (positional.length <= i) positional.push(undefined);
    positional[i] = v;
  }
  return runBound(op, bindArgs(op, positional));
}

/** The op table's signatures as JSON-safe data (the Python layer generates its wrappers from it). */
export function opSignatures(): OpSignatureInfo[] {
  return [...compiledTable().values()].map(({ def, params }) => ({
    name: def.name,
    params,
    method: def.method,
    function: def.function,
    inplace: def.inplaceOf !== undefined,
    returns: parseReturnNames(def.signature),
  }));
}

function bindArgs(op: CompiledOp, args: readonly unknown[]): Record<string, unknown> {
  const { def, params, baseTypes } = op;
  if (args.length > params.length) {
    throw typeError(`${def.name}() takes ${params.length} arguments but ${args.length} were given`);
  }
  const bound: Record<string, unknown> = {};
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    let v = args[i];
    if (v === undefined || v === null) {
      if (p.default !== undefined) v = p.default;
      else if (p.optional) v = null;
      else throw typeError(`${def.name}() missing required argument '${p.name}'`);
    }
    bound[p.name] = v === null ? null : convertArg(def.name, p, baseTypes[i], v);
  }
  return bound;
}

// No closures here: this runs for every argument of every op call.
function argumentError(opName: string, p: OpParamInfo, type: string, v: unknown): never {
  throw typeError(`${opName}(): argument '${p.name}' must be ${type}, not ${describe(v)}`);
}

function convertArg(opName: string, p: OpParamInfo, type: string, v: unknown): unknown {
  const fail = argumentError;
  if (type === 'Tensor') {
    if (v instanceof Tensor) return v;
    if (typeof v === 'number' || typeof v === 'boolean') return wrapScalar(v);
    return fail(opName, p, type, v);
  }
  if (type.startsWith('Tensor')) {
    // Tensor[] / Tensor?[]
    if (!Array.isArray(v)) return fail(opName, p, type, v);
    return v.map((t: unknown) => (t === null || t === undefined ? null : t instanceof Tensor ? t : fail(opName, p, type, v)));
  }
  if (type === 'Scalar') {
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Tensor && v.numel() === 1) return v.item();
    return fail(opName, p, type, v);
  }
  if (type.startsWith('int[')) {
    if (typeof v === 'number') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return [...(v as number[])];
    if (v instanceof Tensor || (typeof v === 'object' && v !== null && Symbol.iterator in v)) {
      return Array.from(v as Iterable<number>, Number);
    }
    return fail(opName, p, type, v);
  }
  if (type === 'int') {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return fail(opName, p, type, v);
  }
  if (type === 'float') return typeof v === 'number' ? v : fail(opName, p, type, v);
  if (type === 'bool') return typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : fail(opName, p, type, v);
  if (type === 'ScalarType') return typeof v === 'string' && (DTYPES as readonly string[]).includes(v) ? (v as DType) : fail(opName, p, type, v);
  return v;
}

function describe(v: unknown): string {
  if (v instanceof Tensor) return 'Tensor';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v;
}

function runBound(op: CompiledOp, args: Record<string, unknown>): Tensor | Tensor[] {
  const { def } = op;
  if (def.composite) return def.composite(args);
  if (def.rewrite) {
    const rewritten = def.rewrite(args);
    if (rewritten) return rewritten;
  }
  if (def.inplaceOf) return runInplace(op, args);
  return runOp(op, args, true);
}

function inputNames(op: CompiledOp, args: Args): readonly string[] {
  const { inputs } = op.def;
  if (!inputs) return op.defaultInputs;
  return typeof inputs === 'function' ? inputs(args) : inputs;
}

/** Forward, then (when needed) the autograd node; `announce` reports it to the trace recorder. */
function runOp(op: CompiledOp, args: Args, announce: boolean, gradFnName?: string): Tensor | Tensor[] {
  const { def } = op;
  // A forward written with engine ops must not propagate tangents of its own: the op's rule does.
  const result = forwardAdActive() ? withoutForwardAd(() => computeForward(def, args)) : computeForward(def, args);
  const out = Array.isArray(result) ? result[0] : result;
  recordGraph(op, args, announce, result, out, gradFnName);
  // After the node: a tangent's trace event can name the node of its primal.
  if (forwardAdActive()) propagateTangent(def, args, inputNames(op, args), result);
  return result;
}

function computeForward(def: OpDef, args: Args): Tensor | Tensor[] {
  const spec = def.infer ? def.infer(args) : { shape: [], dtype: 'float32' as DType };
  return def.forward!(args, spec);
}

function recordGraph(op: CompiledOp, args: Args, announce: boolean, result: Tensor | Tensor[], out: Tensor, gradFnName?: string): void {
  const { def } = op;
  // Only floating outputs carry gradients (to(int64) or argmax results never require grad).
  if (!def.backward || !isRecordingGraph() || !isFloating(out.dtype)) return;
  const names = inputNames(op, args);
  const inputs = graphInputs(names, args);
  if (!inputs.some((t) => t?.requiresGrad)) return;
  const node = new OpNode(def, args, names, out, gradFnName);
  out.gradFn = node;
  out.outputNr = 0;
  node.saveFor(args, out, Array.isArray(result) ? result : [result]);
  if (announce) getRecorder()?.forwardOp(node, def.name, inputs, out);
}

/** The tensors behind the graph-input parameters, lists flattened, in edge order. */
function graphInputs(names: readonly string[], args: Args): (Tensor | null)[] {
  const out: (Tensor | null)[] = [];
  for (const n of names) {
    const v = args[n] as Tensor | readonly (Tensor | null)[] | null | undefined;
    if (Array.isArray(v)) out.push(...(v as readonly (Tensor | null)[]));
    else out.push((v as Tensor | null | undefined) ?? null);
  }
  return out;
}

function runInplace(op: CompiledOp, args: Record<string, unknown>): Tensor {
  const def = op.def;
  const base = compiledTable().get(def.inplaceOf!.name)!;
  const self = args.self as Tensor;
  const recording = isRecordingGraph();
  if (recording && self.isLeaf && self.requiresGrad) {
    throw runtimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  if (recording && self.base && self.base.isLeaf && self.base.requiresGrad) {
    throw runtimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
  // When a graph is recorded, the op's backward may need self's old value: compute from a copy
  // that carries self's history, so the write below cannot corrupt what was saved.
  const names = inputNames(base, args);
  const anyRequiresGrad = recording && graphInputs(names, args).some((t) => t?.requiresGrad);
  const computeArgs = anyRequiresGrad ? { ...args, self: snapshotWithHistory(self) } : args;
  if (computeArgs !== args && forwardAdActive()) shareTangent(self, computeArgs.self as Tensor);
  // An in-place variant with its own grad_fn name (leaky_relu_ → LeakyReluBackward1) says so.
  const ownName = typeof def.gradFn === 'string' ? def.gradFn : undefined;
  const result = runOp(base, computeArgs, false, ownName) as Tensor;
  if (!sameShape(result.shape, self.shape)) {
    throw runtimeError(`output with shape ${shapeText(self.shape)} doesn't match the broadcast shape ${shapeText(result.shape)}`);
  }
  if (!def.castsFreely && !canCast(result.dtype, self.dtype)) {
    throw runtimeError(`result type ${legacyTypeName(result.dtype)} can't be cast to the desired output type ${legacyTypeName(self.dtype)}`);
  }
  kernels().scatter(self, castInto(result, self.dtype));
  // PyTorch checks an inference tensor when it bumps the version, after the write.
  checkInplaceWritable(self.isInference);
  self.bumpVersion();
  if (forwardAdActive()) propagateTangentInPlace(self, result);
  if (result.gradFn) {
    rebaseHistory(self, result.gradFn);
    getRecorder()?.forwardOp(self.gradFn!, def.name, graphInputs(names, { ...args, self }), self);
  }
  return self;
}

function snapshotWithHistory(t: Tensor): Tensor {
  const copy = Tensor.fromData(t.contiguousValues().slice(), t.shape, t.dtype);
  copy.gradFn = t.gradFn;
  copy.outputNr = t.outputNr;
  return copy;
}

/** After an in-place op, `t`'s history is the op's node; a view's base gets CopySlices instead. */
function rebaseHistory(t: Tensor, node: OpNode | import('../autograd/node.ts').GradNode): void {
  const base = t.base;
  if (!base || !base.isContiguous()) {
    t.gradFn = node;
    t.outputNr = 0;
    return;
  }
  const geometry = { size: t.shape, stride: t.strides, storageOffset: t.offset - base.offset };
  base.gradFn = new CopySlices(base, geometry, node);
  base.outputNr = 0;
  // The view now reads the updated base: its history is a strided view of the base's new history.
  const regenerated = callOp('as_strided', base, geometry.size, geometry.stride, geometry.storageOffset) as Tensor;
  t.gradFn = regenerated.gradFn;
  t.outputNr = 0;
}
