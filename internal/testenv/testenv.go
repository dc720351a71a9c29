// Package testenv finds the shared data beside the repository for tests.
package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Shared returns the path of ../shared (beside the repository root), or
// skips the test when it is absent. When CI is set the data must be there:
// the test fails instead of skipping.
func Shared(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared")
	if d := os.Getenv("OCCUBIAS_SHARED"); d != "" {
		dir = d
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared data not found at %s (CI is set, so it must be there): %v", dir, err)
		}
		tb.Skipf("shared data not found at %s", dir)
	}
	return dir
}

// Slow skips a test that takes minutes (retraining the default model,
// say) unless CI or OCCUBIAS_SLOW is set, so that `go test ./...` stays
// quick while editing and CI still runs everything:
//
//	OCCUBIAS_SLOW=1 go test ./internal/recipe
func Slow(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv("CI") == "" && os.Getenv("OCCUBIAS_SLOW") == "" {
		tb.Skipf("slow (%s): set OCCUBIAS_SLOW=1 or CI to run it", why)
	}
}
