# Tensor.type(), the legacy tensor types (torch.FloatTensor, ...) and the default dtype.
import torch


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


x = torch.tensor([1.5, 2.5])
print(x.type(), torch.tensor([1, 2]).type(), torch.tensor([True]).type(), x.double().type(), x.int().type())
print(x.type(torch.float64), x.type("torch.LongTensor"), x.type(torch.IntTensor), x.type(torch.float32) is x)
print(torch.typename(x), torch.typename(torch.tensor([1])))
attempt("bad type:", lambda: x.type("foo"))
print(torch.FloatTensor([1, 2]), torch.LongTensor([1, 2]), torch.DoubleTensor([[1]]), torch.BoolTensor([1, 0]), torch.IntTensor([3]))
print(torch.LongTensor(3).shape, torch.FloatTensor(2, 3).shape, torch.FloatTensor(2, 3).dtype)
print(isinstance(x, torch.FloatTensor), isinstance(x, torch.LongTensor), isinstance(torch.tensor([1]), torch.LongTensor))
print(torch.FloatTensor, torch.FloatTensor.dtype, torch.LongTensor.dtype, type(torch.float32))
print(torch.get_default_dtype())
torch.set_default_dtype(torch.float32)
print(torch.get_default_dtype(), torch.tensor([1.0]).dtype)
attempt("int default:", lambda: torch.set_default_dtype(torch.int64))
print(torch.nn.functional.one_hot(torch.tensor([0, 2, 1]), 3))
print(torch.nn.functional.one_hot(torch.tensor([1, 0])))
