package main

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// TestFetchThenAnalyzeByName serves Dolly-format data in the hub's layout
// on loopback, fetches it by name and analyses it by name, as a user would.
func TestFetchThenAnalyzeByName(t *testing.T) {
	data, err := os.ReadFile("../../testdata/dolly.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	const file = "databricks-dolly-15k.jsonl"
	mux := http.NewServeMux()
	mux.HandleFunc("/api/datasets/databricks/databricks-dolly-15k/tree/main", func(w http.ResponseWriter, r *http.Request) {
		h := sha1.New()
		fmt.Fprintf(h, "blob %d\x00", len(data))
		h.Write(data)
		json.NewEncoder(w).Encode([]map[string]any{
			{"type": "file", "path": file, "size": len(data), "oid": hex.EncodeToString(h.Sum(nil))},
			{"type": "file", "path": "README.md", "size": 3, "oid": "x"},
		})
	})
	mux.HandleFunc("/datasets/databricks/databricks-dolly-15k/resolve/main/"+file, func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(data))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	t.Setenv("HF_ENDPOINT", srv.URL)
	t.Setenv("OCCUBIAS_CACHE", t.TempDir())

	if _, errOut, code := runCLI(t, "", "analyze", "dolly"); code != 1 || !strings.Contains(errOut, "occubias fetch") {
		t.Errorf("analyze before fetch: exit %d, %s", code, errOut)
	}
	out, errOut, code := runCLI(t, "", "fetch", "dolly", "--json")
	if code != 0 {
		t.Fatalf("fetch: exit %d: %s", code, errOut)
	}
	var snap struct{ Paths []string }
	if err := json.Unmarshal([]byte(out), &snap); err != nil || len(snap.Paths) != 1 {
		t.Fatalf("snapshot %s (%v)", out, err)
	}
	out, errOut, code = runCLI(t, "", "analyze", "--json", "--resamples", "50", "dolly")
	if code != 0 || !strings.Contains(out, `"examples": 4`) || !strings.Contains(out, `"format": "dolly"`) {
		t.Errorf("analyze dolly: exit %d\n%s\n%s", code, out, errOut)
	}
	out, _, code = runCLI(t, "", "fetch", "--list")
	if code != 0 || !strings.Contains(out, "OFA-Sys/OccuQuest") {
		t.Errorf("fetch --list: %d\n%s", code, out)
	}
}
