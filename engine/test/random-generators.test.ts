/**
 * torch.Generator, generator= on every sampler, torch.multinomial and torch.utils.data, against
 * PyTorch: each case is a short program whose printed output real PyTorch recorded
 * (scripts/goldens/random_generators.py). Values print with `.tolist()`, so equal text is equal bits.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';

interface GoldenCase {
  name: string;
  code: string;
  stdout: string;
}
const golden: { cases: GoldenCase[] } = JSON.parse(readFileSync(new URL('./goldens/random-generators.json', import.meta.url), 'utf8'));

let py: TestSession;
beforeAll(async () => {
  py = await startTestSession();
}, 60_000);

describe('random generators print what PyTorch prints', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const run = py.run(c.code);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(c.stdout);
    });
  }
});
