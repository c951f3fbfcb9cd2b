"""RNN, LSTM, GRU and their cells, computed step by step as PyTorch's CPU kernels do.

PyTorch's CPU RNNs are composites of other ops (aten/src/ATen/native/RNN.cpp), so the graph shows
AddmmBackward0, SigmoidBackward0, StackBackward0 ... as PyTorch's does. Each layer first projects
the whole sequence with linear(input, w_ih, b_ih), then per step adds linear(h, w_hh, b_hh) to
that step's projection; the reverse direction walks the steps backwards; outputs are stacked and
the directions concatenated. Parameters are made and initialised in PyTorch's order, so seeded
weights are PyTorch's. One difference: with batch_first, PyTorch's RNN and GRU transpose the
output in place (TransposeBackward1); here it is an ordinary transpose (TransposeBackward0, as
PyTorch's LSTM shows).
"""
import math
import numbers
import warnings

from ... import _creation
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


def _tanh_cell(x_proj, h, w_hh, b_hh):
    return F.linear(h, w_hh, b_hh).add(x_proj).tanh()


def _relu_cell(x_proj, h, w_hh, b_hh):
    return F.linear(h, w_hh, b_hh).add(x_proj).relu()


def _lstm_cell(x_proj, state, w_hh, b_hh):
    h, c = state
    gates = F.linear(h, w_hh, b_hh).add(x_proj)
    ingate, forgetgate, cellgate, outgate = gates.chunk(4, 1)
    ingate, forgetgate, cellgate, outgate = ingate.sigmoid(), forgetgate.sigmoid(), cellgate.tanh(), outgate.sigmoid()
    cy = (forgetgate * c).add(ingate * cellgate)
    hy = outgate * cy.tanh()
    return hy, cy


def _gru_cell(x_proj, h, w_hh, b_hh):
    i_r, i_z, i_n = x_proj.chunk(3, 1)
    h_r, h_z, h_n = F.linear(h, w_hh, b_hh).chunk(3, 1)
    reset_gate = h_r.add(i_r).sigmoid()
    input_gate = h_z.add(i_z).sigmoid()
    new_gate = i_n.add(h_n.mul(reset_gate)).tanh()
    return (h - new_gate).mul(input_gate).add(new_gate)


_CELLS = {"LSTM": _lstm_cell, "GRU": _gru_cell, "RNN_TANH": _tanh_cell, "RNN_RELU": _relu_cell}


