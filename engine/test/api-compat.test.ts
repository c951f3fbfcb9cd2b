/**
 * The API that courses take for granted (issue #10, items 3 and 8): closeness checks, devices on a
 * CPU-only build, legacy tensor types, torch.save/torch.load in PyTorch's zip format, and NumPy's
 * absence. Goldens come from real PyTorch (scripts/goldens/api_compat.py); behaviour that only
 * PyTorch 2.x has (the 1.13 oracle lacks it) is written here beside the 2.x source it follows.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';
import { gradscopeInProcess } from './gradscope-run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROGRAMS = join(ROOT, 'engine/test/api-compat');
const CHECKPOINTS = join(ROOT, 'engine/test/checkpoints');

interface Golden {
  readonly stdout: string;
  readonly exit_code?: number;
}
const programGoldens = JSON.parse(readFileSync(join(PROGRAMS, 'goldens.json'), 'utf8')) as Record<string, Golden>;
const checkpointGoldens = JSON.parse(readFileSync(join(CHECKPOINTS, 'goldens.json'), 'utf8')) as Record<string, Golden>;
const programs = readdirSync(PROGRAMS)
  .filter((name) => name.endsWith('.py'))
  .map((name) => name.slice(0, -3));

/** `gradscope run FILE` in `cwd`, whose files Python reads and writes as real files. */
const gradscopeRun = (file: string, cwd: string) => gradscopeInProcess(['run', file], cwd);

describe('API programs print what PyTorch prints', () => {
  let python: TestSession;
  beforeAll(async () => {
    python = await startTestSession();
  });

  it('every program has a golden', () => {
    expect(programs.filter((name) => !(name in programGoldens))).toEqual([]);
  });

  for (const name of programs) {
    it(`${name}.py prints the same text`, () => {
      const result = python.run(readFileSync(join(PROGRAMS, `${name}.py`), 'utf8'), `${name}.py`);
      expect(result.error?.traceback).toBeUndefined();
      expect(result.stdout).toBe(programGoldens[name]!.stdout);
    });
  }
});

// Each test starts Pyodide afresh, as `gradscope run` does: slow on a busy machine.
const CLI_TIMEOUT = 180_000;

describe('checkpoints move between PyTorch and Gradscope (real files, through gradscope run)', () => {
  it(
    'loads the checkpoints that real PyTorch wrote: tensors, a state_dict, Parameters, shared views, ints, bools',
    async () => {
      const result = await gradscopeRun('load_checkpoints.py', CHECKPOINTS);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(checkpointGoldens.load_checkpoints!.stdout);
    },
    CLI_TIMEOUT,
  );

  it(
    'writes, byte for byte, the checkpoints that real PyTorch was shown to load',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gradscope-save-'));
      const result = await gradscopeRun(join(CHECKPOINTS, 'save_checkpoints.py'), dir);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(checkpointGoldens.save_checkpoints!.stdout);
      const written = readdirSync(dir)
        .filter((name) => name.endsWith('.pt'))
        .sort();
      expect(written).toEqual(['gradscope_buffer.pt', 'gradscope_checkpoint.pt', 'gradscope_state_dict.pt']);
      for (const name of written) {
        // goldens.json records what real PyTorch read from the committed copy of this file.
        expect(checkpointGoldens[`pytorch reads ${name}`]!.stdout).toContain('weights_only=True: loaded');
        expect(readFileSync(join(dir, name)).equals(readFileSync(join(CHECKPOINTS, name))), name).toBe(true);
      }
    },
    CLI_TIMEOUT,
  );
});

