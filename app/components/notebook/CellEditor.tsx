import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useLibraryState } from '../library/library-context.ts';
import { selectIsReadOnly } from '../../core/library/library-state.ts';
import { notebook, selectFocusRequest } from '../../core/notebook/notebook-store.ts';
import type { NotebookState } from '../../core/notebook/notebook-state.ts';
import { replay } from '../../core/replay/replay-store.ts';
import { nodesAtLine } from '../../core/trace/selection.ts';
import { useFrameLines } from '../frames/use-frame-lines.ts';
import './frame-lines.css';
import { keyHintOf, useCommands } from '../commands/commands-context.ts';
import { dispatchKey } from '../commands/dispatcher.ts';
import { editorFocused, editorGone, type FocusedEditor } from '../../core/commands/focused-editor.ts';
import { pageKeyOptions } from '../commands/key-context.ts';
import type { CommandRegistry } from '../../core/commands/registry.ts';
import { toggleBreakpointAt } from '../../core/commands/stepper-commands.ts';
import {
  backwardErrorDecorations,
  breakpointDecorations,
  errorLineDecorations,
  frameLineDecorations,
  replayLineDecorations,
  type LineDecoration,
} from './editor-decorations.ts';
import type * as Monaco from 'monaco-editor/editor/editor.api.js';
import { PlainCodeEditor } from './PlainCodeEditor.tsx';

/**
 * Monaco (2.7 MB of script) loads once the page is idle after its first paint (a shared snapshot's
 * graph drawn), or a second after at the latest: until it is here the cell is a plain text area
 * that already takes typing and the notebook's keys, and nothing on screen waits for it.
 */
let monacoLoading: Promise<typeof import('./monaco-setup.ts')> | undefined;
const MONACO_WAIT_MS = 1000;
function loadMonaco(): Promise<typeof import('./monaco-setup.ts')> {
  monacoLoading ??= new Promise<void>((idle) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => idle(), { timeout: MONACO_WAIT_MS });
    else setTimeout(idle, 0);
  }).then(() => import('./monaco-setup.ts'));
  return monacoLoading;
}

const LINE_HEIGHT = 20;
/**
 * The focus request some editor acted on last; shared so each request is acted on once. Compared by
 * identity, not by nonce: another notebook starts its nonces again from 1.
 */
let handledFocusRequest: NotebookState['focusRequest'] = null;
const VERTICAL_PADDING = 8;

type Editor = Monaco.editor.IStandaloneCodeEditor | null;

interface CellEditorProps {
  readonly cellId: string;
  readonly code: string;
  readonly cellNumber: number;
  /** The line (1-based) where the cell's last run raised, marked in the editor until the next run. */
  readonly errorLine?: number;
  /** The line of the timeline's current step, lit while replaying. */
  readonly stepLine?: number;
  /** The line of the selected graph node. */
  readonly selectedLine?: number;
}

/** What typing into a read-only editor shows beside the cursor. */
export const READ_ONLY_MESSAGE = 'This notebook is open in another tab, so typing here changes nothing. Use "Take over" in the banner above to edit here.';

/** One cell's Monaco editor: grows with its content, sends its keys to the registered commands, and marks its lines. */
export function CellEditor({ cellId, code, cellNumber, errorLine, stepLine, selectedLine }: CellEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const registry = useCommands();
  const editor = useMonacoEditor(hostRef, cellId, cellNumber, registry);
  const { frameLine, isReturn, recordedLines, breakpointLines, errorMarks } = useFrameLines(cellId);
  const hasRecordedLines = recordedLines.size > 0;
  // Another tab is editing this notebook: this one shows it without taking edits (two-tab safety).
  const isReadOnly = useLibraryState(selectIsReadOnly);

  useEditorOptions(editor, {
    ariaLabel: `Code of cell ${cellNumber}`,
    readOnly: isReadOnly,
    // The glyph margin (breakpoint dots) appears only in cells with recorded custom frames.
    glyphMargin: hasRecordedLines,
  });
  useCodeFromOutside(editor, code);
  const decorations = useMemo(
    () => [
      ...errorLineDecorations(errorLine),
      ...replayLineDecorations(stepLine, selectedLine),
      ...breakpointDecorations(recordedLines, breakpointLines),
      ...frameLineDecorations(frameLine, isReturn),
      ...backwardErrorDecorations(errorMarks),
    ],
    [errorLine, stepLine, selectedLine, recordedLines, breakpointLines, frameLine, isReturn, errorMarks],
  );
  useLineDecorations(editor, decorations);
  useFrameLineInView(editor, hostRef, frameLine);
  useFocusRequest(editor, hostRef, cellId);

  return (
    <div
      ref={hostRef}
      className="cell-editor"
      data-step-line={stepLine}
      data-selected-line={selectedLine}
      data-frame-line={frameLine}
      data-error-lines={errorMarks.map((mark) => mark.loc!.line).join(' ') || undefined}
      data-breakpoints={breakpointLines.join(' ') || undefined}
    >
      {!editor && <PlainCodeEditor cellId={cellId} code={code} cellNumber={cellNumber} readOnly={isReadOnly} registry={registry} />}
    </div>
  );
}

