#!/usr/bin/env bash
# Accuracy runs for docs/benchmarks.md: trains each recipe with ./mlp4j and prints its test accuracy.
# Usage: bench/accuracy.sh [FASHION_DIR]   (default ../shared/datasets/fashion-mnist; MNIST-10k is embedded)
# Takes several minutes; not part of mvn verify.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fashion="${1:-$root/../shared/datasets/fashion-mnist}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

run() {
    local name="$1"; shift
    local json
    json="$("$root/mlp4j" train --force --out "$out/model.safetensors" --json "$@" 2>"$out/log")" || { cat "$out/log" >&2; exit 1; }
    python3 - "$name" "$json" <<'PY'
import json, sys
name, d = sys.argv[1], json.loads(sys.argv[2])
print(f"| {name} | {d['architecture']} | {d['epochs']} | {d['test_accuracy']:.4f} | {d['seconds']:.1f} |")
PY
}

echo "| recipe | network | epochs | test accuracy | seconds |"
echo "| --- | --- | --- | --- | --- |"
# MNIST-10k (embedded): the seeds' own recipe, then the default.
run "MNIST-10k, the seeds' recipe: sigmoid, quadratic cost, plain SGD η=1.5, batch 10, N(0,1)" \
    --layers 784,30,10 --activation sigmoid --output sigmoid --loss quadratic --optimizer sgd --lr 1.5 --batch 10 \
    --initializer normal --epochs 10 --dropout 0 --schedule constant --augment none
run "MNIST-10k, the default (./mlp4j train)"
# Fashion-MNIST (full): the issue's reference recipe, then the best one found.
run "Fashion-MNIST, ReLU, cross-entropy, Adam 1e-3, batch 128" \
    --data "$fashion" --layers 784,256,128,10 --optimizer adam --lr 0.001 --batch 128 --epochs 10 \
    --dropout 0 --schedule constant --augment none
run "Fashion-MNIST, best: dropout 0.2, cosine schedule, 30 epochs" \
    --data "$fashion" --layers 784,512,256,10 --optimizer adam --lr 0.001 --batch 128 --epochs 30 \
    --dropout 0.2 --schedule cosine --augment none
