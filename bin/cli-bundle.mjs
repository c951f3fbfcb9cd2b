// The CLI's TypeScript bundled once into one JavaScript file, so `gradscope run` does not pay for
// tsx compiling ~100 modules at every start (~250 ms of CPU). Plain JavaScript on purpose: this
// file is what runs before any TypeScript can.
//
// The bundle is kept in the cache folder, named by a hash of every source it was built from; a
// small manifest lists those sources, so a start re-hashes them (a few ms) and rebuilds when any
// changed. Files are written beside and renamed into place, so concurrent starts never see a torn
// bundle: at worst two of them build the same bytes.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bumped when the way bundles are built changes, so bundles built the old way are not reused. */
const BUNDLE_FORMAT = 1;
const MANIFEST = 'cli-bundle.json';
/** A bundle not run for this long (each source edit leaves one behind) is removed at the next build. */
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;
/** A bundle's time of last use is refreshed at most this often, to keep starts free of writes. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

/** The CLI's cache folder: the same rule as engine/python/snapshot-cache-node.ts's snapshotCacheDir. */
export function cliCacheDir() {
  return process.env.GRADSCOPE_CACHE_DIR ?? join(tmpdir(), 'gradscope-cache');
}

/**
 * @param {Readonly<Record<string, string>>} contents source path to source text
 * @returns {string}
 */
function hashOf(contents) {
  const hash = createHash('sha256').update(`gradscope-cli-bundle ${BUNDLE_FORMAT} ${process.version}\n`);
  for (const path of Object.keys(contents).sort()) hash.update(`${path}\n${contents[path].length}\n${contents[path]}`);
  return hash.digest('hex').slice(0, 24);
}

/**
 * @param {string} path
 * @param {string | Uint8Array} data
 */
async function writeAtomically(path, data) {
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  await writeFile(partial, data);
  await rename(partial, path);
}

/**
 * The bundle whose sources are unchanged since it was built, or undefined.
 * @param {string} entry @param {string} cacheDir
 * @returns {Promise<string | undefined>}
 */
async function freshBundle(entry, cacheDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(cacheDir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  const inputs = manifest?.[entry];
  if (!Array.isArray(inputs)) return undefined;
  /** @type {Record<string, string>} */
  const contents = {};
  try {
    // Read synchronously: ~150 awaited reads cost ~25 ms, which is what this file is here to save.
    for (const path of inputs) contents[path] = readFileSync(path, 'utf8');
  } catch {
    return undefined; // a source was removed or renamed: rebuild
  }
  const bundle = join(cacheDir, `cli-${hashOf(contents)}.mjs`);
  let modified;
  try {
    modified = statSync(bundle).mtimeMs;
  } catch {
    return undefined;
  }
  // Its modification time stands for its last use (access times are often not kept): see pruneUnused.
  const now = Date.now();
  try {
    if (now - modified > TOUCH_EVERY_MS) utimesSync(bundle, now / 1000, now / 1000);
  } catch {
    // a cache folder we may read but not write: the bundle still runs
  }
  return bundle;
}

/**
 * Removes the bundles of `cacheDir` not run for a day (checkouts elsewhere keep theirs in use).
 * @param {string} cacheDir @param {string} keep
 */
async function pruneUnused(cacheDir, keep) {
  for (const name of await readdir(cacheDir)) {
    const path = join(cacheDir, name);
    // A .partial is what a build stopped half-way left behind.
    if (!/^cli-[0-9a-f]+\.mjs(\.\d+\.[0-9a-z]+\.partial)?$/.test(name) || path === keep) continue;
    try {
      if (Date.now() - (await stat(path)).mtimeMs > UNUSED_FOR_MS) await rm(path, { force: true });
    } catch {
      // removed meanwhile by another start: nothing to do
    }
  }
}

/**
 * Bundles `entry` and what it imports, packages kept as imports of their installed files.
 * @param {string} entry @param {string} cacheDir
 * @returns {Promise<string>} the bundle's path
 */
async function buildBundle(entry, cacheDir) {
  const { build } = await import('esbuild');
  /** @type {Record<string, string>} */
  const contents = {};
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'gradscope-cli',
        setup(esbuild) {
          // Packages stay outside (pyodide finds its .wasm and stdlib beside its own files), imported
          // by absolute URL because the bundle lives in the cache folder, far from node_modules.
          esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('node:')) return { path: args.path, external: true };
            return { path: import.meta.resolve(args.path), external: true };
          });
          // Each module keeps its own import.meta.url: the kernels and the Python sources are
          // found beside the TypeScript that names them, not beside the bundle.
          esbuild.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
            const text = await readFile(args.path, 'utf8');
            contents[args.path] = text;
            const ownUrl = JSON.stringify(pathToFileURL(args.path).href);
            return { contents: text.replace(/\bimport\.meta\.url\b/g, ownUrl), loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
          });
        },
      },
    ],
  });
  const bundle = join(cacheDir, `cli-${hashOf(contents)}.mjs`);
  await mkdir(cacheDir, { recursive: true });
  await writeAtomically(bundle, result.outputFiles[0].contents);
  // The manifest is shared by every entry bundled into this folder; the last writer's view of the
  // others wins, which at worst costs another entry one rebuild.
  let manifest = {};
  try {
    manifest = JSON.parse(await readFile(join(cacheDir, MANIFEST), 'utf8'));
  } catch {
    // none yet, or torn by nothing (written atomically): start a new one
  }
  await writeAtomically(join(cacheDir, MANIFEST), JSON.stringify({ ...manifest, [entry]: Object.keys(contents).sort() }));
  await pruneUnused(cacheDir, bundle);
  return bundle;
}

/**
 * The path of `entry` (a TypeScript file) bundled into `cacheDir`, built when missing or stale.
 * Throws when it cannot be built: the caller then runs the TypeScript through tsx.
 * @param {string} entry absolute path
 * @param {string} [cacheDir]
 * @returns {Promise<string>}
 */
export async function bundledCli(entry, cacheDir = cliCacheDir()) {
  return (await freshBundle(entry, cacheDir)) ?? (await buildBundle(entry, cacheDir));
}
