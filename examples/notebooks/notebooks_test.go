// Package notebooks_test executes the notebooks of this directory.
package notebooks_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/occubias/occubias/internal/testenv"
)

// TestNotebooks runs run.sh, which executes every notebook headless under
// the GoNB kernel and checks that each produced images. It takes half a
// minute, so it runs when CI or OCCUBIAS_SLOW is set; in CI the script
// installs what it needs, elsewhere Jupyter must be installed.
func TestNotebooks(t *testing.T) {
	testenv.Slow(t, "executes every notebook under the GoNB kernel")
	if os.Getenv("CI") == "" {
		if _, err := exec.LookPath("jupyter-nbconvert"); err != nil {
			t.Skip("jupyter-nbconvert not installed (CI installs it through run.sh)")
		}
	}
	cmd := exec.Command("bash", "run.sh", t.TempDir())
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("run.sh: %v", err)
	}
}
