#!/usr/bin/python3
"""PyTorch models for `mlp4j import --pytorch`'s tests: small torch.nn.Sequential networks with fixed seeds, their
state dicts in safetensors files, and a few inputs with the outputs PyTorch computes for them.

Writes into mlp4j-core/src/test/resources/pytorch/ (PyTorchStateDictTest and the CLI's ImportCommandTest read them;
the Maven build never runs Python):
  classifier.safetensors  Sequential(Linear(6,12), ReLU, Linear(12,8), ReLU, Linear(8,4)): logits, as a classifier
                          trained with CrossEntropyLoss ends; its recorded outputs are softmax(logits)
  regressor.safetensors   Sequential(Linear(5,10), Tanh, Dropout, Linear(10,2)) in eval mode: the Dropout moves the
                          second Linear to position 3 (tensors 0.* and 3.*)
  wrapped.safetensors     a module holding Sequential(Linear(3,7), LeakyReLU(0.01), Linear(7,2), Sigmoid) as
                          self.net: tensor names net.0.weight, net.2.bias, ...
  classifier-f16/-bf16/-f64.safetensors
                          the classifier saved from model.half(), model.bfloat16(), model.double(); their recorded
                          outputs come from those weights (float32 for F16 and BF16, whose values float32 holds
                          exactly; float64 for F64)
  outputs.txt             per model: 'case NAME', then 'x v v ...' and 'y v v ...' lines, one pair per sample

The safetensors container is written here by hand (an 8-byte little-endian header length, the JSON header, the raw
little-endian tensor bytes), as safetensors.torch.save_file(model.state_dict(), path) lays it out: Debian has no
python3-safetensors package. Run with Debian's python3 and python3-torch:
    /usr/bin/python3 tools/crosscheck/pytorch_state_dicts.py
"""
import copy
import json
import os
import struct

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "mlp4j-core", "src", "test", "resources", "pytorch")


DTYPES = {torch.float32: ("F32", "f"), torch.float64: ("F64", "d"), torch.float16: ("F16", "e"),
          torch.bfloat16: ("BF16", "h")}


def save_file(tensors, path):
    """safetensors' layout: header {name: {dtype, shape, data_offsets}}, padded with spaces to 8 bytes, then data."""
    header, data = {}, bytearray()
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        dtype, fmt = DTYPES[t.dtype]
        values = t.view(torch.int16) if t.dtype == torch.bfloat16 else t  # struct has no bfloat16: its raw 16 bits
        raw = struct.pack("<%d%s" % (t.numel(), fmt), *values.view(-1).tolist())
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + bytes(data))


class Wrapped(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3, 7), nn.LeakyReLU(0.01), nn.Linear(7, 2), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


def cases():
    torch.manual_seed(20261203)
    classifier = nn.Sequential(nn.Linear(6, 12), nn.ReLU(), nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 4))
    yield "classifier", classifier, 6, lambda x: torch.softmax(classifier(x), dim=1)
    for suffix, dtype in (("f16", torch.float16), ("bf16", torch.bfloat16), ("f64", torch.float64)):
        stored = copy.deepcopy(classifier).to(dtype)     # what save_file(model.half().state_dict()) writes
        computes = copy.deepcopy(stored).to(torch.float64 if dtype == torch.float64 else torch.float32)
        yield "classifier-" + suffix, stored, 6, \
            lambda x, m=computes: torch.softmax(m(x.to(next(m.parameters()).dtype)), dim=1).float()
    regressor = nn.Sequential(nn.Linear(5, 10), nn.Tanh(), nn.Dropout(0.2), nn.Linear(10, 2))
    yield "regressor", regressor, 5, regressor
    wrapped = Wrapped()
    yield "wrapped", wrapped, 3, wrapped


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = ["# PyTorch %s, float32; written by tools/crosscheck/pytorch_state_dicts.py" % torch.__version__]
    for name, model, inputs, forward in cases():
        model.eval()
        save_file(model.state_dict(), os.path.join(OUT, name + ".safetensors"))
        x = torch.randn(5, inputs) * 2
        with torch.no_grad():
            y = forward(x)
        lines.append("case " + name)
        for xr, yr in zip(x.tolist(), y.tolist()):
            lines.append("x " + " ".join(repr(v) for v in xr))
            lines.append("y " + " ".join(repr(v) for v in yr))
    with open(os.path.join(OUT, "outputs.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
