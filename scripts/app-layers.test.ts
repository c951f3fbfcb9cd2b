/**
 * The app's two layers, checked from its imports: framework-free logic in `app/core/<domain>`,
 * React views in `app/components/<domain>`, and no folder that imports another which imports it
 * back. Tests and their fixtures may reach across layers to set a scene up, so only product code
 * is checked.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appFolderOf, appImports, folderCycles, folderEdges, isTestFile } from './app-imports.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const productImports = appImports(ROOT).filter((item) => !isTestFile(item.from));

/** What core code may not import: React and what renders (views, d3's DOM modules, Monaco). */
function isViewImport(target: string): boolean {
  if (target.startsWith('app/')) return !target.startsWith('app/core/') || target.endsWith('.tsx');
  return /^(react|react-dom|monaco-editor|d3)(\/|$)/.test(target) || target === 'zustand' || target.startsWith('zustand/react');
}

describe('app layers', () => {
  it('has no import cycle between app folders', () => {
    const edges = folderEdges(productImports);
    const cycles = folderCycles(edges.keys()).map((cycle) =>
      cycle
        .slice(1)
        .map((to, i) => {
          const example = edges.get(`${cycle[i]} → ${to}`)!;
          return `${cycle[i]} → ${to} (${example.from} imports ${example.to})`;
        })
        .join('; '),
    );
    expect(cycles).toEqual([]);
  });

  it('keeps app/core free of React, views and the DOM drawing modules', () => {
    const offending = productImports.filter((item) => item.from.startsWith('app/core/') && isViewImport(item.to));
    expect(offending.map((item) => `${item.from} imports ${item.to}`)).toEqual([]);
  });

  it('leaves compacting the trace to the worker: no app module imports the compaction', () => {
    const compacting = productImports.filter((item) => item.to === 'engine/trace/compact.ts');
    expect(compacting.map((item) => `${item.from} imports ${item.to}`)).toEqual([]);
  });

  it('reads the folders the way the rules name them', () => {
    expect(appFolderOf('app/core/trace/trace-index.ts')).toBe('app/core/trace');
    expect(appFolderOf('app/components/graph/draw.ts')).toBe('app/components/graph');
    expect(appFolderOf('app/components/RecordingPanels.tsx')).toBe('app/components');
    expect(appFolderOf('app/viewer/main.tsx')).toBe('app/viewer');
    expect(appFolderOf('app/App.tsx')).toBe('app');
  });

  it('finds a cycle when one folder imports another that imports it back', () => {
    const edges = folderEdges([
      { from: 'app/core/graph/model.ts', to: 'app/core/trace/steps.ts' },
      { from: 'app/core/trace/steps.ts', to: 'app/core/graph/model.ts' },
      { from: 'app/core/trace/steps.ts', to: 'app/core/notebook/notebook-state.ts' },
    ]);
    expect(folderCycles(edges.keys())).toEqual([['app/core/graph', 'app/core/trace', 'app/core/graph']]);
  });
});
