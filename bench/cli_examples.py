#!/usr/bin/env python3
"""Regenerates docs/cli.md's examples by running each command for real (./mlp4j must build). Run from anywhere:
python3 bench/cli_examples.py   — it takes a minute or two (it trains the default model once)."""
import os
import pathlib
import shutil
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TMP = pathlib.Path(tempfile.mkdtemp())


def run(*args, cwd=TMP):
    p = subprocess.run([str(ROOT / "mlp4j"), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    text = "".join(l + "\n" for l in p.stdout.splitlines() if not l.startswith("WARNING: Using incubator modules"))
    return "$ mlp4j " + " ".join(args) + "\n" + text + ("" if p.returncode == 0 else f"$ echo $?\n{p.returncode}\n")


def block(text):
    return "```\n" + text.rstrip("\n") + "\n```\n"


iris = TMP / "iris.csv"
rows = ["sepal_length,sepal_width,petal_length,petal_width,species",
        "5.1,3.5,1.4,0.2,setosa", "4.9,3.0,1.4,0.2,setosa", "4.7,3.2,1.3,0.2,setosa", "5.0,3.6,1.4,0.2,setosa",
        "5.4,3.9,1.7,0.4,setosa", "4.6,3.4,1.4,0.3,setosa", "5.0,3.4,1.5,0.2,setosa", "4.4,2.9,1.4,0.2,setosa",
        "7.0,3.2,4.7,1.4,versicolor", "6.4,3.2,4.5,1.5,versicolor", "6.9,3.1,4.9,1.5,versicolor",
        "5.5,2.3,4.0,1.3,versicolor", "6.5,2.8,4.6,1.5,versicolor", "5.7,2.8,4.5,1.3,versicolor",
        "6.3,3.3,4.7,1.6,versicolor", "4.9,2.4,3.3,1.0,versicolor",
        "6.3,3.3,6.0,2.5,virginica", "5.8,2.7,5.1,1.9,virginica", "7.1,3.0,5.9,2.1,virginica",
        "6.3,2.9,5.6,1.8,virginica", "6.5,3.0,5.8,2.2,virginica", "7.6,3.0,6.6,2.1,virginica",
        "4.9,2.5,4.5,1.7,virginica", "7.3,2.9,6.3,1.8,virginica"]
iris.write_text("\n".join(rows) + "\n")
(TMP / "flower.csv").write_text("sepal_length,sepal_width,petal_length,petal_width\n6.1,2.9,4.7,1.4\n")
shutil.copy(ROOT / "mlp4j-core/src/test/resources/pytorch/classifier.safetensors", TMP)  # tools/crosscheck/pytorch_state_dicts.py
(TMP / "bad.csv").write_text("sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n4.9,three,1.4,0.2,setosa\n")

def example(*args):
    return block(run(*args))


def digit_png(path, index=0):
    """The embedded test set's digit `index` as a grey PNG, written with zlib alone."""
    import gzip, struct, zlib
    raw = gzip.open(ROOT / "mlp4j-cli/src/main/resources/io/mlp4j/cli/mnist-10k/t10k-images-idx3-ubyte.gz").read()
    pixels = raw[16 + 784 * index:16 + 784 * (index + 1)]
    scan = b"".join(b"\0" + pixels[28 * y:28 * (y + 1)] for y in range(28))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(scan)) + chunk(b"IEND", b""))


