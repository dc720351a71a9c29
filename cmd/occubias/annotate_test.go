package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeModel answers chat completions the way a labelling model would: by
// keyword of the user text; model "b" disagrees on violins.
func fakeModel(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		var req struct {
			Model    string
			Messages []struct{ Role, Content string }
		}
		json.NewDecoder(r.Body).Decode(&req)
		text := strings.ToLower(req.Messages[1].Content)
		code := "none"
		for k, v := range map[string]string{"breaker": "47-2111.00", "violin": "27-2042.00", "patient": "29-1141.00", "sql": "15-1242.00",
			"hubble": "19-2011.00", "prun": "37-3013.00", "court": "27-3092.00", "lesson": "25-2021.00"} {
			if strings.Contains(text, k) {
				code = v
			}
		}
		if req.Model == "b" && code == "27-2042.00" {
			code = "27-2041.00"
		}
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{"message": map[string]string{"role": "assistant", "content": fmt.Sprintf(`{"code": %q, "confidence": 3}`, code)}}},
			"usage":   map[string]int{"total_tokens": 10},
		})
	}))
	t.Cleanup(s.Close)
	return s, &n
}

// TestAnnotateRoundTrip labels the fixtures through a local server, then
// eval and train read the gold file it wrote; a rerun is served from the
// cache; two annotators and a judge record their agreement.
func TestAnnotateRoundTrip(t *testing.T) {
	s, n := fakeModel(t)
	dir := t.TempDir()
	t.Setenv("OCCUBIAS_CACHE", filepath.Join(dir, "cache"))
	t.Setenv("OPENAI_API_KEY", "k")
	gold := filepath.Join(dir, "gold.jsonl")
	args := []string{"annotate", "-q", "--model", "a", "--base-url", s.URL + "/v1", "--sample", "6", "../../testdata/dolly.jsonl", "../../testdata/sharegpt.json", "-o", gold}
	stdout, errOut, code := runCLI(t, "", args...)
	if code != 0 || !strings.Contains(stdout, "6 examples labelled by a") {
		t.Fatalf("exit %d: %s %s", code, stdout, errOut)
	}
	b, _ := os.ReadFile(gold)
	if strings.Count(string(b), "\n") != 6 || !strings.Contains(string(b), `"major":"19","code":"19-2011.00","title":"Astronomers","confidence":3,"model":"a","prompt_sha256":"`) {
		t.Errorf("gold file:\n%s", b)
	}
	sent := n.Load()
	if stdout, _, code := runCLI(t, "", args...); code != 0 || !strings.Contains(stdout, "6 from the cache") || n.Load() != sent {
		t.Errorf("rerun: exit %d, %d more requests: %s", code, n.Load()-sent, stdout)
	}
	if stdout, errOut, code := runCLI(t, "", "eval", "--json", "--gold", gold); code != 0 || !strings.Contains(stdout, `"accuracy"`) {
		t.Errorf("eval of the gold file: exit %d %s", code, errOut)
	}
	model := filepath.Join(dir, "m.occubias")
	if _, errOut, code := runCLI(t, "", "train", "-q", "--gold", gold, "--min-count", "1", "--epochs", "2", "-o", model); code != 0 {
		t.Errorf("train on the gold file: exit %d %s", code, errOut)
	}
	// Two annotators who disagree on violins, and a judge.
	two := filepath.Join(dir, "two.jsonl")
	violin := filepath.Join(dir, "violin.jsonl")
	os.WriteFile(violin, []byte(`{"text": "How do I tune a violin before a concert?"}`+"\n"), 0o644)
	stdout, errOut, code = runCLI(t, "", "annotate", "-q", "--models", "a,b", "--judge", "a", "--base-url", s.URL+"/v1", "../../testdata/dolly.jsonl", violin, "-o", two)
	if code != 0 || !strings.Contains(stdout, "agree on the group of") {
		t.Fatalf("two annotators: exit %d %s %s", code, stdout, errOut)
	}
	b, _ = os.ReadFile(two)
	if !strings.Contains(string(b), `"agreement":"AB"`) || !strings.Contains(string(b), `"major":"27","code":"27-2042.00","title":"Musicians and Singers","confidence":3,"model":"a","prompt_sha256":`) ||
		!strings.Contains(string(b), `"agreement":"AC"`) {
		t.Errorf("agreement not recorded:\n%s", b)
	}
	// The dry run sends nothing and estimates the cost.
	sent = n.Load()
	if stdout, _, code := runCLI(t, "", "annotate", "--dry-run", "--model", "a", "--base-url", s.URL+"/v1", "../../testdata/dolly.jsonl"); code != 0 ||
		!strings.Contains(stdout, "POST "+s.URL+"/v1/chat/completions") || !strings.Contains(stdout, "input tokens") || n.Load() != sent {
		t.Errorf("dry run: exit %d, %d requests sent: %s", code, n.Load()-sent, stdout)
	}
}
