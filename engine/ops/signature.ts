/** Parses native_functions.yaml-style signatures into parameter descriptions. */
import type { OpParamInfo } from './types.ts';

export function parseSignature(signature: string): OpParamInfo[] {
  const open = signature.indexOf('(');
  let close = open;
  for (let depth = 0; close < signature.length; close++) {
    if (signature[close] === '(') depth++;
    else if (signature[close] === ')' && --depth === 0) break;
  }
  const body = signature.slice(open + 1, close).trim();
  if (body === '') return [];
  const params: OpParamInfo[] = [];
  let keywordOnly = false;
  for (const raw of splitTopLevel(body)) {
    const part = raw.trim();
    if (part === '*') {
      keywordOnly = true;
      continue;
    }
    const eq = part.indexOf('=');
    const decl = (eq >= 0 ? part.slice(0, eq) : part).trim();
    const space = decl.lastIndexOf(' ');
    const type = decl.slice(0, space).trim();
    const name = decl.slice(space + 1).trim();
    const info: { -readonly [K in keyof OpParamInfo]: OpParamInfo[K] } = {
      name,
      type,
      optional: type.endsWith('?') || eq >= 0,
      keywordOnly,
    };
    if (eq >= 0) info.default = parseDefault(part.slice(eq + 1).trim());
    params.push(info);
  }
  return params;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function parseDefault(text: string): OpParamInfo['default'] {
  if (text === 'None') return null;
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text.startsWith('[')) {
    const inner = text.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((v) => Number(v.trim()));
  }
  const n = Number(text);
  return Number.isNaN(n) ? text.replace(/^['"]|['"]$/g, '') : n;
}

/**
 * The field names of a named multi-output return, `-> (Tensor values, Tensor indices)` →
 * ['values', 'indices'] (PyTorch returns those as `torch.return_types.<op>` named tuples); [] for
 * a plain `-> Tensor`.
 */
export function parseReturnNames(signature: string): string[] {
  const arrow = signature.lastIndexOf('->');
  if (arrow < 0) return [];
  const ret = signature.slice(arrow + 2).trim();
  if (!ret.startsWith('(')) return [];
  return splitTopLevel(ret.slice(1, -1))
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words.length === 2)
    .map((words) => words[1]);
}
