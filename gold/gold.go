// Package gold reads gold label files: instructions labelled with the
// O*NET-SOC occupation they serve, the format that package train learns
// from and package eval measures on.
package gold

import (
	"fmt"
	"strconv"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/taxonomy"
)

// Example is one labelled instruction of a gold file: JSONL with fields
// text, major (SOC major group, or "none"), code (O*NET-SOC code, or
// "none") and title, and optionally how the item was chosen (sample:
// "random" or "rare-enriched") or, for generated requests, the
// responsibility and topic they were written from.
type Example struct {
	ID             string `json:"id"`
	Source         string `json:"source"`
	Text           string `json:"text"`
	Major          string `json:"major"`
	Code           string `json:"code"`
	Title          string `json:"title"`
	Sample         string `json:"sample,omitempty"`
	Responsibility string `json:"responsibility,omitempty"`
	Topic          string `json:"topic,omitempty"`
	// Confidence is the annotator's, 1 (a guess among fields) to 3
	// (obvious); 0 when the file does not say.
	Confidence int `json:"confidence,omitempty"`
	// Model and PromptSHA256 say who labelled the text and with what
	// instructions (occubias annotate). Agreement, with two annotators, is
	// AB when they agreed, AC or BC when a third sided with one, C when
	// with neither, "disagree" when no third was asked (CodeB is then the
	// second annotator's code).
	Model        string `json:"model,omitempty"`
	PromptSHA256 string `json:"prompt_sha256,omitempty"`
	Agreement    string `json:"agreement,omitempty"`
	CodeB        string `json:"code_b,omitempty"`
}

// Read reads a gold JSONL file (gzip or zstd allowed). The gold format is
// fixed, so the format and field options of opts are ignored; its Policy,
// MaxRecordBytes and KeepErrors apply, as to every other input.
func Read(path string, opts occubias.ReadOptions) ([]Example, error) {
	opts.Format = occubias.Generic
	opts.Container = ""
	opts.TextFields = []string{"text"}
	opts.ResponseFields = nil
	opts.LabelFields = []string{"major", "code", "title", "source", "sample", "responsibility", "topic", "confidence"}
	opts.IDField = "id"
	exs, _, err := occubias.ReadAll(path, opts)
	if err != nil {
		return nil, err
	}
	out := make([]Example, len(exs))
	for i, ex := range exs {
		out[i] = Example{ID: ex.ID, Source: ex.Label("source"), Text: ex.Prompt(),
			Major: ex.Label("major"), Code: ex.Label("code"), Title: ex.Label("title"),
			Sample: ex.Label("sample"), Responsibility: ex.Label("responsibility"), Topic: ex.Label("topic")}
		if c := ex.Label("confidence"); c != "" {
			if out[i].Confidence, err = strconv.Atoi(c); err != nil || out[i].Confidence < 0 {
				return out[:i], fmt.Errorf("%s: record %d: confidence %q is not a count", path, i, c)
			}
		}
		if out[i].Major == "" && out[i].Code != "" && out[i].Code != "none" {
			out[i].Major = taxonomy.MajorGroupOf(out[i].Code)
		}
	}
	return out, nil
}
