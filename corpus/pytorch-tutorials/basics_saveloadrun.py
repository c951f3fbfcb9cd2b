# Source: pytorch/tutorials beginner_source/basics/saveloadrun_tutorial.py (Learn the Basics: Save and Load the Model; a small nn.Sequential instead of torchvision's VGG16, an in-memory buffer instead of files; seeded)
import io
import torch
from torch import nn
torch.manual_seed(0)

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))  # instead of models.vgg16(weights='IMAGENET1K_V1')
buffer = io.BytesIO()  # instead of 'model_weights.pth'
torch.save(model.state_dict(), buffer)
print(list(model.state_dict().keys()))

model2 = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))  # we do not specify ``weights``, i.e. create untrained model
buffer.seek(0)
print(model2.load_state_dict(torch.load(buffer, weights_only=True)))
model2.eval()
print(model2)
x = torch.rand(2, 4)
print(torch.equal(model(x), model2(x)))

buffer = io.BytesIO()  # instead of 'model.pth'
torch.save(model, buffer)
buffer.seek(0)
model3 = torch.load(buffer, weights_only=False)
print(model3)
print(model3[0].weight)
