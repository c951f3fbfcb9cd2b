import { afterEach, describe, expect, it, vi } from 'vitest';
import { pushDismissable } from '../dismiss.ts';
import { dispatchKey, focusOf, installKeyDispatcher, type KeyDown } from '../dispatcher.ts';
import { createCommandRegistry, type Command } from '../../../core/commands/registry.ts';

/** Stands in for a DOM element: answers `closest` for the selectors it matches. */
const elementMatching = (...selectorsMatched: string[]) => ({
  closest: (selector: string) => (selectorsMatched.some((matched) => selector.includes(matched)) ? {} : null),
});

/** A keydown as the browser makes it, recording what the dispatcher did with it. */
function keydown(key: string, init: Partial<Omit<KeyDown, 'key'>> = {}): KeyDown & { stopped: boolean } {
  const event = {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    target: elementMatching(),
    defaultPrevented: false,
    stopped: false,
    preventDefault: () => (event.defaultPrevented = true),
    stopPropagation: () => (event.stopped = true),
    ...init,
  };
  return event;
}

const options = { platform: 'other', contextFor: () => ({ cellId: 'active' }) } as const;

function registryRecording(ran: string[]) {
  const command = (id: string, extra: Partial<Command>): Command => ({
    id,
    label: id,
    scope: 'global',
    run: ({ cellId }) => ran.push(`${id} ${cellId}`),
    ...extra,
  });
  return createCommandRegistry([
    command('runCellAndAdvance', { keys: ['Shift+Enter'] }),
    command('toggleBreakpoint', { scope: 'editor', keys: ['F9'] }),
    command('togglePlay', { scope: 'timeline', keys: ['Space'] }),
  ]);
}

describe('the key dispatcher', () => {
  it('runs the command of a registered chord on the active cell, and keeps the key from going further', () => {
    const ran: string[] = [];
    const event = keydown('Enter', { shiftKey: true, target: elementMatching('.monaco-editor') });
    expect(dispatchKey(registryRecording(ran), event, options)).toBe(true);
    expect(ran).toEqual(['runCellAndAdvance active']);
    expect(event).toMatchObject({ defaultPrevented: true, stopped: true });
  });

  it('takes F9 from an editor, before Monaco, but not from the page', () => {
    const ran: string[] = [];
    const registry = registryRecording(ran);
    expect(dispatchKey(registry, keydown('F9', { target: elementMatching('.monaco-editor') }), options)).toBe(true);
    expect(dispatchKey(registry, keydown('F9'), options)).toBe(false);
    expect(ran).toEqual(['toggleBreakpoint active']);
  });

  it('leaves alone a key no command takes, and a key the focused element already answered', () => {
    const ran: string[] = [];
    const registry = registryRecording(ran);
    const plain = keydown('Enter');
    expect(dispatchKey(registry, plain, options)).toBe(false);
    expect(plain.defaultPrevented).toBe(false);
    // A chart point that Space picks calls preventDefault; the timeline does not also play.
    expect(dispatchKey(registry, keydown(' ', { defaultPrevented: true }), options)).toBe(false);
    expect(dispatchKey(registry, keydown(' ', { isComposing: true }), options)).toBe(false);
    expect(ran).toEqual([]);
  });

  it('closes the innermost open panel on Escape, but leaves Escape to an editor', () => {
    const registry = registryRecording([]);
    const closed: string[] = [];
    const removeMenu = pushDismissable(() => closed.push('menu'));
    const removePalette = pushDismissable(() => closed.push('palette'));
    expect(dispatchKey(registry, keydown('Escape', { target: elementMatching('.monaco-editor') }), options)).toBe(false);
    expect(dispatchKey(registry, keydown('Escape'), options)).toBe(true);
    expect(closed).toEqual(['palette']);
    removePalette();
    removeMenu();
    expect(dispatchKey(registry, keydown('Escape'), options)).toBe(false);
  });

  it('knows where focus is from the element a key is aimed at', () => {
    expect(focusOf(elementMatching('.monaco-editor'))).toBe('editor');
    expect(focusOf(elementMatching('input'))).toBe('field');
    expect(focusOf(elementMatching('button'))).toBe('button');
    expect(focusOf(elementMatching('[aria-modal="true"]', 'input'))).toBe('modal');
    expect(focusOf(elementMatching())).toBe('page');
    expect(focusOf(null)).toBe('page');
  });
});

describe('the page’s keydown listener', () => {
  const uninstalls: (() => void)[] = [];
  afterEach(() => uninstalls.splice(0).forEach((uninstall) => uninstall()));

  it('dispatches the page’s keys until it is uninstalled', () => {
    const run = vi.fn();
    const page = new EventTarget();
    uninstalls.push(
      installKeyDispatcher(createCommandRegistry([{ id: 'play', label: 'Play', scope: 'timeline', keys: ['Space'], run }]), { ...options, target: page }),
    );
    // Node has Event, not KeyboardEvent: the key fields are added to a plain one.
    const space = () => Object.assign(new Event('keydown', { cancelable: true }), { key: ' ', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false });
    const first = space();
    page.dispatchEvent(first);
    expect(run).toHaveBeenCalledTimes(1);
    expect(first.defaultPrevented).toBe(true);
    uninstalls.splice(0).forEach((uninstall) => uninstall());
    page.dispatchEvent(space());
    expect(run).toHaveBeenCalledTimes(1);
  });
});
