/**
 * Names for the JavaScript objects Python holds once `torch` is imported, so that a memory snapshot
 * taken then can be restored in another page or process. A snapshot copies Python's memory, not
 * JavaScript's: each JavaScript object Python refers to is written into the snapshot as a name and
 * looked up again by that name when the snapshot is restored. Python reaches JavaScript only
 * through the engine module, so every such object is the module, one of its members, or made by
 * one of the module's factories below from a name (an op's callers), which can simply be made again.
 */

/** A JavaScript object Python holds, by name: JSON, as Pyodide keeps it in the snapshot. */
export type ReferenceName =
  { readonly engine: true } | { readonly member: string } | { readonly made: string; readonly args: readonly string[]; readonly part?: string };

/** Engine functions whose results Python keeps from import time, remade from their string arguments. */
const FACTORIES = ['opCallerById', 'binaryCallersById'] as const;

export interface NamedEngineModule {
  /** The module to give Python: the engine module, with each factory's results named as they are made. */
  readonly module: Record<string, unknown>;
  /** The name of an object Python holds; throws for one it cannot name (no snapshot is then kept). */
  nameOf(object: unknown): ReferenceName;
  /** The object a name stands for in this page or process. */
  objectNamed(name: ReferenceName): unknown;
}

const isObject = (value: unknown): value is object => (typeof value === 'object' && value !== null) || typeof value === 'function';

export function namedEngineModule(engineModule: object): NamedEngineModule {
  const names = new WeakMap<object, ReferenceName>();
  const module: Record<string, unknown> = { ...engineModule };
  for (const [key, value] of Object.entries(module)) {
    if (isObject(value) && !names.has(value)) names.set(value, { member: key });
  }
  for (const factory of FACTORIES) {
    const make = module[factory];
    if (typeof make !== 'function') continue;
    module[factory] = (...args: unknown[]): unknown => {
      const made: unknown = make(...args);
      if (!isObject(made) || !args.every((arg) => typeof arg === 'string')) return made;
      const strings = args as string[];
      names.set(made, { made: factory, args: strings });
      // The callers' object's parts are held by Python on their own (`callers.withTensor`).
      for (const [part, value] of Object.entries(made)) {
        if (isObject(value)) names.set(value, { made: factory, args: strings, part });
      }
      return made;
    };
  }
  names.set(module, { engine: true });

  const remade = new Map<string, unknown>();
  return {
    module,
    nameOf(object) {
      const name = isObject(object) ? names.get(object) : undefined;
      if (!name) throw new Error(`Gradscope: Python holds a JavaScript object the snapshot cannot name: ${String(object)}`);
      return name;
    },
    objectNamed(name) {
      if ('engine' in name) return module;
      if ('member' in name) return module[name.member];
      const key = JSON.stringify([name.made, name.args]);
      if (!remade.has(key)) {
        const make = module[name.made];
        if (typeof make !== 'function') throw new Error(`Gradscope: the engine has no ${name.made} to remake a snapshot's object`);
        remade.set(key, make(...name.args));
      }
      const made = remade.get(key);
      return name.part === undefined ? made : (made as Record<string, unknown>)[name.part];
    },
  };
}
