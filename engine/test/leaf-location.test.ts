/**
 * A leaf belongs to the line that made it (where it started requiring grad), not to the line that
 * first used it: `x = torch.tensor(..., requires_grad=True)` on line 2 is "leaf · line 2", and
 * clicking line 2 selects x. (It used to be tied to its first use, line 5.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace/schema.ts';
import { createSessionRecording, type SessionRecording } from '../worker/cell-recorder.ts';
import { startTestSession, type TestSession } from './python-session.ts';

let py: TestSession;
let recording: SessionRecording;

beforeAll(async () => {
  py = await startTestSession();
  recording = createSessionRecording(py.session);
}, 120_000);

const leaves = (events: readonly TraceEvent[]) => events.flatMap((event) => (event.kind === 'leaf' ? [{ cell: event.loc?.cell, line: event.loc?.line }] : []));

function record(cell: string, code: string): readonly TraceEvent[] {
  const { result, events } = recording.record(cell, `${cell}.py`, () => py.session.run(code, `${cell}.py`));
  expect(result).toEqual({ ok: true });
  return events;
}

describe('leaf locations', () => {
  it('ties each leaf to the line that made it require grad', () => {
    const events = record(
      'cell-1',
      [
        'import torch',
        'x = torch.tensor([1.0, 2.0], requires_grad=True)',
        'w = torch.ones(2)',
        'w.requires_grad_()',
        'y = (x * w).sum()',
        'lin = torch.nn.Linear(2, 1)',
        'z = lin(x)',
      ].join('\n'),
    );
    expect(leaves(events)).toEqual([
      { cell: 'cell-1', line: 2 }, // x
      { cell: 'cell-1', line: 4 }, // w
      // nn.Linear's weight and bias are made inside torch: the user's line that made the module.
      { cell: 'cell-1', line: 6 },
      { cell: 'cell-1', line: 6 },
    ]);
  });

  it('keeps the line of an earlier cell for a leaf made there and first used in a later one', () => {
    record('cell-2', 'import torch\na = torch.ones(3, requires_grad=True)');
    const events = record('cell-3', 'b = a * 2');
    expect(leaves(events)).toEqual([{ cell: 'cell-2', line: 2 }]);
  });
});

describe('names on the graph', () => {
  const names = (events: readonly TraceEvent[]) => events.flatMap((event) => (event.kind === 'name' ? [event.name] : []));

  it('calls a parameter by its own name, not by the loop variable last bound to it', () => {
    const events = record(
      'cell-4',
      [
        'W = torch.ones(2, requires_grad=True)',
        'b2 = torch.zeros(2, requires_grad=True)',
        'for p in [W, b2]:',
        '    p.grad = None',
        'loss = (W * b2).sum()',
      ].join('\n'),
    );
    expect(names(events)).toEqual(expect.arrayContaining(['W', 'b2', 'loss']));
    expect(names(events)).not.toContain('p');
  });
});
