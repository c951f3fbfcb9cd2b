/**
 * Keys have one way in: the dispatcher's single keydown listener. A second listener (or a Monaco
 * keybinding of its own) would be a shortcut the registry, its key hints and the palette do not know.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = join(import.meta.dirname, '..', '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const filesContaining = (pattern: RegExp) =>
  sourceFiles(APP)
    .filter((path) => pattern.test(readFileSync(path, 'utf8')))
    .map((path) => relative(APP, path));

describe('keyboard shortcuts', () => {
  it('reach the app through exactly one keydown listener, the dispatcher’s', () => {
    const listeners = sourceFiles(APP).flatMap((path) => readFileSync(path, 'utf8').match(/addEventListener\(\s*['"]keydown['"]/g) ?? []);
    expect(listeners).toHaveLength(1);
    expect(filesContaining(/addEventListener\(\s*['"]keydown['"]/)).toEqual(['components/commands/dispatcher.ts']);
  });

  it('are never bound in Monaco directly', () => {
    expect(filesContaining(/\bkeybindings\s*:|\.addCommand\(/)).toEqual([]);
  });
});
