import { describe, expect, it } from 'vitest';
import { paletteMatches } from '../palette-matches.ts';
import type { Command } from '../registry.ts';

const command = (label: string): Command => ({ id: label, label, scope: 'global', run: () => {} });
const commands = ['Run cell', 'Run all', 'Export as Python (.py)', 'Export graph as SVG', 'Step forward'].map(command);
const labels = (query: string) => paletteMatches(commands, query).map((match) => match.label);

describe('the palette filter', () => {
  it('lists every command for an empty query, in registration order', () => {
    expect(labels('')).toEqual(commands.map((match) => match.label));
  });

  it('keeps commands holding every typed word, in any order and case', () => {
    expect(labels('run')).toEqual(['Run cell', 'Run all']);
    expect(labels('svg EXPORT')).toEqual(['Export graph as SVG']);
    expect(labels('export py')).toEqual(['Export as Python (.py)']);
    expect(labels('nothing like this')).toEqual([]);
  });
});
