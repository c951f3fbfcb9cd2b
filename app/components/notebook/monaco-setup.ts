/**
 * Monaco, bundled from node_modules (never a CDN: the app works offline). Only the editor API, the
 * Python tokenizer and a few editing contributions are imported, not the whole of `monaco-editor`,
 * which keeps the bundle a fraction of its full size.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/languages/definitions/python/register.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
// Typing into a read-only editor (a notebook another tab owns) shows `readOnlyMessage` at the cursor.
import 'monaco-editor/editor/contrib/message/browser/messageController.js';
import 'monaco-editor/editor/contrib/readOnlyMessage/browser/contribution.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';

globalThis.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export const EDITOR_THEME = 'gradscope-light';

monaco.editor.defineTheme(EDITOR_THEME, {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'comment', foreground: '6a737d', fontStyle: 'italic' },
    { token: 'keyword', foreground: '8a3ffc' },
    { token: 'string', foreground: '0a7a55' },
    { token: 'number', foreground: 'b35900' },
  ],
  colors: {
    'editor.background': '#fbfbfa',
    'editor.lineHighlightBackground': '#f1f0ec',
    'editorLineNumber.foreground': '#b3b0a8',
    'editorLineNumber.activeForeground': '#5b5f66',
    'editor.selectionBackground': '#cfe0f3',
    'editorCursor.foreground': '#1f3a5f',
  },
});

export { monaco };
