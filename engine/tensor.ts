/**
 * Tensor: a strided view over shared storage, as in PyTorch. Views (view, t, expand, slicing,
 * detach) share the Storage object, and with it the version counter that saved tensors check.
 * Arithmetic is not here: methods forward to the op table through `callOp`.
 */
import { accumulateNodeFor, describeHook, type GradNode, type TensorHook } from './autograd/node.ts';
import { currentLocation, getRecorder, recordLeafBirth } from './trace/recorder-hooks.ts';
import { backward as runBackwardPass } from './autograd/engine.ts';
import { withGradMode } from './autograd/grad-mode.ts';
import { checkRequiresGradAllowed, isInferenceModeEnabled } from './autograd/inference-mode.ts';
import { allocate, isFloating, legacyTypeName, type DType, type NumericArray } from './dtype.ts';
import { runtimeError } from './errors.ts';
import { formatScalarLikePython, formatTensor, pythonScalarKind } from './format/index.ts';
import { tangentOf } from './autograd/forward-ad.ts';
import type { StridedView } from './kernels/types.ts';
import { kernels } from './kernels/index.ts';
import { callOp } from './ops/dispatch.ts';
import { installOpMethods } from './ops/generated/tensor-methods.ts';
import { contiguousStrides, isContiguousLayout, normalizeDim, numelOf, type Shape } from './shape.ts';
import type { IndexItem } from './indexing.ts';
import { index as indexTensor, indexPut_ as indexPutTensor } from './indexing.ts';

/** The memory a tensor and all its views share. `version` counts in-place writes. */
export interface Storage {
  readonly data: NumericArray;
  version: number;
  /** Allocated in inference mode: every tensor over it is an inference tensor (views included). */
  readonly inference?: boolean;
}

/** A Python scalar or a tensor, wherever PyTorch accepts both. */
export type TensorLike = Tensor | number | boolean;

export type NestedNumbers = number | boolean | readonly NestedNumbers[];

let nextTensorId = 1;

/** Fake base addresses per memory block, so that `data_ptr()` compares as PyTorch's does. */
const blockAddresses = new WeakMap<NumericArray, number>();
let nextBlockAddress = 0x10000;

export class Tensor implements StridedView {
  /** Unique, increasing; the trace refers to tensors by this id. */
  readonly id: number = nextTensorId++;
  storage: Storage;
  shape: readonly number[];
  strides: readonly number[];
  offset: number;
  dtype: DType;
  /** A Python number turned into a 0-d tensor (lowest priority in type promotion). */
  isWrappedNumber = false;
  private ownGradFn: GradNode | null = null;
  /** Storage version when ownGradFn was set: a view whose base changed since then regenerates it. */
  private gradFnVersion = 0;
  /** Which output of gradFn this tensor is. */
  outputNr = 0;
  /** For views: the tensor that owns the storage (PyTorch's `_base`), used by in-place ops on views. */
  base: Tensor | null = null;
  /** Set by retainGrad(): a non-leaf keeps its .grad. */
  retainsGrad = false;
  /** Hooks on a leaf's gradient (non-leaf hooks live on the grad_fn). */
  readonly leafHooks: TensorHook[] = [];
  /** The AccumulateGrad node of a leaf that requires grad, created on first use and reused. */
  accumulator: GradNode | null = null;
  private ownRequiresGrad = false;
  private gradValue: Tensor | null = null;

