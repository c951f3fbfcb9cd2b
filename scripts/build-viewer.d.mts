/** Builds the standalone viewer page (`gradscope-viewer.html`) into `outDir` (default dist/). */
export declare const VIEWER_FILE: string;
export declare function buildViewer(outDir?: string): Promise<{ bytes: number }>;
