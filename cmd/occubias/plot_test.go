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
