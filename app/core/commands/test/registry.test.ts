import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../keys.ts';
import { createCommandRegistry, type Command, type CommandContext } from '../registry.ts';
import { press } from './key-press.ts';

function recording(ran: string[], id: string, extra: Partial<Command> = {}): Command {
  return { id, label: id, scope: 'global', run: (context: CommandContext) => ran.push(`${id}(${context.cellId ?? ''})`), ...extra };
}

describe('the command registry', () => {
  it('registers a command once: a second one with the same id is refused', () => {
    expect(() => createCommandRegistry([recording([], 'a'), recording([], 'a')])).toThrow(/"a" is registered twice/);
    expect(() => createCommandRegistry([]).get('missing')).toThrow(/No command "missing"/);
  });

  it('gives each key to the scopes listening where focus is', () => {
    const registry = createCommandRegistry([
      recording([], 'runCell', { keys: ['Mod+Enter'] }),
      recording([], 'breakpoint', { scope: 'editor', keys: ['F9'] }),
      recording([], 'stepForward', { scope: 'timeline', keys: ['ArrowRight'] }),
    ]);
    const idFor = (key: KeyPress, focus: Parameters<typeof registry.commandForKey>[1]) => registry.commandForKey(key, focus, 'other')?.id;
    // Global commands answer everywhere except inside a modal dialog.
    for (const focus of ['editor', 'field', 'button', 'page'] as const) expect(idFor(press('Enter', { ctrlKey: true }), focus)).toBe('runCell');
    expect(idFor(press('Enter', { ctrlKey: true }), 'modal')).toBeUndefined();
    // Editor commands only in an editor; timeline commands only on the page, never while typing.
    expect(idFor(press('F9'), 'editor')).toBe('breakpoint');
    expect(idFor(press('F9'), 'page')).toBeUndefined();
    expect(idFor(press('ArrowRight'), 'page')).toBe('stepForward');
    expect(idFor(press('ArrowRight'), 'editor')).toBeUndefined();
    expect(idFor(press('ArrowRight'), 'field')).toBeUndefined();
    // Modifiers must match exactly.
    expect(idFor(press('ArrowRight', { shiftKey: true }), 'page')).toBeUndefined();
    expect(idFor(press('Enter', { ctrlKey: true, altKey: true }), 'page')).toBeUndefined();
  });

  it('lets the most specific scope win a chord that two scopes share', () => {
    const registry = createCommandRegistry([
      recording([], 'globalF2', { keys: ['F2'] }),
      recording([], 'editorF2', { scope: 'editor', keys: ['F2'] }),
      recording([], 'timelineF2', { scope: 'timeline', keys: ['F2'] }),
    ]);
    expect(registry.commandForKey(press('F2'), 'editor', 'other')?.id).toBe('editorF2');
    expect(registry.commandForKey(press('F2'), 'page', 'other')?.id).toBe('timelineF2');
    expect(registry.commandForKey(press('F2'), 'field', 'other')?.id).toBe('globalF2');
  });

  it('passes a key over a disabled command to the next one, or leaves it to the page', () => {
    let canStepInto = false;
    const registry = createCommandRegistry([
      recording([], 'stepInto', { scope: 'timeline', keys: ['ArrowDown'], isEnabled: () => canStepInto }),
      recording([], 'fallback', { keys: ['F3'] }),
      recording([], 'blockedF3', { scope: 'timeline', keys: ['F3'], isEnabled: () => false }),
    ]);
    expect(registry.commandForKey(press('ArrowDown'), 'page', 'other')).toBeUndefined();
    canStepInto = true;
    expect(registry.commandForKey(press('ArrowDown'), 'page', 'other')?.id).toBe('stepInto');
    expect(registry.commandForKey(press('F3'), 'page', 'other')?.id).toBe('fallback');
  });

  it('asks whether a command is enabled for the cell it would act on', () => {
    const registry = createCommandRegistry([recording([], 'runCell', { keys: ['Shift+Enter'], isEnabled: ({ cellId }) => cellId === 'c1' })]);
    expect(registry.commandForKey(press('Enter', { shiftKey: true }), 'page', 'other', { cellId: 'c1' })?.id).toBe('runCell');
    expect(registry.commandForKey(press('Enter', { shiftKey: true }), 'page', 'other', {})).toBeUndefined();
  });

  it('leaves Space and Enter to a focused button, which clicks', () => {
    const registry = createCommandRegistry([recording([], 'play', { scope: 'timeline', keys: ['Space'] })]);
    expect(registry.commandForKey(press(' '), 'button', 'other')).toBeUndefined();
    expect(registry.commandForKey(press(' '), 'page', 'other')?.id).toBe('play');
  });

  it('matches Cmd on a Mac and Ctrl elsewhere to the same Mod chord', () => {
    const registry = createCommandRegistry([recording([], 'palette', { keys: ['Mod+Shift+P'] })]);
    expect(registry.commandForKey(press('P', { metaKey: true, shiftKey: true }), 'page', 'mac')?.id).toBe('palette');
    expect(registry.commandForKey(press('P', { ctrlKey: true, shiftKey: true }), 'page', 'mac')).toBeUndefined();
    expect(registry.commandForKey(press('P', { ctrlKey: true, shiftKey: true }), 'page', 'other')?.id).toBe('palette');
    expect(registry.commandForKey(press('P', { metaKey: true, shiftKey: true }), 'page', 'other')).toBeUndefined();
  });

  it('runs a command only while it is enabled, with the context it is given', () => {
    const ran: string[] = [];
    let isEnabled = false;
    const registry = createCommandRegistry([recording(ran, 'stop', { isEnabled: () => isEnabled })]);
    expect(registry.run('stop', {})).toBe(false);
    isEnabled = true;
    expect(registry.run('stop', { cellId: 'c2' })).toBe(true);
    expect(ran).toEqual(['stop(c2)']);
  });
});
