package examples_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExamplesRun runs every example program from the repository root, as
// a user following its README would, and checks what it prints or writes.
func TestExamplesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every example")
	}
	out := t.TempDir()
	cases := []struct {
		args  []string
		want  []string // in the combined output
		files []string // written under out
	}{
		{[]string{"./examples/read", "testdata/occuquest_dialog.parquet"}, []string{"occuquest in parquet, 2 read, 0 skipped"}, nil},
		{[]string{"./examples/classify"}, []string{"Dental Hygienists"}, nil},
		{[]string{"./examples/measure"}, []string{"normalized entropy", "JS distance from the US workforce"}, nil},
		{[]string{"./examples/trainoccuquest"}, []string{"10 categories", "Healthcare Services"}, nil},
		{[]string{"./examples/rebalance"}, []string{"weight", "OccuQuest", "divergence of the even spread from the mix"}, nil},
		{[]string{"./examples/paperfigure", "-o", out, "-resamples", "100"}, []string{"OccuQuest", "| Dolly |"},
			[]string{"distribution.png", "top.svg", "lorenz.png", "coverage.png", "representation.png", "summary.png", "measures.md"}},
	}
	for _, c := range cases {
		t.Run(c.args[0], func(t *testing.T) {
			cmd := exec.Command("go", append([]string{"run"}, c.args...)...)
			cmd.Dir = ".."
			b, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %v\n%s", c.args, err, b)
			}
			for _, w := range c.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("output lacks %q:\n%s", w, b)
				}
			}
			for _, f := range c.files {
				if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
					t.Errorf("%s not written: %v", f, err)
				}
			}
		})
	}
	// The plot example writes into its working directory.
	bin := filepath.Join(out, "plotexample")
	build := exec.Command("go", "build", "-o", bin, "./examples/plot")
	build.Dir = ".."
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the plot example: %v\n%s", err, b)
	}
	cmd := exec.Command(bin)
	cmd.Dir = out
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("plot example: %v\n%s", err, b)
	}
	for _, f := range []string{"lorenz.png", "distribution.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}
