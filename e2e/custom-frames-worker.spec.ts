/**
 * The worker in Chromium (bundled Python sources, browser Pyodide): a recorded run of the seed's
 * MyReLU carries the user's backward line by line, the gradcheck of the node, and the worker
 * answers the `gradcheck` and `set-anomaly` requests. Talks to a second copy of the app's own
 * worker script, so it checks the engine side without depending on the UI.
 */
import type { Page } from '@playwright/test';
import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

const MY_RELU = `import torch

class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input

x = torch.tensor([-2.0, -0.5, 0.5, 3.0], requires_grad=True)
MyReLU.apply(x).sum().backward()
`;

interface Reply {
  type: string;
  [key: string]: unknown;
}

/** Starts a worker from the app's worker script and sends it requests, one answer each. */
async function startWorker(page: Page): Promise<void> {
  await page.goto('/');
  const url = await page.waitForFunction(
    () =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .find((n) => /\/worker-[^/]*\.js$/.test(n)) ?? null,
    null,
    { timeout: PYTHON_LOAD_TIMEOUT },
  );
  const workerUrl = await url.jsonValue();
  // A same-origin page that runs no app (so only our worker loads Pyodide).
  await page.goto('/pyodide/pyodide-lock.json');
  await page.evaluate(async (workerUrl) => {
    const worker = new Worker(workerUrl as string, { type: 'module' });
    const waiting = new Map<number, (reply: unknown) => void>();
    worker.onmessage = (event: MessageEvent<{ type: string; id?: number }>) => {
      const reply = event.data;
      if (reply.type === 'status' || reply.type === 'stream' || reply.id === undefined) return;
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    };
    let nextId = 1;
    (window as unknown as { h3Ask: (r: object) => Promise<unknown> }).h3Ask = (request: object) => {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ ...request, id });
      });
    };
  }, workerUrl);
}

const ask = (page: Page, request: object): Promise<Reply> =>
  page.evaluate((r) => (window as unknown as { h3Ask: (r: object) => Promise<Reply> }).h3Ask(r), request);

test('the worker records a custom backward line by line and answers gradcheck and anomaly requests', async ({ page }) => {
  test.setTimeout(PYTHON_LOAD_TIMEOUT * 2);
  await startWorker(page);
  expect((await ask(page, { type: 'init' })).type).toBe('ready');

  const done = await ask(page, { type: 'run', cellId: 'c1', cellLabel: 'cell-1', code: MY_RELU });
  expect(done).toMatchObject({ type: 'done', ok: true });
  const events = done.trace as Array<{ kind: string; [key: string]: unknown }>;
  const backward = events.find((e) => e.kind === 'custom-call' && e.fn === 'backward')!;
  const lines = events.filter((e) => e.kind === 'custom-line' && e.callId === backward.callId).map((e) => (e.loc as { line: number }).line);
  expect(lines).toEqual([11, 12, 13, 14]);
  const check = events.find((e) => e.kind === 'gradcheck');
  expect(check).toMatchObject({ ok: true, nodeId: backward.nodeId });

  const answer = await ask(page, { type: 'gradcheck', nodeId: backward.nodeId });
  expect(answer).toMatchObject({ type: 'gradcheck', nodeId: backward.nodeId, event: { kind: 'gradcheck', ok: true } });
  expect(await ask(page, { type: 'gradcheck', nodeId: 99999 })).toMatchObject({ type: 'gradcheck', nodeId: 99999 });

  expect(await ask(page, { type: 'set-anomaly', enabled: true })).toMatchObject({ type: 'anomaly', enabled: true });
  const nan = await ask(page, {
    type: 'run',
    cellId: 'c2',
    cellLabel: 'cell-2',
    code: 'x = torch.tensor([0., 1.], requires_grad=True)\ny = torch.sqrt(x)\n(y * torch.tensor([0., 1.])).sum().backward()\n',
  });
  expect((nan.error as { evalue: string }).evalue).toBe("Function 'SqrtBackward0' returned nan values in its 0th output.");
  const error = (nan.trace as Array<{ kind: string; [key: string]: unknown }>).find((e) => e.kind === 'backward-error');
  expect(error).toMatchObject({ anomaly: true });
  expect(await ask(page, { type: 'set-anomaly', enabled: false })).toMatchObject({ type: 'anomaly', enabled: false });
});
