/**
 * The one key dispatcher. A key goes first to the element that has focus (a field that cancels its
 * own edit on Escape, a chart point that Space picks); whatever it leaves reaches the window's one
 * keydown listener, which runs the registered command. A code editor routes its keys here before
 * Monaco's own keybindings see them (`dispatchKey` from its onKeyDown), so Shift+Enter and F9 are
 * the registry's in the editor too.
 */
import { dismissTop } from './dismiss.ts';
import type { KeyPress, Platform } from '../../core/commands/keys.ts';
import type { CommandContext, CommandRegistry, Focus } from '../../core/commands/registry.ts';

interface Closest {
  closest(selector: string): unknown;
}

const hasClosest = (target: unknown): target is Closest =>
  typeof target === 'object' && target !== null && typeof (target as Partial<Closest>).closest === 'function';

/** Where focus is, read from the element a key event is aimed at. */
export function focusOf(target: unknown): Focus {
  if (!hasClosest(target)) return 'page';
  if (target.closest('[aria-modal="true"]')) return 'modal';
  // A cell's plain text area stands in for Monaco until Monaco has loaded (PlainCodeEditor.tsx).
  if (target.closest('.monaco-editor, .cell-editor__plain')) return 'editor';
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return 'field';
  if (target.closest('button, [role="button"], a[href], summary')) return 'button';
  return 'page';
}

/** A keydown as the dispatcher reads it (a DOM KeyboardEvent). */
export interface KeyDown extends KeyPress {
  readonly target: unknown;
  readonly defaultPrevented: boolean;
  readonly isComposing?: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

export interface KeyDispatcherOptions {
  readonly platform: Platform;
  /** The context a key's command runs in (the active cell; the focused editor's cell when focus is in one). */
  readonly contextFor: (focus: Focus) => CommandContext;
}

/** Runs the command `event` asks for, if any; says whether it took the key (then nothing else gets it). */
export function dispatchKey(registry: CommandRegistry, event: KeyDown, options: KeyDispatcherOptions): boolean {
  if (event.isComposing || event.defaultPrevented) return false;
  const focus = focusOf(event.target);
  // Escape closes the innermost open panel; in an editor it stays Monaco's (its suggestions, its find box).
  if (event.key === 'Escape') {
    if (focus === 'editor' || !dismissTop()) return false;
    event.preventDefault();
    return true;
  }
  const context = options.contextFor(focus);
  const command = registry.commandForKey(event, focus, options.platform, context);
  if (!command) return false;
  event.preventDefault();
  event.stopPropagation();
  command.run(context);
  return true;
}

/** Listens for keys on `target` (the window) for `registry`'s commands; the returned function stops it. */
export function installKeyDispatcher(registry: CommandRegistry, options: KeyDispatcherOptions & { readonly target?: EventTarget }): () => void {
  const target = options.target ?? window;
  const onKeyDown = (event: Event) => void dispatchKey(registry, event as KeyboardEvent, options);
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
