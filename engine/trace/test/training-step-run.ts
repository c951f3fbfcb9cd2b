import type { TraceEvent } from '../schema.ts';

/** One cell run of a training step: an op, a backward pass over it, and the pass's summary (seqs pass*10 .. pass*10+5). */
export function trainingStepRun(pass: number): TraceEvent[] {
  const seq = pass * 10;
  return [
    { kind: 'run-start', seq, cell: 'a' },
    {
      kind: 'op',
      seq: seq + 1,
      nodeId: pass,
      op: 'mul',
      gradFn: 'MulBackward0',
      inputs: [],
      output: { id: 1000 + pass, shape: [], dtype: 'float32', requiresGrad: true, values: [1] },
    },
    { kind: 'backward-start', seq: seq + 2, pass, rootTensorId: 1000 + pass, retainGraph: false, createGraph: false },
    { kind: 'backward-step', seq: seq + 3, pass, nodeId: pass, gradsIn: [], gradsOut: [], edges: [] },
    { kind: 'backward-end', seq: seq + 4, pass },
    { kind: 'pass-summary', seq: seq + 5, pass, rootTensorId: 1000 + pass, loss: 1 / pass, gradNorms: [] },
  ];
}