/** The editor itself, for as long as the cell lives: its typing goes to the store, its keys to the commands. */
function useMonacoEditor(hostRef: RefObject<HTMLDivElement | null>, cellId: string, cellNumber: number, registry: CommandRegistry): Editor {
  const [editor, setEditor] = useState<Editor>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let gone = false;
    void loadMonaco().then(({ monaco, EDITOR_THEME }) => {
      if (gone) return;
      dispose = createMonacoEditor(monaco, EDITOR_THEME, hostRef.current!, cellId, cellNumber, registry, setEditor);
    });
    return () => {
      gone = true;
      dispose?.();
    };
    // The editor lives as long as the cell; its number, options and code are synced by the hooks below.
  }, [cellId, registry]);
  return editor;
}

/** Monaco in `host` in place of the plain text area, keeping the text area's focus and cursor; returns its disposer. */
function createMonacoEditor(
  monaco: typeof Monaco,
  theme: string,
  host: HTMLDivElement,
  cellId: string,
  cellNumber: number,
  registry: CommandRegistry,
  setEditor: (editor: Editor) => void,
): () => void {
  const plain = host.querySelector('textarea');
  const typingInPlain = plain !== null && document.activeElement === plain;
  const editor = monaco.editor.create(host, {
    value: notebook.store.getState().cells.find((cell) => cell.id === cellId)?.code ?? '',
    language: 'python',
    theme,
    ariaLabel: `Code of cell ${cellNumber}`,
    placeholder: `Type PyTorch code. ${keyHintOf(registry.get('runCellAndAdvance').keys)} runs it.`,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // The page scrolls, not the cell: the editor is always as tall as its code.
    scrollbar: { vertical: 'hidden', horizontal: 'auto', alwaysConsumeMouseWheel: false, handleMouseWheel: false },
    overviewRulerLanes: 0,
    hideCursorInOverviewRuler: true,
    overviewRulerBorder: false,
    renderLineHighlight: 'none',
    renderLineHighlightOnlyWhenFocus: true,
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 8,
    folding: false,
    glyphMargin: false,
    fontSize: 14,
    lineHeight: LINE_HEIGHT,
    fontFamily: "'JetBrains Mono', 'SF Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    padding: { top: VERTICAL_PADDING, bottom: VERTICAL_PADDING },
    tabSize: 4,
    insertSpaces: true,
    fixedOverflowWidgets: true,
    contextmenu: false,
    automaticLayout: false,
  });
  if (typingInPlain) {
    editor.setPosition(editor.getModel()!.getPositionAt(plain.selectionStart));
    editor.focus();
  }
  setEditor(editor);
  const focusTarget: FocusedEditor = { cellId, cursorLine: () => editor.getPosition()?.lineNumber };

  const fitHeight = () => {
    const height = Math.max(editor.getContentHeight(), LINE_HEIGHT + 2 * VERTICAL_PADDING);
    host.style.height = `${height}px`;
    editor.layout({ width: host.clientWidth, height });
  };
  const disposables = [
    editor.onDidContentSizeChange(fitHeight),
    editor.onDidChangeModelContent(() => notebook.actions.setCode({ cellId, code: editor.getValue() })),
    // Keys reach the registered commands (Shift+Enter, F9, …) before Monaco's own keybindings see them.
    editor.onKeyDown((event) => void dispatchKey(registry, event.browserEvent, pageKeyOptions)),
    editor.onDidFocusEditorText(() => {
      editorFocused(focusTarget);
      notebook.actions.setActiveCell({ cellId });
    }),
    // Clicking a line selects the graph nodes it made (the cursor still moves as usual).
    editor.onMouseDown((event) => {
      const line = event.target.position?.lineNumber;
      if (line === undefined) return;
      // The glyph margin toggles a breakpoint on lines that ran inside a recorded custom frame.
      if (event.target.type === monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN) {
        toggleBreakpointAt(cellId, line);
        return;
      }
      const nodeIds = nodesAtLine(notebook.store.getState().traceEvents, cellId, line);
      if (nodeIds.length > 0) replay.actions.select({ nodeIds });
    }),
  ];
  const resizeObserver = new ResizeObserver(fitHeight);
  resizeObserver.observe(host);
  fitHeight();

  return () => {
    resizeObserver.disconnect();
    editorGone(focusTarget);
    for (const disposable of disposables) disposable.dispose();
    editor.getModel()?.dispose();
    editor.dispose();
    setEditor(null);
  };
}

