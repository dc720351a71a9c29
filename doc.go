// Package occubias measures occupational bias in instruction-tuning data.
//
// It answers one question about a supervised fine-tuning mix: which
// professions does this data serve, and which does it leave out? The work
// flows through four stages, each in its own package:
//
//   - Reading (this package): every published instruction format — Dolly,
//     ShareGPT, WizardLM, OccuQuest, Alpaca, chat "messages", MT-Bench, and
//     generic JSON, JSONL, CSV/TSV or Parquet with chosen fields, plain or
//     gzip/zstd compressed — is streamed into one [Example] type, one record
//     at a time, with memory that does not grow with the file. The format is
//     detected from the content; [ReadOptions.Format] overrides it.
//   - Classifying (package classify): each example's user side is labelled
//     with an SOC major group and an O*NET-SOC occupation.
//   - Measuring (package stats): entropy, Gini, coverage and divergence from
//     a reference such as the workforce, with bootstrap intervals.
//   - Drawing (package plot): the figures of the OccuQuest paper for any data.
//
// Package analysis runs the whole pipeline on a dataset, package
// predictions writes per-example predictions (CSV, JSONL, Parquet, Arrow),
// package hub fetches well-known datasets from the Hugging Face hub, and
// cmd/occubias is the command line over all of them.
//
// Reading a dataset:
//
//	r, err := occubias.Open("dolly.jsonl", occubias.ReadOptions{})
//	if err != nil { ... }
//	defer r.Close()
//	for r.Next() {
//		ex := r.Example()
//		fmt.Println(ex.ID, ex.Prompt())
//	}
//	if err := r.Err(); err != nil { ... } // names the file and line, offset or row
//
// Malformed input never panics. Under the default [Strict] policy reading
// stops at the first bad record, keeping every example read before it; under
// [SkipBad] bad records are counted and the first few errors kept in
// [ReadStats].
package occubias
