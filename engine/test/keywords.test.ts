/**
 * Keyword forms, generated from the op table (issue #10 item 2): every op of the table binds its
 * keywords, PyTorch's NumPy aliases, `input=` and `out=` to the same arguments as its positional
 * form, and its parameter names are PyTorch's keyword names (engine/test/goldens/keyword-names.json,
 * read from PyTorch's own type stubs by scripts/goldens/keyword_names.py). What the calls print is
 * checked against PyTorch in conformance/keywords.py.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { opSignatures } from '../index.ts';
import { startTestSession, type TestSession } from './python-session.ts';

interface KeywordGolden {
  readonly functions: Record<string, string[]>;
  readonly methods: Record<string, string[]>;
}

const golden = JSON.parse(readFileSync(fileURLToPath(new URL('./goldens/keyword-names.json', import.meta.url)), 'utf8')) as KeywordGolden;

/** Every name PyTorch accepts as a keyword in any overload ("*dim" and "...size" are names too). */
function pytorchNames(overloads: readonly string[]): Set<string> {
  return new Set(overloads.flatMap((o) => o.split(', ').map((p) => p.replace(/^(\*|\.\.\.)/, ''))));
}

// Binds each op by position, then by keyword in every spelling PyTorch accepts, and compares.
const WALK = `
import json
import torch
from torch._engine import E

t = torch.ones(2, 2)
# PyTorch's table (torch/csrc/utils/python_arg_parser.cpp, numpy_compatibility_arg_names).
NUMPY_ALIASES = {"dim": ["axis"], "keepdim": ["keepdims"], "input": ["x", "a", "x1"], "other": ["x2"]}

def sample(param):
    kind = param["type"].replace("?", "")
    if kind.startswith(("Tensor[]", "Tensor[")):
        return [t, t]
    if kind.startswith("Tensor"):
        return t
    if kind.startswith(("int[", "SymInt[")):
        return (0, 1)
    if kind.startswith(("int", "SymInt")):
        return 1
    if kind.startswith("bool"):
        return True
    if kind.startswith("float"):
        return 0.5
    if kind.startswith("ScalarType"):
        return torch.float64
    if kind.startswith("Scalar"):
        return 2
    if kind.startswith("str"):
        return "sum"
    if kind.startswith("Generator"):
        return torch.Generator()
    raise AssertionError("no sample for " + kind)

def key(value):
    if hasattr(value, "_isTensor"):
        return ["tensor", value.id]
    if isinstance(value, (list, tuple)) or (hasattr(value, "to_py") and hasattr(value, "__iter__")):
        return [key(v) for v in value]
    return value

report = {"checked": 0, "mismatches": [], "shadowed": [], "out": [], "aliases": set()}
for info in E.opSignatures().to_py():
    params = info["params"]
    for as_method in (False, True):
        if not (info["method"] if as_method else info["function"]):
            continue
        fn = getattr(torch.Tensor if as_method else torch, info["name"], None)
        if fn is None and info["name"].startswith("linalg_"):
            fn = getattr(torch.linalg, info["name"][len("linalg_"):], None)  # torch.linalg.cross is linalg_cross
        binder = getattr(fn, "_binder", None)
        if binder is None:
            report["shadowed"].append(("Tensor." if as_method else "torch.") + info["name"])
            continue
        values = [sample(p) for p in params]
        self_first = [values[binder.self_index]] if binder.self_index is not None else []
        positional = self_first + [values[i] for i in binder.positional]
        keyword_only = {binder.names[i]: values[i] for i, p in enumerate(params) if p.get("keywordOnly")}
        expected = key(binder.bind(tuple(positional), dict(keyword_only))[0])
        forms = {"by keyword": {binder.names[i]: values[i] for i in binder.keywords.values()}}
        for canonical, aliases in NUMPY_ALIASES.items():
            for alias in aliases:
                if canonical in forms["by keyword"] and alias not in binder.names:
                    form = dict(forms["by keyword"])
                    form[alias] = form.pop(canonical)
                    forms["alias " + alias] = form
        for label, kwargs in forms.items():
            try:
                got = key(binder.bind(tuple(self_first), kwargs)[0])
            except TypeError as exc:
                got = str(exc)
            report["checked"] += 1
            report["aliases"].update(k for k in kwargs if k not in binder.names)
            if got != expected:
                report["mismatches"].append([info["name"], as_method, label])
        if not as_method:
            out = torch.empty(0)
            if binder.bind(tuple(positional), dict(keyword_only, out=out))[1] is not out:
                report["out"].append(info["name"])
report["aliases"] = sorted(report["aliases"])
print(json.dumps(report))
`;

