import { afterEach, describe, expect, it } from 'vitest';
import { formatTensor, getPrintOptions, setPrintOptions } from '../index.ts';
import { caseOptions, caseView, goldens } from './goldens.ts';

describe('formatTensor prints what PyTorch prints', () => {
  it('has at least 150 golden tensors to compare against', () => {
    expect(goldens.cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(goldens.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(formatTensor(caseView(c), caseOptions(c))).toBe(c.expected);
  });
});

describe('torch.set_printoptions drives the default formatting', () => {
  afterEach(() => setPrintOptions({ profile: 'default' }));

  it.each(goldens.cases.filter((c) => Object.keys(c.setArgs).length > 0).map((c) => [c.name, c] as const))(
    'set_printoptions for %s resolves to the same options and output as PyTorch',
    (_name, c) => {
      setPrintOptions(c.setArgs);
      expect(getPrintOptions()).toEqual(caseOptions(c));
      expect(formatTensor(caseView(c))).toBe(c.expected);
      setPrintOptions({ profile: 'default' });
    },
  );
});
