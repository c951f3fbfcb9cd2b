import { describe, expect, it } from 'vitest';
import { backward, callOp, grad, index, isGradEnabled, noGrad, ones, setAnomalyEnabled, setGradEnabled, tensor, TorchError, type Tensor } from '../index.ts';

const values = (t: Tensor | null): number[] => {
  if (!t) throw new Error('expected a tensor');
  return t.toArray().map((v) => Math.round(v * 1e4) / 1e4);
};
const leaf = (data: number[]): Tensor => tensor(data, 'float32', true);

function thrown(fn: () => unknown): TorchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TorchError) return e;
    throw e;
  }
  throw new Error('expected a TorchError');
}

describe('backward', () => {
  it('computes the seed program: mean(x*2+3) gives 2/3 per element', () => {
    const x = leaf([1, 2, 3]);
    x.mul(2).add(3).mean().backward();
    expect(values(x.grad)).toEqual([0.6667, 0.6667, 0.6667]);
  });

  it('sums gradients at a fan-out: a*2 + 3*a gives 5', () => {
    const a = leaf([1, 2]);
    a.mul(2)
      .add(callOp('mul', 3, a) as Tensor)
      .sum()
      .backward();
    expect(values(a.grad)).toEqual([5, 5]);
  });

  it('accumulates into .grad across two backward calls', () => {
    const x = leaf([1, 2]);
    x.mul(x).sum().backward();
    const first = x.grad;
    x.mul(x).sum().backward();
    expect(values(x.grad)).toEqual([4, 8]);
    expect(x.grad).toBe(first); // in-place add after the first time, as PyTorch
  });

  it('refuses a second backward through freed saved tensors', () => {
    const x = leaf([1, 2]);
    const y = x.mul(2).sum();
    y.backward();
    expect(thrown(() => y.backward()).message).toMatch(/^Trying to backward through the graph a second time/);
  });

  it('allows a second backward with retain_graph', () => {
    const x = leaf([1, 2]);
    const y = x.mul(x).sum();
    y.backward(null, true);
    y.backward();
    expect(values(x.grad)).toEqual([4, 8]);
  });

  it('needs an explicit gradient for non-scalar outputs', () => {
    const x = leaf([1, 2]);
    expect(thrown(() => x.mul(2).backward()).message).toBe('grad can be implicitly created only for scalar outputs');
  });

  it('refuses tensors that do not require grad', () => {
    expect(thrown(() => tensor([1, 2]).sum().backward()).message).toBe('element 0 of tensors does not require grad and does not have a grad_fn');
  });

  it('survives a 100,000-op chain without overflowing the stack', () => {
    const x = leaf([1]);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1);
    y.sum().backward();
    expect(values(x.grad)).toEqual([1]);
  });

  it('keeps .grad on a non-leaf after retainGrad()', () => {
    const x = leaf([1, 2]);
    const y = x.mul(3);
    y.retainGrad();
    y.sum().backward();
    expect(values(y.grad)).toEqual([1, 1]);
    expect(values(x.grad)).toEqual([3, 3]);
  });

  it('runs hooks, which may replace the gradient, and can remove them', () => {
    const x = leaf([1, 2]);
    const y = x.mul(2);
    const seen: number[][] = [];
    const handle = y.registerHook((g) => {
      seen.push(g.toArray());
      return g.mul(10);
    });
    y.sum().backward(null, true);
    expect(seen).toEqual([[1, 1]]);
    expect(values(x.grad)).toEqual([20, 20]);
    handle.remove();
    x.grad = null;
    y.sum().backward();
    expect(values(x.grad)).toEqual([2, 2]);
  });

  it('runs hooks on leaves before accumulation', () => {
    const x = leaf([1, 2]);
    x.registerHook((g) => g.mul(0));
    x.mul(2).sum().backward();
    expect(values(x.grad)).toEqual([0, 0]);
  });
});

describe('autograd.grad', () => {
  it('returns gradients without touching .grad', () => {
    const x = leaf([1, 2, 3]);
    const [g] = grad(x.pow(2).sum(), x);
    expect(values(g)).toEqual([2, 4, 6]);
    expect(x.grad).toBeNull();
  });

  it('differentiates twice with create_graph', () => {
    const x = leaf([1, 2]);
    const [g] = grad(x.pow(3).sum(), x, null, null, true);
    expect(g!.requiresGrad).toBe(true);
    const [gg] = grad(g!.sum(), x);
    expect(values(gg)).toEqual([6, 12]);
  });

  it('reports unused inputs unless allow_unused', () => {
    const x = leaf([1]);
    const z = leaf([1]);
    const y = x.mul(2).sum();
    expect(thrown(() => grad(y, [x, z], null, true)).message).toMatch(/appears to not have been used in the graph/);
    expect(grad(y, [x, z], null, false, false, true)[1]).toBeNull();
  });
});

describe('grad mode', () => {
  it('records nothing under no_grad', () => {
    const x = leaf([1]);
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(isGradEnabled()).toBe(true);
  });

  it('setGradEnabled(false) turns recording off until turned back on', () => {
    const x = leaf([1]);
    setGradEnabled(false);
    try {
      expect(x.mul(2).requiresGrad).toBe(false);
    } finally {
      setGradEnabled(true);
    }
    expect(x.mul(2).requiresGrad).toBe(true);
  });
});

