import { useEffect, useRef } from 'react';
import { useLibraryState } from '../library/library-context.ts';
import { selectIsReadOnly } from '../store/library-state.ts';
import { notebook, selectFocusRequest } from '../store/notebook-store.ts';
import { replay } from '../store/replay-store.ts';
import { nodesAtLine } from '../timeline/selection.ts';
import { useFrameLines } from '../stepper/use-frame-lines.ts';
import '../stepper/stepper.css';
import { useCommands } from '../commands/commands-context.ts';
import { dispatchKey } from '../commands/dispatcher.ts';
import { editorFocused, editorGone, type FocusedEditor } from '../commands/focused-editor.ts';
import { pageKeyOptions } from '../commands/key-context.ts';
import { toggleBreakpointAt } from '../commands/stepper-commands.ts';
import { EDITOR_THEME, monaco } from './monaco-setup.ts';

const LINE_HEIGHT = 20;
/** The newest focus request some editor has acted on; shared so each request is acted on once. */
let handledFocusNonce = 0;
const VERTICAL_PADDING = 8;

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

/** One cell's Monaco editor: grows with its content, and sends its shortcuts to the registered commands. */
/** What typing into a read-only editor shows beside the cursor. */
export const READ_ONLY_MESSAGE = 'This notebook is open in another tab, so typing here changes nothing. Use "Take over" in the banner above to edit here.';

