// Package notebooks_test executes the notebooks of this directory.
package notebooks_test

import (
	"os"
	"os/exec"
	"testing"
)

// TestNotebooks runs run.sh, which executes every notebook headless under
// the GoNB kernel and checks that each produced images. Outside CI it runs
// only where Jupyter is installed; in CI the script installs what it needs.
func TestNotebooks(t *testing.T) {
	if os.Getenv("CI") == "" {
		if _, err := exec.LookPath("jupyter-nbconvert"); err != nil {
			t.Skip("jupyter-nbconvert not installed (CI installs it through run.sh)")
		}
	}
	if testing.Short() && os.Getenv("CI") == "" {
		t.Skip("executes the notebooks")
	}
	cmd := exec.Command("bash", "run.sh", t.TempDir())
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("run.sh: %v", err)
	}
}
