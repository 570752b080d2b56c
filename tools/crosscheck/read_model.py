#!/usr/bin/python3
"""Loads an mlp4j model file with no mlp4j code: the safetensors layout read by hand (struct + json), the weights put
into PyTorch nn.Linear layers, and one prediction printed. Shows that another tool can use mlp4j's weights.

Usage: /usr/bin/python3 tools/crosscheck/read_model.py model.safetensors 0.5,-1,2
"""
import json
import struct
import sys

import torch

path, row = sys.argv[1], [float(v) for v in sys.argv[2].split(",")]
with open(path, "rb") as f:
    (n,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(n))
    data = f.read()
meta = header.pop("__metadata__")
arch = json.loads(meta["mlp4j.architecture"])
layers = []
for i, spec in enumerate(arch["layers"]):
    w, b = header[f"layers.{i}.weight"], header[f"layers.{i}.bias"]
    linear = torch.nn.Linear(w["shape"][1], w["shape"][0])
    with torch.no_grad():
        linear.weight.copy_(torch.frombuffer(bytearray(data[slice(*w["data_offsets"])]), dtype=torch.float32).view(*w["shape"]))
        linear.bias.copy_(torch.frombuffer(bytearray(data[slice(*b["data_offsets"])]), dtype=torch.float32))
    layers.append(linear)
    act = spec["activation"]
    layers.append({"relu": torch.nn.ReLU(), "sigmoid": torch.nn.Sigmoid(), "tanh": torch.nn.Tanh(),
                   "softmax": torch.nn.Softmax(dim=-1), "identity": torch.nn.Identity(),
                   "leaky-relu": torch.nn.LeakyReLU(0.01)}[act])
model = torch.nn.Sequential(*layers)
print("architecture", arch)
print("prediction", model(torch.tensor(row)).tolist())
