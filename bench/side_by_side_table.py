"""The markdown tables of docs/benchmarks.md from bench/side_by_side.sh's tagged JSON lines (round, tag, JSON).

Ratios are mlp4j over PyTorch (or OpenBLAS) per round, so both sides of a ratio ran minutes apart on the same
machine; "a / b" cells are round 1 / round 2. Usage: side_by_side_table.py RESULTS.tsv [CPU.txt]
"""
import json
import sys
from collections import defaultdict

rows = defaultdict(list)  # (tag) -> [(round, record)]
for line in open(sys.argv[1]):
    r, tag, js = line.rstrip("\n").split("\t", 2)
    rows[tag].append((int(r), json.loads(js)))
rounds = sorted({r for v in rows.values() for r, _ in v})


def per_round(tag, pick):
    """{round: value} for the record of tag that pick() accepts in each round (pick returns a number or None)."""
    out = {}
    for r, rec in rows.get(tag, []):
        v = pick(rec)
        if v is not None:
            out[r] = v
    return out


def cell(values, fmt):
    return " / ".join(fmt(values[r]) for r in rounds if r in values) or "–"


def ratio(a, b, lower_is_better=False):
    rs = [(b[r] / a[r] if lower_is_better else a[r] / b[r]) for r in rounds if r in a and r in b]
    if not rs:
        return "–"
    lo, hi = min(rs), max(rs)
    return f"{lo:.2f}×" if abs(hi - lo) < 0.005 else f"{lo:.2f}–{hi:.2f}×"


if len(sys.argv) > 2:
    print("".join(open(sys.argv[2]).readlines()[:1]).strip().lstrip("# "))
peak1 = max((rec["fma_peak_gflops"] for _, rec in rows["fma-1"]), default=0)
lanes = max((rec["lanes"] for _, rec in rows["fma-1"]), default=0)
peak2 = 0
for r in rounds:
    peak2 = max(peak2, sum(rec["fma_peak_gflops"] for rr, rec in rows["fma-2"] if rr == r))
print(f"\nFMA peak ({lanes} float lanes, bench/fma_peak.c): {peak1:.1f} GFLOP/s on one core, {peak2:.1f} on two.\n")
tiles = [rec for _, rec in rows.get("tile", [])]
if tiles:
    def span(key):
        v = [t[key] for t in tiles]
        return f"{min(v):.1f}" if len(v) == 1 else f"{min(v):.1f}-{max(v):.1f}"
    print(f"Register tiles in assembly, operands in L1 (bench/tile_ceiling.c, AVX2), one core: the 4x2 tile (JDK 25's) "
          f"{span('tile4x2_gflops')} GFLOP/s, the same without loads {span('tile4x2_noload_gflops')}, a 6x2 tile "
          f"(12 accumulators) {span('tile6x2_gflops')}, the same as C2 (JDK 17) compiles mlp4j's "
          f"{span('tile6x2_c2_gflops')}.\n")
asm = defaultdict(list)  # (form, shape) -> GFLOP/s of mlp4j's GEMM loops with the assembly tile, one per round
for _, rec in rows.get("gemm-asm", []):
    asm[(rec["gemm_ceiling"], rec["shape"])].append(rec["gflops"])
if asm:
    def asm_span(form, shape):
        v = asm.get((form, shape), [])
        return "–" if not v else f"{min(v):.1f}" if len(v) == 1 else f"{min(v):.1f}-{max(v):.1f}"
    print("mlp4j's GEMM loops with the assembly 6x2 tile (bench/gemm_ceiling.c, AVX2), one core, GFLOP/s: "
          + "; ".join(f"{s.replace('x', '×')}: A·Bᵀ {asm_span('abt', s)}, A·B {asm_span('ab', s)}, B prepacked "
                      f"{asm_span('prepacked', s)}" for s in dict.fromkeys(sh for _, sh in asm)) + ".\n")

print("| form | shape m×k×n | mlp4j, 1 thread | % of peak | OpenBLAS, 1 thread | ratio | mlp4j, 2 threads "
      "| % of peak | OpenBLAS, 2 threads | ratio |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
shapes = []
for _, rec in rows["gemm-mlp4j"]:
    if (rec["gemm"], rec["shape"]) not in shapes:
        shapes.append((rec["gemm"], rec["shape"]))
def size(shape):
    m, k, n = (int(v) for v in shape.split("x"))
    return m * k * n


for form, shape in sorted(shapes, key=lambda fs: (["abt", "atb", "ab"].index(fs[0]), size(fs[1]))):
    cols = [form, shape.replace("x", "×")]
    for t, peak in ((1, peak1), (2, peak2)):
        def pick(rec, t=t):
            ok = rec.get("gemm") == form and rec.get("shape") == shape and rec.get("threads") == t
            return rec["gflops"] if ok else None
        ours, blas = per_round("gemm-mlp4j", pick), per_round("gemm-openblas", pick)
        best = max(ours.values(), default=0)
        cols += [cell(ours, lambda v: f"{v:.1f}"), f"{100 * best / peak:.0f}%" if peak and best else "–",
                 cell(blas, lambda v: f"{v:.1f}"), ratio(ours, blas)]
    print("| " + " | ".join(cols) + " |")

METRICS = [  # label, workload, field, lower is better, format, target
    ("W1 samples/s, whole run", "W1", "samples_per_second", False, "{:,.0f}", "≥ 3×"),
    ("W1 samples/s, median epoch", "W1", "samples_per_second_median_epoch", False, "{:,.0f}", ""),
    ("W2 s/epoch", "W2", "seconds_per_epoch", True, "{:.2f}", "≥ 1.5×"),
    ("W3 GFLOP/s", "W3", "gflops", False, "{:.1f}", "≥ 1.1×"),
    ("W4 single-sample µs (median)", "W4", "latency_us_median", True, "{:.1f}", "≥ 2×"),
    ("W4 batch-1000 samples/s", "W4", "batch_samples_per_second", False, "{:,.0f}", "≥ 1.2×"),
]
has_before = bool(rows.get("mlp4j-before"))
print("\n| workload | " + ("mlp4j before, JDK 17 | ratio before | " if has_before else "")
      + "mlp4j, JDK 17 | mlp4j, Temurin 25 | PyTorch (best of 1 and 2 threads) | ratio | target |")
print("| --- | --- | --- | --- | --- | --- |" + (" --- | --- |" if has_before else ""))
for label, w, field, lower, fmt, target in METRICS:
    def pick(rec):
        return rec.get(field) if rec.get("workload") == w else None
    j17, j25 = per_round("mlp4j-17", pick), per_round("mlp4j-25", pick)
    torch = {}
    for r, rec in rows["torch"]:
        v = pick(rec)
        if v is not None and (r not in torch or (v < torch[r] if lower else v > torch[r])):
            torch[r] = v
    f = lambda v: fmt.format(v)
    old = per_round("mlp4j-before", pick)
    first = f"{cell(old, f)} | {ratio(old, torch, lower)} | " if has_before else ""
    print(f"| {label} | {first}{cell(j17, f)} | {cell(j25, f)} | {cell(torch, f)} | {ratio(j17, torch, lower)} | {target} |")
