#!/usr/bin/env bash
# The explain page in a real browser: writes `mlp4j explain --html` pages with the built jar, loads each in headless
# Chromium from a file with the network blocked (tools/explain-page/check.mjs), and fails on a console error, a failed
# or outgoing request, a KaTeX error or raw TeX left, a drawing with the wrong number of neurons or edges or of
# plots (activation curves, cost surface), or a
# correct value missing from the rendered text, and moves section 8's step-through control (range, ArrowRight,
# previous button) checking its live readout against values from the blog's equations, and scrolls to backpropagation,
# whose formulas on the screen must be typeset (the page typesets them as they near it). The seeds' 784-16-16-10
# network (trained here for one epoch on the embedded digits) must load within 10 s and list, in its opened tables, a
# weight the terminal trace prints. Screenshots (1280×800, focus, full page, phone) and a print PDF go to
# mlp4j-cli/target/explain-page/. Installs chromium-headless-shell (and Node) with apt-get when missing.
# Run after `mvn -B verify` (needs mlp4j-cli/target/mlp4j.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=mlp4j-cli/target/mlp4j.jar
[ -f "$jar" ] || { echo "check_explain_page: $jar is missing: run mvn -B verify first" >&2; exit 1; }

browser=""
for b in chromium-headless-shell chromium chromium-browser; do
    if command -v "$b" >/dev/null; then browser=$(command -v "$b"); break; fi
done
missing=()
[ -n "$browser" ] || missing+=(chromium-headless-shell fonts-dejavu-core)
command -v node >/dev/null || missing+=(nodejs)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "check_explain_page: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -n "$browser" ] || browser=$(command -v chromium-headless-shell)
fi

out=mlp4j-cli/target/explain-page
rm -rf "$out"
mkdir -p "$out"
java -jar "$jar" explain --example 2-2-2 --html "$out/2-2-2.html" >/dev/null
java -jar "$jar" explain --example 4-2 --html "$out/4-2.html" >/dev/null
java -jar "$jar" explain --example 2-2-2 --digits 16 --html "$out/2-2-2-digits16.html" >/dev/null
java -jar "$jar" explain --example 2-2-2 --steps 5 --eta 0.5 --html "$out/2-2-2-steps5.html" >/dev/null

# A model file: a 3-4-3 classifier (ReLU, softmax fused with cross-entropy, a normalization) trained for two epochs.
awk 'BEGIN { print "f1,f2,f3,kind"; for (i = 0; i < 60; i++) printf "%s,%d,%s,%s\n", (i % 7) * 0.5, (i * 3) % 5, i % 4 - 1.5, (i % 3 == 0 ? "ant" : i % 3 == 1 ? "bee" : "cat") }' > "$out/tiny.csv"
java -jar "$jar" train --train "$out/tiny.csv" --label kind --layers 3,4,3 --epochs 2 --out "$out/tiny.safetensors" >/dev/null 2>&1
java -jar "$jar" explain --model "$out/tiny.safetensors" --input 1,2,0.5 --target 0,1,0 --html "$out/model.html" >/dev/null 2>&1
# A wide input layer drawn in part: a 32-6-4 classifier (226 weights and biases) shows inputs x1-x4 and x29-x32 and a
# ⋮ marker for the other 24, so 8+6+4 neurons and 8·6+6·4 edges.
awk 'BEGIN { printf "p0"; for (k = 1; k < 32; k++) printf ",p%d", k; print ",kind"; for (i = 0; i < 60; i++) { for (k = 0; k < 32; k++) printf "%d,", (i * 31 + k * 7) % 17; print (i % 4 == 0 ? "ant" : i % 4 == 1 ? "bee" : i % 4 == 2 ? "cat" : "dog") } }' > "$out/wide.csv"
java -jar "$jar" train --train "$out/wide.csv" --label kind --layers 32,6,4 --epochs 1 --out "$out/wide.safetensors" >/dev/null 2>&1
row=$(awk 'BEGIN { for (k = 0; k < 32; k++) printf "%s%d", (k ? "," : ""), (k * 7) % 17 }')
java -jar "$jar" explain --model "$out/wide.safetensors" --input "$row" --target 0,1,0,0 --html "$out/wide.html" >/dev/null 2>&1
# Over the limit: 32-600-4 (22,204 weights and biases): one clear error naming the limit and the count.
java -jar "$jar" train --train "$out/wide.csv" --label kind --layers 32,600,4 --epochs 1 --out "$out/over.safetensors" >/dev/null 2>&1
if java -jar "$jar" explain --model "$out/over.safetensors" --input "$row" --target 0,1,0,0 >/dev/null 2>"$out/over.err"; then
    echo "check_explain_page: a model over the limit was explained" >&2; exit 1
fi
grep -q "has 22,204 of them, more than the limit of 16,384" "$out/over.err" || { echo "check_explain_page: wrong error: $(cat "$out/over.err")" >&2; exit 1; }

# The seeds' 784-16-16-10 sigmoid network (13,002 weights and biases), trained one epoch with the seeds' recipe on the
# embedded MNIST digits (about 2 s), explained on the first test image (pixels / 255, as the IDX reader scales them).
java -jar "$jar" train --layers 784,16,16,10 --activation sigmoid --output sigmoid --loss quadratic --initializer normal \
    --optimizer sgd --lr 3 --batch 10 --epochs 1 --seed 1 --out "$out/seeds.safetensors" >/dev/null 2>&1
