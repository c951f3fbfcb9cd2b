# PyTorch tutorial "Saving and loading models": a whole model (a class of your own) and a training checkpoint.
import io

import torch
import torch.nn as nn
import torch.optim as optim


class TheModelClass(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.fc2 = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


torch.manual_seed(0)
model = TheModelClass()
optimizer = optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
print("Model's state_dict:")
for param_tensor in model.state_dict():
    print(param_tensor, "\t", model.state_dict()[param_tensor].size())

buffer = io.BytesIO()
torch.save(model, buffer)
buffer.seek(0)
whole = torch.load(buffer, weights_only=False)
whole.eval()
x = torch.ones(1, 4)
print(type(whole).__name__, torch.equal(whole(x), model(x)), whole.training)

loss = model(x).sum()
loss.backward()
optimizer.step()
checkpoint = io.BytesIO()
torch.save({"epoch": 4, "model_state_dict": model.state_dict(), "optimizer_state_dict": optimizer.state_dict(), "loss": loss}, checkpoint)
checkpoint.seek(0)
ck = torch.load(checkpoint, weights_only=False)
restored = TheModelClass()
restored_optimizer = optim.SGD(restored.parameters(), lr=0.5)
print(restored.load_state_dict(ck["model_state_dict"]))
restored_optimizer.load_state_dict(ck["optimizer_state_dict"])
print(ck["epoch"], ck["loss"], restored_optimizer.param_groups[0]["lr"], restored_optimizer.param_groups[0]["momentum"])
print(torch.equal(restored(x), model(x)))