describe('storage sharing and versions', () => {
  it('detach shares storage with the original', () => {
    const x = leaf([1, 2]);
    const d = x.detach();
    d.mul_(10);
    expect(x.toArray()).toEqual([10, 20]);
    expect(d.requiresGrad).toBe(false);
    expect(x.version).toBe(1);
  });

  it('views share storage: writing through t() shows in the original', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    x.t()
      .index([{ kind: 'int', index: 0 }])
      .fill_(0);
    expect(x.toArray()).toEqual([0, 2, 0, 4]);
  });

  it('detects an in-place change to a saved tensor, in PyTorch’s words', () => {
    const x = leaf([1, 2, 3]);
    const a = x.mul(2);
    const b = a.mul(a);
    a.add_(1);
    expect(thrown(() => b.sum().backward()).message).toBe(
      'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
    );
  });

  it('names the saving op when its own output was modified', () => {
    const x = leaf([1, 2, 3]);
    const a = x.exp();
    a.add_(1);
    expect(thrown(() => a.sum().backward()).message).toContain('which is output 0 of ExpBackward0, is at version 1; expected version 0');
  });

  it('refuses in-place ops on leaves that require grad', () => {
    const x = leaf([1]);
    expect(thrown(() => x.add_(1)).message).toBe('a leaf Variable that requires grad is being used in an in-place operation.');
    noGrad(() => x.add_(1));
    expect(x.toArray()).toEqual([2]);
  });

  it('refuses in-place results that cannot be cast back', () => {
    const i = tensor([1, 2], 'int64');
    expect(thrown(() => i.add_(1.5)).message).toBe("result type Float can't be cast to the desired output type Long");
  });

  it('gives an in-place op on a non-leaf the op’s grad_fn', () => {
    const x = leaf([1, -2, 3]);
    const y = x.clone();
    y.mul_(2);
    expect(y.gradFn!.name()).toBe('MulBackward0');
    y.sum().backward();
    expect(values(x.grad)).toEqual([2, 2, 2]);
  });

  it('masks a cloned gradient like the seed’s MyReLU backward (IndexPutBackward0)', () => {
    const input = leaf([-1, 2, -3]);
    const g = input.mul(1).clone();
    g.indexPut_([{ kind: 'tensor', tensor: input.lt(0) }], 0);
    expect(g.gradFn!.name()).toBe('IndexPutBackward0');
    expect(g.toArray()).toEqual([0, 2, 0]);
  });

  it('gives the base CopySlices when a view is written in place', () => {
    const x = leaf([1, 2, 3, 4]);
    const y = x.clone().view(2, 2);
    const base = y.base!;
    index(y, [{ kind: 'int', index: 0 }]).mul_(10);
    expect(base.gradFn!.name()).toBe('torch::autograd::CopySlices');
    expect(base.gradFn!.className()).toBe('CopySlices');
    y.sum().backward();
    expect(values(x.grad)).toEqual([10, 10, 1, 1]);
  });
});

describe('requires_grad', () => {
  it('is refused for integer tensors', () => {
    expect(thrown(() => tensor([1, 2], 'int64').requiresGrad_()).message).toBe('only Tensors of floating point and complex dtype can require gradients');
  });

  it('cannot be turned off on a non-leaf', () => {
    const y = leaf([1]).mul(2);
    expect(thrown(() => (y.requiresGrad = false)).message).toMatch(/^you can only change requires_grad flags of leaf variables/);
  });
});

describe('errors carry PyTorch’s text and Python type', () => {
  it('broadcast mismatch', () => {
    const e = thrown(() => ones([3]).add(ones([2])));
    expect(e.pyType).toBe('RuntimeError');
    expect(e.message).toBe('The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0');
  });

  it('matmul shapes', () => {
    expect(thrown(() => ones([2, 3]).matmul(ones([2, 3]))).message).toBe('mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)');
  });

  it('index out of range is an IndexError', () => {
    const e = thrown(() => index(ones([3]), [{ kind: 'int', index: 5 }]));
    expect(e.pyType).toBe('IndexError');
    expect(e.message).toBe('index 5 is out of bounds for dimension 0 with size 3');
    expect(thrown(() => index(ones([3]), [{ kind: 'tensor', tensor: tensor([5], 'int64') }])).message).toBe(
      'index 5 is out of bounds for dimension 0 with size 3',
    );
  });

  it('view of a non-contiguous tensor', () => {
    expect(thrown(() => ones([3, 2]).t().view(6)).message).toMatch(/^view size is not compatible/);
  });
});

describe('more of PyTorch’s autograd surface', () => {
  it('backward(inputs=...) fills only the named tensors’ .grad', () => {
    const x = leaf([1]);
    const y = leaf([2]);
    backward(x.mul(y).sum(), null, null, false, [x]);
    expect(values(x.grad)).toEqual([2]);
    expect(y.grad).toBeNull();
  });

  it('anomaly mode names the function that produced NaN', () => {
    const x = leaf([0, 1]);
    setAnomalyEnabled(true);
    try {
      expect(thrown(() => x.sqrt().mul(0).sum().backward()).message).toBe("Function 'SqrtBackward0' returned nan values in its 0th output.");
    } finally {
      setAnomalyEnabled(false);
    }
  });

  it('refuses in-place writes through a view of a leaf that requires grad', () => {
    const x = leaf([1, 2]);
    expect(thrown(() => index(x, [{ kind: 'int', index: 0 }]).fill_(0)).message).toBe(
      'a view of a leaf Variable that requires grad is being used in an in-place operation.',
    );
  });

  it('writes through .data escape the version check, as in PyTorch', () => {
    const x = leaf([1, 2]);
    const y = x.sigmoid();
    y.dataAlias().zero_();
    y.sum().backward();
    expect(values(x.grad)).toEqual([0, 0]);
  });
});
