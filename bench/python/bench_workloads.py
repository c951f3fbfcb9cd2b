"""The Python-layer workloads, written as a Gradscope user writes PyTorch.

Installed into the bench's Pyodide session beside Gradscope's `torch`. Inputs arrive as base64
float32 bytes so that Python sees exactly the values the TypeScript workloads use.
"""
import array
import base64
import json

import torch

_state = {}


def _floats(encoded, *shape):
    values = array.array("f", base64.b64decode(encoded)).tolist()
    return torch.tensor(values, dtype=torch.float32).view(*shape)


def setup_elementwise(x, y):
    _state["x"] = _floats(x, 4).requires_grad_()
    _state["y"] = _floats(y, 4)


def elementwise_forward(n):
    """`n` recorded multiplications x * y (x requires grad), from a Python loop."""
    x, y = _state["x"], _state["y"]
    for _ in range(n):
        x * y


def elementwise_result():
    return json.dumps((_state["x"] * _state["y"]).tolist())


def setup_mlp(sizes, batch, learning_rate, weights, biases, inputs, target):
    layers = len(sizes) - 1
    _state["weights"] = [_floats(weights[i], sizes[i], sizes[i + 1]).requires_grad_() for i in range(layers)]
    _state["biases"] = [_floats(biases[i], sizes[i + 1]).requires_grad_() for i in range(layers)]
    _state["input"] = _floats(inputs, batch, sizes[0])
    _state["target"] = _floats(target, batch, sizes[-1])
    _state["optimizer"] = torch.optim.SGD(_state["weights"] + _state["biases"], lr=learning_rate)


def mlp_step():
    """Forward (ReLU MLP, softmax cross-entropy from primitives), backward, SGD step."""
    weights, biases, optimizer = _state["weights"], _state["biases"], _state["optimizer"]
    h = _state["input"]
    for i, (w, b) in enumerate(zip(weights, biases)):
        h = h @ w + b
        if i < len(weights) - 1:
            h = h.relu()
    loss = (h.exp().sum(1).log() - (h * _state["target"]).sum(1)).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def mlp_steps(n):
    for _ in range(n):
        mlp_step()


def mlp_result():
    loss = mlp_step()
    params = [p.detach().view(-1).tolist() for p in _state["weights"] + _state["biases"]]
    return json.dumps({"loss": loss, "params": params})
