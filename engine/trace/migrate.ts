/**
 * Trace migrations, so old snapshots keep opening. v1 → v2: backward steps gain `edges` (the
 * input refs and sent gradients, without chain-rule numbers, which v1 did not record),
 * saved-freed gains its `pass`, and every pass gets the `pass-summary` v2 writes (loss from the
 * root op's output when it has one element; gradient norms from the accumulations).
 */
import { TRACE_VERSION, type GradNorm, type InputRef, type Trace, type TraceEvent } from './schema.ts';

/** A v1 event: the v2 union without v2's required additions (structure checked by the validator). */
type V1Event = Record<string, unknown> & { readonly kind: string; readonly seq: number };

export function migrateV1toV2(events: readonly V1Event[]): TraceEvent[] {
  const inputsOfNode = new Map<number, readonly InputRef[]>();
  const opOutputs = new Map<number, { values?: readonly number[] }>();
  const names = new Map<number, string>();
  const out: TraceEvent[] = [];
  let currentPass = 0;
  let root = -1;
  let norms = new Map<number, GradNorm>();
  for (const raw of events) {
    const e = raw as unknown as TraceEvent;
    switch (e.kind) {
      case 'op':
        inputsOfNode.set(e.nodeId, e.inputs);
        opOutputs.set(e.output.id, e.output);
        if (e.name) names.set(e.output.id, e.name);
        out.push(e);
        break;
      case 'leaf':
        if (e.name) names.set(e.tensor.id, e.name);
        out.push(e);
        break;
      case 'name':
        names.set(e.tensorId, e.name);
        out.push(e);
        break;
      case 'backward-start':
        currentPass = e.pass;
        root = e.rootTensorId;
        norms = new Map();
        out.push(e);
        break;
      case 'backward-step': {
        const inputs = inputsOfNode.get(e.nodeId) ?? [];
        const edges = e.gradsOut.map((grad, index) => ({ index, input: inputs[index] ?? { kind: 'none' as const }, grad }));
        out.push({ ...e, edges });
        break;
      }
      case 'accumulate': {
        const v = e.after.values;
        const norm = v ? Math.sqrt(v.reduce((s, x) => s + x * x, 0)) : undefined;
        const name = names.get(e.tensorId);
        if (norm !== undefined) norms.set(e.tensorId, { tensorId: e.tensorId, ...(name ? { name } : {}), norm });
        out.push(e);
        break;
      }
      case 'saved-freed':
        out.push({ ...e, pass: currentPass });
        break;
      case 'backward-end': {
        out.push(e);
        const loss = opOutputs.get(root)?.values;
        // seq + 0.5: between backward-end and the next v1 event, keeping every v1 seq (a saved
        // view's step) as it was and the order increasing.
        out.push({
          kind: 'pass-summary',
          seq: e.seq + 0.5,
          pass: e.pass,
          rootTensorId: root,
          ...(loss && loss.length === 1 ? { loss: loss[0] } : {}),
          gradNorms: [...norms.values()],
        });
        break;
      }
      default:
        out.push(e);
    }
  }
  return out;
}

/** Any supported trace version to the current one. Throws for versions this build does not know. */
export function migrateTrace(version: number, events: readonly unknown[]): Trace {
  if (version === TRACE_VERSION) return { version: TRACE_VERSION, events: events as TraceEvent[] };
  // v2 → v3 only added event kinds and optional fields: a v2 trace is a valid v3 trace.
  if (version === 2) return { version: TRACE_VERSION, events: events as TraceEvent[] };
  if (version === 1) return { version: TRACE_VERSION, events: migrateV1toV2(events as V1Event[]) };
  throw new Error(`trace version ${version} is newer than this Gradscope understands (${TRACE_VERSION})`);
}
