/**
 * The corpus of real teaching programs (corpus/<source>/<name>.py), their PyTorch goldens and their
 * committed status, shared by the corpus tests and `npm run corpus:status`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
export const STATUS_FILE = join(CORPUS_DIR, 'status.json');

/**
 * Programs that must not share a process with others (each would get one in `npm run corpus:status`
 * and need a test file of its own). None today: the one that did (a Python exception raised in a
 * custom backward aborted node once the backward engine was hot) is fixed, and
 * engine/test/raise-in-custom-backward.test.ts keeps it so.
 */
export const ISOLATED: readonly string[] = [];

export interface CorpusGolden {
  readonly stdout: string;
  readonly exit_code: number;
  readonly last_stderr_line: string;
  /** Why this golden is PyTorch 2.x's text rather than what the installed 1.13 printed. */
  readonly note?: string;
}

export interface CorpusStatus {
  readonly status: 'pass' | 'fail';
  /** For `fail`: the first thing that goes wrong (the error, or the first line that differs). */
  readonly reason?: string;
}

/** What running a program produced: what it printed and how it ended. */
export interface CorpusOutcome {
  readonly stdout: string;
  readonly exitCode: number;
  /** The last line of the traceback when it raised ("ValueError: ..."), else "". */
  readonly lastErrorLine: string;
}

/** Program keys ("makemore/part2_mlp"), sorted, one per corpus/<source>/<name>.py. */
export function corpusPrograms(): string[] {
  const keys: string[] = [];
  for (const source of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!source.isDirectory()) continue;
    for (const file of readdirSync(join(CORPUS_DIR, source.name))) {
      if (file.endsWith('.py')) keys.push(`${source.name}/${file.slice(0, -3)}`);
    }
  }
  return keys.sort();
}

export function programSource(key: string): string {
  return readFileSync(join(CORPUS_DIR, `${key}.py`), 'utf8');
}

export function readGoldens(): Record<string, CorpusGolden> {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'goldens.json'), 'utf8')) as Record<string, CorpusGolden>;
}

export function readStatus(): Record<string, CorpusStatus> {
  return JSON.parse(readFileSync(STATUS_FILE, 'utf8')) as Record<string, CorpusStatus>;
}

const MAX_REASON = 160;

function clip(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * Why `outcome` is not what PyTorch printed, in one line, or undefined when it matches: the error
 * when the program raised and PyTorch's did not, else the first line of stdout that differs.
 */
export function mismatch(outcome: CorpusOutcome, golden: CorpusGolden): string | undefined {
  if (outcome.exitCode !== 0 && golden.exit_code === 0) return clip(outcome.lastErrorLine || `exit code ${outcome.exitCode}`);
  if (outcome.stdout !== golden.stdout) {
    const got = outcome.stdout.split('\n');
    const want = golden.stdout.split('\n');
    const line = want.findIndex((text, i) => got[i] !== text);
    const at = line === -1 ? want.length : line;
    return clip(`stdout line ${at + 1}: expected ${JSON.stringify(want[at] ?? '<end>')}, got ${JSON.stringify(got[at] ?? '<end>')}`);
  }
  if (outcome.exitCode !== golden.exit_code) return `exit code ${outcome.exitCode}, PyTorch's was ${golden.exit_code}`;
  if (golden.exit_code !== 0 && outcome.lastErrorLine !== golden.last_stderr_line) {
    return clip(`last error line ${JSON.stringify(outcome.lastErrorLine)}, PyTorch's was ${JSON.stringify(golden.last_stderr_line)}`);
  }
  return undefined;
}

/** The message a test shows when a program marked `fail` has started printing PyTorch's output. */
export function flipMessage(key: string): string {
  return `corpus/${key}.py now prints exactly what PyTorch prints: flip it to "pass" in corpus/status.json (npm run corpus:status rewrites the file)`;
}
