#!/usr/bin/env bash
# End-to-end benchmark on a >= 1 GiB ShareGPT-format JSON array built from
# the real prompts in ../shared/data: reading (`occubias inspect` against
# Python's json.load), the whole analysis (`occubias analyze`), and
# classification alone (`occubias classify` of the file's prompts against
# fastText `predict`, quantized, trained on the default recipe's examples
# with full O*NET-SOC codes, so that it answers both levels), all in one
# run, each timed with its peak RSS. Timings on a shared VM move by 10% and
# more between identical runs: each occubias step and fastText's predict
# are the median of three runs (every run is printed on stderr).
#
#   bash bench/analyze.sh [SIZE]      # SIZE defaults to 1GiB; BENCH_DIR keeps the files
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1GiB}
shared=$(cd ../shared && pwd)
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
data=$work/sharegpt_large.json
need=()
command -v fasttext >/dev/null || need+=(fasttext)
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

go build -o "$work/occubias" ./cmd/occubias
ob=$work/occubias
[ -s "$data" ] || go run ./bench/gensharegpt -size "$size" -out "$data" "$shared"/data/sharegpt/*.json "$shared"/data/lima/*.json "$shared"/data/alpaca/*.json
bytes=$(stat -c %s "$data")

# The prompts of the file, one per line, for classification alone.
if [ ! -s "$work/prompts.txt" ] || [ "$work/prompts.txt" -ot "$data" ]; then
	go run ./bench/prompts "$data" > "$work/prompts.txt"
fi
printf 'text\n' > "$work/prompts.tsv"
sed 's/\t/ /g; s/"/ /g' "$work/prompts.txt" >> "$work/prompts.tsv"
lines=$(wc -l < "$work/prompts.txt")

measure() { # runs, name, command...: prints a table row of the median of the runs (and the largest peak RSS), sets secs
	local runs=$1 name=$2 all=() kbmax=0 s kb
	shift 2
	for _ in $(seq "$runs"); do
		/usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>/dev/null
		read -r s kb < "$work/time"
		all+=("$s")
		[ "$kb" -gt "$kbmax" ] && kbmax=$kb
	done
	secs=$(printf '%s\n' "${all[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
	echo "$name runs: ${all[*]} s" >&2
	[ "$runs" -gt 1 ] && name="$name (median of $runs)"
	printf '| %s | %.1f | %.0f | %.0f |\n' "$name" "$secs" "$(echo "$kbmax/1024" | bc -l)" "$(echo "$bytes/1048576/$secs" | bc -l)"
}

echo "file: $bytes bytes, $lines prompts, $(nproc) cores, $(go version | cut -d' ' -f3), $(/usr/bin/python3 --version)"
echo
echo "| step | seconds | peak RSS (MiB) | MiB/s of the file |"
echo "|---|---|---|---|"
cat "$data" > /dev/null # from the page cache for every reader
measure 3 "occubias inspect" "$ob" inspect --json "$data"; inspect=$secs
grep -o '"examples": [0-9]*' "$work/out" >&2
measure 1 "python3 json.load" /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d))' "$data"; python=$secs
measure 3 "occubias analyze" "$ob" analyze -q --json "$data"; analyze=$secs
measure 3 "occubias classify of the prompts" "$ob" classify -q --format generic --container tsv --text-field text -o /dev/null "$work/prompts.tsv"; classify=$secs

# fastText: trained on the same examples as the default model and
# quantized, by bench/classifier.sh's peers.py (reused when BENCH_DIR holds
# its model); the median of three runs of predict on the same prompts.
if [ ! -s "$work/ft.ftz" ]; then
	[ -s "$work/train.jsonl" ] || "$ob" train --default "$shared" --export "$work/train.jsonl"
	[ -s "$work/texts.txt" ] || ln -s prompts.txt "$work/texts.txt" # peers.py times its own predict on texts.txt
	/usr/bin/python3 bench/classifier/peers.py "$work" "$shared" fasttext > "$work/fasttext.json"
fi
runs=()
for run in 1 2 3; do
	/usr/bin/time -f "%e %M" -o "$work/time" fasttext predict "$work/ft.ftz" "$work/prompts.txt" > /dev/null
	read -r secs kb < "$work/time"
	runs+=("$secs")
done
fasttext=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
echo "fastText predict runs: ${runs[*]} s" >&2
printf '| fastText predict of the prompts (.ftz, median of 3) | %.1f | %.0f | |\n' "$fasttext" "$(echo "$kb/1024" | bc -l)"
echo
printf 'inspect: %.0f MiB/s, %.1fx python3 json.load\n' "$(echo "$bytes/1048576/$inspect" | bc -l)" "$(echo "$python/$inspect" | bc -l)"
printf 'analyze: %.1f s\n' "$analyze"
printf 'classification alone: %.0f prompts/s, %.1fx fastText predict\n' "$(echo "$lines/$classify" | bc -l)" "$(echo "$fasttext/$classify" | bc -l)"
