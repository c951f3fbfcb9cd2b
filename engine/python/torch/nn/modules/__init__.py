from .module import Module
from .container import Sequential, ModuleList, ModuleDict
from .simple import (
    Identity, Linear, ReLU, Tanh, Sigmoid, GELU, SiLU, LeakyReLU, ELU, Softplus, Softmax, LogSoftmax,
    Dropout, Flatten, Embedding, LayerNorm,
)
from .loss import MSELoss, L1Loss, SmoothL1Loss, NLLLoss, CrossEntropyLoss, BCELoss, BCEWithLogitsLoss
from .conv import Conv1d, Conv2d
from .pooling import MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool2d, AdaptiveMaxPool2d
from .batchnorm import BatchNorm1d, BatchNorm2d
from .flatten import Unflatten
from .rnn import RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell
from .lazy import LazyConv1d, LazyConv2d, LazyLinear, LazyBatchNorm1d, LazyBatchNorm2d
