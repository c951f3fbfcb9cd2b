import { describe, expect, it } from 'vitest';
import { chordOf, describeChord, describeChords, normaliseChord } from '../keys.ts';
import { press } from './key-press.ts';

describe('key chords', () => {
  it('are spelled one way however they are written', () => {
    expect(normaliseChord('shift+enter')).toBe('Shift+Enter');
    expect(normaliseChord('Shift+Mod+p')).toBe('Mod+Shift+P');
    expect(normaliseChord('control+alt+Delete')).toBe('Ctrl+Alt+Delete');
    expect(normaliseChord(' ')).toBe('Space');
    expect(normaliseChord('esc')).toBe('Escape');
    expect(() => normaliseChord('Hyper+K')).toThrow(/Unknown modifier "Hyper"/);
  });

  it('read a key press in the same spelling: the space bar, letters whatever their case, F-keys and arrows', () => {
    expect(chordOf(press(' '), 'other')).toBe('Space');
    expect(chordOf(press('p', { ctrlKey: true, shiftKey: true }), 'other')).toBe('Mod+Shift+P');
    expect(chordOf(press('P', { ctrlKey: true, shiftKey: true }), 'other')).toBe('Mod+Shift+P');
    expect(chordOf(press('F11', { shiftKey: true }), 'other')).toBe('Shift+F11');
    expect(chordOf(press('ArrowDown'), 'other')).toBe('ArrowDown');
  });

  it('take Cmd as Mod on a Mac and Ctrl as Mod elsewhere', () => {
    expect(chordOf(press('Enter', { metaKey: true }), 'mac')).toBe('Mod+Enter');
    expect(chordOf(press('Enter', { ctrlKey: true }), 'mac')).toBe('Ctrl+Enter');
    expect(chordOf(press('Enter', { ctrlKey: true }), 'other')).toBe('Mod+Enter');
    expect(chordOf(press('Enter', { metaKey: true }), 'other')).toBe('Meta+Enter');
  });

  it('are written on key hints the way each platform writes them', () => {
    expect(describeChord('Mod+Enter', 'mac')).toBe('⌘+Enter');
    expect(describeChord('Mod+Shift+Enter', 'other')).toBe('Ctrl+Shift+Enter');
    expect(describeChord('Mod+Shift+P', 'mac')).toBe('⌘+Shift+P');
    expect(describeChords(['ArrowDown', 'F11'], 'other')).toBe('↓ or F11');
    expect(describeChords([], 'other')).toBe('');
  });
});
