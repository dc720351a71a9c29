// Package repo finds the repository root, so that the example programs
// find the fixtures in testdata/ from any folder inside the repository.
package repo

import (
	"os"
	"path/filepath"
)

// Root returns the nearest folder above the working directory (or the
// working directory itself) that holds go.mod, or the working directory
// when there is none.
func Root() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
