# torch.device, torch.cuda and torch.backends as a CPU-only build of PyTorch shows them.
import torch


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


x = torch.tensor([1.0, 2.0])
print(x.device, repr(x.device), x.is_cuda, x.device.type, x.device.index, x.device == torch.device("cpu"))
print(torch.device("cpu"), repr(torch.device("cuda:1")), str(torch.device("cuda", 0)), torch.device("cuda", 1).index)
print(repr(torch.device(torch.device("cpu"))), repr(torch.device("cpu:0")), torch.device("cpu") == "cpu")
print({torch.device("cpu"): 1}[torch.device("cpu")])
attempt("bad device:", lambda: torch.device("foo:0"))
attempt("bad index:", lambda: torch.device("cuda:abc"))
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print("using", device)
y = x.to(device)
print(y is x, x.to("cpu") is x, x.cpu() is x, x.to("cpu", torch.float64), x.to(device="cpu", dtype=torch.int64))
print(x.to(torch.device("cpu")), x.to("cpu", copy=True) is x, x.to(x.double()), x.to(torch.float64, copy=True))
attempt(".cuda():", lambda: x.cuda())
attempt(".to('cuda'):", lambda: x.to("cuda"))
attempt(".to('cuda:0'):", lambda: x.to("cuda:0"))
attempt(".to(0):", lambda: x.to(0))
attempt(".to('mps'):", lambda: x.to("mps"))
attempt(".to('xyz'):", lambda: x.to("xyz"))
print(torch.cuda.is_available(), torch.cuda.device_count(), torch.cuda.is_initialized())
print(torch.cuda.manual_seed(0), torch.cuda.manual_seed_all(0), torch.cuda.empty_cache())
attempt("synchronize:", lambda: torch.cuda.synchronize())
attempt("current_device:", lambda: torch.cuda.current_device())
attempt("get_device_name:", lambda: torch.cuda.get_device_name(0))
print(torch.backends.mps.is_available(), torch.backends.mps.is_built())
print(torch.backends.cudnn.is_available(), torch.backends.cudnn.enabled, torch.backends.cudnn.benchmark, torch.backends.cudnn.deterministic, torch.backends.cudnn.version())
torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False
print(torch.backends.cudnn.deterministic, torch.version.cuda)
model = torch.nn.Linear(2, 1).to(device)
print(next(model.parameters()).device)
attempt("model.to('cuda'):", lambda: model.to("cuda"))
attempt("model.to(device='cuda:0'):", lambda: model.to(device="cuda:0"))
attempt("model.cuda():", lambda: model.cuda())
print(model.to("cpu") is model, model.to(torch.device("cpu"), torch.float64).weight.dtype)
print(x.is_cpu, x.get_device(), x.is_mps)
