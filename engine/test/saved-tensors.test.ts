import { afterEach, describe, expect, it } from 'vitest';
import {
  applyCustom,
  callOp,
  dependsOnOtherLeaves,
  popSavedTensorHooks,
  pushSavedTensorHooks,
  tensor,
  TorchError,
  type SavedAttribute,
  type SavedTensorHooks,
  type Tensor,
} from '../index.ts';
import type { CustomNode } from '../autograd/custom.ts';

const leaf = (data: number[]): Tensor => tensor(data, 'float32', true);
const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;
const names = (t: Tensor): string[] => t.gradFn!.savedAttributes().map((a) => a.name);
const attribute = (t: Tensor, name: string): SavedAttribute => {
  const found = t.gradFn!.savedAttributes().find((a) => a.name === name);
  if (!found) throw new Error(`no _saved_${name}`);
  return found;
};

/** Hooks that record what they saw, in order. */
function recordingHooks(log: string[]): SavedTensorHooks {
  return {
    pack: (t) => {
      log.push(`pack ${t.toArray().join(',')}`);
      return t;
    },
    unpack: (packed) => {
      const t = packed as Tensor;
      log.push(`unpack ${t.toArray().join(',')}`);
      return t;
    },
  };
}

let hooksPushed = 0;
afterEach(() => {
  for (; hooksPushed > 0; hooksPushed--) popSavedTensorHooks();
});
const withHooks = (hooks: SavedTensorHooks): void => {
  pushSavedTensorHooks(hooks);
  hooksPushed++;
};

describe("saved attributes in PyTorch's names, derived from the op table", () => {
  it("names mul's saved inputs self and other, and lists self as None when only other was needed", () => {
    const x = leaf([1, 2]);
    const y = leaf([3, 4]);
    expect(names(op('mul', x, y))).toEqual(['other', 'self']);
    const scaled = op('mul', x, 2);
    expect(names(scaled)).toEqual(['other', 'self']);
    expect(attribute(scaled, 'self')).toMatchObject({ kind: 'value', value: null });
  });

  it('calls the one tensor of a unary op self or result by whether it is the output', () => {
    const x = leaf([1, 2]);
    const e = op('exp', x);
    const saved = attribute(e, 'result');
    expect(saved.kind === 'tensor' && saved.saved.unpack()).toBe(e);
    expect(names(op('log', x))).toEqual(['self']);
  });

  it("keeps a Python-number exponent as a number and renames mm's second matrix mat2", () => {
    const x = leaf([1, 2]);
    expect(attribute(op('pow', x, 3), 'exponent')).toEqual({ name: 'exponent', kind: 'value', value: 3 });
    expect(names(op('pow', x, 3))).toEqual(['exponent', 'self']);
    const m = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
      true,
    );
    expect(names(op('mm', m, m))).toEqual(['mat2', 'self']);
  });

  it('stores dims as tuples and the input sizes reductions keep', () => {
    const m = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'float32',
      true,
    );
    const s = op('sum', m, 1, true);
    expect(attribute(s, 'dim')).toMatchObject({ value: [1] });
    expect(attribute(s, 'keepdim')).toMatchObject({ value: true });
    expect(attribute(s, 'self_sym_sizes')).toMatchObject({ value: [2, 3] });
    expect(names(op('sum', m))).toEqual(['self_sym_sizes']);
  });
});

