from .module import Module
from .container import Sequential, ModuleList, ModuleDict
from .simple import (
    Identity, Linear, ReLU, Tanh, Sigmoid, GELU, SiLU, LeakyReLU, ELU, Softplus, Softmax, LogSoftmax,
    Dropout, Flatten, Embedding, LayerNorm,
)
from .loss import MSELoss, L1Loss, SmoothL1Loss, NLLLoss, CrossEntropyLoss, BCELoss, BCEWithLogitsLoss
