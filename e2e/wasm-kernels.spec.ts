import { expect, test } from './fixtures.ts';

/**
 * The Python worker computes on the WebAssembly SIMD kernels: it fetches kernels.wasm from the
 * app's own origin (the build emits it as an asset; nothing comes from a CDN), under the
 * Content-Security-Policy, and a float32 product comes out with PyTorch's bits.
 */
test("the worker loads the WebAssembly kernels from our origin and matmul gives PyTorch's values", async ({ notebook, page }) => {
  const wasmResponses: { url: string; status: number }[] = [];
  page.on('response', (response) => {
    if (/kernels-[\w-]+\.wasm$/.test(response.url())) wasmResponses.push({ url: response.url(), status: response.status() });
  });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (/WebAssembly kernels unavailable|Content Security Policy|Refused to/i.test(message.text())) warnings.push(message.text());
  });

  await notebook.open();
  await notebook.waitForKernelReady();
  // 16·16·16 multiply-adds: past the size below which products stay in JavaScript.
  await notebook.typeIntoCell(
    1,
    `import torch
a = torch.arange(256.).reshape(16, 16) / 7 - 17
b = a @ a.t()
print(repr(b[3, 5].item()), repr(b[15, 2].item()))`,
  );
  await notebook.runCellByButton(1);
  // /usr/bin/python3 (torch 1.13): 660.0816040039062 -3328.816650390625
  await expect(notebook.output(1)).toContainText('660.0816040039062 -3328.816650390625');

  expect(wasmResponses).toHaveLength(1);
  expect(new URL(wasmResponses[0]!.url).origin).toBe(new URL(page.url()).origin);
  expect(wasmResponses[0]!.status).toBe(200);
  expect(warnings).toEqual([]);
});
