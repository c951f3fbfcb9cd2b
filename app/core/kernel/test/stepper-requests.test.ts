import { describe, expect, it } from 'vitest';
import type { WorkerRequest } from '../../../../engine/worker/protocol.ts';
import { KernelClient } from '../kernel-client.ts';
import { ScriptedWorker } from './scripted-worker.ts';

function setup() {
  const workers: ScriptedWorker[] = [];
  const client = new KernelClient({
    createWorker: () => {
      const worker = new ScriptedWorker();
      workers.push(worker);
      return worker;
    },
    createInterruptBuffer: () => undefined,
    onStatus: () => {},
  });
  client.start();
  return { client, worker: () => workers[workers.length - 1]! };
}

const lastOf = <T extends WorkerRequest['type']>(worker: ScriptedWorker, type: T) =>
  worker.sent.filter((message): message is Extract<WorkerRequest, { type: T }> => message.type === type).at(-1);

describe('KernelClient requests for the stepper', () => {
  it('sends the anomaly toggle and resolves with the mode the worker reports', async () => {
    const { client, worker } = setup();
    worker().becomeReady();
    const answer = client.setAnomaly(true);
    const request = lastOf(worker(), 'set-anomaly')!;
    expect(request.enabled).toBe(true);
    worker().respond({ type: 'anomaly', id: request.id, enabled: true });
    await expect(answer).resolves.toBe(true);
  });

  it('keeps anomaly mode asked for while Python loads, and sends it to every fresh worker once ready', async () => {
    const { client, worker } = setup();
    await expect(client.setAnomaly(true)).resolves.toBe(true);
    expect(lastOf(worker(), 'set-anomaly')).toBeUndefined();
    worker().becomeReady();
    expect(lastOf(worker(), 'set-anomaly')?.enabled).toBe(true);
    client.restart();
    worker().becomeReady();
    expect(lastOf(worker(), 'set-anomaly')?.enabled).toBe(true);
  });

  it('resolves a gradcheck request with the worker’s gradcheck event', async () => {
    const { client, worker } = setup();
    worker().becomeReady();
    const answer = client.gradcheck(4);
    const request = lastOf(worker(), 'gradcheck')!;
    expect(request.nodeId).toBe(4);
    const event = { kind: 'gradcheck', seq: 40, nodeId: 4, ok: true, jacobians: [] } as const;
    worker().respond({ type: 'gradcheck', id: request.id, nodeId: 4, event });
    await expect(answer).resolves.toEqual(event);
  });

  it('rejects a gradcheck with the worker’s reason when the node cannot be checked', async () => {
    const { client, worker } = setup();
    worker().becomeReady();
    const answer = client.gradcheck(9);
    const request = lastOf(worker(), 'gradcheck')!;
    worker().respond({ type: 'gradcheck', id: request.id, nodeId: 9, error: 'node 9 is not a custom Function node' });
    await expect(answer).rejects.toThrow('node 9 is not a custom Function node');
  });

  it('rejects a gradcheck asked for while Python is not ready, or dropped by a restart', async () => {
    const { client, worker } = setup();
    await expect(client.gradcheck(1)).rejects.toThrow(/Python is not running/);
    worker().becomeReady();
    const answer = client.gradcheck(1);
    client.restart();
    await expect(answer).rejects.toThrow(/Python is not running/);
  });
});
