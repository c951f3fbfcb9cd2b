/**
 * Stepping through your own backward(): the trace of a recorded run holds the user's custom
 * Function frames line by line with their locals, the gradcheck of each custom node, and named
 * backward errors (PyTorch's texts, goldens by scripts/goldens/custom_frames.py).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PythonSession, RunOutcome } from '../python/session.ts';
import type { LocalValue, PyValue, TraceEvent } from '../trace/schema.ts';
import { loadSnapshot } from '../trace/snapshot.ts';
import { createSessionRecording, type SessionRecording } from '../worker/cell-recorder.ts';
import { sharedPythonSession } from './python-session.ts';
import { gradscopeInProcess } from './gradscope-run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, 'engine/test/custom-frames');
const goldens = JSON.parse(readFileSync(join(DIR, 'goldens.json'), 'utf8')) as Record<
  string,
  { stdout: string; exit_code: number; last_stderr_line: string; gradcheck?: string | null }
>;

type EventOf<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

interface RecordedRun extends RunOutcome {
  readonly events: TraceEvent[];
  readonly stdout: string;
  readonly stderr: string;
}

let session: PythonSession;
let recording: SessionRecording;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  session = await sharedPythonSession({
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  recording = createSessionRecording(session);
}, 120_000);

/** Runs code as one recorded cell of a fresh namespace (`keep` keeps the namespace of the cell before). */
function recordCell(code: string, file: string, keep = false): RecordedRun {
  if (!keep) session.reset();
  stdout = '';
  stderr = '';
  const { result, events } = recording.record('cell-1', file, () => session.run(code, file));
  return { ...result, events, stdout, stderr };
}

function recordProgram(name: string): RecordedRun {
  return recordCell(readFileSync(join(DIR, `${name}.py`), 'utf8'), `${name}.py`);
}

const ofKind = <K extends TraceEvent['kind']>(events: readonly TraceEvent[], kind: K): EventOf<K>[] => events.filter((e): e is EventOf<K> => e.kind === kind);

/** The line events and return of one custom call. */
function framesOf(events: readonly TraceEvent[], callId: number) {
  return {
    lines: ofKind(events, 'custom-line').filter((e) => e.callId === callId),
    ret: ofKind(events, 'custom-return').find((e) => e.callId === callId),
  };
}

function local(locals: readonly LocalValue[], name: string): PyValue | undefined {
  return locals.find((l) => l.name === name)?.value;
}

function valuesOf(value: PyValue | undefined): readonly number[] | undefined {
  return value?.kind === 'tensor' ? value.tensor.values : undefined;
}

/** The traceback's last line, as PyTorch's golden records it. */
const lastLine = (run: RecordedRun): string | undefined => run.error?.traceback.trimEnd().split('\n').at(-1);

/** The 1-based line of the first line of `name`.py that contains `text`. */
function lineOf(name: string, text: string): number {
  const lines = readFileSync(join(DIR, `${name}.py`), 'utf8').split('\n');
  return lines.findIndex((l) => l.includes(text)) + 1;
}

