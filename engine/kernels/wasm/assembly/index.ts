export * from "./gemm";
export * from "./elementwise";
export * from "./cascade";
