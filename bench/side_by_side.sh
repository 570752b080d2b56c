#!/bin/bash
# mlp4j and PyTorch 1.13 (with OpenBLAS) on the shared workloads, one after the other, two rounds: the side-by-side
# comparison in docs/benchmarks.md. Needs the jar (mvn -DskipTests package), Debian's python3-torch and
# libopenblas0-pthread (without OpenBLAS, Debian's PyTorch runs the reference BLAS). Prints one JSON line per run.
# Usage: bench/side_by_side.sh [FASHION_MNIST_DIR]   (default ../shared/datasets/fashion-mnist)
set -u
cd "$(dirname "$0")/.."
fashion="${1:-../shared/datasets/fashion-mnist}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
# OpenBLAS has its own threads beside PyTorch's; the machine's OPENBLAS_CORETYPE=Haswell halves its speed here.
torch() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$2" \
          /usr/bin/python3 bench/pytorch_workloads.py "$1" --threads "$2" ${3:+--data "$3"}; }
mlp() { "$1" --add-modules jdk.incubator.vector -jar mlp4j-cli/target/mlp4j.jar bench --workload "$2" \
          ${3:+--data "$3"} --json 2>/dev/null; }
for round in 1 2; do
    echo "== round $round $(date +%T)"
    for w in W1 W3 W4; do
        mlp java "$w"
        [ "$round" = 1 ] && [ -x "$jdk25" ] && mlp "$jdk25" "$w"
        torch "$w" 1
        torch "$w" 2
    done
    mlp java W2 "$fashion"
    [ "$round" = 1 ] && [ -x "$jdk25" ] && mlp "$jdk25" W2 "$fashion"
    torch W2 1 "$fashion"
done
