/**
 * The engine's listening point for the trace. When no recorder is set, every op pays one null
 * check and nothing else.
 */
import type { GradNode, HookInfo } from '../autograd/node.ts';
import type { Tensor } from '../tensor.ts';
import type { TangentTermValues } from './tangent-terms.ts';
import type { HandGradientVerdict, JacobianPair, LocalValue, ModuleFrame, PyValue, SourceLocation } from './schema.ts';

export interface Recorder {
  /** A recorded op: its node, op-table name, graph inputs (edge order) and output. */
  forwardOp(node: GradNode, op: string, inputs: readonly (Tensor | null)[], output: Tensor, customCall?: number): void;
  /**
   * Forward mode: op `op` gave `output` the tangent `tangent` (inputs in edge order; `node` is the
   * output's grad_fn when a graph was recorded too). `terms`: each input's share of the tangent,
   * for the chain-rule panel (tangent-terms.ts).
   */
  tangent(op: string, inputs: readonly (Tensor | null)[], output: Tensor, tangent: Tensor, node: GradNode | null, terms?: readonly TangentTermValues[]): void;
  backwardStart(root: Tensor, retainGraph: boolean, createGraph: boolean): void;
  backwardStep(node: GradNode, gradsIn: readonly (Tensor | null)[], gradsOut: readonly (Tensor | null)[]): void;
  /** `before` is a copy taken before an in-place accumulation, so it still shows the old values. */
  accumulate(tensor: Tensor, before: Tensor | null, added: Tensor, after: Tensor): void;
  /** A tensor hook ran on the gradient of `node`'s output `outputNr` (a leaf's AccumulateGrad: its `.grad`). */
  hook(node: GradNode, outputNr: number, info: HookInfo, before: Tensor, replacement: Tensor | null): void;
  backwardEnd(): void;
  savedFreed(nodes: readonly GradNode[]): void;
  name(tensor: Tensor, name: string): void;
  /** An nn.Module parameter's path (`fc1.weight`), told when its module is called. */
  parameter(tensor: Tensor, path: string): void;
  /** A backward step threw `error` (PyTorch's text); `anomaly` when anomaly mode's NaN check found it. */
  backwardError(node: GradNode, error: unknown, anomaly: boolean): void;
  /** The user's forward/backward of a custom Function starts; returns the call id for its lines. */
  customCall(fn: 'forward' | 'backward', functionName: string, nodeId: number | undefined, loc: SourceLocation | undefined): number;
  customLine(callId: number, loc: SourceLocation, locals: readonly LocalValue[]): void;
  customReturn(callId: number, loc: SourceLocation, locals: readonly LocalValue[], value: PyValue | undefined, error: string | undefined): void;
  /** A backprop exercise's check (gradscope.check): the learner's gradient against autograd's. */
  handGradient(check: HandGradientCheck): void;
  /** The finite-difference check of a custom Function node. */
  gradcheck(nodeId: number, ok: boolean, jacobians: readonly JacobianPair[], message: string | undefined): void;
}

/** What gradscope.check found, as the recorder takes it. */
export interface HandGradientCheck {
  readonly name: string;
  readonly tensor: Tensor;
  readonly mine: Tensor;
  readonly autograd: Tensor;
  readonly verdict: HandGradientVerdict;
  readonly maxDiff: number;
  readonly loc: SourceLocation | undefined;
}

let active: Recorder | null = null;
let locationProvider: () => SourceLocation | undefined = () => undefined;

export const getRecorder = (): Recorder | null => active;

/** Install (or with null, remove) the trace recorder. */
export function setRecorder(r: Recorder | null): void {
  active = r;
}

/** Where the user's code currently is (the worker asks Python); read once per recorded event. */
export function setLocationProvider(fn: () => SourceLocation | undefined): void {
  locationProvider = fn;
}

export const currentLocation = (): SourceLocation | undefined => locationProvider();

/**
 * Where each tensor that requires grad was made to require it (its `torch.tensor(...,
 * requires_grad=True)`, `nn.Parameter`, or `requires_grad_()` line). Its `leaf` event is recorded
 * at its first use, but it belongs to this line: clicking the line selects it. Weak: forgotten with
 * the tensor.
 */
const leafBirthplaces = new WeakMap<object, SourceLocation>();

/** Notes the current line as `t`'s birthplace when it starts requiring grad while recording. */
export function recordLeafBirth(t: object): void {
  if (active === null || leafBirthplaces.has(t)) return;
  const loc = locationProvider();
  if (loc) leafBirthplaces.set(t, loc);
}

export const leafBirthplace = (t: object): SourceLocation | undefined => leafBirthplaces.get(t);

let cellOfFile: (file: string) => string | undefined = () => undefined;

/** Which cell a Python filename is (custom Function frames report their own file and line). */
export function setCellResolver(fn: (file: string) => string | undefined): void {
  cellOfFile = fn;
}

export const cellForFile = (file: string): string | undefined => cellOfFile(file);

/** Stop recording for a moment (gradcheck's reruns must not add events); give the token back to resume. */
export function pauseRecording(): Recorder | null {
  const paused = active;
  active = null;
  return paused;
}

export function resumeRecording(paused: Recorder | null): void {
  active = paused;
}

/** Bind a Python variable name to a tensor in the trace. */
export function recordName(t: Tensor, name: string): void {
  active?.name(t, name);
}

/** The nn.Module calls running now, outermost first (maintained only while a recorder listens). */
let moduleStack: ModuleFrame[] = [];

export const currentModuleScope = (): readonly ModuleFrame[] => moduleStack;

/** Module calls started in this session (this worker or CLI run): numbers each ModuleFrame. */
let moduleCalls = 0;

/** Python's module listener: a module's forward starts (`path` from the outermost module). */
export function enterModuleScope(path: string, type: string): void {
  if (!active) return;
  moduleStack = [...moduleStack, { path, type, call: ++moduleCalls }];
}

/** Python's module listener: the innermost module's forward returned (or raised). */
export function exitModuleScope(): void {
  if (moduleStack.length > 0) moduleStack = moduleStack.slice(0, -1);
}

/** Forget any module calls still open (a cell that was interrupted mid-forward). */
export function resetModuleScope(): void {
  moduleStack = [];
}

/** Python's module listener: the parameter at `path` (`fc1.weight`) is this tensor. */
export function recordParameter(t: Tensor, path: string): void {
  active?.parameter(t, path);
}
