/**
 * The trace and snapshot as valibot schemas: what `loadSnapshot` checks before anything is drawn.
 * One schema per type of schema.ts; the checks at the bottom of this file make the compiler refuse
 * a schema and a type that drift apart, and snapshot-kinds.test.ts round-trips every event kind.
 *
 * JSON has no NaN or Infinity (JSON.stringify writes null), so float fields accept null and read it
 * back as NaN: a gradient that exploded still opens. Integer fields (ids, shapes) do not.
 */
import * as v from 'valibot';
import type {
  BackwardEdge,
  GradContribution,
  GradNorm,
  GradReduction,
  JacobianPair,
  LocalValue,
  ModuleFrame,
  PyValue,
  SourceLocation,
  TensorSummary,
  TraceEvent,
} from './schema.ts';

/** Longest string accepted anywhere but cell sources (names, PyTorch text, messages, reprs). */
export const MAX_TEXT_LENGTH = 100_000;
/** Longest cell source. */
export const MAX_SOURCE_LENGTH = 1_000_000;

const int = v.pipe(v.number(), v.integer());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A float that JSON may have written as null (NaN, ±Infinity). */
const float = v.pipe(
  v.nullable(v.number()),
  v.transform((x): number => x ?? Number.NaN),
);
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT_LENGTH));

export const dtypeSchema = v.picklist(['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']);

export const tensorSummarySchema = v.object({
  id: int,
  shape: v.array(count),
  dtype: dtypeSchema,
  requiresGrad: v.boolean(),
  values: v.optional(v.array(float)),
  text: v.optional(text),
  stats: v.optional(v.object({ min: float, max: float, mean: float })),
});

const maybeTensor = v.nullable(tensorSummarySchema);

export const sourceLocationSchema = v.object({ cell: text, line: int, column: v.optional(int) });

export const inputRefSchema = v.variant('kind', [
  v.object({ kind: v.literal('node'), nodeId: int, outputNr: count }),
  v.object({ kind: v.literal('leaf'), tensorId: int }),
  v.object({ kind: v.literal('none') }),
]);

export const moduleFrameSchema = v.object({ path: text, type: text, call: v.optional(int) });

export const gradReductionSchema = v.object({ dims: v.array(int), fromShape: v.array(count), toShape: v.array(count), text });

export const backwardEdgeSchema = v.object({
  index: count,
  input: inputRefSchema,
  formula: v.optional(text),
  rule: v.optional(text),
  local: v.optional(tensorSummarySchema),
  product: v.optional(tensorSummarySchema),
  reduction: v.optional(gradReductionSchema),
  grad: maybeTensor,
});

/** Python values nest (tuples of tuples, a ctx holding saved tensors): the schema is recursive. */
export const pyValueSchema: v.GenericSchema<unknown, PyValue> = v.lazy(() =>
  v.variant('kind', [
    v.object({ kind: v.literal('tensor'), tensor: tensorSummarySchema }),
    v.object({ kind: v.literal('none') }),
    v.object({ kind: v.literal('scalar'), text }),
    v.object({ kind: v.picklist(['tuple', 'list']), items: v.array(pyValueSchema) }),
    v.object({ kind: v.literal('ctx'), attrs: v.array(localValueSchema), savedTensors: v.array(pyValueSchema), needsInputGrad: v.array(v.boolean()) }),
    v.object({ kind: v.literal('other'), type: text, text }),
  ]),
);

export const localValueSchema: v.GenericSchema<unknown, LocalValue> = v.lazy(() => v.object({ name: text, value: pyValueSchema }));

export const jacobianPairSchema = v.object({
  inputIndex: count,
  outputIndex: count,
  analytical: tensorSummarySchema,
  numerical: tensorSummarySchema,
  mismatches: v.array(v.tuple([count, count])),
});

export const gradContributionSchema = v.object({ fromNodeId: int, grad: tensorSummarySchema });

export const gradNormSchema = v.object({ tensorId: int, name: v.optional(text), norm: float, valueNorm: v.optional(float) });

const seq = v.number();
const loc = v.optional(sourceLocationSchema);

/** Every event kind (the drift checks below fail to compile if this list and schema.ts disagree). */
const EVENT_KINDS = [
  'leaf',
  'op',
  'name',
  'backward-start',
  'backward-step',
  'gradient-sum',
  'accumulate',
  'backward-end',
  'saved-freed',
  'pass-summary',
  'run-start',
  'hook',
  'backward-error',
  'custom-call',
  'custom-line',
  'custom-return',
  'gradcheck',
  'tangent',
  'trace-summary',
  'hand-gradient',
] as const;

