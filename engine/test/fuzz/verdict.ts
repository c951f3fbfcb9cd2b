/** What makes a failure bad: anything but a Python exception of PyTorch's kinds with a message of its own. */
import type { PythonError } from '../../worker/protocol.ts';

/** The exception classes PyTorch raises for bad arguments. */
const PYTHON_ERRORS = new Set(['RuntimeError', 'TypeError', 'ValueError', 'IndexError', 'NotImplementedError', 'OverflowError', 'ZeroDivisionError']);

/** Words that only JavaScript (or Gradscope's own internals) would say. */
const JS_TEXT = [
  /undefined/,
  /is not a function/,
  /Cannot read properties/,
  /Invalid typed array length/,
  /Invalid array length/,
  /Maximum call stack/,
  /Array buffer allocation/,
  /JsException/,
  /\[object Object\]/,
  /is not iterable/,
  /RangeError/,
  /\.ts:\d+/,
  /\.mjs/,
  /pyodide/i,
  /_gradscope_engine/,
  /internal error/i,
  /JsProxy/,
];

/** Why this failure would embarrass us, or undefined when it is one PyTorch could have raised. */
export function describeBadFailure(error: PythonError): string | undefined {
  if (!PYTHON_ERRORS.has(error.ename)) return `unexpected exception class ${error.ename}`;
  if (error.evalue.trim().length === 0) return 'empty message';
  const js = JS_TEXT.find((pattern) => pattern.test(error.evalue));
  if (js) return `JavaScript text (${js})`;
  if (error.line === undefined || error.line < 2) return "not pointed at the user's line";
  return undefined;
}
