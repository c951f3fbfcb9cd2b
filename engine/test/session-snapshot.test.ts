/**
 * A session restored from the memory snapshot (Python with torch imported, kept by the first run)
 * behaves exactly as the fresh session that made it: the same output, warnings and recorded trace
 * (tensor ids included) for programs that reach what `import torch` left in JavaScript: the memory
 * census, anomaly mode's hooks, op callers, the random generator. Through the real command, each
 * run a fresh Node, as a learner runs `gradscope run` twice.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradscopeCommand, type CommandResult } from './gradscope-run.ts';

const PROGRAMS = fileURLToPath(new URL('./programs/', import.meta.url));

const PROBE = `import torch
torch.manual_seed(0)
x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
w = torch.randn(3, requires_grad=True)
y = (x * w + 2.0).relu().sum()
y.backward()
print(x.grad, w.grad, torch.rand(2))
print(torch.ones(2).data_ptr() - torch.zeros(2).data_ptr() != 0)


class Nan(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t * 1

    @staticmethod
    def backward(ctx, grad):
        return grad * float("nan")


with torch.autograd.detect_anomaly():
    try:
        Nan.apply(x).sum().backward()
    except RuntimeError as error:
        print("anomaly:", error)
print(torch.nn.Linear(3, 2)(x).shape)
`;

interface Run extends CommandResult {
  readonly trace: unknown;
}

describe('a session restored from the snapshot', { timeout: 300_000 }, () => {
  it('prints, warns and records exactly what the fresh session that made the snapshot does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradscope-restored-'));
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'probe.py'), PROBE);
    const run = async (): Promise<Run> => {
      const result = await gradscopeCommand(['run', 'probe.py', '--snapshot', 'trace.json'], dir, { GRADSCOPE_CACHE_DIR: cache });
      return { ...result, trace: JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')) };
    };
    // The cache folder also holds the command's bundled TypeScript (bin/cli-bundle.mjs): only snapshots count here.
    const snapshots = (): string[] => readdirSync(cache).filter((name) => name.endsWith('.snapshot'));
    const fresh = await run();
    const [kept] = snapshots();
    expect(kept).toMatch(/\.snapshot$/);
    const madeAt = statSync(join(cache, kept!)).mtimeMs;
    const restored = await run();
    // Restored, not remade: a snapshot that failed to restore would have been written again.
    expect(snapshots()).toEqual([kept]);
    expect(statSync(join(cache, kept!)).mtimeMs).toBe(madeAt);

    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toContain("anomaly: Function 'NanBackward' returned nan values in its 0th output.");
    expect(fresh.stderr).toContain('Error detected in NanBackward. Traceback of forward call that caused the error:');
    expect(restored).toEqual(fresh);
  });

  it('runs the golden programs as PyTorch does', async () => {
    const goldens = JSON.parse(readFileSync(join(PROGRAMS, 'goldens.json'), 'utf8')) as Record<string, { stdout: string }>;
    const cache = mkdtempSync(join(tmpdir(), 'gradscope-restored-cache-'));
    for (const name of ['seed_myrelu', 'tutorial_mlp_sgd_momentum']) {
      const fresh = await gradscopeCommand(['run', `${name}.py`], PROGRAMS, { GRADSCOPE_CACHE_DIR: cache });
      const restored = await gradscopeCommand(['run', `${name}.py`], PROGRAMS, { GRADSCOPE_CACHE_DIR: cache });
      expect(fresh.stdout).toBe(goldens[name]!.stdout);
      expect(restored).toEqual(fresh);
    }
  });
});
