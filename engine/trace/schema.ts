/**
 * The trace: what flows from the engine to the picture. Pure data (no live objects), so a
 * snapshot can hold it and the graph view can be drawn without Python. Versioned: bump
 * TRACE_VERSION when an event's meaning changes and add a migration beside the snapshot loader.
 */
export const TRACE_VERSION = 1;

export type DTypeName = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

/** A tensor as the picture needs it: small tensors carry their values, large ones statistics. */
export interface TensorSummary {
  /** Engine tensor id (stable for the tensor's lifetime, unique within a worker session). */
  readonly id: number;
  readonly shape: readonly number[];
  readonly dtype: DTypeName;
  readonly requiresGrad: boolean;
  /** Row-major values when numel <= SUMMARY_VALUE_LIMIT; booleans as 0/1. */
  readonly values?: readonly number[];
  /** PyTorch's own text for the tensor (`tensor([1., 2.])`), when small. */
  readonly text?: string;
  readonly stats?: { readonly min: number; readonly max: number; readonly mean: number };
}

export const SUMMARY_VALUE_LIMIT = 64;

/** Where in the user's code something happened. `cell` is the cell's id (or file name in the CLI). */
export interface SourceLocation {
  readonly cell: string;
  readonly line: number;
  readonly column?: number;
}

/** One input edge of a graph node: either another op node or a leaf tensor (AccumulateGrad). */
export type InputRef =
  | { readonly kind: 'node'; readonly nodeId: number; readonly outputNr: number }
  | { readonly kind: 'leaf'; readonly tensorId: number }
  | { readonly kind: 'none' };

export type TraceEvent =
  /** A leaf tensor that requires grad, seen for the first time as an op input. */
  | {
      readonly kind: 'leaf';
      readonly seq: number;
      readonly tensor: TensorSummary;
      readonly name?: string;
      readonly loc?: SourceLocation;
    }
  /** A recorded forward op: its autograd node (`grad_fn`) and its output. */
  | {
      readonly kind: 'op';
      readonly seq: number;
      readonly nodeId: number;
      /** Op table name, e.g. `mul`. */
      readonly op: string;
      /** PyTorch's grad_fn name, e.g. `MulBackward0`. */
      readonly gradFn: string;
      readonly inputs: readonly InputRef[];
      readonly output: TensorSummary;
      readonly loc?: SourceLocation;
      readonly name?: string;
    }
  /** A Python variable name bound to a tensor (the last binding wins). */
  | { readonly kind: 'name'; readonly seq: number; readonly tensorId: number; readonly name: string }
  | {
      readonly kind: 'backward-start';
      readonly seq: number;
      readonly pass: number;
      readonly rootTensorId: number;
      readonly retainGraph: boolean;
      readonly createGraph: boolean;
      readonly loc?: SourceLocation;
    }
  /** One node's backward: gradients that arrived and gradients it sent to its inputs. */
  | {
      readonly kind: 'backward-step';
      readonly seq: number;
      readonly pass: number;
      readonly nodeId: number;
      readonly gradsIn: readonly (TensorSummary | null)[];
      readonly gradsOut: readonly (TensorSummary | null)[];
    }
  /** A gradient added into a leaf's `.grad`. */
  | {
      readonly kind: 'accumulate';
      readonly seq: number;
      readonly pass: number;
      readonly tensorId: number;
      readonly before: TensorSummary | null;
      readonly added: TensorSummary;
      readonly after: TensorSummary;
    }
  | { readonly kind: 'backward-end'; readonly seq: number; readonly pass: number }
  /** The graph's saved tensors were freed after a backward without retain_graph. */
  | { readonly kind: 'saved-freed'; readonly seq: number; readonly nodeIds: readonly number[] }
  /** Marks the start of a cell run, so steps can be grouped and lines resolved. */
  | { readonly kind: 'run-start'; readonly seq: number; readonly cell: string };

export type TraceEventKind = TraceEvent['kind'];

export interface Trace {
  readonly version: typeof TRACE_VERSION;
  readonly events: readonly TraceEvent[];
}