class RNNBase(Module):
    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        num_directions = 2 if bidirectional else 1
        if not isinstance(dropout, numbers.Number) or not 0 <= dropout <= 1 or isinstance(dropout, bool):
            raise ValueError("dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
        if dropout > 0 and num_layers == 1:
            warnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                          f"num_layers greater than 1, but got dropout={dropout} and num_layers={num_layers}")
        if not isinstance(hidden_size, int):
            raise TypeError(f"hidden_size should be of type int, got: {type(hidden_size).__name__}")
        if hidden_size <= 0:
            raise ValueError("hidden_size must be greater than zero")
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        if proj_size != 0:
            raise NotImplementedError("LSTM with proj_size is not supported in Gradscope yet")
        gate_size = _GATES[mode] * hidden_size
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for direction in range(num_directions):
                layer_input_size = input_size if layer == 0 else hidden_size * num_directions
                params = [
                    Parameter(_creation.empty((gate_size, layer_input_size), dtype=dtype)),
                    Parameter(_creation.empty((gate_size, hidden_size), dtype=dtype)),
                ]
                names = ["weight_ih_l{}{}", "weight_hh_l{}{}"]
                if bias:
                    params += [Parameter(_creation.empty(gate_size, dtype=dtype)), Parameter(_creation.empty(gate_size, dtype=dtype))]
                    names += ["bias_ih_l{}{}", "bias_hh_l{}{}"]
                suffix = "_reverse" if direction == 1 else ""
                names = [n.format(layer, suffix) for n in names]
                for name, param in zip(names, params):
                    setattr(self, name, param)
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    @property
    def _flat_weights(self):
        return [getattr(self, name) for name in self._flat_weights_names]

    @property
    def all_weights(self):
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self):
        pass

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def extra_repr(self):
        s = "{input_size}, {hidden_size}"
        if self.proj_size != 0:
            s += ", proj_size={proj_size}"
        if self.num_layers != 1:
            s += ", num_layers={num_layers}"
        if self.bias is not True:
            s += ", bias={bias}"
        if self.batch_first is not False:
            s += ", batch_first={batch_first}"
        if self.dropout != 0:
            s += ", dropout={dropout}"
        if self.bidirectional is not False:
            s += ", bidirectional={bidirectional}"
        return s.format(**self.__dict__)

    def _check_input(self, input):
        if self.input_size != input.size(-1):
            raise RuntimeError(f"input.size(-1) must be equal to input_size. Expected {self.input_size}, got {input.size(-1)}")

    def _expected_hidden_size(self, input):
        batch = input.size(0) if self.batch_first else input.size(1)
        return (self.num_layers * (2 if self.bidirectional else 1), batch, self.hidden_size)

    def _check_hidden_size(self, hx, expected, msg="Expected hidden size {}, got {}"):
        if tuple(hx.shape) != expected:
            raise RuntimeError(msg.format(list(expected), list(hx.shape)))

    def _layer_weights(self, layer, direction):
        names = self._all_weights[layer * (2 if self.bidirectional else 1) + direction]
        w = [getattr(self, n) for n in names]
        return (w[0], w[1], w[2], w[3]) if self.bias else (w[0], w[1], None, None)

    def _run_direction(self, inputs, state, layer, direction):
        """One layer in one direction over [T, B, *] inputs: the step outputs (in time order) and the final state."""
        w_ih, w_hh, b_ih, b_hh = self._layer_weights(layer, direction)
        cell = _CELLS[self.mode]
        steps = F.linear(inputs, w_ih, b_ih).unbind(0)
        order = range(len(steps) - 1, -1, -1) if direction == 1 else range(len(steps))
        outputs = []
        for t in order:
            state = cell(steps[t], state, w_hh, b_hh)
            outputs.append(state[0] if self.mode == "LSTM" else state)
        if direction == 1:
            outputs.reverse()
        return outputs, state

    def _run(self, input, hiddens):
        """PyTorch's _rnn_impl: the layer stack over [T, B, I] (time first), hiddens one per layer and direction."""
        import torch

        directions = 2 if self.bidirectional else 1
        layer_input = input.transpose(0, 1) if self.batch_first else input
        finals = []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                steps, final = self._run_direction(layer_input, hiddens[layer * directions + direction], layer, direction)
                outputs.append(torch.stack(steps, 0))
                finals.append(final)
            layer_input = outputs[0] if directions == 1 else torch.cat(outputs, outputs[0].dim() - 1)
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout, True)
        output = layer_input.transpose(0, 1) if self.batch_first else layer_input
        return output, finals

    def _prepare(self, input, hx, name):
        if input.dim() not in (2, 3):
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.dim()}D tensor instead")
        is_batched = input.dim() == 3
        batch_dim = 0 if self.batch_first else 1
        if not is_batched:
            input = input.unsqueeze(batch_dim)
        return input, is_batched, batch_dim


class RNN(RNNBase):
    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif self.nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' or 'relu'.")
        super().__init__(mode, *args, **kwargs)

    def forward(self, input, hx=None):
        name = "RNN" if self.mode.startswith("RNN") else self.mode
        input, is_batched, batch_dim = self._prepare(input, hx, name)
        if hx is not None:
            if not is_batched and hx.dim() != 2:
                raise RuntimeError(f"For unbatched 2-D input, hx should also be 2-D but got {hx.dim()}-D tensor")
            if is_batched and hx.dim() != 3:
                raise RuntimeError(f"For batched 3-D input, hx should also be 3-D but got {hx.dim()}-D tensor")
            if not is_batched:
                hx = hx.unsqueeze(1)
        expected = self._expected_hidden_size(input)
        if hx is None:
            hx = _creation.zeros(*expected, dtype=input.dtype)
        self._check_input(input)
        self._check_hidden_size(hx, expected)
        import torch

        output, finals = self._run(input, hx.unbind(0))
        hidden = torch.stack(finals, 0)
        if not is_batched:
            output, hidden = output.squeeze(batch_dim), hidden.squeeze(1)
        return output, hidden


class GRU(RNN):
    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        RNNBase.__init__(self, "GRU", *args, **kwargs)


