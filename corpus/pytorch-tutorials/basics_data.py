# Source: pytorch/tutorials beginner_source/basics/data_tutorial.py (Learn the Basics: Datasets & DataLoaders; a custom Dataset over generated images instead of FashionMNIST files, iterated by a shuffling DataLoader; seeded)
import torch
from torch.utils.data import Dataset
from torch.utils.data import DataLoader
torch.manual_seed(0)

labels_map = {
    0: "T-Shirt",
    1: "Trouser",
    2: "Pullover",
    3: "Dress",
    4: "Coat",
    5: "Sandal",
    6: "Shirt",
    7: "Sneaker",
    8: "Bag",
    9: "Ankle Boot",
}

class CustomImageDataset(Dataset):
    def __init__(self, n, transform=None, target_transform=None):
        # instead of annotations_file and img_dir: n generated 28x28 images
        self.img_labels = torch.randint(0, 10, (n,)).tolist()
        self.images = torch.rand(n, 1, 28, 28)
        self.transform = transform
        self.target_transform = target_transform

    def __len__(self):
        return len(self.img_labels)

    def __getitem__(self, idx):
        image = self.images[idx]
        label = self.img_labels[idx]
        if self.transform:
            image = self.transform(image)
        if self.target_transform:
            label = self.target_transform(label)
        return image, label

training_data = CustomImageDataset(100)
test_data = CustomImageDataset(20)

for i in range(1, 4):
    sample_idx = torch.randint(len(training_data), size=(1,)).item()
    img, label = training_data[sample_idx]
    print(sample_idx, labels_map[label], img.shape)

train_dataloader = DataLoader(training_data, batch_size=16, shuffle=True)
test_dataloader = DataLoader(test_data, batch_size=16, shuffle=True)

# Display image and label.
train_features, train_labels = next(iter(train_dataloader))
print(f"Feature batch shape: {train_features.size()}")
print(f"Labels batch shape: {train_labels.size()}")
img = train_features[0].squeeze()
label = train_labels[0]
print(img.shape)
print(f"Label: {label}")
print(train_labels)
print(len(train_dataloader), len(test_dataloader))
for X, y in test_dataloader:
    print(X.shape, y)
