# Saves checkpoints in Gradscope; scripts/goldens/checkpoints.py loads them with real PyTorch.
import io

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) / (i + 2))
torch.save(model.state_dict(), "gradscope_state_dict.pt")
base = torch.arange(6, dtype=torch.float64).reshape(2, 3)
torch.save(
    {
        "epoch": 3,
        "model": model.state_dict(),
        "param": torch.nn.Parameter(torch.tensor([1.0, -1.0])),
        "views": (base, base.t(), base[1, 1:]),
        "ints": torch.tensor([5, -6, 2**40]),
        "int32": torch.tensor([1, 2], dtype=torch.int32),
        "mask": torch.tensor([[True], [False]]),
        "scalar": torch.tensor(2.5),
        "shape": torch.Size([4]),
        "dtype": torch.int64,
    },
    "gradscope_checkpoint.pt",
)
buffer = io.BytesIO()
torch.save(torch.tensor([1.0, 2.0]), buffer)
with open("gradscope_buffer.pt", "wb") as f:
    f.write(buffer.getvalue())
back = torch.load("gradscope_checkpoint.pt")
print(back["model"]["0.weight"], back["views"][2], back["param"])
