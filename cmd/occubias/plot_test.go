package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlotCommand(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runCLI(t, "", "plot", "--json", "--resamples", "50", "--figure-format", "png,pdf",
		"--name", "Dolly", "--name", "OccuQuest", "../../testdata/dolly.jsonl", "../../testdata/occuquest.jsonl", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct{ Files []string }
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Files) != 6*2+1 {
		t.Fatalf("%v: %s", err, out)
	}
	for _, f := range []string{"distribution.png", "representation.pdf", "lorenz.png", "measures.md"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "measures.md"))
	if !strings.Contains(string(md), "| OccuQuest | 3 |") {
		t.Errorf("measures.md:\n%s", md)
	}
	if _, _, code := runCLI(t, "", "plot", "--name", "one", "a.jsonl", "b.jsonl"); code != 2 {
		t.Errorf("mismatched --name: exit %d", code)
	}
}

// TestPlotIntervalOptions: plot takes analyze's options (one flag set), so
// its intervals follow --confidence and --ci-method, and bad values of the
// typed flags are usage errors.
func TestPlotIntervalOptions(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runCLI(t, "", "plot", "--json", "-q", "--resamples", "50", "--figure-format", "svg",
		"--confidence", "0.8", "--ci-method", "BCa", "--side", "first", "--threshold", "0.2", "../../testdata/dolly.jsonl", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Datasets []struct {
			Result struct {
				Measures []struct {
					Level  float64
					Method string
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Datasets) != 1 || len(rep.Datasets[0].Result.Measures) == 0 {
		t.Fatalf("%v: %s", err, out)
	}
	for _, m := range rep.Datasets[0].Result.Measures {
		if m.Level != 0.8 || m.Method != "bca" {
			t.Fatalf("interval %+v, want 0.8 bca", m)
		}
	}
	for _, bad := range [][]string{{"--level", "sector"}, {"--ci-method", "normal"}, {"--side", "assistant"}} {
		args := append([]string{"plot", "-o", dir}, bad...)
		if _, errOut, code := runCLI(t, "", append(args, "../../testdata/dolly.jsonl")...); code != 2 || !strings.Contains(errOut, bad[1]) {
			t.Errorf("%v: exit %d, %s", bad, code, errOut)
		}
	}
}