class LSTM(RNNBase):
    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)

    def forward(self, input, hx=None):
        input, is_batched, batch_dim = self._prepare(input, hx, "LSTM")
        expected = self._expected_hidden_size(input)
        if hx is None:
            zeros = _creation.zeros(*expected, dtype=input.dtype)
            hx = (zeros, zeros)
        else:
            if is_batched and (hx[0].dim() != 3 or hx[1].dim() != 3):
                raise RuntimeError(f"For batched 3-D input, hx and cx should also be 3-D but got ({hx[0].dim()}-D, {hx[1].dim()}-D) tensors")
            if not is_batched:
                if hx[0].dim() != 2 or hx[1].dim() != 2:
                    raise RuntimeError(f"For unbatched 2-D input, hx and cx should also be 2-D but got ({hx[0].dim()}-D, {hx[1].dim()}-D) tensors")
                hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
        self._check_input(input)
        self._check_hidden_size(hx[0], expected, "Expected hidden[0] size {}, got {}")
        self._check_hidden_size(hx[1], expected, "Expected hidden[1] size {}, got {}")
        import torch

        output, finals = self._run(input, list(zip(hx[0].unbind(0), hx[1].unbind(0))))
        h_n = torch.stack([h for h, _ in finals], 0)
        c_n = torch.stack([c for _, c in finals], 0)
        if not is_batched:
            output, h_n, c_n = output.squeeze(batch_dim), h_n.squeeze(1), c_n.squeeze(1)
        return output, (h_n, c_n)


class RNNCellBase(Module):
    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        self.weight_ih = Parameter(_creation.empty((num_chunks * hidden_size, input_size), dtype=dtype))
        self.weight_hh = Parameter(_creation.empty((num_chunks * hidden_size, hidden_size), dtype=dtype))
        if bias:
            self.bias_ih = Parameter(_creation.empty(num_chunks * hidden_size, dtype=dtype))
            self.bias_hh = Parameter(_creation.empty(num_chunks * hidden_size, dtype=dtype))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self):
        s = "{input_size}, {hidden_size}"
        if "bias" in self.__dict__ and self.bias is not True:
            s += ", bias={bias}"
        if "nonlinearity" in self.__dict__ and self.nonlinearity != "tanh":
            s += ", nonlinearity={nonlinearity}"
        return s.format(**self.__dict__)

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _batched(self, input, hx, name):
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        is_batched = input.dim() == 2
        return (input if is_batched else input.unsqueeze(0)), is_batched

    def _step(self, cell, input, state):
        return cell(F.linear(input, self.weight_ih, self.bias_ih), state, self.weight_hh, self.bias_hh)


class RNNCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=1, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        if hx is not None and hx.dim() not in (1, 2):
            raise ValueError(f"RNNCell: Expected hidden to be 1D or 2D, got {hx.dim()}D instead")
        input, is_batched = self._batched(input, hx, "RNNCell")
        hx = _creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype) if hx is None else (hx if is_batched else hx.unsqueeze(0))
        if self.nonlinearity == "tanh":
            ret = self._step(_tanh_cell, input, hx)
        elif self.nonlinearity == "relu":
            ret = self._step(_relu_cell, input, hx)
        else:
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        return ret if is_batched else ret.squeeze(0)


class LSTMCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, dtype=dtype)

    def forward(self, input, hx=None):
        if input.dim() not in (1, 2):
            raise ValueError(f"LSTMCell: Expected input to be 1D or 2D, got {input.dim()}D instead")
        if hx is not None:
            for idx, value in enumerate(hx):
                if value.dim() not in (1, 2):
                    raise ValueError(f"LSTMCell: Expected hx[{idx}] to be 1D or 2D, got {value.dim()}D instead")
        input, is_batched = self._batched(input, hx, "LSTMCell")
        if hx is None:
            zeros = _creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype)
            hx = (zeros, zeros)
        elif not is_batched:
            hx = (hx[0].unsqueeze(0), hx[1].unsqueeze(0))
        hy, cy = self._step(_lstm_cell, input, hx)
        return (hy, cy) if is_batched else (hy.squeeze(0), cy.squeeze(0))


class GRUCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, dtype=dtype)

    def forward(self, input, hx=None):
        if hx is not None and hx.dim() not in (1, 2):
            raise ValueError(f"GRUCell: Expected hidden to be 1D or 2D, got {hx.dim()}D instead")
        input, is_batched = self._batched(input, hx, "GRUCell")
        hx = _creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype) if hx is None else (hx if is_batched else hx.unsqueeze(0))
        ret = self._step(_gru_cell, input, hx)
        return ret if is_batched else ret.squeeze(0)
