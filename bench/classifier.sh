#!/usr/bin/env bash
# Classifier benchmark: occubias against fastText (Debian fasttext) and
# scikit-learn TF-IDF + LinearSVC (Debian python3-sklearn), all trained on the
# same examples (the default recipe, exported by `occubias train --export`),
# measured on ../shared/gold/dev*.jsonl; prediction throughput on every real
# prompt in ../shared/data repeated to about 200,000 lines.
#
#   bash bench/classifier.sh        # prints a Markdown table
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd ../shared && pwd)
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
need=()
command -v fasttext >/dev/null || need+=(fasttext)
/usr/bin/python3 -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

go build -o "$work/occubias" ./cmd/occubias
ob="$work/occubias"
"$ob" train --default "$shared" --export "$work/train.jsonl"
go run ./bench/prompts -lines 200000 "$shared"/data/{sharegpt/ShareGPT*,sharegpt/sg_90k*,lima/*,alpaca/*,alpaca_eval/*,wizardlm/*,dolly/*,self_instruct/*,mt_bench/*,vicuna_bench/*} > "$work/texts.txt"
lines=$(wc -l < "$work/texts.txt")

rss() { /usr/bin/time -f %M -o "$work/rss" "$@" > /dev/null; cat "$work/rss"; }

# occubias: train, evaluate, classify the throughput texts.
start=$(date +%s.%N)
train_kb=$(rss "$ob" train --default "$shared" -o "$work/model.occubias")
train_s=$(echo "$(date +%s.%N) - $start" | bc)
"$ob" eval --model "$work/model.occubias" --gold "$shared/gold/dev.jsonl" --gold "$shared/gold/dev_generated.jsonl" --json > "$work/eval.json"
printf 'text\n' > "$work/texts.tsv"
sed 's/\t/ /g; s/"/ /g' "$work/texts.txt" >> "$work/texts.tsv"
# Prediction time is the median of three runs (fastText's too: peers.py).
runs=()
for run in 1 2 3; do
	start=$(date +%s.%N)
	pred_kb=$(rss "$ob" classify -q --model "$work/model.occubias" --format generic --container tsv --text-field text -o /dev/null "$work/texts.tsv")
	runs+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
pred_s=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
echo "occubias predict runs: ${runs[*]} s" >&2
/usr/bin/python3 - "$work" "$train_s" "$pred_s" "$train_kb" "$pred_kb" "$lines" > "$work/occubias.json" <<'PY'
import json, os, sys
work, train_s, pred_s, train_kb, pred_kb, lines = sys.argv[1:]
ev = json.load(open(os.path.join(work, "eval.json")))
print(json.dumps({"peer": "occubias", "train_seconds": float(train_s), "predict_seconds": float(pred_s),
    "model_bytes": os.path.getsize(os.path.join(work, "model.occubias")), "train_rss_kb": int(train_kb), "predict_rss_kb": int(pred_kb),
    "predict_texts": int(lines),
    "dev": {"group": ev[0]["group"]["accuracy"], "occupation": ev[0]["occupation"]["accuracy"]},
    "dev_generated": {"group": ev[1]["group"]["accuracy"], "occupation": ev[1]["occupation"]["accuracy"]}}))
PY
for peer in fasttext sklearn; do
	/usr/bin/time -f %M -o "$work/rss" /usr/bin/python3 bench/classifier/peers.py "$work" "$shared" "$peer" > "$work/$peer.json"
	/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["peak_rss_kb"]=int(open(sys.argv[2]).read()); print(json.dumps(d))' "$work/$peer.json" "$work/rss" > "$work/$peer.tmp" && mv "$work/$peer.tmp" "$work/$peer.json"
done

/usr/bin/python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
rows = [json.load(open(os.path.join(work, p + ".json"))) for p in ("occubias", "fasttext", "sklearn")]
print(f"{rows[0]['predict_texts']} texts for throughput; {os.cpu_count()} cores\n")
print("| classifier | dev group | dev occupation | dev_generated group | dev_generated occupation | train s | predict texts/s | model MB | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    rss = max(r.get("train_rss_kb", 0), r.get("predict_rss_kb", 0), r.get("peak_rss_kb", 0)) / 1024
    print(f"| {r['peer']} | {r['dev']['group']:.3f} | {r['dev']['occupation']:.3f} | {r['dev_generated']['group']:.3f} | "
          f"{r['dev_generated']['occupation']:.3f} | {r['train_seconds']:.1f} | {r['predict_texts']/r['predict_seconds']:,.0f} | "
          f"{r['model_bytes']/1e6:.1f} | {rss:.0f} |")
ft = rows[1]
print(f"\nthroughput ratio occubias / fastText (quantized .ftz): {rows[0]['predict_seconds'] and (ft['predict_seconds']/rows[0]['predict_seconds']):.2f}x")
PY
