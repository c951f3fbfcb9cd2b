/**
 * PyTorch's CPU random numbers, bit for bit: after `manualSeed(n)` these produce exactly what
 * `torch.manual_seed(n)` followed by rand/randn/randint/randperm/bernoulli_ produce on an x86 CPU.
 * All randomness flows through one `Generator` (an mt19937 stream), so interleaved calls stay
 * in step with PyTorch as long as they happen in the same order.
 */

export { Generator, defaultGenerator, DEFAULT_SEED, STATE_BYTES } from './generator.ts';
export { uniformFill } from './uniform.ts';
export { normalFill, sampleNormal } from './normal.ts';
export { randintFill } from './randint.ts';
export { randperm } from './randperm.ts';
export { bernoulliFill } from './bernoulli.ts';
export { exponentialFill, geometricFill } from './exponential.ts';
export { randomBitsFill, randomInt64 } from './random-bits.ts';
export { MultinomialError, checkExponentialRoute, exponentialKeys, rowArgmax, sampleWithReplacement, usesExponentialTrick } from './multinomial.ts';
