"""PyTorch 2.x's CPU sampling, replayed on PyTorch 1.13 for the goldens.

Debian's oracle is PyTorch 1.13; two samplers draw differently in current PyTorch (2.7+):
- `Tensor.exponential_` computes -1/λ·log1p(-u) (1.13: -1/λ·log(1 - u)) from the same 53-bit
  uniform u, so the last bit differs now and then;
- `torch.multinomial(p, 1, replacement=True)` takes the exponential route, argmax(p / q) with
  q ~ Exp(1), which 1.13 took only without replacement (1.13 bisected the cumulative sums).
  (PyTorch 2.1-2.6 wheels built with MKL drew exponential_ from MKL's own stream; 2.7 disabled
  that, pytorch/pytorch#132395, and current PyTorch draws what this file replays.)

It also gives `torch.nn.init`'s functions 2.x's `generator=` keyword.

`install()` patches torch so that programs run by the golden scripts print what 2.x prints. Before
patching, `self_check()` replays the 1.13 formulas on the same uniform draws and requires them to
equal 1.13's own exponential_ and multinomial bit for bit: the replay consumes the generator
exactly as PyTorch does, so swapping in the 2.x formula is the only change.
"""
import math

import torch

_real_exponential = torch.Tensor.exponential_
_real_multinomial = torch.multinomial


_SCALAR_TYPE = {torch.int64: "Long", torch.int32: "Int", torch.bool: "Bool", torch.uint8: "Byte"}


def _exponential(tensor, lambd=1.0, *, generator=None, log_of_one_minus=math.log1p):
    if not tensor.is_floating_point():
        raise RuntimeError("Exponential distribution is a continuous probability distribution. "
                           f"dtype must be a floating point but you specified {_SCALAR_TYPE[tensor.dtype]}")
    if not lambd > 0 or math.isinf(lambd):
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")  # C++ prints -1.0 as -1
    # empty_like keeps a view's strides, so the uniforms are drawn in the same (memory) order.
    uniforms = torch.empty_like(tensor, dtype=torch.float64).uniform_(generator=generator).flatten().tolist()
    values = [(-1.0 / lambd) * log_of_one_minus(u) for u in uniforms]
    with torch.no_grad():
        tensor.copy_(torch.tensor(values, dtype=torch.float64).reshape(tensor.shape))
    return tensor


def exponential_v2(tensor, lambd=1.0, *, generator=None):
    return _exponential(tensor, lambd, generator=generator, log_of_one_minus=lambda u: math.log1p(-u))


def _exponential_v113(tensor, lambd=1.0, *, generator=None):
    return _exponential(tensor, lambd, generator=generator, log_of_one_minus=lambda u: math.log(1.0 - u))


def _multinomial(input, num_samples, replacement=False, *, generator=None, exponential=exponential_v2, route_one_sample=True):
    uses_keys = not replacement or (route_one_sample and num_samples == 1)
    if not uses_keys or input.dim() not in (1, 2) or not input.is_floating_point() or num_samples <= 0 \
            or num_samples > input.shape[-1]:
        return _real_multinomial(input, num_samples, replacement, generator=generator)
    if not bool(((input.max() < math.inf) & (input.min() >= 0)).item()):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    sums = input.sum() if input.dim() == 1 else input.sum(1)
    if bool((sums == 0).any().item()):
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    keys = input / exponential(torch.empty_like(input), 1.0, generator=generator)
    if num_samples == 1:
        return keys.argmax(dim=-1, keepdim=True)
    return keys.topk(num_samples).indices


def multinomial_v2(input, num_samples, replacement=False, *, generator=None):
    return _multinomial(input, num_samples, replacement, generator=generator)


def self_check():
    """The 1.13 replay equals 1.13 bit for bit (so the draws are consumed as PyTorch consumes them)."""
    for dtype in (torch.float32, torch.float64):
        for size in (1, 5, 16, 33, 200):
            g1, g2 = torch.Generator().manual_seed(size), torch.Generator().manual_seed(size)
            for lambd in (1.0, 0.5, 3.0):
                real = _real_exponential(torch.empty(size, dtype=dtype), lambd, generator=g1)
                replay = _exponential_v113(torch.empty(size, dtype=dtype), lambd, generator=g2)
                assert real.tolist() == replay.tolist(), f"exponential_ replay differs ({dtype}, {size}, {lambd})"
            assert torch.equal(g1.get_state(), g2.get_state())
        real = _real_exponential(torch.empty(6, 5, dtype=dtype).t(), generator=g1)
        replay = _exponential_v113(torch.empty(6, 5, dtype=dtype).t(), generator=g2)
        assert real.tolist() == replay.tolist(), "exponential_ replay on a transposed view differs"
        for seed in range(40):
            p = torch.rand(3, 7, dtype=dtype, generator=torch.Generator().manual_seed(1000 + seed))
            p[0, 2] = 0
            g1, g2 = torch.Generator().manual_seed(seed), torch.Generator().manual_seed(seed)
            for k in (1, 3, 7):
                real = _real_multinomial(p, k, False, generator=g1)
                replay = _multinomial(p, k, False, generator=g2, exponential=_exponential_v113, route_one_sample=False)
                assert torch.equal(real, replay), f"multinomial replay differs ({dtype}, seed {seed}, k={k})"
            assert torch.equal(g1.get_state(), g2.get_state())


def _drawing_from(init_function):
    """2.x's `torch.nn.init.*(..., generator=g)`: 1.13's function run with g's state in the default
    generator's place (both are the same CPU generator, so the draws are g's own)."""
    def with_generator(*args, generator=None, **kwargs):
        if generator is None:
            return init_function(*args, **kwargs)
        saved = torch.get_rng_state()
        torch.set_rng_state(generator.get_state())
        try:
            return init_function(*args, **kwargs)
        finally:
            generator.set_state(torch.get_rng_state())
            torch.set_rng_state(saved)
    return with_generator


def install():
    self_check()
    torch.Tensor.exponential_ = exponential_v2
    torch.multinomial = multinomial_v2
    torch.Tensor.multinomial = multinomial_v2
    init = torch.nn.init
    for name in ("uniform_", "normal_", "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_"):
        setattr(init, name, _drawing_from(getattr(init, name)))


if __name__ == "__main__":
    self_check()
    print("the 1.13 replays of exponential_ and multinomial equal 1.13 bit for bit")
