/**
 * `npm run fuzz:collect`: runs many fuzzed programs without stopping at the first bad failure and
 * prints each distinct kind once, for fixing in a batch (the test itself stops at the first).
 */
import fc from 'fast-check';
import { opSignatures } from '../../index.ts';
import { startTestSession } from '../python-session.ts';
import { programArbitrary, programSource } from './python-calls.ts';
import { describeBadFailure } from './verdict.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const python = await startTestSession();
const kinds = new Map<string, { count: number; example: string }>();
for (const program of fc.sample(programArbitrary(opSignatures()), { numRuns: runs, seed })) {
  const source = programSource(program);
  const result = python.run(source, 'fuzz.py');
  const bad = result.ok ? undefined : describeBadFailure(result.error!);
  const alive = python.run('import torch\nassert torch.ones(2).sum().item() == 2.0\n', 'alive.py').ok;
  const problem = bad ?? (alive ? undefined : 'Python unusable afterwards');
  if (problem === undefined) continue;
  const key = `${result.error?.ename}: ${(result.error?.evalue ?? problem).replace(/\d+/g, 'N').slice(0, 120)}`;
  const entry = kinds.get(key) ?? { count: 0, example: `${source}→ ${result.error?.ename}: ${result.error?.evalue}\n  (${problem})` };
  entry.count++;
  kinds.set(key, entry);
}
console.log(`seed ${seed}, ${runs} programs, ${kinds.size} kinds of bad failure`);
for (const [key, { count, example }] of [...kinds].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`\n## ${count}× ${key}\n${example}`);
}