describe("in the browser's in-memory file system", () => {
  let python: TestSession;
  beforeAll(async () => {
    python = await startTestSession();
  });
  const run = (code: string): string => {
    const result = python.run(code);
    expect(result.error?.traceback).toBeUndefined();
    return result.stdout;
  };

  it('saves and loads a model through a path and through a BytesIO, keeping sharing, Parameters and _metadata', () => {
    const out = run(`
import io, torch
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
torch.save({"model": model.state_dict(), "w": model[0].weight, "step": 5}, "ckpt.pt")
ck = torch.load("ckpt.pt")
print(torch.equal(ck["model"]["0.weight"], model[0].weight), type(ck["w"]).__name__, ck["w"].requires_grad, ck["step"])
print(dict(ck["model"]._metadata))
base = torch.arange(6.).reshape(2, 3)
buffer = io.BytesIO()
torch.save([base, base.t(), base[1]], buffer)
buffer.seek(0)
a, b, c = torch.load(buffer)
a[1, 0] = 30.
print(b[0, 1].item(), c[0].item(), b.stride(), c.storage_offset())
fresh = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
print(fresh.load_state_dict(torch.load("ckpt.pt", weights_only=True)["model"]))
`);
    expect(out).toBe(
      "True Parameter True 5\n{'': {'version': 1}, '0': {'version': 1}, '1': {'version': 1}}\n" + '30.0 30.0 (1, 3) 3\n<All keys matched successfully>\n',
    );
  });

  it('refuses a global outside the allowlist with weights_only=True, in PyTorch 2.6 words, until it is allowlisted', () => {
    const result = python.run(`
import collections, torch
torch.save({"counts": collections.defaultdict(list)}, "d.pt")
print(type(torch.load("d.pt", weights_only=False)["counts"]).__name__)
with torch.serialization.safe_globals([collections.defaultdict, list]):
    print(type(torch.load("d.pt")["counts"]).__name__)
torch.load("d.pt")
`);
    expect(result.stdout).toBe('defaultdict\ndefaultdict\n');
    // torch/serialization.py `_get_wo_message` and torch/_weights_only_unpickler.py (2.6).
    expect(result.error!.traceback.trimEnd().split('\n').slice(-6).join('\n')).toBe(
      '_pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint. \n' +
        '\t(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.\n' +
        '\t(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.\n' +
        '\tWeightsUnpickler error: Unsupported global: GLOBAL collections.defaultdict was not an allowed global by default. Please use `torch.serialization.add_safe_globals([defaultdict])` or the `torch.serialization.safe_globals([defaultdict])` context manager to allowlist this global if you trust this class/function.\n' +
        '\n' +
        'Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.',
    );
  });

  it('names the dtype it cannot load (a float16 checkpoint from real PyTorch)', () => {
    const hex = readFileSync(join(CHECKPOINTS, 'pytorch_half.pt')).toString('hex');
    const result = python.run(`
import torch
open("half.pt", "wb").write(bytes.fromhex("${hex}"))
torch.load("half.pt")
`);
    expect(result.error!.traceback.trimEnd().split('\n').at(-1)).toBe(
      'RuntimeError: Gradscope cannot load a torch.HalfStorage: Gradscope tensors have only the dtypes float32, float64, int64, int32, int16, int8, uint8 and bool',
    );
  });

  it('says what a file that is not a checkpoint is', () => {
    const result = python.run(`
import torch
open("notes.txt", "w").write("hello")
torch.load("notes.txt")
`);
    expect(result.error!.traceback.trimEnd().split('\n').at(-1)).toBe(
      'RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central directory',
    );
  });
});

describe('PyTorch 2.x API that the 1.13 oracle lacks', () => {
  let python: TestSession;
  beforeAll(async () => {
    python = await startTestSession();
  });

  it('torch.accelerator (2.6) finds no accelerator; the default device is the CPU', () => {
    const result = python.run(`
import torch
print(torch.accelerator.is_available(), torch.accelerator.current_accelerator(), torch.accelerator.device_count())
print(repr(torch.get_default_device()))
torch.set_default_device("cpu")
with torch.device("cpu"):
    print(torch.get_default_device())
print(torch.__version__, torch.__version__ >= "2.6")
torch.set_default_device("cuda")
`);
    expect(result.stdout).toBe("False None 0\ndevice(type='cpu')\ncpu\n2.6.0+gradscope True\n");
    expect(result.error!.traceback.trimEnd().split('\n').at(-1)).toBe('AssertionError: Torch not compiled with CUDA enabled');
  });
});

describe('NumPy is not available, and says so in one line', () => {
  let python: TestSession;
  beforeAll(async () => {
    python = await startTestSession();
  });

  it('import numpy names what to write instead', () => {
    const result = python.run('import numpy as np\n');
    expect(result.error!.traceback).toBe(
      'Traceback (most recent call last):\n  File "program.py", line 1, in <module>\n    import numpy as np\n' +
        "ModuleNotFoundError: No module named 'numpy': NumPy is not available in Gradscope; use .tolist() to get Python lists and torch.tensor(list) to make tensors\n",
    );
  });

  it('Tensor.numpy() and torch.from_numpy raise RuntimeError with the same advice', () => {
    const result = python.run(`
import torch
x = torch.tensor([1.0, 2.0])
for fn in (lambda: x.numpy(), lambda: torch.from_numpy(None)):
    try:
        fn()
    except RuntimeError as e:
        print(e)
print(x.tolist(), torch.tensor(x.tolist()))
`);
    const advice = 'NumPy is not available in Gradscope; use .tolist() to get Python lists and torch.tensor(list) to make tensors';
    expect(result.stdout).toBe(`${advice}\n${advice}\n[1.0, 2.0] tensor([1., 2.])\n`);
  });
});
