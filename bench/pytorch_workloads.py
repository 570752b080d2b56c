#!/usr/bin/python3
"""The shared workloads W1-W4 (docs/benchmarks.md) in PyTorch, so mlp4j is compared with PyTorch on the same CPU,
in the same session, rather than with figures measured elsewhere. Same networks, costs, optimizers, batch sizes,
epochs and data as `mlp4j bench`; prints the same field names as `mlp4j bench --json`.

Debian's PyTorch calls the system BLAS: install OpenBLAS first (apt-get install libopenblas0-pthread, otherwise
it runs the reference BLAS, 10x slower), and unset OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE where the machine sets them.
OpenBLAS has its own thread count beside PyTorch's, so give both:

  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 \
      /usr/bin/python3 bench/pytorch_workloads.py W2 --threads 2 --data ../shared/datasets/fashion-mnist
"""
import argparse
import gzip
import json
import os
import resource
import struct
import time

import numpy as np
import torch


def idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        dims = struct.unpack(">" + "I" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load(folder):
    def part(name):
        base = os.path.join(folder, name)
        return base if os.path.exists(base) else base + ".gz"
    def images(name):  # pixels 0..255 -> [0, 1], as mlp4j's IdxReader
        x = idx(part(name))
        return torch.from_numpy(x.reshape(len(x), -1).astype(np.float32) / 255)
    def labels(name):
        return torch.from_numpy(idx(part(name)).astype(np.int64))
    return (images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte"))


def mlp(sizes, hidden, out=None):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        last = i == len(sizes) - 2
        if not last:
            layers.append(hidden())
        elif out is not None:
            layers.append(out())
    return torch.nn.Sequential(*layers)


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def train(model, data, cost, optimizer, batch, epochs):
    x, y, tx, ty = data
    n = len(x)
    epoch_seconds = []
    start = time.perf_counter()
    for epoch in range(epochs):
        t = time.perf_counter()
        order = torch.randperm(n)
        for i in range(0, n, batch):
            idx_ = order[i:i + batch]
            optimizer.zero_grad(set_to_none=True)
            cost(model(x[idx_]), y[idx_]).backward()
            optimizer.step()
        epoch_seconds.append(time.perf_counter() - t)
    seconds = time.perf_counter() - start
    weights = sum(p.numel() for name, p in model.named_parameters() if name.endswith("weight"))
    return {"samples_per_second": epochs * n / seconds,
            "samples_per_second_median_epoch": n / sorted(epoch_seconds)[epochs // 2],
            "seconds_per_epoch": seconds / epochs,
            "gflops": 6.0 * weights * epochs * n / seconds / 1e9,
            "test_accuracy": accuracy(model, tx, ty)}


def w1(data):
    # The seeds' network: sigmoid everywhere, C = sum_j (a_j - y_j)^2 averaged over the batch, N(0,1) weights and biases.
    model = mlp([784, 30, 10], torch.nn.Sigmoid, torch.nn.Sigmoid)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 1)
    eye = torch.eye(10)
    cost = lambda a, y: ((a - eye[y]) ** 2).sum(1).mean()
    return train(model, data, cost, torch.optim.SGD(model.parameters(), lr=1.5), 10, 10)


def w2_network():
    return mlp([784, 256, 128, 10], torch.nn.ReLU)  # cross_entropy applies the softmax


def w2(data):
    model = w2_network()
    return train(model, data, torch.nn.functional.cross_entropy, torch.optim.Adam(model.parameters(), lr=1e-3), 128, 10)


def w3(data):
    x, y = data[0], data[1]
    model = mlp([784, 2048, 2048, 10], torch.nn.ReLU)
    sgd = torch.optim.SGD(model.parameters(), lr=0.01)
    batch, batches = 256, len(x) // 256
    for step in range(110):
        if step == 10:
            start = time.perf_counter()
        i = (step % batches) * batch
        sgd.zero_grad(set_to_none=True)
        torch.nn.functional.cross_entropy(model(x[i:i + batch]), y[i:i + batch]).backward()
        sgd.step()
    rate = 100 * batch / (time.perf_counter() - start)
    return {"samples_per_second": rate, "gflops": 6.0 * (784 * 2048 + 2048 * 2048 + 2048 * 10) * rate / 1e9}


def w4(data):
    xs = data[2]
    model = torch.nn.Sequential(w2_network(), torch.nn.Softmax(dim=-1)).eval()
    nanos = []
    with torch.no_grad():
        for i in range(5000):
            model(xs[i % len(xs)])
        for i in range(10000):
            t = time.perf_counter_ns()
            model(xs[i % len(xs)])
            nanos.append(time.perf_counter_ns() - t)
        thousand = xs[:1000].clone()
        rates = []
        for rep in range(-100, 31):  # as mlp4j bench: 100 warm-up calls, median of 31
            t = time.perf_counter()
            model(thousand)
            if rep >= 0:
                rates.append(1000 / (time.perf_counter() - t))
    nanos.sort()
    rates.sort()
    return {"latency_us_median": nanos[len(nanos) // 2] / 1e3, "latency_us_p99": nanos[len(nanos) * 99 // 100] / 1e3,
            "batch_samples_per_second": rates[len(rates) // 2]}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("workload", choices=["W1", "W2", "W3", "W4"])
    p.add_argument("--data", default=None, help="IDX folder (W2: Fashion-MNIST; others: MNIST-10k by default)")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()
    if a.workload == "W2" and a.data is None:
        p.error("W2 trains on Fashion-MNIST: name its IDX folder with --data DIR")
    torch.manual_seed(1)
    torch.set_num_threads(a.threads)
    here = os.path.dirname(os.path.abspath(__file__))
    data = load(a.data or os.path.join(here, "..", "mlp4j-cli", "src", "main", "resources", "io", "mlp4j", "cli", "mnist-10k"))
    r = {"workload": a.workload, "torch": torch.__version__, "threads": a.threads,
         "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default")}
    r.update({"W1": w1, "W2": w2, "W3": w3, "W4": w4}[a.workload](data))
    r["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(r))


if __name__ == "__main__":
    main()
