import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import fanOut from '../../trace/test/fixtures/fan-out-broadcast-trace.json' with { type: 'json' };
import { createTraceIndex } from '../../trace/trace-index.ts';
import { inspectNodeIn } from '../inspect-node.ts';

const FAN = fanOut as unknown as readonly TraceEvent[];

describe('the inspector', () => {
  it('calls an unnamed tensor by the expression that made it, as the chain-rule panel does (no internal id)', () => {
    const index = createTraceIndex(FAN);
    const sums = FAN.filter((event): event is Extract<TraceEvent, { kind: 'op' }> => event.kind === 'op' && event.op === 'sum');
    const add = FAN.find((event): event is Extract<TraceEvent, { kind: 'op' }> => event.kind === 'op' && event.op === 'add' && event.seq > sums[0]!.seq)!;
    const graph = index.graphAt(undefined, { names: 'final' });
    expect(inspectNodeIn(index, graph, `n${add.nodeId}`)?.output.name).toBe('c + d');
    expect(inspectNodeIn(index, graph, `n${sums[1]!.nodeId}`)?.inputs.map((input) => input.name)).toEqual(['c + d']);
  });
});
