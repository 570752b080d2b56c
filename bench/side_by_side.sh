#!/bin/bash
# mlp4j against PyTorch 1.13 (with OpenBLAS) on this machine, side by side in one run: the FMA peak, the register
# tile's ceiling in assembly (bench/tile_ceiling.c), mlp4j's GEMM loops with that tile (bench/gemm_ceiling.c), GEMM
# at the MLP shapes (JMH against OpenBLAS sgemm) and the
# shared workloads W1-W4, one after the other, two rounds. Writes one tagged JSON line per run to
# target/side_by_side.tsv and prints the markdown tables of docs/benchmarks.md (bench/side_by_side_table.py). Needs the jars (mvn -B -DskipTests package), gcc, Debian's python3-torch and
# libopenblas0-pthread (without OpenBLAS, Debian's PyTorch runs the reference BLAS).
# Usage: bench/side_by_side.sh [FASHION_MNIST_DIR]   (default ../shared/datasets/fashion-mnist)
#        ROUNDS=1 bench/side_by_side.sh              (one round: a quick look, not a result)
#        BEFORE=/tmp/before.jar bench/side_by_side.sh (adds an older build's workload runs, JDK 17: before and after)
set -u
cd "$(dirname "$0")/.."
fashion="${1:-../shared/datasets/fashion-mnist}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
rounds="${ROUNDS:-2}"
before="${BEFORE:-}"
out=target/side_by_side.tsv
mkdir -p target && : > "$out"
# Each JSON line a command prints is kept, prefixed by the round and a tag naming what ran.
keep() { local tag=$1; shift; "$@" 2>/dev/null | grep '^{' | sed "s/^/$round\t$tag\t/" >> "$out"; }
# OpenBLAS has its own threads beside PyTorch's; the machine's OPENBLAS_CORETYPE=Haswell halves its speed here.
torch() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$1" /usr/bin/python3 "${@:2}"; }
mlp() { "$1" --add-modules jdk.incubator.vector -jar "${JAR:-mlp4j-cli/target/mlp4j.jar}" bench --workload "$2" \
          ${3:+--data "$3"} --json; }
gemm() { java --add-modules jdk.incubator.vector -jar mlp4j-bench/target/mlp4j-benchmarks.jar Gemm -p kernel=vector \
          -p threads=1,2 -p shape=128x784x256,256x784x2048,256x2048x2048 -wi 2 -i 3 -w 1 -r 1 -f 1 \
          -rf json -rff target/jmh-gemm.json > /dev/null 2>&1 && /usr/bin/python3 - <<'PY'
import json
for b in json.load(open("target/jmh-gemm.json")):
    m, k, n = (int(s) for s in b["params"]["shape"].split("x"))
    print(json.dumps({"gemm": b["benchmark"].rsplit(".", 1)[1], "shape": b["params"]["shape"],
                      "threads": int(b["params"]["threads"]),
                      "gflops": 2.0 * m * k * n / (b["primaryMetric"]["score"] * 1e3)}))
PY
}
gcc -O2 -march=native bench/fma_peak.c -o target/fma_peak || exit 1
gcc -O2 -mavx2 -mfma bench/tile_ceiling.c -o target/tile_ceiling || exit 1
gcc -O2 -mavx2 -mfma bench/gemm_ceiling.c -o target/gemm_ceiling || exit 1
target/gemm_ceiling > /dev/null || exit 1 # its products checked once here: keep() below hides stderr
lscpu | grep -E '^(Model name|Flags)' | sed 's/^/# /' | cut -c1-2000 > target/side_by_side.cpu
for round in $(seq 1 "$rounds"); do
    echo "== round $round $(date +%T)" >&2
    keep fma-1 target/fma_peak
    keep fma-2 bash -c 'target/fma_peak > target/fma2.a & target/fma_peak > target/fma2.b; wait
                        tail -1 target/fma2.a; tail -1 target/fma2.b'
    keep tile target/tile_ceiling
    keep gemm-asm target/gemm_ceiling
    keep gemm-mlp4j gemm
    keep gemm-openblas torch 1 bench/pytorch_gemm.py --threads 1
    keep gemm-openblas torch 2 bench/pytorch_gemm.py --threads 2
    for w in W1 W3 W4; do
        [ -n "$before" ] && JAR="$before" keep mlp4j-before mlp java "$w"
        keep mlp4j-17 mlp java "$w"
        [ "$round" = 1 ] && [ -x "$jdk25" ] && keep mlp4j-25 mlp "$jdk25" "$w"
        keep torch torch 1 bench/pytorch_workloads.py "$w" --threads 1
        keep torch torch 2 bench/pytorch_workloads.py "$w" --threads 2
    done
    [ -n "$before" ] && JAR="$before" keep mlp4j-before mlp java W2 "$fashion"
    keep mlp4j-17 mlp java W2 "$fashion"
    [ "$round" = 1 ] && [ -x "$jdk25" ] && keep mlp4j-25 mlp "$jdk25" W2 "$fashion"
    # Two threads made PyTorch's W2 slower here (4.8-5.4 s/epoch against 2.1): one thread is its best setting.
    keep torch torch 1 bench/pytorch_workloads.py W2 --threads 1 --data "$fashion"
done
/usr/bin/python3 bench/side_by_side_table.py "$out" target/side_by_side.cpu
