package occubias

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// datasetExtensions are the names DatasetFiles takes from a directory,
// each also with .gz or .zst after it.
var datasetExtensions = []string{".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".parquet"}

// IsDatasetFile reports whether name ends as a dataset file does: .json,
// .jsonl, .ndjson, .csv, .tsv or .parquet, optionally compressed (.gz,
// .zst).
func IsDatasetFile(name string) bool {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".zst")
	return slices.Contains(datasetExtensions, filepath.Ext(name))
}

// DatasetFiles expands one dataset argument into the files that make up
// the dataset, read as one source: a file is itself; a directory is every
// dataset file below it (IsDatasetFile, hidden ones left out), sorted by
// path, so that a Hugging Face dataset folder reads its shards
// (data/train-00000-of-00004.parquet, ...) in order; a pattern with *, ?
// or [ is the sorted files it matches, directories expanded the same way.
// "-" (standard input) is itself. A directory or pattern with no dataset
// file is an error (ErrNoDataset) that says so.
func DatasetFiles(arg string) ([]string, error) {
	if arg == "-" {
		return []string{arg}, nil
	}
	var roots []string
	if strings.ContainsAny(arg, "*?[") {
		m, err := filepath.Glob(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		roots = m
	} else {
		if _, err := os.Stat(arg); err != nil {
			return nil, err
		}
		roots = []string{arg}
	}
	var out []string
	for _, root := range roots {
		st, err := os.Stat(root)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, root)
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			hidden := path != root && strings.HasPrefix(d.Name(), ".")
			if d.IsDir() {
				if hidden {
					return filepath.SkipDir
				}
				return nil
			}
			if !hidden && IsDatasetFile(d.Name()) && d.Type().IsRegular() {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", arg, ErrNoDataset)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
