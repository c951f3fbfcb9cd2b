"""Writes the pytorch_*.pt checkpoints with real PyTorch (run by scripts/goldens/checkpoints.py)."""
from collections import OrderedDict

import torch

torch.manual_seed(0)
torch.save(torch.tensor([[1.5, -2.0, 3.25], [0.0, 4.0, -5.5]]), "pytorch_tensor.pt")
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
torch.save(model.state_dict(), "pytorch_state_dict.pt")
base = torch.arange(12, dtype=torch.float64).reshape(3, 4)
torch.save(
    {
        "epoch": 7,
        "loss": 0.125,
        "name": "mlp",
        "weights": torch.nn.Parameter(torch.tensor([0.5, -0.25])),
        "frozen": torch.nn.Parameter(torch.tensor([1.0]), requires_grad=False),
        "views": [base, base[1], base.t(), base[:, 1:3]],
        "ints": torch.tensor([[1, -2], [3, 2**40]]),
        "int32": torch.tensor([7, -8], dtype=torch.int32),
        "mask": torch.tensor([True, False, True]),
        "scalar": torch.tensor(3.0),
        "empty": torch.zeros(0, 2),
        "shape": torch.Size([2, 3]),
        "dtype": torch.float64,
        "nested": OrderedDict(a=(1, 2.0, None), b={"c": [torch.ones(2, dtype=torch.int64)]}),
    },
    "pytorch_checkpoint.pt",
)

# A checkpoint saved on a GPU: storages tagged 'cuda:0' (this CPU-only PyTorch is told to tag them so).
torch.serialization.location_tag = lambda storage: "cuda:0"
torch.save({"w": torch.tensor([1.0, -1.0])}, "pytorch_saved_on_gpu.pt")

# float16: a dtype Gradscope lacks (the test expects Gradscope to say so).
torch.serialization.location_tag = lambda storage: "cpu"
torch.save(torch.ones(2, dtype=torch.float16), "pytorch_half.pt")