describe('saved-tensor hooks', () => {
  it("packs each saved tensor at forward in PyTorch's order and unpacks each once at backward", () => {
    const log: string[] = [];
    const a = leaf([1, 1]);
    const b = op('mul', leaf([1, 1]), 2);
    withHooks(recordingHooks(log));
    const y = op('mul', a, b);
    popSavedTensorHooks();
    hooksPushed--;
    expect(log).toEqual(['pack 1,1', 'pack 2,2']);
    op('sum', y).backward();
    expect(log.slice(2)).toEqual(['unpack 1,1', 'unpack 2,2']);
    expect(a.grad!.toArray()).toEqual([2, 2]);
  });

  it('never packs a wrapped number or a tensor only our backward keeps', () => {
    const log: string[] = [];
    withHooks(recordingHooks(log));
    op('mul', leaf([1, 2]), 2); // saves only the wrapped number 2
    op('pow', leaf([3]), 2); // PowBackward0 keeps self only; the result is ours
    expect(log).toEqual(['pack 3']);
  });

  it('unpacks through the hook, without the version check PyTorch cannot do through hooks either', () => {
    const x = leaf([1, 2]);
    const w = op('mul', x, 1);
    withHooks({ pack: (t) => op('clone', t), unpack: (p) => p as Tensor });
    const y = op('mul', w, w);
    w.add_(1);
    op('sum', y).backward();
    expect(x.grad!.toArray()).toEqual([2, 4]);
  });

  it("frees what pack returned after backward, in PyTorch's words", () => {
    withHooks({ pack: (t) => t, unpack: (p) => p as Tensor });
    const y = op('exp', leaf([0]));
    op('sum', y).backward();
    const saved = attribute(y, 'result');
    expect(saved.kind).toBe('tensor');
    if (saved.kind !== 'tensor') return;
    expect(() => saved.saved.unpack()).toThrow(/Trying to backward through the graph a second time/);
    expect(() => saved.saved.registerHooks({ pack: (t) => t, unpack: (p) => p as Tensor })).toThrow(
      /Calling register_hooks on a saved tensor after it has been freed/,
    );
  });
});

describe('node hooks', () => {
  it('runs pre-hooks before the node (replacing its incoming gradient) and post-hooks after it', () => {
    const x = leaf([1, 2]);
    const y = op('mul', x, 3);
    const seen: string[] = [];
    y.gradFn!.preHooks.push((g) => {
      seen.push(`pre ${g[0]!.toArray().join(',')}`);
      return [op('mul', g[0], 10)];
    });
    y.gradFn!.postHooks.push((gi, go) => {
      seen.push(`post ${gi[0]!.toArray().join(',')} from ${go[0]!.toArray().join(',')}`);
    });
    op('sum', y).backward();
    expect(seen).toEqual(['pre 1,1', 'post 30,30 from 10,10']);
    expect(x.grad!.toArray()).toEqual([30, 30]);
  });
});

describe('custom Function gradients', () => {
  const customDouble = (x: Tensor, gradients: (g: Tensor) => (Tensor | null)[]): Tensor =>
    applyCustom({
      name: 'DoubleBackward',
      inputs: [x],
      outputs: [op('mul', x.detach(), 2)],
      saved: [],
      backward: (_ctx: CustomNode, grads) => gradients(grads[0]!),
    })[0];

  it('drops extra trailing None gradients, as PyTorch does for optional inputs', () => {
    const x = leaf([1, 2]);
    op(
      'sum',
      customDouble(x, (g) => [op('mul', g, 2), null, null]),
    ).backward();
    expect(x.grad!.toArray()).toEqual([2, 2]);
  });

  it('still refuses an extra gradient that is not None', () => {
    const x = leaf([1, 2]);
    const y = customDouble(x, (g) => [op('mul', g, 2), g]);
    expect(() => op('sum', y).backward()).toThrow(TorchError);
    expect(() =>
      op(
        'sum',
        customDouble(x, (g) => [g, g]),
      ).backward(),
    ).toThrow('function DoubleBackward returned an incorrect number of gradients (expected 1, got 2)');
  });
});

describe('dependsOnOtherLeaves (torch.func keeps results differentiable only when they must be)', () => {
  it("sees a closed-over weight that requires grad, and ignores the transform's own leaves", () => {
    const own = leaf([1, 2]);
    const weight = leaf([3, 4]);
    expect(dependsOnOtherLeaves(op('mul', own, own), [own])).toBe(false);
    expect(dependsOnOtherLeaves(op('mul', own, weight), [own])).toBe(true);
    expect(dependsOnOtherLeaves(tensor([1], 'float32'), [own])).toBe(false);
  });
});
