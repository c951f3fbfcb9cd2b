/** The names a snapshot gives the JavaScript objects Python holds, and the objects they name again. */
import { describe, expect, it } from 'vitest';
import { createEngineModule } from '../python/bridge.ts';
import { namedEngineModule } from '../python/snapshot-references.ts';

type Callers = { withTensor: unknown; withNumber: unknown };

describe('snapshot references', () => {
  it("names the engine module, its members and an op's callers, and remakes them elsewhere by those names", () => {
    const here = namedEngineModule(createEngineModule());
    const callers = (here.module.binaryCallersById as (name: string) => Callers)('mul');
    const held = [here.module, here.module.callOp, callers, callers.withTensor, callers.withNumber];
    // Names are JSON: Pyodide keeps them in the snapshot as text.
    const names = JSON.parse(JSON.stringify(held.map((object) => here.nameOf(object))));

    const there = namedEngineModule(createEngineModule());
    const [module, callOp, remade, withTensor, withNumber] = names.map(there.objectNamed);
    expect(module).toBe(there.module);
    expect(callOp).toBe(there.module.callOp);
    // The parts come from one remade callers object, as Python held them.
    expect(withTensor).toBe((remade as Callers).withTensor);
    expect(withNumber).toBe((remade as Callers).withNumber);
    expect(remade).not.toBe(callers);
  });

  it('refuses an object it cannot name, so that no snapshot is kept instead of a broken one', () => {
    const named = namedEngineModule(createEngineModule());
    expect(() => named.nameOf({ made: 'elsewhere' })).toThrow(/cannot name/);
  });
});