def serve_example(model="model.safetensors", port=18181):
    """Starts `mlp4j serve`, runs curl against it, stops it with SIGTERM: the transcript, as a shell session."""
    import signal, time
    digit_png(TMP / "digit.png")
    server = subprocess.Popen([str(ROOT / "mlp4j"), "serve", "--model", model, "--port", str(port)], cwd=TMP,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = server.stdout.readline()
    url = f"http://127.0.0.1:{port}"
    out = f"$ mlp4j serve --model {model} --port {port} &\n{first}"
    for title, args in [
        ("an image", ["-H", "Content-Type: image/png", "--data-binary", "@digit.png", f"{url}/v1/predict?top_k=2"]),
        ("rows of numbers", ["-H", "Content-Type: application/json", "-d", "{\"inputs\": [[" + ", ".join(["0"] * 784) + "]]}",
                             f"{url}/v1/predict"]),
        ("a bad request", ["-H", "Content-Type: application/json", "-d", "{\"inputs\": [[1, 2, 3]]}", f"{url}/v1/predict"]),
        ("health", [f"{url}/health"])]:
        p = subprocess.run(["curl", "-s", *args], cwd=TMP, stdout=subprocess.PIPE, text=True)
        shown = [a if len(a) < 80 else a[:40] + " … " + a[-8:] for a in args]
        out += "$ curl -s " + " ".join(f"'{a}'" if " " in a or "{" in a or "?" in a else a for a in shown) + "\n" + p.stdout
        if not p.stdout.endswith("\n"):
            out += "\n"
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    err = "".join(l + "\n" for l in server.stderr.read().splitlines() if not l.startswith("WARNING: Using incubator"))
    return out + f"$ kill %1\n{err}$ wait %1; echo $?\n{server.returncode}\n"


DOC = f"""# The `mlp4j` command

`./mlp4j` at the repository root builds the executable jar on first use (Maven, tests skipped) and runs it with the
Java Vector API enabled (`--add-modules jdk.incubator.vector`, which makes the JVM print one `WARNING: Using
incubator modules` line at start-up). The jar itself is `mlp4j-cli/target/mlp4j.jar`. JVM flags go in
`MLP4J_JAVA_OPTS` (e.g. `MLP4J_JAVA_OPTS=-Xmx8g`).

Exit codes: **0** success, **1** error (a bad, missing or unwritable file, a bad model, a failed check), **2** usage
error (an unknown command or flag, a value that is wrong on its own or does not fit the data, such as `--lr Infinity`,
`--schedule step:1:-2` or a `--label` column the CSV file does not have). Usage errors are reported before any data is
loaded. Errors are one line starting `mlp4j:` that names the file (and line) or the option; `--verbose` adds the stack
trace. Every command has `--help`. Progress and warnings go to stderr, results to stdout; `--json` on `train`,
`evaluate`, `predict` and `info` prints the result as one JSON object for scripts (plain field names: `test_accuracy`,
`test_loss`, `class`, `probabilities`, `parameters`, …).

The examples below are real runs (regenerate them with `python3 bench/cli_examples.py > docs/cli.md`).

## Files written and files read

**No file is ever replaced without `--force`.** This holds for every output: `--out`, `--history` and `--plot` of
`train`, `--plot` of `evaluate`, and the checkpoint in `--checkpoint-dir` (a previous run's checkpoint is continued with
`--resume` or replaced with `--force`). The rule is checked when the command starts, before any data is loaded, and
again when each finished file is put in place: a file that appears at the same path during a run (another run saving
there) is kept, and the run ends with an error saying so instead of reporting `saved`. Two outputs of one run cannot be
the same file (a usage error). Every output location is checked before the first epoch: an output under a file, in a
folder where no file can be created (such as `/proc`), or naming a folder stops the run at once, with one line naming
the option and the path.

Each file is written to a hidden temporary file beside it (`.model.safetensors.NNN.tmp`), flushed to disk and renamed
into place in one step, so a crash never leaves a half-written file where a good one was. Ctrl-C or SIGTERM during a
save deletes the temporary file (a SIGKILL cannot); errors name your path, not the temporary file.

Inputs are checked the same way: a missing file, a folder, a device such as `/dev/null`, and an empty file each get
their own message. Everything read has a limit, checked before the bulk of the file is read:

| input | limit |
| --- | --- |
| IDX (`--data`, `--dataset`, `predict`) | at most 2³¹−16 values per file. The four headers are read first: each images file must declare as many images as its labels file holds labels, and the images must fit in the Java heap as floats (4 bytes a pixel); then reading stops at the size the header declares, and a longer body (a gzip bomb) is an error naming the file |
| images (`predict`) | PNG, JPEG, GIF or BMP, at most 8192 pixels on a side: the size is read from the image's header, before decoding |
| CSV | UTF-8 text (the first byte that is not is named, with its line); at most 16,384 columns and 16 M characters in a field (FastCSV's limits); a quote that opens a field must close it, or the line where it opened is named; a binary file is named for what it looks like (`looks like a GIF image, not CSV text`) |
| downloads (`datasets download`, `--dataset`) | each file at most its published size (e.g. 9,912,422 bytes for MNIST's training images): a server that announces or sends more is cut off, and nothing is cached |
| model files | at most 2³¹−64 bytes, a 64 MB header, checked shapes and checksum |

## Data options (train, evaluate)

| option | data |
| --- | --- |
| (none) | the embedded MNIST-10k digits: 8,000 train, 2,000 test |
| `--data DIR` | IDX files named like MNIST's (`train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`, `t10k-…`) |
| `--dataset mnist\\|fashion-mnist` | downloaded once into the cache (see `datasets`), checksums verified |
| `--train FILE.csv [--test FILE.csv] --label COLUMN` | CSV with a header (or `--no-header`); `--label` is a name or 0-based index; `--regression` for numeric targets (`--label a,b` for several) |

CSV features are matched by the header's names: a model trained on columns `f1,f2,f3,f4` reads a test or input file
that has them in any order (other columns, such as a label or an id, are skipped) and refuses one that lacks a column,
naming it. A first line of only numbers is not taken for a header (that would drop a row): add `--no-header` when a
file has none; a model trained with `--no-header` reads its files without one. IDX labels are class indices, so they
must be 0..N−1 with samples of every class, and the test labels among the training labels: a stray label is an error
(`train-labels-idx1-ubyte: 11 distinct labels 0..9 and 200 (1 sample); expected contiguous classes 0..N−1 — is the
file corrupt?`). A class with fewer than 1% of the largest class's samples gets a warning (a stray CSV label?).

## train

Trains and saves a model (never over an existing file without `--force`). The default network for images is
input-512-256-classes, ReLU, softmax cross-entropy, Adam 1e-3 with a cosine schedule, batch 64, dropout 0.1, 20 epochs,
random one-pixel shifts of the training images; for tables it is input-64-outputs with standardized features.
On a terminal each epoch shows a progress bar (samples/s, ETA, running loss); in a log, one line per epoch.

| option | meaning |
| --- | --- |
| `--layers 784,128,10` `--activation relu` `--output softmax` `--loss cross-entropy` | the network (`--loss quadratic --output sigmoid --activation sigmoid` is the seeds' recipe) |
| `--initializer normal\\|glorot\\|he` | weight initialization (normal is the seeds' N(0,1)) |
| `--optimizer sgd\\|momentum\\|nesterov\\|rmsprop\\|adam\\|adamw` `--lr` `--batch` `--epochs` `--seed` | training |
| `--dropout` `--weight-decay` `--schedule constant\\|step[:E:G]\\|exponential[:G]\\|cosine` `--clip-norm` `--augment none\\|shift:N` | regularization and schedule; a schedule multiplies the rate by G every E epochs (step, default 10 and 0.5) or every epoch (exponential, default 0.95), with E a whole number ≥ 1 and 0 < G ≤ 1 |
| `--normalize none\\|minmax\\|standard` | feature scaling, fitted on the training split and saved in the model |
| `--validation 0.1` `--early-stopping N` | a stratified validation split; stop after N epochs without improvement and keep the best epoch |
| `--shuffle true\\|false` | shuffle every epoch |
| `--init FILE` | fine-tune: start from a model's weights (and architecture) |
| `--out FILE` `--force` | where to save (default `model.safetensors`); `--force` lets every output of the run replace an existing file |
| `--checkpoint-dir DIR` `--checkpoint-every N` `--resume` | checkpoints every epoch (and every N batches); `--resume` continues bit for bit, with the same settings and data; a folder that already holds a checkpoint needs `--resume` (or `--force` to start over) |
| `--history FILE.csv` `--plot FILE.png` `--json` | per-epoch CSV, training curves, JSON result |
| `--threads N` | threads for large matrix products (default: all processors); the model does not depend on it |

`--augment shift:N` must be smaller than the images (a usage error otherwise: the shifted images would be blank), and
more than a quarter of their side gets a warning.

`--resume` continues only the run that wrote the checkpoint. The checkpoint records every option the model depends
on, by name: the network (`--layers`, `--activation`, `--output`, `--loss`, `--initializer`, and `--init`'s weights),
`--optimizer` and `--weight-decay`, `--lr`, `--schedule`, `--batch`, `--epochs`, `--seed`, `--dropout`, `--clip-norm`,
`--shuffle`, `--augment`, `--normalize`, `--validation` and `--early-stopping`, and a hash of the training and
validation data (after the split and the normalization). A resumed run that differs stops, before training, naming
each setting and both values: `mlp4j: error: cannot resume: --layers was 784,64,10 in the checkpoint, 784,32,10 now`
(or `training data was 8000 samples × 784 features, hash … in the checkpoint, …`). What does not change the model may
change: `--out`, `--history`, `--plot`, `--json`, `--threads`, `--checkpoint-every`.

{example("train")}
Bad input stops with one line and exit code 1 or 2:

{example("train", "--train", "bad.csv", "--label", "species", "--out", "x.safetensors")}
{example("train", "--out", "model.safetensors")}
{example("train", "--layers", "784,64,3", "--out", "other.safetensors")}
A CSV file, with a training-curve plot and the history:

{example("train", "--train", "iris.csv", "--label", "species", "--epochs", "25", "--lr", "0.01", "--batch", "8",
         "--out", "iris.safetensors", "--history", "history.csv", "--plot", "curves.png")}
## evaluate

Accuracy, loss, the confusion matrix and per-class precision, recall and F1 of a saved model (MSE, MAE and R² for a
regression model), on the same data options as `train` (the test part). `--plot FILE.png` draws the confusion matrix as
a heat map (never over an existing file without `--force`).

A model file records what its input is (images of a height and width, or a table's column names: see
docs/model-format.md), and data that only has as many values is refused, naming both: `the model expects 28×28 images,
t10k-images-idx3-ubyte has 14×56`; `the model expects a table of 4 features (f1, f2, f3, f4), not images: …`. A model
whose outputs are not finite numbers is an error naming the file, never a NaN loss.

{example("evaluate", "--model", "model.safetensors", "--plot", "confusion.png")}
{example("evaluate", "--model", "iris.safetensors", "--test", "iris.csv", "--label", "species", "--json")}
## predict

`--input` is recognized by content: a PNG, JPEG, GIF or BMP image of at most 8192 pixels a side (turned grey, inverted
if dark-on-light, the ink scaled into 20×20 and centred by mass in the model's square, as MNIST was made), an IDX images
file, or CSV rows of features (`--label COLUMN` skips a label column). `--top K` lists the K most likely classes.

Nothing gets a class it cannot have. An image for a table model is refused (`the model expects a table of 4 features
(f1, f2, f3, f4), not an image: digit.png`), and so is an image under a quarter of the model's side (`tiny.png is 1×1
pixels, far smaller than the model's 28×28 images (at least 7×7)`). A blank image, one flat colour, is marked instead
of classified: `blank input (the image is one flat colour): no class` (`{{"blank_input":true}}` with `--json`), with a
warning. Outputs that are not finite numbers are an error naming the model file (`model.safetensors: the network's
outputs are not finite numbers: its weights overflow float32 (the largest is 1.00e+20)`), and a model file with weights
beyond ±1e30 is refused when it is loaded. A model file from before mlp4j recorded input shapes takes images when its
input width is a square of at least 8×8 (784 = 28×28), and CSV columns by position.

{example("predict", "--model", "iris.safetensors", "--input", "flower.csv")}
{example("predict", "--model", "iris.safetensors", "--input", "flower.csv", "--json")}
## info

{example("info", "--model", "model.safetensors")}
## export, import

`export --model FILE --onnx OUT.onnx [--force]` writes the model as a standard ONNX graph (opset 17) for ONNX Runtime
and the other runtimes that read ONNX: the normalization, each layer as `Gemm` and its activation, softmax or sigmoid
outputs as probabilities, input `input` and output `output` with a dynamic batch dimension, class names in the
metadata ([onnx.md](onnx.md) describes the graph). Its writer and protobuf are in `mlp4j-onnx/target/mlp4j-onnx.jar`,
which `./mlp4j` builds and puts on the class path; `java -jar mlp4j.jar export` says in one line that it is missing.

`import --pytorch STATE.safetensors --activation NAME [--output NAME] [--layers N,N,...] [--classes A,B,...] [--loss
NAME] --out FILE [--force]` turns a `torch.nn.Sequential` of `Linear` and activation layers, saved with
`safetensors.torch.save_file(model.state_dict(), FILE)`, into an mlp4j model file. The file holds no activations, so
`--activation` names the hidden layers' and `--output` the last one's (default `softmax`, for a classifier ending in
logits); `--layers` checks the sizes you expect. A wrong, missing or extra tensor is named.

{example("export", "--model", "model.safetensors", "--onnx", "model.onnx")}
{example("import", "--pytorch", "classifier.safetensors", "--activation", "relu", "--classes", "ant,bee,cat,dog", "--out", "from-torch.safetensors")}
{example("import", "--pytorch", "classifier.safetensors", "--layers", "6,16,8,4", "--activation", "relu", "--out", "other.safetensors")}## datasets

`datasets list` shows what can be downloaded and what is cached; `datasets download mnist|fashion-mnist [--dir DIR]
[--mirror URL]` fetches the four IDX files from the publisher (or from `--mirror`, or `MLP4J_MIRROR`), verifies each
file's published SHA-256, and only then moves it into the cache (`~/.mlp4j/datasets`, or `$MLP4J_HOME/datasets`):
a broken download never poisons the cache. A download stops at the file's published size, and a `--mirror` must be an
`http://` or `https://` URL (a usage error otherwise). Offline, it says which host it could not reach.

{example("datasets", "list", "--dir", "cache")}
## bench

`bench --workload W1|W2|W3|W4 [--data DIR] [--threads N] [--json]` runs one of the workloads defined in
docs/benchmarks.md and prints its figures.

{example("bench", "--workload", "W1")}
## serve

`serve --model FILE [--port 8080] [--host 127.0.0.1] [--threads N]` puts a model behind HTTP until SIGTERM or Ctrl-C:

| endpoint | answer |
| --- | --- |
| `POST /v1/predict` | `Content-Type: application/json` with `{{"inputs": [[…], …], "top_k": 3}}` (one array of numbers per row, as many rows as fit the body limit), or for an image model one `image/png` or `image/jpeg` picture (read as `predict` reads it; `?top_k=N`). The answer is `{{"predictions": [...]}}`, one object per row as `predict --json` prints it: `class`, `probabilities` and `top` for a classifier, `prediction` (the values) for a regression model, `blank_input` for a blank picture |
| `GET /v1/model` | what `info --json` prints, and `file_sha256`, the SHA-256 of the model file as served |
| `GET /health` | `{{"status":"ok"}}` |
| `GET /metrics` | Prometheus text: `mlp4j_http_requests_total{{endpoint,status}}`, `mlp4j_http_errors_total{{endpoint,class}}`, the latency histogram `mlp4j_http_request_duration_seconds{{endpoint}}`, `mlp4j_predicted_rows_total` and the rows per pass through the network, `mlp4j_prediction_pass_rows` |

Every refusal is one line of JSON, `{{"error": "..."}}`, and the server goes on serving: malformed JSON, a row of the
wrong width, a number that is not finite or beyond float32 (400, naming the row and column), an empty body (400),
outputs that overflow float32 (422), a body over `--max-body-mb` (default 4; 413 as soon as the declared length is
seen, the body unread, the connection closed), an unknown path (404), a method the path does not take (405, with
`Allow`), another `Content-Type` (415). A failure inside the server is a 500 that says only that; the stack trace goes
to the server's stderr. A client must send its whole request within `--read-timeout` seconds (default 10) or its
connection is closed; idle keep-alive connections close after 30 s. SIGTERM or SIGINT stops accepting connections,
lets the requests in flight finish (up to 30 s), and exits 0. `--threads N` (default 4 per processor) sets how many
requests are handled at once, `--access-log` prints a line per request on stderr, and `--batch-rows N` predicts the
rows of requests that arrive while a prediction runs in one pass (off by default: it did not pay on 2 cores, see
docs/benchmarks.md).

{block(serve_example())}
## summary, explain, gradcheck

`summary` prints a layer table; `explain --example 2-2-2|4-2 [--digits N]` prints one training step of the seed
documents' examples with every number (see docs/seed-examples.md); `gradcheck` compares backpropagation with finite
differences for every activation × cost and exits 1 on a failure.

{example("summary", "--layers", "784,16,16,10", "--activation", "sigmoid")}"""

print(DOC.rstrip() + "\n")
