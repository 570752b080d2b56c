"""OpenBLAS sgemm through PyTorch 1.13 at the MLP shapes, in the three forms of backpropagation, for
bench/side_by_side.sh: one JSON line per form, shape and thread count, GFLOP/s = 2·m·k·n / best time.

Forms as mlp4j's GemmBenchmark: abt = A·Bᵀ (x @ w.t()), atb = Aᵀ·B (d.t() @ x), ab = A·B (d @ w); best of 7 × 10 calls.
Run with OPENBLAS_NUM_THREADS equal to --threads (torch's own thread count does not set OpenBLAS's).
"""
import argparse
import json
import os
import time

import torch

SHAPES = ["128x784x256", "256x784x2048", "256x2048x2048"]


def best_seconds(f):
    f()
    best = float("inf")
    for _ in range(7):
        t = time.perf_counter()
        for _ in range(10):
            f()
        best = min(best, (time.perf_counter() - t) / 10)
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    for shape in SHAPES:
        m, k, n = (int(s) for s in shape.split("x"))
        x, w = torch.rand(m, k) - 0.5, torch.rand(n, k) - 0.5   # A·Bᵀ: m×k · (n×k)ᵀ
        xt, bt = torch.rand(k, m) - 0.5, torch.rand(k, n) - 0.5  # Aᵀ·B: (k×m)ᵀ · k×n
        bk = torch.rand(k, n) - 0.5                               # A·B: m×k · k×n
        forms = {"abt": lambda: x @ w.t(), "atb": lambda: xt.t() @ bt, "ab": lambda: x @ bk}
        for form, f in forms.items():
            s = best_seconds(f)
            print(json.dumps({"gemm": form, "shape": shape, "threads": a.threads, "torch": torch.__version__,
                              "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
                              "gflops": 2.0 * m * k * n / s / 1e9}), flush=True)


if __name__ == "__main__":
    main()
