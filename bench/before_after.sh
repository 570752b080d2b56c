#!/bin/bash
# Two builds of mlp4j side by side on the workloads W1-W4, alternating run by run so both see the same machine:
# the check that a change did not slow anything down. Prints one JSON line per run, tagged with the jar's label.
# Usage: bench/before_after.sh BEFORE.jar AFTER.jar [ROUNDS] [FASHION_MNIST_DIR]
#   e.g. git stash; mvn -q -DskipTests package; cp mlp4j-cli/target/mlp4j.jar /tmp/before.jar; git stash pop; ...
set -u
before="$1"; after="$2"; rounds="${3:-2}"
fashion="${4:-$(dirname "$0")/../../shared/datasets/fashion-mnist}"
run() {
    local label="$1" jar="$2" w="$3"; shift 3
    printf '{"jar":"%s","workload":"%s","result":%s}\n' "$label" "$w" \
        "$(java --add-modules jdk.incubator.vector -jar "$jar" bench --workload "$w" "$@" --json 2>/dev/null)"
}
for round in $(seq "$rounds"); do
    echo "== round $round $(date +%T)" >&2
    for w in W1 W3 W4; do
        run before "$before" "$w"
        run after "$after" "$w"
    done
    run before "$before" W2 --data "$fashion"
    run after "$after" W2 --data "$fashion"
done