interface EditorOptions {
  readonly ariaLabel: string;
  readonly readOnly: boolean;
  readonly glyphMargin: boolean;
}

function useEditorOptions(editor: Editor, { ariaLabel, readOnly, glyphMargin }: EditorOptions): void {
  useEffect(() => {
    // A read-only editor says why where the person types, not only in the banner they may not have read.
    editor?.updateOptions({ ariaLabel, readOnly, readOnlyMessage: { value: READ_ONLY_MESSAGE }, glyphMargin });
  }, [editor, ariaLabel, readOnly, glyphMargin]);
}

/** Code set from outside the editor (a shared link) flows in; the editor's own typing already matches. */
function useCodeFromOutside(editor: Editor, code: string): void {
  useEffect(() => {
    if (editor && editor.getValue() !== code) editor.setValue(code);
  }, [editor, code]);
}

function useLineDecorations(editor: Editor, decorations: readonly LineDecoration[]): void {
  useEffect(() => {
    if (!editor || decorations.length === 0) return;
    const marks = editor.createDecorationsCollection([...decorations]);
    return () => marks.clear();
  }, [editor, decorations]);
}

/** The line of the custom frame being stepped through is scrolled into the notebook's view. */
function useFrameLineInView(editor: Editor, hostRef: RefObject<HTMLDivElement | null>, frameLine: number | undefined): void {
  useEffect(() => {
    const scroller = hostRef.current?.closest('.app__notebook');
    if (!editor || !scroller || frameLine === undefined) return;
    const lineTop = hostRef.current!.getBoundingClientRect().top + editor.getTopForLineNumber(frameLine) - scroller.getBoundingClientRect().top;
    if (lineTop < 40 || lineTop > scroller.clientHeight - 60) {
      scroller.scrollTo({ top: scroller.scrollTop + lineTop - scroller.clientHeight / 2, behavior: 'auto' });
    }
  }, [editor, hostRef, frameLine]);
}

/**
 * Focus moves here when the store asks (Shift+Enter on the cell above). A request can arrive before
 * this editor exists (Shift+Enter on the last cell adds one), so it is checked on mount as well.
 */
function useFocusRequest(editor: Editor, hostRef: RefObject<HTMLDivElement | null>, cellId: string): void {
  // Read when the request is acted on, a frame later: Monaco may have arrived meanwhile.
  const editorRef = useRef(editor);
  editorRef.current = editor;
  useEffect(() => {
    let frame = 0;
    const focusIfAsked = () => {
      const request = selectFocusRequest(notebook.store.getState());
      if (!request || request.cellId !== cellId || request === handledFocusRequest) return;
      cancelAnimationFrame(frame);
      // A frame later the new cell has laid out (and React's dev double-mount has settled).
      frame = requestAnimationFrame(() => {
        if (request === handledFocusRequest) return;
        handledFocusRequest = request;
        if (editorRef.current) editorRef.current.focus();
        else hostRef.current?.querySelector('textarea')?.focus();
        hostRef.current?.closest('[role="group"]')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      });
    };
    focusIfAsked();
    const unsubscribe = notebook.store.subscribe(focusIfAsked);
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [hostRef, cellId]);
}