digits=mlp4j-cli/src/main/resources/io/mlp4j/cli/mnist-10k
gzip -dc "$digits/t10k-images-idx3-ubyte.gz" > "$out/t10k-images"  # whole files: a pipe cut short fails pipefail
gzip -dc "$digits/t10k-labels-idx1-ubyte.gz" > "$out/t10k-labels"
image=$(od -An -v -tu1 -j 16 -N 784 "$out/t10k-images" | awk '{ for (i = 1; i <= NF; i++) printf "%s%.17g", (n++ ? "," : ""), $i / 255 }')
label=$(od -An -tu1 -j 8 -N 1 "$out/t10k-labels" | tr -d ' ')
onehot=$(awk -v d="$label" 'BEGIN { for (i = 0; i < 10; i++) printf "%s%d", (i ? "," : ""), i == d }')
java -jar "$jar" explain --model "$out/seeds.safetensors" --input "$image" --target "$onehot" --eta 3 \
    --html "$out/seeds.html" >/dev/null 2>&1
java -jar "$jar" explain --model "$out/seeds.safetensors" --input "$image" --target "$onehot" --eta 3 \
    > "$out/seeds.txt" 2>/dev/null
# From the terminal trace: the cost, and a weight the page leaves out of its equations (into hidden neuron 5, from
# the first lit pixel past the middle): its value, ∂C/∂w and w⁺, which the page must list in section 5's table.
# (awk reads to the end: exiting at the first match could leave tr writing into a closed pipe, and pipefail would
# turn its SIGPIPE into a failed check, as one CI run did)
pixel=$(echo "$image" | tr , '\n' | awk 'NR > 392 && $1 > 0 && !p { p = NR } END { print p }')
cost=$(awk '/^  C = / { print $NF; exit }' "$out/seeds.txt")
weight=$(awk -v w="w_5,$pixel^(1)" '$1 == w && $2 == "=" { before = $3; getline; getline; grad = $NF; getline;
    print w " " before " " grad " " $NF; exit }' "$out/seeds.txt")
[ -n "$pixel" ] && [ -n "$cost" ] && [ -n "$weight" ] || { echo "check_explain_page: could not read the seeds' trace" >&2; exit 1; }

check() { node tools/explain-page/check.mjs "$browser" "$@"; }
# Values from docs/seed-examples.md (independent of mlp4j): a1, σ′(z_a1), ∂C/∂ω5, ω8⁺, and the blog's wrong σ′.
check "$out/2-2-2.html" "$out/2-2-2" --svg "6,8" --plots 3 \
    --expect "0.7122574322957417" --expect "0.20494678243521863" --expect "−0.04875590469140" \
    --expect "−0.11548767720436505" --expect "0.220793265944315" --expect "a = 0.712257" --expect "ω5 = 0.7" \
    --expect "a1: z = 0.906373, a = 0.712257, σ′(z) = 0.204947" --expect "from C = 0.19375 to C =" \
    --step "+1=Step 1 of 60: ω5 = 0.704876, ω7 = 0.511016, C = 0.192309, a1 = 0.714773, a2 = 0.533098" \
    --step "60=Step 60 of 60: ω5 = 0.9084, ω7 = 0.970866, C = 0.148102, a1 = 0.807262" \
    --step "-59=Step 1 of 60: ω5 = 0.704876" --step "0=Step 0 of 60: ω5 = 0.7, ω7 = 0.5, C = 0.19375, a1 = 0.712257"
# Section 8's path from --steps 5 --eta 0.5; step 5 from the blog's equations in plain Python floats.
check "$out/2-2-2-steps5.html" "$out/2-2-2-steps5" --svg "6,8" --plots 3 --expect "Step through the 5 steps (η = 0.5)" \
    --step "5=Step 5 of 5: ω5 = 0.806807, ω7 = 0.741323, C = 0.166549, a1 = 0.764214" --step "+1=Step 5 of 5"
check "$out/4-2.html" "$out/4-2" --svg "6,8;2,1" --plots 3 \
    --expect "0.5466241543849584" --expect "0.15709787669397093" --expect "0.1271" --expect "z = 0.18704"
check "$out/2-2-2-digits16.html" "$out/2-2-2-digits16" --svg "6,8" \
    --expect "= 0.7122574322957417" --expect "= 0.2049467824352186"
check "$out/model.html" "$out/model" --svg "10,24" --plots 2 --expect "3-4 relu-3 softmax, loss cross-entropy"
check "$out/wide.html" "$out/wide" --svg "18,72" --plots 2 --expect "32-6 relu-4 softmax, loss cross-entropy" \
    --expect "24 more" --open --expect "w_6,32^(1)"
# Drawn in part: inputs 1-4 and 781-784, 8 of each hidden layer's 16 and 8 of the 10 outputs (32 neurons), the
# 8·8 edges between drawn neurons of each pair of layers (192); every value in the opened tables.
check "$out/seeds.html" "$out/seeds" --svg "32,192" --plots 4 --expect "784-16 sigmoid-16 sigmoid-10 sigmoid" \
    --expect "776 more" --expect "= $cost" --max-load 10 --open --expect "$weight"
