/** The keyword-only `generator=` argument that every random op takes. */
import { typeError } from '../errors.ts';
import { Generator, defaultGenerator } from '../random/index.ts';
import type { Args } from './types.ts';

/** The Generator passed as `generator=` (one made by `torch.Generator()`), or the default one. */
export function generatorArg(a: Args, opName: string): Generator {
  const g = a.generator;
  if (g === null || g === undefined) return defaultGenerator;
  if (g instanceof Generator) return g;
  throw typeError(`${opName}(): argument 'generator' must be torch.Generator, not ${typeof g}`);
}