interface WalkReport {
  readonly checked: number;
  readonly mismatches: [string, boolean, string][];
  readonly shadowed: string[];
  readonly out: string[];
  /** The NumPy spellings the walk used (each one on some op). */
  readonly aliases: string[];
}

describe('keyword forms generated from the op table', () => {
  let python: TestSession;
  let report: WalkReport;
  beforeAll(async () => {
    python = await startTestSession();
    const result = python.run(WALK, '<keywords>');
    expect(result.ok, result.error?.traceback).toBe(true);
    report = JSON.parse(result.stdout) as WalkReport;
  });

  it('bind every op by keyword, by NumPy alias and with input= exactly as by position', () => {
    expect(report.mismatches).toEqual([]);
    expect(report.aliases).toEqual(['a', 'axis', 'keepdims', 'x', 'x1', 'x2']);
    // Each table op in each of its forms is checked at least by keyword.
    const forms = opSignatures().reduce((n, op) => n + (op.function ? 1 : 0) + (op.method ? 1 : 0), 0);
    expect(report.checked).toBeGreaterThanOrEqual(forms - report.shadowed.length);
  });

  it('take out= on every torch function of the table', () => {
    expect(report.out).toEqual([]);
  });

  it('leave only a known few ops to hand-written Python', () => {
    // Written by hand: the shape methods in _tensor.py (view(dtype), shapes as varargs), to(),
    // detach() and the *_like creators in _creation.py. A new name here means an op lost its
    // generated keyword forms.
    expect(report.shadowed.sort()).toEqual(
      [
        'Tensor.detach',
        'Tensor.expand',
        'Tensor.expand_as',
        'Tensor.permute',
        'Tensor.repeat',
        'Tensor.reshape',
        'Tensor.reshape_as',
        'Tensor.to',
        'Tensor.type_as',
        'Tensor.view',
        'Tensor.view_as',
        'torch.full_like',
        'torch.ones_like',
        'torch.zeros_like',
      ].sort(),
    );
  });

  it('name every parameter as PyTorch names its keyword', () => {
    const misnamed: string[] = [];
    for (const op of opSignatures()) {
      for (const form of ['functions', 'methods'] as const) {
        const theirs = golden[form][op.name];
        if (!theirs || !(form === 'functions' ? op.function : op.method)) continue;
        const known = pytorchNames(theirs);
        // PyTorch's stubs spell `from` as `from_` (a Python keyword); the parser's name is `from`.
        if (known.has('from_')) known.add('from');
        const ours = op.params.map((p) => (p.name === 'self' ? 'input' : p.name)).filter((n) => form === 'functions' || n !== 'input');
        for (const name of ours) if (!known.has(name)) misnamed.push(`${form} ${op.name}: ${name}`);
      }
    }
    expect(misnamed).toEqual([]);
  });

  it('raise PyTorch’s summary TypeError for the ops PyTorch overloads, its specific one otherwise', () => {
    const result = python.run(
      `import json, torch\nprint(json.dumps({n: getattr(torch, n)._binder.overloaded for n in dir(torch) if hasattr(getattr(torch, n), "_binder")}))`,
      '<overloads>',
    );
    expect(result.ok, result.error?.traceback).toBe(true);
    const ours = JSON.parse(result.stdout) as Record<string, boolean>;
    const differing: string[] = [];
    for (const [name, overloaded] of Object.entries(ours)) {
      const theirs = golden.functions[name];
      if (!theirs) continue;
      // Deprecated overloads (`add(input, alpha, other)`) appear in the stubs without `input`.
      const real = theirs.filter((o) => /^(input|condition|tensors)\b/.test(o));
      if (real.length > 1 !== overloaded) differing.push(name);
    }
    // Known gap: the binder guesses PyTorch's overload count from the signature (a `dim`, or a
    // Tensor `other` outside the numbers-as-tensors ops); these ops break the guess, so a wrong
    // call to them says "received an invalid combination" where PyTorch names the bad argument,
    // or the other way round. The first line still names the op and what was passed.
    expect(differing.sort()).toEqual(
      [
        'addcdiv',
        'addcmul',
        'amax',
        'amin',
        'argmax',
        'argmin',
        'chunk',
        'constant_pad_nd',
        'flatten',
        'logical_and',
        'logical_or',
        'logical_xor',
        'matmul',
        'maximum',
        'minimum',
        'round',
        'round_',
        'rsub',
        'stack',
        'topk',
        'unsqueeze',
      ].sort(),
    );
  });
});
