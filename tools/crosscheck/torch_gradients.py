#!/usr/bin/python3
"""Independent gradients from PyTorch (autograd, float64) for mlp4j's cross-check test.

Writes mlp4j-core/src/test/resources/crosscheck/torch-gradients.txt: for every hidden activation x output
activation x cost that mlp4j supports, a small random network (3-4-4-3), 4 samples, the mean cost and every
dC/dW, dC/db as PyTorch computes them. TorchCrossCheckTest reads the file; the Maven build never runs Python.

Parameters and samples are rounded to float32 first, so mlp4j's float32 engine and both double computations see
exactly the same numbers.

Run with Debian's python3 and python3-torch:  /usr/bin/python3 tools/crosscheck/torch_gradients.py
"""
import os
import torch
import torch.nn.functional as F

torch.manual_seed(20261128)
ELEMENTWISE = {
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "leaky-relu": lambda z: F.leaky_relu(z, 0.01),
    "tanh": torch.tanh,
    "identity": lambda z: z,
}


def cost(loss, z, a, y):
    if loss == "quadratic":   # the seeds' C = sum_j (a_j - y_j)^2, mean over samples
        return ((a - y) ** 2).sum(dim=1).mean()
    if loss == "mse":
        return F.mse_loss(a, y)
    if loss == "cross-entropy":
        return -(y * F.log_softmax(z, dim=1)).sum(dim=1).mean()
    if loss == "binary-cross-entropy":
        return F.binary_cross_entropy_with_logits(z, y)
    raise ValueError(loss)


def f32(t):
    return t.float().double()


def cases():
    for hidden in ELEMENTWISE:
        for output in ELEMENTWISE:
            yield hidden, output, "quadratic"
            yield hidden, output, "mse"
        yield hidden, "softmax", "cross-entropy"
        yield hidden, "sigmoid", "binary-cross-entropy"


def numbers(values):
    return " ".join(repr(float(v)) for v in values.flatten().tolist())


def main():
    sizes = [3, 4, 4, 3]
    out = []
    for hidden, output, loss in cases():
        ws = [f32(torch.randn(sizes[i + 1], sizes[i]) * 0.8).requires_grad_() for i in range(3)]
        bs = [f32(torch.rand(sizes[i + 1]) - 0.5).requires_grad_() for i in range(3)]
        x = f32(torch.rand(4, 3) * 2 - 1)
        if loss == "cross-entropy":
            y = F.one_hot(torch.randint(0, 3, (4,)), 3).double()
        else:
            y = f32(torch.rand(4, 3))
        a = x
        for i in range(3):
            z = a @ ws[i].T + bs[i]
            if i < 2:
                a = ELEMENTWISE[hidden](z)
            else:
                a = torch.softmax(z, dim=1) if output == "softmax" else ELEMENTWISE[output](z)
        c = cost(loss, z, a, y)
        c.backward()
        out.append(f"case {hidden} {output} {loss}")
        out.append("x " + numbers(x))
        out.append("y " + numbers(y))
        for i in range(3):
            out.append(f"w{i} " + numbers(ws[i].detach()))
            out.append(f"b{i} " + numbers(bs[i].detach()))
        out.append("cost " + repr(c.item()))
        for i in range(3):
            out.append(f"dw{i} " + numbers(ws[i].grad))
            out.append(f"db{i} " + numbers(bs[i].grad))
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "mlp4j-core/src/test/resources/crosscheck/torch-gradients.txt")
    with open(path, "w") as f:
        f.write(f"# PyTorch {torch.__version__}, float64 autograd; written by tools/crosscheck/torch_gradients.py\n")
        f.write("\n".join(out) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
