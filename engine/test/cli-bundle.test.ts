/**
 * bin/cli-bundle.mjs: the `gradscope` command runs its TypeScript from one bundle in the cache
 * folder, built on first use and rebuilt when a source changes, so a contributor's edit is never
 * masked by a stale bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledCli } from '../../bin/cli-bundle.mjs';

const CLI_SOURCE = fileURLToPath(new URL('../cli.ts', import.meta.url));

function runNode(script: string, args: readonly string[], cwd: string): { stdout: string; stderr: string; status: number | null } {
  const child = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GRADSCOPE_NO_SNAPSHOT: '1' } });
  return { stdout: child.stdout, stderr: child.stderr, status: child.status };
}

/** A two-module TypeScript program in a fresh folder: entry.ts prints message.ts's text and file. */
function tinyProgram(message: string): { dir: string; entry: string; setMessage: (text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'gradscope-bundle-src-'));
  const setMessage = (text: string): void =>
    writeFileSync(join(dir, 'message.ts'), `export const message: string = ${JSON.stringify(text)};\nexport const where: string = import.meta.url;\n`);
  setMessage(message);
  writeFileSync(join(dir, 'entry.ts'), `import { message, where } from './message.ts';\nconsole.log(message, where);\n`);
  return { dir, entry: join(dir, 'entry.ts'), setMessage };
}

describe('the bundled CLI', { timeout: 180_000 }, () => {
  it('runs a Python program exactly as the TypeScript CLI does', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gradscope-bundle-cache-'));
    const dir = mkdtempSync(join(tmpdir(), 'gradscope-bundle-run-'));
    writeFileSync(join(dir, 'hello.py'), 'import torch\nprint(torch.ones(3).sum())\nprint(torch.tensor([1.0, 2.0]).exp())\n');
    const bundle = await bundledCli(CLI_SOURCE, cache);
    expect(readdirSync(cache)).toContain(bundle.split(/[\\/]/).at(-1));
    // The bundle itself, not the command (which would fall back to tsx if bundling failed).
    const result = runNode(bundle, ['run', 'hello.py'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('tensor(3.)\ntensor([2.7183, 7.3891])\n');
    expect(result.status).toBe(0);
  });

  it('is reused while its sources are unchanged and rebuilt when one changes', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gradscope-bundle-cache-'));
    const program = tinyProgram('first');
    const first = await bundledCli(program.entry, cache);
    expect(runNode(first, [], program.dir).stdout).toBe(`first file://${join(program.dir, 'message.ts')}\n`);
    expect(await bundledCli(program.entry, cache)).toBe(first);

    program.setMessage('second');
    const second = await bundledCli(program.entry, cache);
    expect(second).not.toBe(first);
    expect(runNode(second, [], program.dir).stdout).toMatch(/^second /);
  });

  it('is built once, whole, when several commands start together on an empty cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gradscope-bundle-cache-'));
    const program = tinyProgram('together');
    const bundles = await Promise.all([1, 2, 3].map(() => bundledCli(program.entry, cache)));
    expect(new Set(bundles).size).toBe(1);
    expect(readdirSync(cache).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(runNode(bundles[0]!, [], program.dir).stdout).toMatch(/^together /);
  });
});

describe('bundles left behind', () => {
  it('are removed at the next build once unused for a day, while recently used ones stay', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gradscope-bundle-cache-'));
    const program = tinyProgram('one');
    const stale = join(cache, 'cli-0123456789abcdef01234567.mjs');
    const recent = join(cache, 'cli-76543210fedcba9876543210.mjs');
    writeFileSync(stale, '');
    writeFileSync(recent, '');
    const twoDaysAgo = Date.now() / 1000 - 2 * 24 * 60 * 60;
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    const built = await bundledCli(program.entry, cache);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(built)).toBe(true);
  });

  it('count as used when a start reuses them', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gradscope-bundle-cache-'));
    const program = tinyProgram('kept');
    const bundle = await bundledCli(program.entry, cache);
    const twoDaysAgo = Date.now() / 1000 - 2 * 24 * 60 * 60;
    utimesSync(bundle, twoDaysAgo, twoDaysAgo);
    expect(await bundledCli(program.entry, cache)).toBe(bundle);
    // Another checkout's build now prunes: the bundle just run must survive it.
    await bundledCli(tinyProgram('elsewhere').entry, cache);
    expect(existsSync(bundle)).toBe(true);
  });
});
