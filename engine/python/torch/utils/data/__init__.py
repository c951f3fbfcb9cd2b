"""torch.utils.data: datasets, samplers and the DataLoader, drawing PyTorch's random orders."""
from ._collate import default_collate, default_convert
from .dataloader import DataLoader
from .dataset import ConcatDataset, Dataset, IterableDataset, Subset, TensorDataset, random_split
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler, SubsetRandomSampler, WeightedRandomSampler

__all__ = [
    "BatchSampler", "ConcatDataset", "DataLoader", "Dataset", "IterableDataset", "RandomSampler", "Sampler",
    "SequentialSampler", "Subset", "SubsetRandomSampler", "TensorDataset", "default_collate", "default_convert",
    "WeightedRandomSampler", "get_worker_info", "random_split",
]


def get_worker_info():
    """Gradscope loads data in the calling process, so there is never a worker: None, as in PyTorch's main process."""
    return None
