package main

import (
	"fmt"

	"github.com/occubias/occubias/analysis"

	"github.com/occubias/occubias"
	"github.com/spf13/cobra"
)

// readFlags are the reading options shared by every command that reads
// datasets.
type readFlags struct {
	format, container string
	skipBad           bool
	textFields        []string
	responseFields    []string
	labelFields       []string
	idField           string
}

func (f *readFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringVar(&f.format, "format", "auto", "record format: auto, "+formatNames())
	fl.StringVar(&f.container, "container", "", "container, detected when empty: json, jsonl, csv, tsv, parquet")
	fl.BoolVar(&f.skipBad, "skip-bad", false, "skip malformed records (counted and reported) instead of stopping at the first")
	fl.StringSliceVar(&f.textFields, "text-field", nil, "generic format: field(s) holding the user text")
	fl.StringSliceVar(&f.responseFields, "response-field", nil, "generic format: field(s) holding the response")
	fl.StringSliceVar(&f.labelFields, "label-field", nil, "generic format: field(s) copied as labels")
	fl.StringVar(&f.idField, "id-field", "", "generic format: field holding the record id")
}

func (f *readFlags) options() (occubias.ReadOptions, error) {
	format, err := occubias.ParseFormat(f.format)
	if err != nil {
		return occubias.ReadOptions{}, usageError{err}
	}
	container, err := occubias.ParseContainer(f.container)
	if err != nil {
		return occubias.ReadOptions{}, usageError{err}
	}
	o := occubias.ReadOptions{
		Format:         format,
		Container:      container,
		TextFields:     f.textFields,
		ResponseFields: f.responseFields,
		LabelFields:    f.labelFields,
		IDField:        f.idField,
	}
	if f.skipBad {
		o.Policy = occubias.SkipBad
	}
	if format == occubias.Generic && len(f.textFields) == 0 {
		return o, usageError{fmt.Errorf("--format generic needs --text-field")}
	}
	return o, nil
}

// datasets returns the reading options and the dataset arguments with
// fetched dataset names expanded to their files.
func (f *readFlags) datasets(args []string) (occubias.ReadOptions, []string, error) {
	opts, err := f.options()
	if err != nil {
		return opts, nil, err
	}
	args, err = datasetArgs(args)
	return opts, args, err
}

func formatNames() string {
	s := ""
	for i, f := range occubias.Formats() {
		if i > 0 {
			s += ", "
		}
		s += string(f)
	}
	return s
}

// openDataset opens path for reading, "-" meaning the command's standard input.
func openDataset(c *cobra.Command, path string, opts occubias.ReadOptions) (*occubias.Reader, error) {
	if path == "-" {
		return occubias.NewReader(c.InOrStdin(), "-", opts)
	}
	return occubias.Open(path, opts)
}

// analyzeArg analyses one dataset argument: standard input, a file, or a
// directory, pattern or fetched dataset name whose files are analysed
// together.
func analyzeArg(c *cobra.Command, arg string, o analysis.Options) (*analysis.Result, error) {
	if arg == "-" {
		r, err := occubias.NewReader(c.InOrStdin(), "-", o.Read)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return analysis.AnalyzeReader(r, o)
	}
	paths, err := datasetFiles(arg)
	if err != nil {
		return nil, err
	}
	return analysis.AnalyzeFiles(paths, o)
}
