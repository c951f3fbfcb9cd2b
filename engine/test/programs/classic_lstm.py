# A tiny LSTM over characters (the char-RNN tutorials' shape): forward, backward, an Adam step.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
# 3 digits: PyTorch's vectorised sigmoid rounds differently in the last bit (issue #10 item 7).
torch.set_printoptions(precision=3)
text = "hello world"
chars = sorted(set(text))
idx = torch.tensor([chars.index(c) for c in text])
emb = nn.Embedding(len(chars), 5)
lstm = nn.LSTM(5, 6, num_layers=2)
head = nn.Linear(6, len(chars))
print(lstm)
print([name for name, _ in lstm.named_parameters()])
params = list(emb.parameters()) + list(lstm.parameters()) + list(head.parameters())
opt = torch.optim.Adam(params, lr=0.01)
for step in range(3):
    opt.zero_grad()
    x = emb(idx[:-1]).unsqueeze(1)
    out, (h, c) = lstm(x)
    logits = head(out.squeeze(1))
    loss = F.cross_entropy(logits, idx[1:])
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
print(out.grad_fn.name(), h.grad_fn.name(), c.grad_fn.name(), out.shape, h.shape)
print(lstm.weight_hh_l0.grad[:4])
print(lstm.bias_ih_l1.grad)
gru = nn.GRU(5, 3, batch_first=True)
o, hn = gru(torch.randn(2, 4, 5))
print(o[:, -1], hn)
bi = nn.GRU(5, 3, num_layers=2, bidirectional=True)
o, hn = bi(torch.randn(4, 2, 5))
print(o.shape, hn.shape, o[0], hn[-1])
o, hn = nn.RNN(5, 3)(torch.randn(4, 5))
print(o.shape, hn.shape, o.grad_fn.name(), hn)
cell = nn.RNNCell(5, 3, nonlinearity='relu')
print(cell, cell(torch.randn(2, 5)))
