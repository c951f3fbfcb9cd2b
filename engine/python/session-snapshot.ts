/**
 * What a session's memory snapshot holds: Python with Gradscope's package installed and `torch`
 * imported, so a restored session skips the import as well as Python's own start (see
 * snapshot-loader.ts). The same steps start a session that keeps no snapshot.
 */
import type { PyodideAPI } from 'pyodide';
import { fingerprintOf, type SnapshotContents } from './snapshot-loader.ts';
import { namedEngineModule, type ReferenceName } from './snapshot-references.ts';

export const PACKAGE_ROOT = '/home/pyodide/gradscope';

const TRY_IMPORT_TORCH = `
def _gradscope_import_torch():
    try:
        import torch
        return True
    except BaseException:
        return False
_gradscope_import_torch()
`;

export interface SessionSnapshot extends SnapshotContents {
  /** The engine module as Python is given it (its import-time objects named for the snapshot). */
  readonly engineModule: Record<string, unknown>;
}

/**
 * What the snapshot depends on besides Python: the sources, and what the engine module offers
 * Python at import (its names, its constants and the op table `torch` builds its functions from).
 */
function fingerprint(sources: Readonly<Record<string, string>>, engineModule: Record<string, unknown>): string {
  const files = Object.entries(sources)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, text]) => [path, text]);
  const members = Object.keys(engineModule)
    .sort()
    .map((key) => {
      const value = engineModule[key];
      return typeof value === 'function' || (typeof value === 'object' && value !== null) ? `${key}:${typeof value}` : `${key}=${String(value)}`;
    });
  const opSignatures = engineModule.opSignatures;
  const ops = typeof opSignatures === 'function' ? JSON.stringify(opSignatures()) : '';
  return fingerprintOf([...files, ...members, ops]);
}

function installSources(pyodide: PyodideAPI, sources: Readonly<Record<string, string>>): void {
  for (const [relative, text] of Object.entries(sources)) {
    const path = `${PACKAGE_ROOT}/${relative}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    pyodide.FS.writeFile(path, text);
  }
}

export function sessionSnapshot(sources: Readonly<Record<string, string>>, engineModule: object): SessionSnapshot {
  const named = namedEngineModule(engineModule);
  return {
    engineModule: named.module,
    fingerprint: fingerprint(sources, named.module),
    prepare(pyodide) {
      installSources(pyodide, sources);
      pyodide.registerJsModule('_gradscope_engine', named.module);
      pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(PACKAGE_ROOT)})\nimport gradscope_runner`);
      // A torch that fails to import is left for the user's `import torch` to report.
      return pyodide.runPython(TRY_IMPORT_TORCH) === true;
    },
    serialize: (object) => named.nameOf(object),
    deserialize: (name) => named.objectNamed(name as ReferenceName),
    restore(pyodide) {
      // Files are JavaScript's: tracebacks quote them, and modules `torch` imports later are read from them.
      installSources(pyodide, sources);
      pyodide.runPython('import torch._engine\ntorch._engine.redo_import_effects()');
    },
  };
}
