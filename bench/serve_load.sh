#!/bin/bash
# Load on `mlp4j serve` (docs/benchmarks.md, "Serving"): the W2 network (784-256-128-10 ReLU, softmax) behind the
# server, and io.mlp4j.bench.ServeLoad sending Fashion-MNIST test images as JSON from 1, 8 and 64 keep-alive clients,
# 1 and 64 rows a request (first GET /health from 8 clients: the HTTP server alone). Prints one JSON line per point, then the server's CPU time, heap after a full collection
# and resident memory. Needs the jars (mvn -B -DskipTests package).
# Usage: [SERVE_OPTS="--batch-rows 0"] [JAVA_OPTS=...] [WARMUP=3] [DURATION=4] bench/serve_load.sh [FASHION_MNIST_DIR]
# Run it alone: flock /tmp/mlp4j-bench.lock bench/serve_load.sh
set -u
cd "$(dirname "$0")/.."
fashion="${1:-../shared/datasets/fashion-mnist}"
work="${TMPDIR:-/tmp}/mlp4j-serve-load"
mkdir -p "$work"
model="$work/w2.safetensors"
jar=mlp4j-cli/target/mlp4j.jar
# The weights do not matter for speed; one epoch gives a model whose answers are not noise.
if [ ! -f "$model" ]; then
    java --add-modules jdk.incubator.vector -jar "$jar" train --data "$fashion" --layers 784,256,128,10 --epochs 1 \
        --out "$model" --force > /dev/null 2>&1 || { echo "training the W2 model failed" >&2; exit 1; }
fi
port="${PORT:-18080}"
# shellcheck disable=SC2086
java --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -jar "$jar" serve --model "$model" --port "$port" ${SERVE_OPTS:-} \
    > "$work/serve.out" 2> "$work/serve.err" &
server=$!
trap 'kill -TERM $server 2>/dev/null' EXIT
for _ in $(seq 200); do grep -q " at http" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
cat "$work/serve.out"
echo "date $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, java $(java -version 2>&1 | head -1)"
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
point() {  # rows clients
    before=$(cpu)
    java -cp mlp4j-bench/target/mlp4j-benchmarks.jar io.mlp4j.bench.ServeLoad "http://127.0.0.1:$port/" \
        "$fashion/t10k-images-idx3-ubyte.gz" "$1" "$2" "${WARMUP:-3}" "${DURATION:-4}"
    echo "  server CPU during the point (warm-up included): $(( ($(cpu) - before) * 10 )) ms"
}
point 0 8   # GET /health: the HTTP server alone
for rows in 1 64; do
    for clients in 1 8 64; do
        point "$rows" "$clients"
    done
done
jcmd "$server" GC.run > /dev/null
echo "server heap after a full GC: $(jcmd "$server" GC.heap_info | grep -oE 'used [0-9]+K' | head -1), $(grep VmRSS "/proc/$server/status")"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^mlp4j_http_requests_total|^mlp4j_prediction_pass_rows_(sum|count)'
