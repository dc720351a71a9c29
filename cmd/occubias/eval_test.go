package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/occubias/occubias/internal/testenv"
)

func TestEvalShared(t *testing.T) {
	shared := testenv.Shared(t)
	out, errOut, code := runCLI(t, "", "eval", "--json", "--gold", filepath.Join(shared, "gold", "dev.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var reps []struct {
		Excluded int
		Group    struct {
			N        int
			Accuracy float64
		}
	}
	if err := json.Unmarshal([]byte(out), &reps); err != nil || len(reps) != 1 || reps[0].Group.N != 296 || reps[0].Excluded != 4 {
		t.Errorf("%v %+v", err, reps)
	}
}
