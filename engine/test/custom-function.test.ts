import { describe, expect, it } from 'vitest';
import { applyCustom, callOp, indexPut_, noGrad, tensor, TorchError, type CustomNode, type Tensor } from '../index.ts';

/** The seed's MyReLU, as the Python layer drives it: forward under no_grad, then applyCustom. */
function myRelu(input: Tensor, backward?: (ctx: CustomNode, grads: (Tensor | null)[]) => (Tensor | null)[]): Tensor {
  const output = noGrad(() => input.clamp(0));
  const [out] = applyCustom({
    name: 'MyReLUBackward',
    inputs: [input],
    outputs: [output],
    saved: [input],
    backward:
      backward ??
      ((ctx, [gradOutput]) => {
        const [saved] = ctx.savedTensors();
        const gradInput = gradOutput!.clone();
        indexPut_(gradInput, [{ kind: 'tensor', tensor: saved.lt(0) }], 0);
        return [gradInput];
      }),
  });
  return out;
}

describe('custom autograd.Function', () => {
  it('runs the user’s backward and reports its grad_fn name', () => {
    const x = tensor([-1, 2, -3, 4], 'float32', true);
    const y = myRelu(x);
    expect(y.gradFn!.name()).toBe('MyReLUBackward');
    y.mul(2).sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 2, 0, 2]);
  });

  it('exposes needs_input_grad per forward argument', () => {
    const x = tensor([1, 2], 'float32', true);
    let needs: boolean[] = [];
    const [y] = applyCustom({
      name: 'ScaleBackward',
      inputs: [x, null],
      outputs: [noGrad(() => x.mul(3))],
      saved: [],
      backward: (ctx, [g]) => {
        needs = ctx.needsInputGrad;
        return [g!.mul(3), null];
      },
    });
    y.sum().backward();
    expect(needs).toEqual([true, false]);
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });

  it('rejects a backward that returns the wrong number of gradients', () => {
    const x = tensor([1, 2, 3], 'float32', true);
    const y = myRelu(x, (_ctx, [g]) => [g, g]);
    expect(() => y.sum().backward()).toThrow(
      new TorchError('RuntimeError', 'function MyReLUBackward returned an incorrect number of gradients (expected 1, got 2)'),
    );
  });

  it('rejects a gradient of the wrong shape', () => {
    const x = tensor([1, 2, 3], 'float32', true);
    const y = myRelu(x, () => [tensor([1, 2])]);
    expect(() => y.sum().backward()).toThrow(
      'Function MyReLUBackward returned an invalid gradient at index 0 - got [2] but expected shape compatible with [3]',
    );
  });

  it('refuses saved tensors after the graph was freed', () => {
    const x = tensor([1, 2], 'float32', true);
    const y = myRelu(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/^Trying to backward through the graph a second time/);
  });

  it('gives an output that is also an input a fresh alias, leaving the input untouched', () => {
    const x = tensor([1, 2], 'float32', true);
    const [y] = applyCustom({ name: 'IdentityBackward', inputs: [x], outputs: [x], saved: [], backward: (_c, [g]) => [g] });
    expect(y).not.toBe(x);
    expect(x.isLeaf).toBe(true);
    expect(y.gradFn!.name()).toBe('IdentityBackward');
    (callOp('mul', y, 2) as Tensor).sum().backward();
    expect(x.grad!.toArray()).toEqual([2, 2]);
  });
});
