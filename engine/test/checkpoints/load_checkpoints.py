# Loads checkpoints written by real PyTorch (make_fixtures.py) and prints what they hold.
import torch

t = torch.load("pytorch_tensor.pt", weights_only=True)
print(t, t.dtype, t.requires_grad)
state = torch.load("pytorch_state_dict.pt", weights_only=True)
print(type(state).__name__, list(state.keys()))
print(dict(state._metadata))
for key, value in state.items():
    print(key, tuple(value.shape), value.dtype, value.requires_grad, type(value).__name__)
print(state["0.weight"])
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
print(model.load_state_dict(state))
print(model(torch.tensor([[1.0, 2.0, 3.0]])))
# weights_only=False: PyTorch 1.13's restricted unpickler (the golden's) cannot read pickled floats.
ck = torch.load("pytorch_checkpoint.pt", map_location="cpu", weights_only=False)
print(sorted(ck.keys()))
print(ck["epoch"], ck["loss"], ck["name"], ck["shape"], ck["dtype"], dict(ck["nested"]))
print(ck["weights"], type(ck["weights"]).__name__, ck["frozen"].requires_grad)
views = ck["views"]
print(views)
print([v.is_contiguous() for v in views], [v.stride() for v in views], [v.storage_offset() for v in views])
views[0][1, 2] = 100.0
print("shared after load:", views[1][2].item(), views[2][2, 1].item(), views[3][1, 1].item())
print(ck["ints"], ck["int32"], ck["mask"], ck["scalar"], ck["empty"])
loaded = torch.load("pytorch_checkpoint.pt", map_location=torch.device("cpu"), weights_only=False)
print(torch.equal(loaded["ints"], ck["ints"]), loaded["nested"]["b"]["c"][0].dtype)
try:
    torch.load("pytorch_saved_on_gpu.pt")
except RuntimeError as e:
    print(type(e).__name__ + ":", e)
print(torch.load("pytorch_saved_on_gpu.pt", map_location="cpu"))
print(torch.load("pytorch_saved_on_gpu.pt", map_location=torch.device("cpu"))["w"].device)
print(torch.load("pytorch_saved_on_gpu.pt", map_location=lambda storage, loc: storage))
print(torch.load("pytorch_saved_on_gpu.pt", map_location={"cuda:0": "cpu"}))
