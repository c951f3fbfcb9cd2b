# Inference mode: what inference tensors are, and PyTorch's errors when one is saved for backward,
# written in place, made to require grad or asked its version outside inference mode.
import torch
with torch.inference_mode():
    a = torch.ones(3)
    b = a * 2
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled(), a.is_inference(), b.is_inference())
w = torch.ones(3, requires_grad=True)
normal = torch.ones(3)
with torch.inference_mode():
    v = normal[:2]; print('view of normal', v.is_inference())
    normal.add_(1); print('inplace normal ok', normal._version)
    c = normal * 2; print('op on normal', c.is_inference())
    d = w * 2; print(d.requires_grad, d.is_inference())
print(a[:1].is_inference(), (a+1).is_inference())
tests=[lambda: (w*a).sum().backward(), lambda: a.add_(1), lambda: a.requires_grad_(), lambda: a._version, lambda: torch.exp(a).requires_grad, lambda: (a*w), lambda: a.zero_(), lambda: a.clone().is_inference(), lambda: normal.copy_(a), lambda: torch.ones(3, requires_grad=True).mul(a)]
for t in tests:
  try: print(t())
  except Exception as e: print(type(e).__name__, repr(str(e)))
with torch.inference_mode(False):
  print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
with torch.inference_mode():
  with torch.inference_mode(False):
    print('nested false', torch.is_inference_mode_enabled(), torch.is_grad_enabled(), torch.ones(1).is_inference())
  with torch.enable_grad():
    print('enable_grad inside', torch.is_grad_enabled(), torch.ones(1, requires_grad=True).mul(2).requires_grad)
print(torch.is_inference(a))
@torch.inference_mode()
def f(x): return x*2
print(f(w).is_inference(), torch.is_inference_mode_enabled())
