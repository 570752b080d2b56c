#!/usr/bin/python3
"""The blog's 2-2-2 step and the essay's single-weight step by PyTorch autograd (float64): a second, independent
derivation of the numbers pinned in BlogExampleTest and EssayExampleTest (docs/seed-examples.md lists both).

Run with Debian's python3 and python3-torch:  /usr/bin/python3 tools/crosscheck/seed_examples_torch.py
"""
import torch

torch.set_printoptions(precision=17)
d = torch.float64

# Blog, Figure 8: rows are neurons (h1, h2) and (a1, a2); columns are inputs.
W1 = torch.tensor([[0.3, -0.4], [0.2, 0.6]], dtype=d, requires_grad=True)    # [[w1, w3], [w2, w4]]
b1 = torch.tensor([0.25, 0.45], dtype=d, requires_grad=True)                 # [b1, b2]
W2 = torch.tensor([[0.7, 0.5], [-0.3, -0.1]], dtype=d, requires_grad=True)   # [[w5, w7], [w6, w8]]
b2 = torch.tensor([0.15, 0.35], dtype=d, requires_grad=True)                 # [b3, b4]
x = torch.tensor([2.0, 3.0], dtype=d)
y = torch.tensor([1.0, 0.2], dtype=d)
h = torch.sigmoid(W1 @ x + b1)
a = torch.sigmoid(W2 @ h + b2)
C = ((a - y) ** 2).sum()
C.backward()
eta = 0.1
print("blog 2-2-2")
print("  h =", h.tolist(), " a =", a.tolist(), " C =", C.item())
names = {"w1": (W1, 0, 0), "w2": (W1, 1, 0), "w3": (W1, 0, 1), "w4": (W1, 1, 1),
         "w5": (W2, 0, 0), "w6": (W2, 1, 0), "w7": (W2, 0, 1), "w8": (W2, 1, 1)}
for name, (t, j, k) in names.items():
    print(f"  {name}: dC/dw = {t.grad[j, k].item()!r:24}  w+ = {(t[j, k] - eta * t.grad[j, k]).item()!r}")
for name, (t, j) in {"b1": (b1, 0), "b2": (b1, 1), "b3": (b2, 0), "b4": (b2, 1)}.items():
    print(f"  {name}: dC/db = {t.grad[j].item()!r:24}  b+ = {(t[j] - eta * t.grad[j]).item()!r}")

# Essay: W_1,1 = 0.15, a(n_1^2) = 0.8, AS = 0.5 (bias 0.38), E_1 = 1, r = 0.05.
w = torch.tensor(0.15, dtype=d, requires_grad=True)
out = torch.sigmoid(w * 0.8 + 0.38)
cost = (out - 1.0) ** 2
cost.backward()
print("essay single weight")
print(f"  a = {out.item()!r}  dC/dW = {w.grad.item()!r}  W+ = {(w - 0.05 * w.grad).item()!r}")
