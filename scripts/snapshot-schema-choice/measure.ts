/**
 * Picks the snapshot schema library by measurement (docs/snapshot.md has the numbers): the same
 * schema subset in valibot and in zod, bundled and minified (gzip size), and the time each takes
 * to validate a 2,000-pass training trace kept in full. Run: `npx tsx scripts/snapshot-schema-choice/measure.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { randn, recordName } from '../../engine/index.ts';
import { createTraceRecorder } from '../../engine/trace/recorder.ts';
import { setRecorder } from '../../engine/trace/recorder-hooks.ts';
import { validate as validateWithValibot } from './valibot-subset.ts';
import { validate as validateWithZod } from './zod-subset.ts';
import { compactTrace } from '../../engine/trace/compact.ts';
import type { TraceEvent } from '../../engine/trace/schema.ts';
import { z } from 'zod';

const PASSES = 2000;

function trainingTrace(): unknown[] {
  const recording = createTraceRecorder({ keepPasses: PASSES });
  setRecorder(recording.recorder);
  try {
    const x = randn([4, 3]);
    const w = randn([3, 2]).detach();
    w.requiresGrad = true;
    recordName(w, 'w');
    for (let pass = 0; pass < PASSES; pass++) x.matmul(w).tanh().pow(2).mean().backward();
  } finally {
    setRecorder(null);
  }
  return JSON.parse(JSON.stringify(recording.drain())) as unknown[];
}

function bundleBytes(entry: string): { min: number; gzip: number } {
  const out = execFileSync('npx', ['esbuild', entry, '--bundle', '--minify', '--format=esm', '--log-level=error'], { maxBuffer: 64 * 1024 * 1024 });
  return { min: out.length, gzip: gzipSync(out).length };
}

function timeIt(validate: (input: unknown) => boolean, input: unknown): number {
  if (!validate(input)) throw new Error('the trace did not validate');
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    validate(input);
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[3]!;
}

const full = trainingTrace();
const compacted = compactTrace(full as TraceEvent[]);
const here = new URL('.', import.meta.url).pathname;
for (const [label, events] of [['kept in full', full], ['compacted as the app keeps it (3 full passes + summaries)', compacted]] as const) {
  console.log(`trace ${label}: ${PASSES} passes, ${events.length} events, ${(JSON.stringify(events).length / 1e6).toFixed(2)} MB of JSON`);
  console.log(`  valibot: ${timeIt(validateWithValibot, events).toFixed(1)} ms; zod: ${timeIt(validateWithZod, events).toFixed(1)} ms (medians of 7)`);
}
// A Content-Security-Policy without 'unsafe-eval' (issue #6) turns off zod's compiled validators.
z.config({ jitless: true });
console.log(`zod without eval (CSP): ${timeIt(validateWithZod, full).toFixed(1)} ms on the full trace`);
for (const [name, file] of [['valibot', 'valibot-subset.ts'], ['zod', 'zod-subset.ts']] as const) {
  const size = bundleBytes(here + file);
  console.log(`${name} ${JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version}: bundle ${(size.min / 1024).toFixed(1)} KB min, ${(size.gzip / 1024).toFixed(1)} KB gzip`);
}
