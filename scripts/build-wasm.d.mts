/** Compiles engine/kernels/wasm/assembly/ into engine/kernels/wasm/build/kernels.wasm when it is out of date. */
export declare const WASM_SOURCE_DIR: string;
export declare const WASM_OUTPUT: string;
export declare function buildWasm(options?: { quiet?: boolean }): Promise<string>;