  constructor(storage: Storage, shape: Shape, strides: Shape, offset: number, dtype: DType) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.dtype = dtype;
  }

  /** A fresh contiguous tensor over the given (owned) data. */
  static fromData(data: NumericArray, shape: Shape, dtype: DType): Tensor {
    return new Tensor({ data, version: 0, inference: isInferenceModeEnabled() }, [...shape], contiguousStrides(shape), 0, dtype);
  }

  static empty(shape: Shape, dtype: DType): Tensor {
    return Tensor.fromData(allocate(dtype, numelOf(shape)), shape, dtype);
  }

  /** The storage's typed array (read it through shape/strides/offset). */
  get data(): NumericArray {
    return this.storage.data;
  }

  get version(): number {
    return this.storage.version;
  }

  /** torch.Tensor.is_inference(): made in inference mode (or a view of such a tensor). */
  get isInference(): boolean {
    return this.storage.inference === true;
  }

  /** Marks an in-place write: saved tensors of this storage become stale. */
  bumpVersion(): void {
    this.storage.version++;
  }

  /** The autograd node that produced this tensor (null for leaves). */
  get gradFn(): GradNode | null {
    if (this.base !== null && this.storage.version !== this.gradFnVersion) this.regenerateViewHistory();
    return this.ownGradFn;
  }

  set gradFn(node: GradNode | null) {
    this.ownGradFn = node;
    this.gradFnVersion = this.storage.version;
  }

  /**
   * A view whose base was modified in place (through another view) now reads the base's new
   * history: its grad_fn becomes a strided view of the base's grad_fn, as PyTorch regenerates it.
   */
  private regenerateViewHistory(): void {
    const base = this.base!;
    this.gradFnVersion = this.storage.version;
    if (!base.requiresGrad || !base.isContiguous()) return;
    const view = withGradMode(true, () => callOp('as_strided', base, this.shape, this.strides, this.offset - base.offset) as Tensor);
    this.ownGradFn = view.gradFn;
    this.outputNr = 0;
  }

  get requiresGrad(): boolean {
    return this.ownRequiresGrad || this.gradFn !== null;
  }

  set requiresGrad(value: boolean) {
    if (this.gradFn !== null) {
      if (!value) {
        throw runtimeError(
          "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
        );
      }
      return;
    }
    if (value && !isFloating(this.dtype)) {
      throw runtimeError('only Tensors of floating point and complex dtype can require gradients');
    }
    if (value) checkRequiresGradAllowed(this.isInference);
    if (value && !this.ownRequiresGrad) recordLeafBirth(this);
    this.ownRequiresGrad = value;
    if (!value) this.accumulator = null;
  }

  /** torch.Tensor.requires_grad_ */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  get grad(): Tensor | null {
    return this.gradValue;
  }

  /** Python's None arrives as undefined through Pyodide: both mean "no gradient". */
  set grad(value: Tensor | null | undefined) {
    if (value && value.dtype !== this.dtype) throw runtimeError('assigned grad has data of a different type');
    if (value && !sameShapeAs(value, this)) throw runtimeError('assigned grad has data of a different size');
    this.gradValue = value ?? null;
  }

  /** `x.data = y`: x now views y's storage (same history and grad flags as before). */
  setData(other: Tensor): void {
    this.storage = other.storage;
    this.shape = other.shape;
    this.strides = other.strides;
    this.offset = other.offset;
    this.dtype = other.dtype;
  }

  numel(): number {
    return numelOf(this.shape);
  }

  dim(): number {
    return this.shape.length;
  }

  /** size() → the shape; size(d) → one dimension (negative d counts from the end). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[normalizeDim(dim, this.shape.length)];
  }

  isContiguous(): boolean {
    return isContiguousLayout(this.shape, this.strides);
  }

  /** Row-major contiguous copy of the values (bools as 0/1). */
  toArray(): number[] {
    return Array.from(this.contiguousValues());
  }

  /** The values as a contiguous typed array of this dtype (no copy when already contiguous). */
  contiguousValues(): NumericArray {
    const n = this.numel();
    if (this.isContiguous() && this.offset === 0 && this.data.length === n) return this.data;
    const out = allocate(this.dtype, n);
    kernels().copy(this, out);
    return out;
  }

  /** Python's tolist(): nested arrays, booleans for bool tensors, a scalar for 0-d. */
  tolist(): NestedNumbers {
    const values = this.toArray();
    const convert = (v: number): number | boolean => (this.dtype === 'bool' ? v !== 0 : v);
    if (this.shape.length === 0) return convert(values[0]);
    const build = (dim: number, start: number): NestedNumbers[] => {
      const step = numelOf(this.shape.slice(dim + 1));
      const out: NestedNumbers[] = [];
      for (let i = 0; i < this.shape[dim]; i++) {
        out.push(dim === this.shape.length - 1 ? convert(values[start + i]) : build(dim + 1, start + i * step));
      }
      return out;
    };
    return build(0, 0);
  }

  /** The single value of a one-element tensor. */
  item(): number | boolean {
    if (this.numel() !== 1) {
      throw runtimeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    }
    const v = this.data[this.offset];
    return this.dtype === 'bool' ? v !== 0 : v;
  }

  /** "torch.FloatTensor", as PyTorch's error texts name types. */
  typeName(): string {
    return `torch.${legacyTypeName(this.dtype)}Tensor`;
  }

  /**
   * PyTorch's data_ptr(): the address of the first element. Views of one memory block share a
   * base address (and `.data` aliases, which have their own Storage over the same array).
   */
  dataPtr(): number {
    let base = blockAddresses.get(this.storage.data);
    if (base === undefined) {
      base = nextBlockAddress;
      nextBlockAddress += Math.ceil((this.storage.data.length * this.storage.data.BYTES_PER_ELEMENT + 1) / 64) * 64;
      blockAddresses.set(this.storage.data, base);
    }
    return base + this.offset * this.storage.data.BYTES_PER_ELEMENT;
  }

  /** A new tensor sharing storage (and version counter) with no autograd history. */
  detach(): Tensor {
    const t = new Tensor(this.storage, this.shape, this.strides, this.offset, this.dtype);
    t.isWrappedNumber = this.isWrappedNumber;
    return t;
  }

  /**
   * `x.data`: shares memory like detach() but has its own version counter, which is why writes
   * through `.data` escape autograd's in-place checks (as in PyTorch).
   */
  dataAlias(): Tensor {
    const storage = { data: this.storage.data, version: 0, inference: this.isInference };
    return new Tensor(storage, this.shape, this.strides, this.offset, this.dtype);
  }

  /** torch.Tensor.detach_(): cuts this tensor from the graph in place. */
  detach_(): this {
    this.gradFn = null;
    this.ownRequiresGrad = false;
    return this;
  }

  /**
   * Backpropagate from this tensor. `gradient` is required unless the tensor has one element.
   * Leaves' .grad fields accumulate.
   */
  backward(gradient?: Tensor | null, retainGraph?: boolean | null, createGraph = false, inputs?: readonly Tensor[] | null): void {
    const only = inputs && inputs.length > 0 ? inputs : null;
    runBackwardPass({ roots: [this], grads: [gradient ?? null], retainGraph: retainGraph ?? createGraph, createGraph, inputs: only });
  }

  /** Keep .grad on a non-leaf after backward. */
  retainGrad(): void {
    if (!this.requiresGrad) throw runtimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.isLeaf || this.retainsGrad) return;
    this.retainsGrad = true;
    this.gradFn!.retainGradOf(this.outputNr, this);
  }

  /** Run `fn` on this tensor's gradient during backward; a returned tensor replaces the gradient. */
  registerHook(fn: TensorHook, name?: string): { remove(): void } {
    if (!this.requiresGrad) {
      throw runtimeError("cannot register a hook on a tensor that doesn't require gradient");
    }
    if (getRecorder()) {
      const loc = currentLocation();
      describeHook(fn, { name: name ?? (fn.name || '<hook>'), ...(loc ? { loc } : {}) });
    } else if (name) {
      describeHook(fn, { name });
    }
    const list = this.gradFn ? this.gradFn.tensorHooks(this.outputNr) : this.leafHooks;
    list.push(fn);
    return {
      remove: () => {
        const i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      },
    };
  }

  /** The AccumulateGrad node a leaf's gradient flows into. */
  gradAccumulator(): GradNode | null {
    return this.isLeaf && this.requiresGrad ? accumulateNodeFor(this) : null;
  }

  toString(): string {
    return formatTensor({
      shape: this.shape,
      dtype: this.dtype,
      values: this.contiguousValues(),
      requiresGrad: this.requiresGrad,
      gradFnName: this.gradFn ? this.gradFn.className() : null,
      ...tangentText(this),
    });
  }

  // ---- Op methods: thin typed doors into the op table (the Python layer uses callOp directly).

  // Python-style call shapes the generated methods (ops/generated/tensor-methods.ts, one per
  // method op of the table) cannot express: varargs shapes, an int for `int[1] dim`, no dim.
  rsub(other: TensorLike, alpha?: number): Tensor {
    return op('rsub', this, other, alpha);
  }
  sum(dim?: number | readonly number[] | null, keepdim?: boolean, dtype?: DType): Tensor {
    return op('sum', this, asDims(dim), keepdim, dtype);
  }
  mean(dim?: number | readonly number[] | null, keepdim?: boolean, dtype?: DType): Tensor {
    return op('mean', this, asDims(dim), keepdim, dtype);
  }
  view(...shape: number[]): Tensor {
    return op('view', this, shape);
  }
  reshape(...shape: number[]): Tensor {
    return op('reshape', this, shape);
  }
  permute(...dims: number[]): Tensor {
    return op('permute', this, dims);
  }
  squeeze(dim?: number): Tensor {
    return op('squeeze', this, dim);
  }
  expand(...sizes: number[]): Tensor {
    return op('expand', this, sizes);
  }
  index(items: readonly IndexItem[]): Tensor {
    return indexTensor(this, items);
  }
  indexPut_(items: readonly IndexItem[], value: TensorLike): Tensor {
    return indexPutTensor(this, items, value);
  }
}

const sameShapeAs = (a: Tensor, b: Tensor): boolean => a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);

function op(name: string, ...args: unknown[]): Tensor {
  return callOp(name, ...args) as Tensor;
}

installOpMethods(Tensor.prototype);

function asDims(dim: number | readonly number[] | null | undefined): readonly number[] | null | undefined {
  return typeof dim === 'number' ? [dim] : dim;
}

/** A dual tensor's `tangent=` suffix text (a 0-d tangent prints as Python formats its item). */
function tangentText(t: Tensor): { tangent?: string } {
  const tangent = tangentOf(t);
  if (tangent === null) return {};
  if (tangent.dim() === 0) return { tangent: formatScalarLikePython(Number(tangent.item()), pythonScalarKind(tangent.dtype)) };
  return { tangent: tangent.toString() };
}