describe('line-by-line recording of a custom Function', () => {
  it('records MyReLU’s backward: grad_output, the saved input, grad_input after each line, and the returned gradient', () => {
    const run = recordProgram('myrelu');
    expect(run.stdout).toBe(goldens.myrelu!.stdout);
    const op = ofKind(run.events, 'op').find((e) => e.gradFn === 'MyReLUBackward')!;
    const backward = ofKind(run.events, 'custom-call').find((e) => e.fn === 'backward')!;
    const [start] = ofKind(run.events, 'backward-start');
    expect(backward).toMatchObject({
      functionName: 'MyReLU',
      nodeId: op.nodeId,
      pass: start!.pass,
      loc: { cell: 'cell-1', line: lineOf('myrelu', 'def backward') },
    });

    const { lines, ret } = framesOf(run.events, backward.callId);
    expect(lines.map((e) => e.loc.line)).toEqual([12, 13, 14, 15]);
    const [unpack, clone, mask, returning] = lines;
    expect(valuesOf(local(unpack!.locals, 'grad_output'))).toEqual([1, 1, 1, 1]);
    expect(local(unpack!.locals, 'input')).toBeUndefined();
    expect(valuesOf(local(clone!.locals, 'input'))).toEqual([-2, -0.5, 0.5, 3]);
    expect(valuesOf(local(mask!.locals, 'grad_input'))).toEqual([1, 1, 1, 1]);
    expect(valuesOf(local(returning!.locals, 'grad_input'))).toEqual([0, 0, 1, 1]);
    expect(ret!.loc.line).toBe(15);
    expect(valuesOf(ret!.value)).toEqual([0, 0, 1, 1]);
  });

  it('shows ctx with its saved tensors and needs_input_grad', () => {
    const run = recordProgram('myrelu');
    const backward = ofKind(run.events, 'custom-call').find((e) => e.fn === 'backward')!;
    const ctx = local(framesOf(run.events, backward.callId).lines[0]!.locals, 'ctx');
    expect(ctx?.kind).toBe('ctx');
    if (ctx?.kind !== 'ctx') return;
    expect(ctx.needsInputGrad).toEqual([true]);
    expect(ctx.savedTensors.map(valuesOf)).toEqual([[-2, -0.5, 0.5, 3]]);
  });

  it('links the custom node’s op event to the forward call that made it, and records the forward’s lines', () => {
    const run = recordProgram('myrelu');
    const forward = ofKind(run.events, 'custom-call').find((e) => e.fn === 'forward')!;
    expect(forward.loc?.line).toBe(lineOf('myrelu', 'def forward'));
    const op = ofKind(run.events, 'op').find((e) => e.gradFn === 'MyReLUBackward')!;
    expect(op.customCall).toBe(forward.callId);
    const { lines, ret } = framesOf(run.events, forward.callId);
    expect(lines.map((e) => e.loc.line)).toEqual([7, 8]);
    expect(valuesOf(ret!.value)).toEqual([0, 0, 0.5, 3]);
  });

  it('records scalars, user attributes on ctx and non-tensor arguments by their repr', () => {
    const run = recordCell(
      [
        'import torch',
        'class Scale(torch.autograd.Function):',
        '    @staticmethod',
        '    def forward(ctx, x, k, note):',
        '        ctx.k = k',
        '        return x * k',
        '    @staticmethod',
        '    def backward(ctx, g):',
        '        return g * ctx.k, None, None',
        'x = torch.tensor([1., 2.], requires_grad=True)',
        "Scale.apply(x, 3, ('a', 2)).sum().backward()",
      ].join('\n'),
      'scale.py',
    );
    expect(run.ok).toBe(true);
    const forward = ofKind(run.events, 'custom-call').find((e) => e.fn === 'forward')!;
    const { ret } = framesOf(run.events, forward.callId);
    expect(local(ret!.locals, 'k')).toEqual({ kind: 'scalar', text: '3' });
    expect(local(ret!.locals, 'note')).toEqual({
      kind: 'tuple',
      items: [
        { kind: 'scalar', text: "'a'" },
        { kind: 'scalar', text: '2' },
      ],
    });
    const ctx = local(ret!.locals, 'ctx');
    expect(ctx?.kind === 'ctx' ? ctx.attrs : []).toEqual([{ name: 'k', value: { kind: 'scalar', text: '3' } }]);
    expect(ctx?.kind === 'ctx' ? ctx.needsInputGrad : []).toEqual([true, false, false]);
    // In backward the ctx is also the grad_fn object; its link to the engine node stays hidden.
    const backward = ofKind(run.events, 'custom-call').find((e) => e.fn === 'backward')!;
    const backwardCtx = local(framesOf(run.events, backward.callId).ret!.locals, 'ctx');
    expect(backwardCtx?.kind === 'ctx' ? backwardCtx.attrs : []).toEqual([{ name: 'k', value: { kind: 'scalar', text: '3' } }]);
    // Non-tensor arguments are passed to the check as they were.
    expect(ofKind(run.events, 'gradcheck')).toMatchObject([{ ok: true }]);
  });

  it('records nothing of a program without custom Functions', () => {
    const run = recordCell('import torch\nx = torch.ones(2, requires_grad=True)\n(x * 2).sum().backward()\n', 'plain.py');
    expect(run.events.filter((e) => e.kind.startsWith('custom') || e.kind === 'gradcheck')).toEqual([]);
  });
});