/** The schema of one event kind, by kind: v1 traces reuse all but `backward-step`. */
const eventSchemas = {
  leaf: v.object({ kind: v.literal('leaf'), seq, tensor: tensorSummarySchema, name: v.optional(text), loc, parameter: v.optional(text) }),
  op: v.object({
    kind: v.literal('op'),
    seq,
    nodeId: int,
    op: text,
    gradFn: text,
    inputs: v.array(inputRefSchema),
    output: tensorSummarySchema,
    loc,
    name: v.optional(text),
    moduleScope: v.optional(v.array(moduleFrameSchema)),
    pass: v.optional(int),
    customCall: v.optional(int),
  }),
  name: v.object({ kind: v.literal('name'), seq, tensorId: int, name: text }),
  backwardStart: v.object({
    kind: v.literal('backward-start'),
    seq,
    pass: int,
    rootTensorId: int,
    retainGraph: v.boolean(),
    createGraph: v.boolean(),
    loc,
    root: v.optional(tensorSummarySchema),
  }),
  backwardStep: v.object({
    kind: v.literal('backward-step'),
    seq,
    pass: int,
    nodeId: int,
    gradsIn: v.array(maybeTensor),
    gradsOut: v.array(maybeTensor),
    op: v.optional(text),
    formula: v.optional(text),
    edges: v.array(backwardEdgeSchema),
  }),
  gradientSum: v.object({
    kind: v.literal('gradient-sum'),
    seq,
    pass: int,
    target: inputRefSchema,
    contributions: v.array(gradContributionSchema),
    sum: tensorSummarySchema,
  }),
  accumulate: v.object({
    kind: v.literal('accumulate'),
    seq,
    pass: int,
    tensorId: int,
    before: maybeTensor,
    added: tensorSummarySchema,
    after: tensorSummarySchema,
  }),
  backwardEnd: v.object({ kind: v.literal('backward-end'), seq, pass: int }),
  savedFreed: v.object({ kind: v.literal('saved-freed'), seq, nodeIds: v.array(int), pass: v.optional(int) }),
  passSummary: v.object({
    kind: v.literal('pass-summary'),
    seq,
    pass: int,
    rootTensorId: int,
    loss: v.optional(float),
    gradNorms: v.array(gradNormSchema),
    loc,
  }),
  runStart: v.object({ kind: v.literal('run-start'), seq, cell: text }),
  hook: v.object({
    kind: v.literal('hook'),
    seq,
    pass: int,
    target: inputRefSchema,
    name: text,
    before: tensorSummarySchema,
    after: v.optional(tensorSummarySchema),
    loc,
  }),
  backwardError: v.object({ kind: v.literal('backward-error'), seq, pass: int, nodeId: int, ename: text, message: text, anomaly: v.boolean(), loc }),
  customCall: v.object({
    kind: v.literal('custom-call'),
    seq,
    callId: int,
    fn: v.picklist(['forward', 'backward']),
    functionName: text,
    nodeId: v.optional(int),
    pass: v.optional(int),
    loc,
  }),
  customLine: v.object({ kind: v.literal('custom-line'), seq, callId: int, loc: sourceLocationSchema, locals: v.array(localValueSchema) }),
  customReturn: v.object({
    kind: v.literal('custom-return'),
    seq,
    callId: int,
    loc: sourceLocationSchema,
    locals: v.array(localValueSchema),
    value: v.optional(pyValueSchema),
    error: v.optional(text),
  }),
  tangent: v.object({
    kind: v.literal('tangent'),
    seq,
    op: text,
    tensorId: int,
    nodeId: v.optional(int),
    inputs: v.array(v.nullable(int)),
    primal: tensorSummarySchema,
    tangent: tensorSummarySchema,
    loc,
    pass: v.optional(int),
    terms: v.optional(
      v.array(
        v.object({
          index: int,
          tangentIn: tensorSummarySchema,
          contribution: v.nullable(tensorSummarySchema),
          local: v.optional(tensorSummarySchema),
        }),
      ),
    ),
  }),
  handGradient: v.object({
    kind: v.literal('hand-gradient'),
    seq,
    name: text,
    tensorId: int,
    target: inputRefSchema,
    verdict: v.picklist(['exact', 'close', 'wrong']),
    maxDiff: float,
    mine: tensorSummarySchema,
    autograd: tensorSummarySchema,
    loc,
  }),
  gradcheck: v.object({ kind: v.literal('gradcheck'), seq, nodeId: int, ok: v.boolean(), jacobians: v.array(jacobianPairSchema), message: v.optional(text) }),
  traceSummary: v.object({
    kind: v.literal('trace-summary'),
    seq,
    limit: count,
    omitted: count,
    counts: v.array(v.object({ kind: v.picklist(EVENT_KINDS), op: v.optional(text), loc, count })),
  }),
} as const;

