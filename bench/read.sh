#!/usr/bin/env bash
# Reading benchmark: a >= 1 GiB ShareGPT-format JSON array built from the
# real prompts in ../shared/data, read by `occubias inspect` and by Python's
# json.load (Debian python3), each timed with its peak RSS.
#
#   bash bench/read.sh [SIZE]      # SIZE defaults to 1GiB
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1GiB}
work=${BENCH_DIR:-$(mktemp -d)}
data=$work/sharegpt_large.json
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
go build -o "$work/occubias" ./cmd/occubias
[ -s "$data" ] || go run ./bench/gensharegpt -size "$size" -out "$data" ../shared/data/sharegpt/*.json ../shared/data/lima/*.json ../shared/data/alpaca/*.json
bytes=$(stat -c %s "$data")

measure() { # name, command...
	local name=$1; shift
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>/dev/null
	read -r secs kb < "$work/time"
	export secs
	printf '| %s | %.1f | %.0f | %.0f |\n' "$name" "$secs" "$(echo "$kb/1024" | bc -l)" "$(echo "$bytes/1048576/$secs" | bc -l)"
}
echo "file: $bytes bytes, $(nproc) cores, $(go version | cut -d' ' -f3), $(python3 --version)"
echo
echo "| reader | seconds | peak RSS (MiB) | MiB/s |"
echo "|---|---|---|---|"
cat "$data" > /dev/null # from the page cache for both
measure "occubias inspect" "$work/occubias" inspect --json "$data"
ours=$secs
grep -o '"examples": [0-9]*' "$work/out" >&2
measure "occubias inspect, one decoding worker" env GOMAXPROCS=1 "$work/occubias" inspect --json "$data"
measure "python3 json.load" /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d))' "$data"
cat "$work/out" >&2
echo
printf 'occubias inspect is %.1fx faster than python3 json.load\n' "$(echo "$secs/$ours" | bc -l)"
