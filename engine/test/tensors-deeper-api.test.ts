/**
 * What the "Introduction to PyTorch Tensors" tutorial reaches for besides arithmetic: torch.unique's
 * optional outputs, torch.linalg.cross, creation functions with out=, and the in-place view ops.
 * Expected text is what PyTorch 2.x prints for the same lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';

describe('torch.unique, torch.linalg.cross, out= on random creation, unsqueeze_', () => {
  let py: TestSession;
  beforeAll(async () => {
    py = await startTestSession();
  }, 120_000);

  const runs = (lines: string[], expected: string[]): void => {
    const run = py.run(['import torch', ...lines].join('\n'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe([...expected, ''].join('\n'));
  };

  it('torch.unique returns the sorted values, then inverse and counts only when asked', () => {
    runs(
      [
        'x = torch.tensor([[3, 1], [1, 2]])',
        'print(torch.unique(x))',
        'print(x.unique(return_inverse=True))',
        'print(torch.unique(x, return_counts=True))',
        'print(torch.unique(torch.tensor([0.5, -1.0, 0.5]), return_inverse=True, return_counts=True))',
      ],
      [
        'tensor([1, 2, 3])',
        '(tensor([1, 2, 3]), tensor([[2, 0],',
        '        [0, 1]]))',
        '(tensor([1, 2, 3]), tensor([2, 1, 1]))',
        '(tensor([-1.0000,  0.5000]), tensor([1, 0, 1]), tensor([1, 2]))',
      ],
    );
  });

  it('torch.linalg.cross is the cross product along the last dim, with LinalgCrossBackward0', () => {
    runs(
      [
        'a = torch.tensor([[0., 1., 0.], [1., 2., 3.]], requires_grad=True)',
        'b = torch.tensor([1., 0., 0.])',
        'c = torch.linalg.cross(a, b.expand(2, 3))',
        'print(c)',
        'c.sum().backward()',
        'print(a.grad)',
        'print(hasattr(torch, "linalg_cross"))',
        'try:',
        '    torch.linalg.cross(torch.ones(2), torch.ones(2))',
        'except RuntimeError as e:',
        '    print(e)',
      ],
      [
        'tensor([[ 0.,  0., -1.],',
        '        [ 0.,  3., -2.]], grad_fn=<LinalgCrossBackward0>)',
        'tensor([[ 0., -1.,  1.],',
        '        [ 0., -1.,  1.]])',
        'False',
        'linalg.cross: inputs dimension -1 must have length 3. Got 2 and 2',
      ],
    );
  });

  it('torch.rand(..., out=c) refills c itself, drawing as torch.rand does', () => {
    runs(
      [
        'c = torch.zeros(2, 2)',
        'torch.manual_seed(0)',
        'd = torch.rand(2, 2, out=c)',
        'print(d is c)',
        'torch.manual_seed(0)',
        'print(torch.equal(c, torch.rand(2, 2)))',
      ],
      ['True', 'True'],
    );
  });

  it('unsqueeze_ and squeeze_ change the tensor itself', () => {
    runs(
      ['x = torch.zeros(3, 4)', 'y = x.unsqueeze_(0)', 'print(x.shape, y is x)', 'x.squeeze_()', 'print(x.shape)', 'x.t_()', 'print(x.shape)'],
      ['torch.Size([1, 3, 4]) True', 'torch.Size([3, 4])', 'torch.Size([4, 3])'],
    );
  });
});
