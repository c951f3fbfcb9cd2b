/**
 * Validation of untrusted snapshot JSON: a cheap iterative walk that refuses anything too deep or
 * too large (before a recursive schema could overflow the stack on it), then the valibot schemas
 * of snapshot-schema.ts. Each function returns a message naming the first problem and where it is.
 */
import * as v from 'valibot';

export interface JsonLimits {
  /** Deepest nesting of arrays and objects (a deep trace event is ~10 levels; PyValues nest a few more). */
  readonly maxDepth: number;
  /** Arrays, objects and primitives together. */
  readonly maxNodes: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxNodes: 20_000_000 };

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Walks a parsed JSON value without recursion; says what is too deep or too big. */
export function checkJsonLimits(root: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++nodes > limits.maxNodes) return `it holds more than ${limits.maxNodes.toLocaleString('en-US')} values`;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.maxDepth) return `it is nested more than ${limits.maxDepth} levels deep`;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/** `trace.events[3].output.shape`: where a valibot issue is, in the snapshot's own terms. */
export function issuePath(issue: v.BaseIssue<unknown>, prefix: string): string {
  let where = prefix;
  for (const item of issue.path ?? []) {
    const key = item.key;
    where += typeof key === 'number' ? `[${key}]` : where === '' ? String(key) : `.${String(key)}`;
  }
  return where;
}

/** The first issue, as one sentence: `trace.events[0].output: Invalid type: Expected Object but received undefined`. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[], prefix: string): string {
  const first = issues[0];
  if (!first) return `${prefix} is not valid`;
  const where = issuePath(first, prefix) || 'the snapshot';
  if (first.input === undefined && first.kind === 'schema') return `${where} is missing`;
  if (first.type === 'variant' || first.kind === 'validation') return `${where}: ${first.message}`;
  return `${where}: expected ${first.expected ?? 'something else'}, found ${first.received}`;
}

/** Parses `value` with `schema`; the typed output, or a message naming the first problem. */
export function parseWith<T>(
  schema: v.GenericSchema<unknown, T>,
  value: unknown,
  prefix: string,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string } {
  const result = v.safeParse(schema, value, { abortEarly: true });
  return result.success ? { ok: true, value: result.output } : { ok: false, message: describeIssue(result.issues, prefix) };
}
