// Types for cli-bundle.mjs (plain JavaScript: it runs before any TypeScript can).

/** The CLI's cache folder: $GRADSCOPE_CACHE_DIR, else a folder in the system's temporary directory. */
export function cliCacheDir(): string;

/**
 * The path of `entry` (an absolute path to a TypeScript file) bundled into `cacheDir`, built when
 * missing or when any source it was built from changed. Throws when it cannot be built.
 */
export function bundledCli(entry: string, cacheDir?: string): Promise<string>;