export function CellEditor({ cellId, code, cellNumber, errorLine, stepLine, selectedLine }: CellEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const registry = useCommands();
  const { frameLine, isReturn, recordedLines: breakpointableLines, breakpointLines, errorMarks } = useFrameLines(cellId);
  const hasRecordedLines = breakpointableLines.size > 0;

  useEffect(() => {
    const host = hostRef.current!;
    const editor = monaco.editor.create(host, {
      value: notebook.store.getState().cells.find((cell) => cell.id === cellId)?.code ?? '',
      language: 'python',
      theme: EDITOR_THEME,
      ariaLabel: `Code of cell ${cellNumber}`,
      placeholder: 'Type PyTorch code. Shift+Enter runs it.',
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
    editorRef.current = editor;
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
      editorRef.current = null;
    };
    // The editor lives as long as the cell; its number and code are synced by the effects below.
  }, [cellId, registry]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: `Code of cell ${cellNumber}` });
  }, [cellNumber]);

  // Another tab is editing this notebook: this one shows it without taking edits (h6, two-tab safety).
  const isReadOnly = useLibraryState(selectIsReadOnly);
  useEffect(() => {
    // Said where the person types, not only in the banner they may not have read.
    editorRef.current?.updateOptions({ readOnly: isReadOnly, readOnlyMessage: { value: READ_ONLY_MESSAGE } });
  }, [isReadOnly]);

  // Code set from outside the editor (a shared link) flows in; the editor's own typing already matches.
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== code) editor.setValue(code);
  }, [code]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || errorLine === undefined) return;
    const marks = editor.createDecorationsCollection([
      {
        range: new monaco.Range(errorLine, 1, errorLine, 1),
        options: { isWholeLine: true, className: 'cell-editor__error-line', linesDecorationsClassName: 'cell-editor__error-gutter' },
      },
    ]);
    return () => marks.clear();
  }, [errorLine]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || (stepLine === undefined && selectedLine === undefined)) return;
    const decorations: monaco.editor.IModelDeltaDecoration[] = [];
    if (selectedLine !== undefined && selectedLine !== stepLine) {
      decorations.push({
        range: new monaco.Range(selectedLine, 1, selectedLine, 1),
        options: { isWholeLine: true, className: 'cell-editor__selected-line', lineNumberClassName: 'cell-editor__selected-number' },
      });
    }
    if (stepLine !== undefined) {
      decorations.push({
        range: new monaco.Range(stepLine, 1, stepLine, 1),
        options: { isWholeLine: true, className: 'cell-editor__step-line', lineNumberClassName: 'cell-editor__step-number' },
      });
    }
    const marks = editor.createDecorationsCollection(decorations);
    return () => marks.clear();
  }, [stepLine, selectedLine]);

  // The glyph margin (breakpoint dots) appears only in cells with recorded custom frames.
  useEffect(() => {
    editorRef.current?.updateOptions({ glyphMargin: hasRecordedLines });
  }, [hasRecordedLines]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !hasRecordedLines) return;
    const breakpoints = new Set(breakpointLines);
    const decorations: monaco.editor.IModelDeltaDecoration[] = [...breakpointableLines].map((line) => ({
      range: new monaco.Range(line, 1, line, 1),
      options: breakpoints.has(line)
        ? { glyphMarginClassName: 'cell-editor__breakpoint', glyphMarginHoverMessage: { value: 'Breakpoint: Play stops here (click to remove)' } }
        : { glyphMarginClassName: 'cell-editor__breakpoint-slot', glyphMarginHoverMessage: { value: 'Click to stop Play on this line' } },
    }));
    const marks = editor.createDecorationsCollection(decorations);
    return () => marks.clear();
  }, [hasRecordedLines, breakpointableLines, breakpointLines]);

  // The line of the custom frame being stepped through: its own colour, scrolled into view.
  useEffect(() => {
    const editor = editorRef.current;
    const host = hostRef.current;
    if (!editor || !host || frameLine === undefined) return;
    const marks = editor.createDecorationsCollection([
      {
        range: new monaco.Range(frameLine, 1, frameLine, 1),
        options: {
          isWholeLine: true,
          className: isReturn ? 'cell-editor__frame-line cell-editor__frame-line--return' : 'cell-editor__frame-line',
          lineNumberClassName: 'cell-editor__frame-number',
        },
      },
    ]);
    const scroller = host.closest('.app__notebook');
    if (scroller) {
      const lineTop = host.getBoundingClientRect().top + editor.getTopForLineNumber(frameLine) - scroller.getBoundingClientRect().top;
      if (lineTop < 40 || lineTop > scroller.clientHeight - 60) {
        scroller.scrollTo({ top: scroller.scrollTop + lineTop - scroller.clientHeight / 2, behavior: 'auto' });
      }
    }
    return () => marks.clear();
  }, [frameLine, isReturn]);

  // Backward errors: the user's return line, or (anomaly) the forward line that made the node.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || errorMarks.length === 0) return;
    const marks = editor.createDecorationsCollection(
      errorMarks.map((mark) => ({
        range: new monaco.Range(mark.loc!.line, 1, mark.loc!.line, 1),
        options: {
          isWholeLine: true,
          className: mark.anomaly ? 'cell-editor__anomaly-line' : 'cell-editor__backward-error-line',
          linesDecorationsClassName: 'cell-editor__error-gutter',
          hoverMessage: { value: mark.message },
        },
      })),
    );
    return () => marks.clear();
  }, [errorMarks]);

  // A focus request can arrive before this editor exists (Shift+Enter on the last cell adds one),
  // so it is checked on mount as well as on every change.
  useEffect(() => {
    let frame = 0;
    const focusIfAsked = () => {
      const request = selectFocusRequest(notebook.store.getState());
      if (!request || request.cellId !== cellId || request.nonce <= handledFocusNonce) return;
      cancelAnimationFrame(frame);
      // A frame later the new cell has laid out (and React's dev double-mount has settled).
      frame = requestAnimationFrame(() => {
        if (request.nonce <= handledFocusNonce) return;
        handledFocusNonce = request.nonce;
        editorRef.current?.focus();
        hostRef.current?.closest('[role="group"]')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      });
    };
    focusIfAsked();
    const unsubscribe = notebook.store.subscribe(focusIfAsked);
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [cellId, registry]);

  return (
    <div
      ref={hostRef}
      className="cell-editor"
      data-step-line={stepLine}
      data-selected-line={selectedLine}
      data-frame-line={frameLine}
      data-error-lines={errorMarks.map((mark) => mark.loc!.line).join(' ') || undefined}
      data-breakpoints={breakpointLines.join(' ') || undefined}
    />
  );
}
