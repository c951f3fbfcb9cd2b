/**
 * `npm run corpus:status`: runs every corpus program on the engine, as the corpus tests do, and
 * rewrites corpus/status.json with what each does now: `pass`, or `fail` with the first thing that
 * goes wrong, and docs/compatibility.md's tables with it. Prints the time each took. `npm run corpus:status -- makemore/part2_mlp` reruns only
 * the programs named and keeps the other entries.
 *
 * Each source folder runs in a child process of its own (one session, reset between programs), as the
 * tests run each in a worker; the ISOLATED programs get a process each (engine/test/corpus-suite.ts
 * says why). A child that dies marks the program it was running and the rest go on in a new one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { compatibilityPage } from '../engine/test/corpus-docs.ts';
import { startTestSession } from '../engine/test/python-session.ts';
import { ISOLATED, STATUS_FILE, corpusPrograms, mismatch, programSource, readGoldens, readStatus, type CorpusStatus } from '../engine/test/corpus-programs.ts';

const RESULT_PREFIX = 'CORPUS-STATUS ';

/** Child mode: runs the given programs in one session and prints one result line per program. */
async function runInThisProcess(keys: readonly string[]): Promise<void> {
  const goldens = readGoldens();
  const python = await startTestSession();
  for (const key of keys) {
    const started = performance.now();
    const result = python.run(programSource(key), `${key.split('/')[1]}.py`);
    const seconds = (performance.now() - started) / 1000;
    const golden = goldens[key];
    const reason = golden
      ? mismatch(
          {
            stdout: result.stdout,
            exitCode: result.ok ? 0 : 1,
            lastErrorLine: result.ok ? '' : (result.error!.traceback.trimEnd().split('\n').at(-1) ?? ''),
          },
          golden,
        )
      : 'no golden yet: run /usr/bin/python3 scripts/goldens/corpus.py';
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ key, seconds, reason: reason ?? null })}\n`);
  }
}

function runSources(keys: readonly string[]): Array<{ key: string; seconds: number; reason: string | null }> {
  const bySource = new Map<string, string[]>();
  for (const key of keys) {
    const source = ISOLATED.includes(key) ? key : key.split('/')[0]!;
    bySource.set(source, [...(bySource.get(source) ?? []), key]);
  }
  const results: Array<{ key: string; seconds: number; reason: string | null }> = [];
  for (let [source, pending] of bySource) {
    while (pending.length > 0) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child', ...pending], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines = child.stdout.split('\n').filter((line) => line.startsWith(RESULT_PREFIX));
      const done = lines.map((line) => JSON.parse(line.slice(RESULT_PREFIX.length)) as { key: string; seconds: number; reason: string | null });
      results.push(...done);
      pending = pending.slice(done.length);
      if (pending.length > 0) {
        // The process died inside the next program: record that, and go on with the rest in a new one.
        results.push({
          key: pending[0]!,
          seconds: 0,
          reason: `the process died while running it (exit ${child.status ?? child.signal}; corpus/${source} in one process)`,
        });
        pending = pending.slice(1);
      }
    }
  }
  return results;
}

if (process.argv[2] === '--child') {
  await runInThisProcess(process.argv.slice(3));
} else {
  const only = new Set(process.argv.slice(2));
  let previous: Record<string, CorpusStatus> = {};
  try {
    previous = readStatus();
  } catch {
    // No status file yet: every program gets a fresh entry.
  }
  const all = corpusPrograms();
  const results = runSources(all.filter((key) => only.size === 0 || only.has(key)));
  const status: Record<string, CorpusStatus> = {};
  let total = 0;
  for (const key of all) {
    const result = results.find((entry) => entry.key === key);
    if (!result) {
      if (previous[key]) status[key] = previous[key];
      continue;
    }
    total += result.seconds;
    status[key] = result.reason === null ? { status: 'pass' } : { status: 'fail', reason: result.reason };
    const was = previous[key]?.status;
    const change = was && was !== status[key]!.status ? ` (was ${was})` : '';
    console.log(`${status[key]!.status} ${key} ${result.seconds.toFixed(2)}s${change}${result.reason ? `: ${result.reason}` : ''}`);
  }
  writeFileSync(STATUS_FILE, `${JSON.stringify(status, null, 1)}\n`);
  const docs = new URL('../docs/compatibility.md', import.meta.url);
  writeFileSync(docs, compatibilityPage(readFileSync(docs, 'utf8'), status));
  const passed = Object.values(status).filter((entry) => entry.status === 'pass').length;
  console.log(`${passed}/${Object.keys(status).length} pass; programs ran in ${total.toFixed(1)}s (session start-up not counted)`);
}
