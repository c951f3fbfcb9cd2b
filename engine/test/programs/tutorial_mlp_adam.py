# A seeded classifier trained with Adam and cross-entropy.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


torch.manual_seed(42)
x = torch.randn(30, 2)
labels = (x[:, 0] > 0).long() + (x[:, 1] > 0.5).long()
net = Net()
opt = torch.optim.Adam(net.parameters(), lr=0.05)
for step in range(50):
    opt.zero_grad()
    logits = net(x)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    opt.step()
    if step % 10 == 9:
        accuracy = (logits.argmax(dim=1) == labels).float().mean()
        print(f"step {step + 1}: loss {loss.item():.4f} accuracy {accuracy.item():.2f}")
print(net(x[:3]))
