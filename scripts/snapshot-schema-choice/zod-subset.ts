/** The trace events a training loop is made of, in zod (the same subset as valibot-subset.ts). */
import { z } from 'zod';

const int = z.number().int();
const float = z.number().nullable();
const tensor = z.object({
  id: int, shape: z.array(int), dtype: z.enum(['float32', 'float64', 'int64', 'int32', 'bool']), requiresGrad: z.boolean(),
  values: z.array(float).optional(), text: z.string().optional(), stats: z.object({ min: float, max: float, mean: float }).optional(),
});
const maybe = tensor.nullable();
const ref = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('node'), nodeId: int, outputNr: int }), z.object({ kind: z.literal('leaf'), tensorId: int }), z.object({ kind: z.literal('none') }),
]);
const loc = z.object({ cell: z.string(), line: int, column: int.optional() }).optional();
const event = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('leaf'), seq: z.number(), tensor, name: z.string().optional(), loc, parameter: z.string().optional() }),
  z.object({ kind: z.literal('op'), seq: z.number(), nodeId: int, op: z.string(), gradFn: z.string(), inputs: z.array(ref), output: tensor, loc, name: z.string().optional() }),
  z.object({ kind: z.literal('name'), seq: z.number(), tensorId: int, name: z.string() }),
  z.object({ kind: z.literal('backward-start'), seq: z.number(), pass: int, rootTensorId: int, retainGraph: z.boolean(), createGraph: z.boolean(), loc, root: tensor.optional() }),
  z.object({
    kind: z.literal('backward-step'), seq: z.number(), pass: int, nodeId: int, gradsIn: z.array(maybe), gradsOut: z.array(maybe), op: z.string().optional(), formula: z.string().optional(),
    edges: z.array(z.object({ index: int, input: ref, formula: z.string().optional(), rule: z.string().optional(), local: tensor.optional(), product: tensor.optional(), grad: maybe })),
  }),
  z.object({ kind: z.literal('gradient-sum'), seq: z.number(), pass: int, target: ref, contributions: z.array(z.object({ fromNodeId: int, grad: tensor })), sum: tensor }),
  z.object({ kind: z.literal('accumulate'), seq: z.number(), pass: int, tensorId: int, before: maybe, added: tensor, after: tensor }),
  z.object({ kind: z.literal('backward-end'), seq: z.number(), pass: int }),
  z.object({ kind: z.literal('saved-freed'), seq: z.number(), nodeIds: z.array(int), pass: int.optional() }),
  z.object({ kind: z.literal('pass-summary'), seq: z.number(), pass: int, rootTensorId: int, loss: float.optional(), gradNorms: z.array(z.object({ tensorId: int, name: z.string().optional(), norm: float })), loc }),
  z.object({ kind: z.literal('run-start'), seq: z.number(), cell: z.string() }),
]);
const events = z.array(event);

export const validate = (input: unknown): boolean => events.safeParse(input).success;
