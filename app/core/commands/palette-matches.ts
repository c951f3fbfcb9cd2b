import type { Command } from './registry.ts';

/** Commands whose label holds every word typed, in any order; case does not matter. */
export function paletteMatches(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => words.every((word) => command.label.toLowerCase().includes(word)));
}
