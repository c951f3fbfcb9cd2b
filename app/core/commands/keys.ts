/**
 * Key chords, written once as text ("Mod+Shift+Enter", "F9", "ArrowDown") and matched against key
 * events. `Mod` is Cmd on macOS and Ctrl elsewhere, so one chord serves both; a chord is stored in
 * one canonical spelling so that comparing two chords is comparing two strings.
 */
export type Platform = 'mac' | 'other';

/** The parts of a key event a chord is read from (a DOM KeyboardEvent has them all). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const MODIFIERS = ['Mod', 'Ctrl', 'Meta', 'Alt', 'Shift'] as const;
type Modifier = (typeof MODIFIERS)[number];

const KEY_ALIASES: Readonly<Record<string, string>> = {
  ' ': 'Space',
  space: 'Space',
  esc: 'Escape',
  escape: 'Escape',
  enter: 'Enter',
  return: 'Enter',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  up: 'ArrowUp',
  down: 'ArrowDown',
};

const MODIFIER_ALIASES: Readonly<Record<string, Modifier>> = {
  mod: 'Mod',
  cmdorctrl: 'Mod',
  ctrl: 'Ctrl',
  control: 'Ctrl',
  meta: 'Meta',
  cmd: 'Meta',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
};

/** One key's canonical name: letters upper-case, the space bar "Space", F-keys and arrows as the DOM names them. */
export function normaliseKey(key: string): string {
  const alias = KEY_ALIASES[key.toLowerCase()] ?? KEY_ALIASES[key];
  if (alias) return alias;
  return key.length === 1 ? key.toUpperCase() : key;
}

function joinChord(modifiers: ReadonlySet<Modifier>, key: string): string {
  return [...MODIFIERS.filter((modifier) => modifiers.has(modifier)), normaliseKey(key)].join('+');
}

/** A chord as written by a person ("shift+enter", "Ctrl+Shift+p") in canonical spelling ("Shift+Enter"). */
export function normaliseChord(chord: string): string {
  // "+" itself is a key: a trailing "++" means the plus key.
  const parts = chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : chord.split('+');
  const key = parts.pop() ?? '';
  const modifiers = new Set<Modifier>();
  for (const part of parts) {
    const modifier = MODIFIER_ALIASES[part.toLowerCase()];
    if (!modifier) throw new Error(`Unknown modifier "${part}" in the key chord "${chord}".`);
    modifiers.add(modifier);
  }
  return joinChord(modifiers, key);
}

/** The chord a key event makes on this platform: Cmd is `Mod` on a Mac, Ctrl is `Mod` elsewhere. */
export function chordOf(press: KeyPress, platform: Platform): string {
  const modifiers = new Set<Modifier>();
  if (press.ctrlKey) modifiers.add(platform === 'mac' ? 'Ctrl' : 'Mod');
  if (press.metaKey) modifiers.add(platform === 'mac' ? 'Mod' : 'Meta');
  if (press.altKey) modifiers.add('Alt');
  if (press.shiftKey) modifiers.add('Shift');
  return joinChord(modifiers, press.key);
}

const KEY_SYMBOLS: Readonly<Record<string, string>> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };
const MODIFIER_NAMES: Readonly<Record<Platform, Readonly<Record<Modifier, string>>>> = {
  mac: { Mod: '⌘', Ctrl: '⌃', Meta: '⌘', Alt: '⌥', Shift: 'Shift' },
  other: { Mod: 'Ctrl', Ctrl: 'Ctrl', Meta: 'Meta', Alt: 'Alt', Shift: 'Shift' },
};

/** A chord the way the platform writes it on a key hint: "⌘+Enter" on a Mac, "Ctrl+Enter" elsewhere, arrows as ← →. */
export function describeChord(chord: string, platform: Platform): string {
  const parts = normaliseChord(chord).split('+');
  const key = parts.pop()!;
  const names = MODIFIER_NAMES[platform];
  return [...parts.map((modifier) => names[modifier as Modifier]), KEY_SYMBOLS[key] ?? key].join('+');
}

/** Every chord of a command for a key hint: "↓ or F11". */
export function describeChords(chords: readonly string[], platform: Platform): string {
  return chords.map((chord) => describeChord(chord, platform)).join(' or ');
}

/** The platform this browser runs on (Node, with no navigator, counts as not a Mac). */
export function currentPlatform(): Platform {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other';
}
