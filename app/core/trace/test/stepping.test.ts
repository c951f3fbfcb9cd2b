import { describe, expect, it } from 'vitest';
import { buildSteps } from '../steps.ts';
import { breakpointKey, customFrames, recordedLines } from '../frames.ts';
import { frameAt, playTick, stepBackFrom, stepInto, stepOut, stepOver, type ReplayPosition } from '../stepping.ts';
import { myReluTrace, wrongCountTrace } from './fixtures/custom-traces.ts';

const events = myReluTrace();
const steps = buildSteps(events);
const backwardStep = steps.find((step) => step.label === 'backward of MyReLUBackward')!;
const forwardStep = steps.find((step) => step.label === 'MyReLUBackward')!;
const graphLevel = (step: number | null): ReplayPosition => ({ step, substep: null });
const lineOf = (position: ReplayPosition) => frameAt(events, steps, position)?.substep.loc.line;

describe('recorded frames', () => {
  it('group the line events of each forward and backward call under their call', () => {
    const frames = customFrames(events);
    expect([...frames.values()].map((frame) => `${frame.functionName}.${frame.fn}`)).toEqual(['MyReLU.forward', 'MyReLU.backward']);
    expect(frames.get(2)!.substeps.map((substep) => `${substep.kind} ${substep.loc.line}`)).toEqual(['line 12', 'line 13', 'line 14', 'line 15', 'return 15']);
  });

  it('make the custom node’s forward op step and its backward step enterable, and no other step', () => {
    expect(forwardStep.customCallId).toBe(1);
    expect(backwardStep.customCallId).toBe(2);
    expect(steps.filter((step) => step.customCallId !== undefined)).toHaveLength(2);
  });

  it('list the lines that can hold a breakpoint: those that ran inside a recorded frame', () => {
    expect([...recordedLines(events, 'cell-1')].sort((a, b) => a - b)).toEqual([7, 8, 12, 13, 14, 15]);
  });

  it('make an error step of a custom node enterable into the backward that raised', () => {
    const errorSteps = buildSteps(wrongCountTrace()).filter((step) => step.isError);
    expect(errorSteps).toHaveLength(1);
    expect(errorSteps[0]!.customCallId).toBe(2);
    expect(errorSteps[0]!.loc?.line).toBe(10);
  });
});

describe('stepping through a frame', () => {
  it('step into enters the backward at its first line, step over walks each line to the return', () => {
    let position = stepInto(events, steps, graphLevel(backwardStep.seq));
    const lines: (number | undefined)[] = [lineOf(position)];
    for (let i = 0; i < 4; i++) {
      position = stepOver(events, steps, position);
      lines.push(lineOf(position));
    }
    expect(lines).toEqual([12, 13, 14, 15, 15]);
    expect(frameAt(events, steps, position)?.substep.kind).toBe('return');
    expect(stepOver(events, steps, position)).toEqual(graphLevel(backwardStep.seq));
  });

  it('step into does nothing on a step without a recorded frame', () => {
    const plain = graphLevel(steps[0]!.seq);
    expect(stepInto(events, steps, plain)).toEqual(plain);
  });

  it('step back goes to the previous line, and from the first line back to the graph step', () => {
    const first = stepInto(events, steps, graphLevel(backwardStep.seq));
    const third = stepOver(events, steps, stepOver(events, steps, first));
    expect(lineOf(stepBackFrom(events, steps, third))).toBe(13);
    expect(stepBackFrom(events, steps, first)).toEqual(graphLevel(backwardStep.seq));
  });

  it('step out returns to the graph step from any line', () => {
    const inside = stepOver(events, steps, stepInto(events, steps, graphLevel(backwardStep.seq)));
    expect(stepOut(inside)).toEqual(graphLevel(backwardStep.seq));
  });

  it('a sub-step seq that is not in the step’s frame is treated as graph level', () => {
    expect(frameAt(events, steps, { step: steps[0]!.seq, substep: 12345 })).toBeUndefined();
  });
});

describe('Play with breakpoints', () => {
  const playUntilStop = (breakpoints: ReadonlySet<string>) => {
    let position = graphLevel(steps[0]!.seq);
    for (let tick = 0; tick < 100; tick++) {
      const next = playTick(events, steps, position, breakpoints);
      position = next.position;
      if (next.stop) return position;
    }
    throw new Error('Play never stopped');
  };

  it('stops inside the backward at the line holding a breakpoint', () => {
    const position = playUntilStop(new Set([breakpointKey({ cell: 'cell-1', line: 14 })]));
    expect(position.step).toBe(backwardStep.seq);
    expect(lineOf(position)).toBe(14);
  });

  it('without breakpoints plays the graph steps to the end without entering frames', () => {
    const position = playUntilStop(new Set());
    expect(position).toEqual(graphLevel(steps[steps.length - 1]!.seq));
  });

  it('inside a frame walks its lines, then leaves it', () => {
    let position = stepInto(events, steps, graphLevel(backwardStep.seq));
    const lines: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      position = playTick(events, steps, position, new Set()).position;
      lines.push(lineOf(position));
    }
    expect(lines).toEqual([13, 14, 15, 15, undefined]);
    expect(position).toEqual(graphLevel(backwardStep.seq));
  });
});
