/**
 * `npm run corpus:status`: runs every corpus program on the engine (one session, reset between
 * programs, as engine/test/corpus.test.ts does) and rewrites corpus/status.json with what each does
 * now: `pass`, or `fail` with the first thing that goes wrong. Prints the time each took.
 * `npm run corpus:status -- makemore/part2_mlp` reruns only the programs named.
 */
import { writeFileSync } from 'node:fs';
import { startTestSession } from '../engine/test/python-session.ts';
import {
  STATUS_FILE,
  corpusPrograms,
  mismatch,
  programSource,
  readGoldens,
  readStatus,
  type CorpusStatus,
} from '../engine/test/corpus-programs.ts';

const only = new Set(process.argv.slice(2));
const goldens = readGoldens();
let previous: Record<string, CorpusStatus> = {};
try {
  previous = readStatus();
} catch {
  // No status file yet: every program gets a fresh entry.
}

const python = await startTestSession();
const status: Record<string, CorpusStatus> = {};
let total = 0;
for (const key of corpusPrograms()) {
  if (only.size > 0 && !only.has(key)) {
    if (previous[key]) status[key] = previous[key];
    continue;
  }
  const started = performance.now();
  const result = python.run(programSource(key), `${key.split('/')[1]}.py`);
  const seconds = (performance.now() - started) / 1000;
  total += seconds;
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
  status[key] = reason === undefined ? { status: 'pass' } : { status: 'fail', reason };
  const was = previous[key]?.status;
  const change = was && was !== status[key]!.status ? ` (was ${was})` : '';
  console.log(`${status[key]!.status} ${key} ${seconds.toFixed(2)}s${change}${reason ? `: ${reason}` : ''}`);
}
writeFileSync(STATUS_FILE, `${JSON.stringify(status, null, 1)}\n`);
const passed = Object.values(status).filter((entry) => entry.status === 'pass').length;
console.log(`${passed}/${Object.keys(status).length} pass; ran in ${total.toFixed(1)}s`);
