/**
 * What Python sees as `_gradscope_engine`: the engine's public API plus the few helpers the Python
 * layer needs to tell engine objects apart. Kept flat so that each Python call is one property
 * lookup away from the engine function it runs.
 */
import * as engine from '../index.ts';
import { getPrintOptions, setPrintOptions } from '../format/index.ts';
import { Generator, defaultGenerator, randomInt64 } from '../random/index.ts';
import { onceDifferentiableOutputs } from '../autograd/custom.ts';
import { pauseRecording, resumeRecording } from '../trace/recorder-hooks.ts';
import { storageBytes, storageFromBytes, storageKey, storageLength, tensorOnStorage } from '../storage-bytes.ts';
import { recordHandGradient } from './exercise-bridge.ts';
import { binaryCallersById, countHeldTensorMemory, heldTensor, heldTensorCount, holdTensor, opCallerById, releaseTensors } from './tensor-table.ts';
import { isRecording, recordCustomCall, recordCustomLine, recordCustomReturn, recordGradcheck } from './frame-bridge.ts';

let tagged = false;

/** Marks engine tensors so that Python can recognise them with one `hasattr`. */
function tagTensorClass(): void {
  if (tagged) return;
  Object.defineProperty(engine.Tensor.prototype, '_isTensor', { value: true, enumerable: false });
  tagged = true;
}

export function createEngineModule(): object {
  tagTensorClass();
  return {
    ...engine,
    // Tensors cross to Python as ids in the table of tensors Python holds (tensor-table.ts).
    holdTensor,
    heldTensor,
    releaseTensors,
    heldTensorCount,
    countHeldTensorMemory,
    opCallerById,
    binaryCallersById,
    setPrintOptions,
    getPrintOptions,
    // The dict converter of Python's `to_js` (index keys, print options). Not `from js import Object`:
    // in a session that makes the memory snapshot (a page's first start), Pyodide's `js` module is a
    // tracking proxy over globals that wraps every object reached through it in fresh Proxies, and
    // each index then cost ~0.1 ms of Proxy churn (a makemore step 2.8 ms in the page, 1.8 in Node).
    objectFromEntries: Object.fromEntries,
    // Python ints can exceed 2^53: seeds cross the bridge as decimal strings. Each call takes the
    // generator it acts on (a `torch.Generator()`'s own), the default one when omitted.
    defaultGenerator,
    newGenerator: () => new Generator(),
    manualSeedFromString: (seed: string, gen: Generator = defaultGenerator) => gen.manualSeed(BigInt(seed)),
    initialSeedString: (gen: Generator = defaultGenerator) => gen.initialSeed().toString(),
    getRngState: (gen: Generator = defaultGenerator) => gen.getState(),
    setRngState: (bytes: ArrayLike<number>, gen: Generator = defaultGenerator) => gen.setState(Uint8Array.from(bytes)),
    randomInt64String: (gen: Generator = defaultGenerator) => randomInt64(gen).toString(),
    // Custom Functions: line recording of the user's forward/backward, gradcheck of their nodes.
    isRecording,
    recordCustomCall,
    recordCustomLine,
    recordCustomReturn,
    recordGradcheck,
    // Backprop exercises: gradscope.check's verdict colours the tensor's node.
    recordHandGradient,
    pauseRecording,
    resumeRecording,
    onceDifferentiableOutputs,
    // torch.save / torch.load
    storageBytes,
    storageFromBytes,
    storageKey,
    storageLength,
    tensorOnStorage,
  };
}
