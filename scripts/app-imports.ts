/**
 * The app's imports between folders, read from the source: what the layering test checks.
 * A folder is `app/core/<domain>`, `app/components/<domain>` or any other `app/<folder>`; files
 * directly in `app/components/` or `app/` belong to those folders.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export interface AppImport {
  readonly from: string;
  /** The resolved path for a relative import, the package name otherwise. */
  readonly to: string;
}

const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** True for tests and their fixtures, which may reach across layers to set a scene up. */
export function isTestFile(path: string): boolean {
  return /(^|\/)test\//.test(path) || /\.test\.tsx?$/.test(path);
}

/** Every import in `app/` (paths relative to `root`, with `/`). */
export function appImports(root: string): AppImport[] {
  return sourceFiles(join(root, 'app')).flatMap((file) => {
    const from = relative(root, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    return [...text.matchAll(IMPORT)].map((match) => {
      const specifier = (match[1] ?? match[2] ?? match[3])!.replace(/\?.*$/, '');
      const to = specifier.startsWith('.')
        ? normalize(join(dirname(from), specifier))
            .split(sep)
            .join('/')
        : specifier;
      return { from, to };
    });
  });
}

/** The folder a path in `app/` belongs to, for the layering rules. */
export function appFolderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'app') return parts[0]!;
  if ((parts[1] === 'core' || parts[1] === 'components') && parts.length > 3) return parts.slice(0, 3).join('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : 'app';
}

/** Folder-level import edges (`from → to`), each with one file import that makes it. */
export function folderEdges(imports: readonly AppImport[]): Map<string, AppImport> {
  const edges = new Map<string, AppImport>();
  for (const item of imports) {
    if (!item.to.startsWith('app/')) continue;
    const from = appFolderOf(item.from);
    const to = appFolderOf(item.to);
    if (from !== to && !edges.has(`${from} → ${to}`)) edges.set(`${from} → ${to}`, item);
  }
  return edges;
}

/** Every cycle between folders, each as its folders in order (found by a depth-first search). */
export function folderCycles(edges: Iterable<string>): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = edge.split(' → ') as [string, string];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (folder: string): void => {
    if (onPath.has(folder)) {
      cycles.push([...path.slice(path.indexOf(folder)), folder]);
      return;
    }
    if (seen.has(folder)) return;
    seen.add(folder);
    onPath.add(folder);
    path.push(folder);
    for (const to of next.get(folder) ?? []) visit(to);
    path.pop();
    onPath.delete(folder);
  };
  for (const folder of [...next.keys()].sort()) visit(folder);
  return cycles;
}
