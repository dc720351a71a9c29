#!/usr/bin/env bash
# snapshot.sh OUTDIR writes what the command line produces for fixed inputs
# (figures, prediction files, a trained model file, every --json report) into
# OUTDIR, so that two builds can be compared byte for byte:
#
#	bash scripts/snapshot.sh /tmp/before && git checkout NEW && bash scripts/snapshot.sh /tmp/after
#	diff -r /tmp/before /tmp/after
#
# The eval report reads ../shared/gold when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:?usage: snapshot.sh OUTDIR}
mkdir -p "$out"
bin=$(mktemp -d)/occubias
go build -o "$bin" ./cmd/occubias
for onet in train/testdata/onet_txt classify/testdata/onet_txt; do [ -d "$onet" ] && break; done
# Inputs and outputs are named relative to OUTDIR, through links, so that
# the paths recorded in the outputs (sources, a model's command, the files
# a plot lists) do not depend on where the tree or OUTDIR is.
cd "$out"
ln -sfn "$root/testdata" in
ln -sfn "$root/$onet" onet
ln -sfn "$root/../shared/gold" gold
onet=onet
td=in
out=.
data=("$td/dolly.jsonl" "$td/sharegpt.json" "$td/occuquest_train.parquet" "$td/alpaca.json" "$td/messages.jsonl")

"$bin" inspect -q --json "${data[@]}" "$td/generic.csv" >"$out/inspect.json" 2>&1 || true
for f in "${data[@]}"; do
	b=$(basename "$f")
	"$bin" classify -q "$f" -o "$out/pred.$b.csv"
	"$bin" classify -q --json "$f" -o "$out/pred.$b.jsonl"
	"$bin" classify -q "$f" -o "$out/pred.$b.parquet"
	"$bin" classify -q "$f" -o "$out/pred.$b.arrow"
done
"$bin" analyze -q --json "${data[@]}" >"$out/analyze.group.json"
"$bin" analyze -q --json --level occupation "${data[@]}" >"$out/analyze.occupation.json"
"$bin" analyze -q --markdown "${data[@]}" >"$out/analyze.md"
"$bin" analyze -q "${data[@]}" >"$out/analyze.txt"
"$bin" plot -q --json --resamples 200 -o "$out/figures" --figure-format png,svg,pdf "${data[@]}" >"$out/plot.json"
"$bin" plot -q --level occupation --resamples 200 -o "$out/figures.occupation" "${data[@]}" >/dev/null
"$bin" taxonomy --json >"$out/taxonomy.group.json"
"$bin" taxonomy --json --level occupation >"$out/taxonomy.occupation.json"
"$bin" train -q --json --data "$td/occuquest_train.parquet" --from-labels --epochs 3 -o "$out/occuquest.occubias" >"$out/train.json"
"$bin" train -q --json --onet "$onet" --epochs 2 -o "$out/onet.occubias" >"$out/train.onet.json"
if [ -f gold/dev.jsonl ]; then
	"$bin" eval --json --gold gold/dev.jsonl --gold gold/dev_generated.jsonl >"$out/eval.json"
fi
# PDF files carry their creation date: keep their size only.
for f in $(find . -name '*.pdf'); do wc -c <"$f" >"$f.size"; rm "$f"; done
rm in onet gold
ls | wc -l
