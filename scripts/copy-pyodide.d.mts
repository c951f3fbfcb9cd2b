/** Pyodide's runtime files, copied from node_modules into the app's public folder. */
export declare const PYODIDE_FILES: readonly string[];
export declare function pyodideSourceDir(): string;
export declare function copyPyodide(targetDir?: string): string;
