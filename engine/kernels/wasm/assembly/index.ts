export * from "./gemm";
export * from "./elementwise";
export * from "./cascade";
export * from "./sleef-f32";