const unknownKind = (issue: v.VariantIssue): string => `kind ${issue.received} is not a trace event kind`;

/** A current (v3) trace event; v2 events are v3 events (v3 only added kinds and optional fields). */
export const traceEventSchema = v.variant('kind', Object.values(eventSchemas), unknownKind);

/** A v1 event: backward steps had no `edges` yet (migrate.ts rebuilds them). */
export const v1TraceEventSchema = v.variant(
  'kind',
  [
    ...Object.values(eventSchemas).filter((s) => s !== eventSchemas.backwardStep),
    v.object({ ...eventSchemas.backwardStep.entries, edges: v.optional(v.array(backwardEdgeSchema)) }),
  ],
  unknownKind,
);

/** Snapshot cells; `kind` is optional (absent means code) so older snapshots keep opening. */
export const snapshotCellSchema = v.object({
  id: text,
  source: v.pipe(v.string(), v.maxLength(MAX_SOURCE_LENGTH)),
  kind: v.optional(v.picklist(['code', 'markdown'])),
  outputs: v.optional(
    v.pipe(
      v.array(
        v.variant('kind', [
          v.object({ kind: v.literal('stream'), stream: v.picklist(['stdout', 'stderr']), text: v.pipe(v.string(), v.maxLength(MAX_SOURCE_LENGTH)) }),
          v.object({
            kind: v.literal('error'),
            ename: text,
            evalue: v.pipe(v.string(), v.maxLength(MAX_SOURCE_LENGTH)),
            traceback: v.pipe(v.string(), v.maxLength(MAX_SOURCE_LENGTH)),
            line: v.optional(int),
          }),
        ]),
      ),
      v.maxLength(1_000),
    ),
  ),
});

export const snapshotViewSchema = v.object({ step: v.optional(v.number()), selectedNodeId: v.optional(int) });

// ---- Drift checks: each schema's output is its schema.ts type, and each type passes its schema. ----
type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Assert<T extends true> = T;
type Mutual<A, B> = [A] extends [DeepReadonly<B>] ? ([B] extends [A] ? true : false) : false;
type SchemaEvent = v.InferOutput<typeof traceEventSchema>;
export type SchemaMatchesTraceEvent = Assert<Mutual<TraceEvent, SchemaEvent>>;
export type SchemaMatchesEveryKind = Assert<[Exclude<TraceEvent['kind'], SchemaEvent['kind']>] extends [never] ? true : false>;
type KeysOf<U, K> = U extends { kind: K } ? keyof U : never;
type SameKeys<K extends TraceEvent['kind']> = [KeysOf<TraceEvent, K>] extends [KeysOf<SchemaEvent, K>]
  ? [KeysOf<SchemaEvent, K>] extends [KeysOf<TraceEvent, K>]
    ? true
    : false
  : false;
/** Optional fields escape assignability, so every kind must also name the same fields. */
export type SchemaNamesEveryField = Assert<false extends { [K in TraceEvent['kind']]: SameKeys<K> }[TraceEvent['kind']] ? false : true>;

/** Nested types get the same two checks: same shape, and the same field names (optional ones too). */
type Exact<A, B> = Mutual<A, B> extends true ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false;
export type SchemaMatchesNestedTypes = Assert<
  Exact<TensorSummary, v.InferOutput<typeof tensorSummarySchema>> extends true
    ? Exact<SourceLocation, v.InferOutput<typeof sourceLocationSchema>> extends true
      ? Exact<ModuleFrame, v.InferOutput<typeof moduleFrameSchema>> extends true
        ? Exact<GradReduction, v.InferOutput<typeof gradReductionSchema>> extends true
          ? Exact<BackwardEdge, v.InferOutput<typeof backwardEdgeSchema>> extends true
            ? Exact<GradContribution, v.InferOutput<typeof gradContributionSchema>> extends true
              ? Exact<GradNorm, v.InferOutput<typeof gradNormSchema>> extends true
                ? Exact<JacobianPair, v.InferOutput<typeof jacobianPairSchema>> extends true
                  ? true
                  : false
                : false
              : false
            : false
          : false
        : false
      : false
    : false
>;
