#!/usr/bin/env bash
# Executes every notebook in this directory headless under the GoNB kernel
# (github.com/janpfeifer/gonb v0.11.4), failing on any cell error and on a
# notebook that produced no image. Installs what it needs: Debian's
# jupyter-nbconvert, goimports, gopls, and GoNB built from the Go module proxy.
#
#   bash examples/notebooks/run.sh [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$(mktemp -d)}
mkdir -p "$out"
gobin=$(go env GOPATH)/bin
export PATH="$PATH:$gobin"
export GOSUMDB=off # the checksum database is not reachable from every machine
export GOFLAGS=

if ! command -v jupyter-nbconvert >/dev/null; then
	apt-get update -qq && apt-get install -y -qq jupyter-nbconvert >/dev/null
fi
command -v goimports >/dev/null || go install golang.org/x/tools/cmd/goimports@v0.52.0
# gonb --install refuses to finish without gopls; v0.24 needs Go 1.27.
command -v gopls >/dev/null || go install golang.org/x/tools/gopls@v0.23.0
if ! command -v gonb >/dev/null; then
	# "go install gonb@v0.11.4" asks the proxy for the module's version list,
	# which it refuses; building from a module that requires it does not.
	tmp=$(mktemp -d)
	printf 'module gonbbuild\n\ngo 1.26\n\nrequire github.com/janpfeifer/gonb v0.11.4\n' > "$tmp/go.mod"
	(cd "$tmp" && GOFLAGS=-mod=mod go build -o "$gobin/gonb" github.com/janpfeifer/gonb)
fi
kernels=$(jupyter --data-dir)/kernels
[ -f "$kernels/gonb/kernel.json" ] || gonb --install >/dev/null

status=0
for nb in "$here"/*.ipynb; do
	name=$(basename "$nb")
	if ! OCCUBIAS_ROOT="$root" jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 \
		--output-dir "$out" "$nb" > "$out/$name.log" 2>&1; then
		echo "FAIL $name: a cell failed"; grep -v "^[IW][0-9]" "$out/$name.log" | tail -30
		status=1
		continue
	fi
	images=$(python3 -c 'import json,sys
nb = json.load(open(sys.argv[1]))
print(sum(1 for c in nb["cells"] for o in c.get("outputs", []) for k in o.get("data", {}) if k.startswith("image/") or "<svg" in "".join(o.get("data", {}).get("text/html", ""))))' "$out/$name")
	if [ "$images" -eq 0 ]; then
		echo "FAIL $name: no image output"
		status=1
	else
		echo "ok   $name: $images images"
	fi
done
exit $status
