/** What the figures were measured on, printed with them (a benchmark without its machine means little). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  readonly node: string;
  readonly v8: string;
  readonly cpuModel: string;
  readonly logicalCpus: number;
  readonly totalMemoryGiB: number;
  readonly platform: string;
  readonly loadAverage: readonly number[];
  readonly gitCommit: string | null;
  readonly date: string;
}

/** The CPU's model name from /proc/cpuinfo (Linux), else what Node reports. */
export function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall through.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(): MachineInfo {
  return {
    node: process.version,
    v8: process.versions.v8,
    cpuModel: cpuModel(),
    logicalCpus: os.cpus().length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    gitCommit: gitCommit(),
    date: new Date().toISOString(),
  };
}