describe('gradcheck of custom nodes', () => {
  it('fails a backward that returns g * x for x * x, with both Jacobians and PyTorch’s message', () => {
    const run = recordProgram('gradcheck_gx');
    expect(run.stdout).toBe(goldens.gradcheck_gx!.stdout);
    const op = ofKind(run.events, 'op').find((e) => e.gradFn === 'SquareBackward')!;
    const check = ofKind(run.events, 'gradcheck').find((e) => e.nodeId === op.nodeId)!;
    expect(check.ok).toBe(false);
    expect(check.message).toBe(goldens.gradcheck_gx!.gradcheck);
    const [pair] = check.jacobians;
    expect(pair).toMatchObject({
      inputIndex: 0,
      outputIndex: 0,
      mismatches: [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
    });
    expect(pair!.analytical.shape).toEqual([3, 3]);
    expect(pair!.analytical.values).toEqual([1, 0, 0, 0, 2, 0, 0, 0, 3]);
    const numerical = pair!.numerical.values!;
    [2, 0, 0, 0, 4, 0, 0, 0, 6].forEach((v, i) => expect(numerical[i]).toBeCloseTo(v, 6));
  });

  it('passes MyReLU', () => {
    const run = recordProgram('myrelu');
    const [check] = ofKind(run.events, 'gradcheck');
    expect(check).toMatchObject({ ok: true });
    expect(check!.message).toBeUndefined();
  });

  it('leaves no mark: no op events, no prints, the same random numbers and .grad afterwards', () => {
    const program = [
      'import torch',
      'torch.manual_seed(0)',
      'class Noisy(torch.autograd.Function):',
      '    @staticmethod',
      '    def forward(ctx, x):',
      "        print('forward ran')",
      '        return x * 2',
      '    @staticmethod',
      '    def backward(ctx, g):',
      '        return g * 2',
      'x = torch.tensor([1., 2.], requires_grad=True)',
      'Noisy.apply(x).sum().backward()',
    ].join('\n');
    const after = 'print(torch.rand(3), x.grad)\n';
    const run = recordCell(program, 'noisy.py');
    const check = ofKind(run.events, 'gradcheck');
    expect(check).toHaveLength(1);
    const lastEnd = run.events.findIndex((e) => e.kind === 'pass-summary');
    expect(run.events.slice(lastEnd).filter((e) => e.kind === 'op' || e.kind.startsWith('custom'))).toEqual([]);
    expect(run.stdout).toBe('forward ran\n');
    const recorded = recordCell(after, 'after.py', true).stdout;

    session.reset();
    session.run(program, 'noisy.py');
    stdout = '';
    session.run(after, 'after.py');
    expect(recorded).toBe(stdout);
  });

  it('checks a node with large inputs only on request', () => {
    const run = recordCell(
      [
        'import torch',
        'class Double(torch.autograd.Function):',
        '    @staticmethod',
        '    def forward(ctx, x):',
        '        return x * 2',
        '    @staticmethod',
        '    def backward(ctx, g):',
        '        return g * 2',
        'x = torch.linspace(-1, 1, 100, requires_grad=True)',
        'Double.apply(x).sum().backward()',
      ].join('\n'),
      'big.py',
    );
    expect(ofKind(run.events, 'gradcheck')).toEqual([]);
    const op = ofKind(run.events, 'op').find((e) => e.gradFn === 'DoubleBackward')!;
    const check = recording.gradcheck(op.nodeId);
    expect(check).toMatchObject({ kind: 'gradcheck', nodeId: op.nodeId, ok: true });
    expect(check?.kind === 'gradcheck' && check.jacobians[0]!.analytical.shape).toEqual([100, 100]);
    expect(recording.gradcheck(987654)).toBeUndefined();
  });
});

describe('backward errors are named on the node and at the user’s return line', () => {
  const cases = [
    ['wrong_count', 'TwiceBackward', 'return doubled, doubled'],
    ['wrong_shape', 'ShrinkBackward', 'return g[:2] * 2'],
    ['non_tensor_grad', 'ScaleBackward', 'return g * ctx.k, g'],
    ['saved_modified', 'CubeBackward', 'x, = ctx.saved_tensors'],
  ] as const;
  for (const [name, gradFn, line] of cases) {
    it(`${name}: PyTorch’s text, on ${gradFn}, at \`${line}\``, () => {
      const run = recordProgram(name);
      const golden = goldens[name]!;
      expect(run.ok).toBe(false);
      expect(lastLine(run)).toBe(golden.last_stderr_line);
      const op = ofKind(run.events, 'op').find((e) => e.gradFn === gradFn)!;
      const [error] = ofKind(run.events, 'backward-error');
      const [start] = ofKind(run.events, 'backward-start');
      expect(error).toMatchObject({
        nodeId: op.nodeId,
        pass: start!.pass,
        ename: 'RuntimeError',
        anomaly: false,
        loc: { cell: 'cell-1', line: lineOf(name, line) },
      });
      expect(`RuntimeError: ${error!.message}`).toBe(golden.last_stderr_line);
      // The traceback shows the user's frames only, as PyTorch's (no engine frames in between).
      expect(run.error!.traceback).not.toMatch(/\.ts"/);
    });
  }

  it('a built-in node whose saved output was modified in place gets the error too (no return line)', () => {
    const run = recordCell('import torch\na = torch.tensor([1., 2.], requires_grad=True)\nb = a.exp()\nb.add_(1)\nb.sum().backward()\n', 'exp.py');
    const exp = ofKind(run.events, 'op').find((e) => e.gradFn === 'ExpBackward0')!;
    const [error] = ofKind(run.events, 'backward-error');
    expect(error).toMatchObject({ nodeId: exp.nodeId, ename: 'RuntimeError', anomaly: false });
    expect(error!.loc).toBeUndefined();
    expect(`RuntimeError: ${error!.message}`).toBe(lastLine(run));
  });

  it('a NaN under detect_anomaly marks the sqrt node, whose op event holds the forward line', () => {
    const run = recordProgram('anomaly');
    expect(lastLine(run)).toBe(goldens.anomaly!.last_stderr_line);
    expect(run.stderr).toContain('UserWarning: Error detected in SqrtBackward0. Traceback of forward call that caused the error:');
    const sqrt = ofKind(run.events, 'op').find((e) => e.gradFn === 'SqrtBackward0')!;
    expect(sqrt.loc?.line).toBe(lineOf('anomaly', 'y = torch.sqrt(x)'));
    const [error] = ofKind(run.events, 'backward-error');
    expect(error).toMatchObject({ nodeId: sqrt.nodeId, anomaly: true, ename: 'RuntimeError' });
    expect(`RuntimeError: ${error!.message}`).toBe(goldens.anomaly!.last_stderr_line);
  });
});

describe('double backward through a custom Function', () => {
  it('records the ops of its backward under create_graph as nodes of that pass', () => {
    const run = recordProgram('double_backward');
    expect(run.stdout).toBe(goldens.double_backward!.stdout);
    const start = ofKind(run.events, 'backward-start').find((e) => e.createGraph)!;
    const secondOrder = ofKind(run.events, 'op').filter((e) => e.pass === start.pass);
    // `2 * g * x`: g (ones) does not require grad, so only `(2 * g) * x` becomes a node.
    expect(secondOrder.map((e) => e.gradFn)).toEqual(['MulBackward0']);
    expect(
      ofKind(run.events, 'op')
        .filter((e) => e.pass === undefined)
        .map((e) => e.gradFn),
    ).toContain('SquareBackward');
  });

  it('@once_differentiable raises PyTorch’s error when differentiated again', () => {
    const run = recordProgram('once_differentiable');
    const golden = goldens.once_differentiable!;
    expect(run.stdout).toBe(golden.stdout);
    expect(lastLine(run)).toBe(golden.last_stderr_line);
    const errorNode = ofKind(run.events, 'op').find((e) => e.gradFn === 'Error')!;
    expect(errorNode.pass).toBeDefined();
    expect(ofKind(run.events, 'backward-error')[0]).toMatchObject({ nodeId: errorNode.nodeId, anomaly: false });
  });
});

describe('gradscope run --snapshot', () => {
  it('writes the line events of custom Functions into the snapshot', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gradscope-')), 'relu.json');
    const result = await gradscopeInProcess(['run', 'myrelu.py', '--snapshot', out], DIR);
    expect(result.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { trace: { events: TraceEvent[] } };
    expect(loadSnapshot(json).ok).toBe(true);
    const events = json.trace.events;
    expect(ofKind(events, 'custom-line').map((e) => e.loc.line)).toEqual([7, 8, 12, 13, 14, 15]);
    expect(ofKind(events, 'gradcheck')).toHaveLength(1);
  });
});
