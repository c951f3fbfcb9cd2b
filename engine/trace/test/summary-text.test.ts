import { afterEach, describe, expect, it } from 'vitest';
import { setPrintOptions } from '../../format/index.ts';
import { setRecorder, tensor } from '../../index.ts';
import type { TensorSummary } from '../schema.ts';
import { summaryText } from '../summary-text.ts';
import { only, record } from './record.ts';

afterEach(() => {
  setRecorder(null);
  setPrintOptions({ profile: 'default' });
});

describe("a summary's PyTorch text, made when asked", () => {
  it('is not recorded, and formats the recorded values as PyTorch prints them', () => {
    const events = record(() => {
      tensor([1, 2, 3], 'float64', true)
        .mul(tensor([0.5, 1, 2], 'float64'))
        .sum()
        .backward();
    });
    const [mul] = only(events, 'op');
    expect(mul.output.text).toBeUndefined();
    expect(summaryText(mul.output)).toBe('tensor([0.5000, 2.0000, 6.0000], dtype=torch.float64)');
    const [leaf] = only(events, 'leaf');
    expect(summaryText(leaf.tensor)).toBe('tensor([1., 2., 3.], dtype=torch.float64)');
  });

  it("keeps float32's stored bits and ints' form", () => {
    const events = record(() =>
      tensor([1 / 3], 'float32', true)
        .mul(3)
        .sum()
        .backward(),
    );
    const [step] = only(events, 'backward-step');
    expect(summaryText(step.gradsIn[0]!)).toBe('tensor(1.)');
    const [leaf] = only(events, 'leaf');
    expect(summaryText(leaf.tensor)).toBe('tensor([0.3333])');
    const ints: TensorSummary = { id: 1, shape: [2], dtype: 'int64', requiresGrad: false, values: [3, -4] };
    expect(summaryText(ints)).toBe('tensor([ 3, -4])');
  });

  it("uses PyTorch's default print options, whatever the user set while recording", () => {
    setPrintOptions({ precision: 1 });
    const events = record(() =>
      tensor([1 / 3], 'float32', true)
        .mul(2)
        .sum()
        .backward(),
    );
    expect(summaryText(only(events, 'leaf')[0]!.tensor)).toBe('tensor([0.3333])');
  });

  it('gives the text a trace recorded before it was lazy, and none for a large tensor', () => {
    const old: TensorSummary = { id: 1, shape: [1], dtype: 'float32', requiresGrad: false, values: [2], text: 'tensor([2.0])' };
    expect(summaryText(old)).toBe('tensor([2.0])');
    const large: TensorSummary = { id: 2, shape: [100], dtype: 'float32', requiresGrad: false, stats: { min: 0, max: 1, mean: 0.5 } };
    expect(summaryText(large)).toBeUndefined();
  });
});
