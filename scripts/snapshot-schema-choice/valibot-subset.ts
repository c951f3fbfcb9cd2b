/** The trace events a training loop is made of, in valibot (the same subset as zod-subset.ts). */
import * as v from 'valibot';

const int = v.pipe(v.number(), v.integer());
const float = v.nullable(v.number());
const tensor = v.object({
  id: int, shape: v.array(int), dtype: v.picklist(['float32', 'float64', 'int64', 'int32', 'bool']), requiresGrad: v.boolean(),
  values: v.optional(v.array(float)), text: v.optional(v.string()), stats: v.optional(v.object({ min: float, max: float, mean: float })),
});
const maybe = v.nullable(tensor);
const ref = v.variant('kind', [
  v.object({ kind: v.literal('node'), nodeId: int, outputNr: int }), v.object({ kind: v.literal('leaf'), tensorId: int }), v.object({ kind: v.literal('none') }),
]);
const loc = v.optional(v.object({ cell: v.string(), line: int, column: v.optional(int) }));
const event = v.variant('kind', [
  v.object({ kind: v.literal('leaf'), seq: v.number(), tensor, name: v.optional(v.string()), loc, parameter: v.optional(v.string()) }),
  v.object({ kind: v.literal('op'), seq: v.number(), nodeId: int, op: v.string(), gradFn: v.string(), inputs: v.array(ref), output: tensor, loc, name: v.optional(v.string()) }),
  v.object({ kind: v.literal('name'), seq: v.number(), tensorId: int, name: v.string() }),
  v.object({ kind: v.literal('backward-start'), seq: v.number(), pass: int, rootTensorId: int, retainGraph: v.boolean(), createGraph: v.boolean(), loc, root: v.optional(tensor) }),
  v.object({
    kind: v.literal('backward-step'), seq: v.number(), pass: int, nodeId: int, gradsIn: v.array(maybe), gradsOut: v.array(maybe), op: v.optional(v.string()), formula: v.optional(v.string()),
    edges: v.array(v.object({ index: int, input: ref, formula: v.optional(v.string()), rule: v.optional(v.string()), local: v.optional(tensor), product: v.optional(tensor), grad: maybe })),
  }),
  v.object({ kind: v.literal('gradient-sum'), seq: v.number(), pass: int, target: ref, contributions: v.array(v.object({ fromNodeId: int, grad: tensor })), sum: tensor }),
  v.object({ kind: v.literal('accumulate'), seq: v.number(), pass: int, tensorId: int, before: maybe, added: tensor, after: tensor }),
  v.object({ kind: v.literal('backward-end'), seq: v.number(), pass: int }),
  v.object({ kind: v.literal('saved-freed'), seq: v.number(), nodeIds: v.array(int), pass: v.optional(int) }),
  v.object({ kind: v.literal('pass-summary'), seq: v.number(), pass: int, rootTensorId: int, loss: v.optional(float), gradNorms: v.array(v.object({ tensorId: int, name: v.optional(v.string()), norm: float })), loc }),
  v.object({ kind: v.literal('run-start'), seq: v.number(), cell: v.string() }),
]);
const events = v.array(event);

export const validate = (input: unknown): boolean => v.safeParse(events, input).success;
