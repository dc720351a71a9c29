package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/annotate"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/internal/hub"
	"github.com/spf13/cobra"
)

func newAnnotateCommand() *cobra.Command {
	var (
		rf              readFlags
		models          []string
		judge           string
		o               annotate.Options
		promptFile, out string
		sample          int
		seed            uint64
		dryRun, quiet   bool
		noCache         bool
	)
	c := &cobra.Command{
		Use:   "annotate --model M [flags] FILE... -o GOLD.jsonl",
		Short: "Label a sample of examples with their occupation by asking a language model",
		Long: "annotate asks a language model behind an OpenAI-compatible chat completions API (hosted, vLLM,\n" +
			"llama.cpp's server, Ollama) for the O*NET-SOC occupation of each example's user side, the way the\n" +
			"gold labels of the default model were made, and writes gold JSONL that eval and train read.\n" +
			"--sample N draws N examples stratified by file. Answers are checked against the taxonomy (a bad\n" +
			"one is sent back once with what is wrong, then recorded as unassigned) and cached by model, prompt\n" +
			"and text under the occubias cache, so a rerun resumes without paying twice. With --models A,B two\n" +
			"annotators label every text; --judge C settles their disagreements.\n" +
			"Base URL and key: --base-url and --api-key, or OPENAI_BASE_URL and OPENAI_API_KEY.",
		Example: "  occubias annotate --model gpt-4o-mini --sample 2000 mydata.jsonl -o mine.gold.jsonl\n" +
			"  occubias annotate --models llama3.1:70b,qwen2.5:72b --judge gpt-4o --base-url http://localhost:11434/v1 data/ -o gold.jsonl\n" +
			"  occubias annotate --model gpt-4o-mini --sample 2000 --dry-run mydata.jsonl",
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if o.Model != "" {
				models = append([]string{o.Model}, models...)
			}
			if len(models) == 0 || len(models) > 2 {
				return usageError{fmt.Errorf("--model M, or --models A,B")}
			}
			if judge != "" && len(models) != 2 {
				return usageError{fmt.Errorf("--judge needs two annotators (--models A,B)")}
			}
			if out == "" && !dryRun {
				return usageError{fmt.Errorf("-o GOLD.jsonl is required")}
			}
			if promptFile != "" {
				b, err := os.ReadFile(promptFile)
				if err != nil {
					return usageError{err}
				}
				o.Prompt = string(b)
			}
			if !noCache {
				o.CacheDir = filepath.Join(hub.NewClient().Cache, "annotate")
			}
			read, files, err := rf.datasets(args)
			if err != nil {
				return err
			}
			exs, err := sampleExamples(files, read, sample, seed)
			if err != nil {
				return err
			}
			texts := make([]string, len(exs))
			for i, ex := range exs {
				texts[i] = ex.Prompt()
			}
			o.Model = models[0]
			first, err := annotate.New(o)
			if err != nil {
				return usageError{err}
			}
			w := c.OutOrStdout()
			if dryRun {
				return printDryRun(w, models[0], first, texts, len(models)+boolInt(judge != ""))
			}
			ctx := c.Context()
			progress := newCounter(c.ErrOrStderr(), "annotated", quiet)
			var current atomic.Pointer[annotate.Annotator]
			current.Store(first)
			if progress != nil {
				progress.detail = func() string {
					st := current.Load().Stats()
					return fmt.Sprintf("%s: %d requests, %d tokens, %d retries, %d cached", current.Load().Model(), st.Requests, st.Tokens, st.Retries, st.Cached)
				}
			}
			answers, runErr := first.Annotate(ctx, texts, func(int, annotate.Stats) { progress.add(1) })
			var second []annotate.Answer
			var b *annotate.Annotator
			if runErr == nil && len(models) == 2 {
				o.Model = models[1]
				if b, err = annotate.New(o); err != nil {
					return err
				}
				current.Store(b)
				second, runErr = b.Annotate(ctx, texts, func(int, annotate.Stats) { progress.add(1) })
			}
			var judged map[int]annotate.Answer
			if runErr == nil && judge != "" {
				var idx []int
				var disputed []string
				for i := range answers {
					if answers[i].Code != second[i].Code {
						idx = append(idx, i)
						disputed = append(disputed, texts[i])
					}
				}
				o.Model = judge
				j, err := annotate.New(o)
				if err != nil {
					return err
				}
				current.Store(j)
				js, err := j.Annotate(ctx, disputed, func(int, annotate.Stats) { progress.add(1) })
				runErr = err
				judged = map[int]annotate.Answer{}
				for k, i := range idx {
					judged[i] = js[k]
				}
			}
			progress.done()
			n, invalid, unassigned, err := writeGold(out, exs, answers, second, judged)
			if err != nil {
				return err
			}
			st := first.Stats()
			fmt.Fprintf(w, "%d examples labelled by %s -> %s; %d requests, %d tokens, %d retries, %d from the cache\n",
				n, strings.Join(models, " and "), out, st.Requests, st.Tokens, st.Retries, st.Cached)
			if invalid > 0 {
				fmt.Fprintf(w, "%d answers were not in the taxonomy or not well-formed; %d texts left unassigned after one retry\n", invalid, unassigned)
			}
			if second != nil {
				printAgreement(w, answers, second)
			}
			return runErr
		},
	}
	rf.register(c)
	fl := c.Flags()
	fl.StringVar(&o.Model, "model", "", "model name")
	fl.StringSliceVar(&models, "models", nil, "two annotator models, A,B")
	fl.StringVar(&judge, "judge", "", "third model that settles the two annotators' disagreements")
	fl.StringVar(&o.BaseURL, "base-url", "", "API base URL (default $OPENAI_BASE_URL), such as http://localhost:8000/v1")
	fl.StringVar(&o.APIKey, "api-key", "", "API key (default $OPENAI_API_KEY)")
	fl.StringVar(&promptFile, "prompt", "", "file holding the system prompt (default: the built-in rubric with the taxonomy)")
	fl.IntVar(&sample, "sample", 0, "examples to label, stratified by file (0: all)")
	fl.Uint64Var(&seed, "seed", 1, "sampling seed")
	fl.IntVar(&o.Concurrency, "concurrency", 4, "requests in flight")
	fl.Int64Var(&o.MaxRequests, "max-requests", 0, "stop after this many requests (0: no limit)")
	fl.Int64Var(&o.MaxTokens, "max-tokens", 0, "stop after this many tokens (0: no limit)")
	fl.BoolVar(&dryRun, "dry-run", false, "print the first request and a cost estimate, send nothing")
	fl.BoolVar(&noCache, "no-cache", false, "neither read nor write the answer cache")
	fl.BoolVarP(&quiet, "quiet", "q", false, "no progress on stderr")
	fl.StringVarP(&out, "output", "o", "", "gold JSONL file to write")
	return c
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sampleExamples reads files and keeps a stratified sample of n (all when
// n is 0). It reads twice, counting then keeping, so that only the sample
// is held in memory.
func sampleExamples(files []string, read occubias.ReadOptions, n int, seed uint64) ([]occubias.Example, error) {
	sizes := make([]int, len(files))
	for g, f := range files {
		err := eachExample(f, read, func(occubias.Example) { sizes[g]++ })
		if err != nil {
			return nil, err
		}
	}
	if n <= 0 {
		n = 1 << 62
	}
	var out []occubias.Example
	for g, idx := range annotate.Sample(sizes, n, seed) {
		i, next := 0, 0
		err := eachExample(files[g], read, func(ex occubias.Example) {
			if next < len(idx) && i == idx[next] {
				out = append(out, ex)
				next++
			}
			i++
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// eachExample calls fn with every example of path.
func eachExample(path string, read occubias.ReadOptions, fn func(occubias.Example)) error {
	r, err := occubias.Open(path, read)
	if err != nil {
		return err
	}
	defer r.Close()
	for r.Next() {
		fn(r.Example())
	}
	return r.Err()
}

func printDryRun(w io.Writer, model string, a *annotate.Annotator, texts []string, annotators int) error {
	if len(texts) == 0 {
		return fmt.Errorf("no example to label")
	}
	req := map[string]any{"model": model, "temperature": 0, "messages": []map[string]string{
		{"role": "system", "content": a.Prompt()}, {"role": "user", "content": texts[0]}}}
	fmt.Fprintf(w, "POST %s\n", a.Endpoint())
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(req); err != nil {
		return err
	}
	var tokens int64
	for _, t := range texts {
		tokens += annotate.EstimateTokens(a.Prompt()) + annotate.EstimateTokens(t) + 12
	}
	fmt.Fprintf(w, "%d texts, about %d input tokens per annotator (bytes/4), %d in all for %d model(s); each answer is a few tokens\n",
		len(texts), tokens, tokens*int64(annotators), annotators)
	return nil
}

// writeGold writes the gold JSONL and counts the bad answers.
func writeGold(path string, exs []occubias.Example, a, b []annotate.Answer, judged map[int]annotate.Answer) (n, invalid, unassigned int, err error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, 0, err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, ans := range a {
		if ans.Model == "" { // not answered (the run was stopped)
			continue
		}
		invalid += len(ans.Invalid)
		if ans.Code == "" {
			unassigned++
		}
		rec := gold.Example{ID: exs[i].ID, Source: exs[i].Source, Text: ans.Text, Code: ans.Code, Major: ans.Major, Title: ans.Title,
			Confidence: ans.Confidence, Model: ans.Model, PromptSHA256: ans.PromptSHA256}
		if b != nil && b[i].Model != "" {
			switch j, ok := judged[i]; {
			case ans.Code == b[i].Code:
				rec.Agreement = "AB"
			case ok && j.Code == ans.Code:
				rec.Agreement = "AC"
			case ok && j.Code == b[i].Code:
				rec.Agreement, rec.Code, rec.Major, rec.Title, rec.Confidence, rec.Model = "BC", j.Code, j.Major, j.Title, j.Confidence, j.Model
			case ok:
				rec.Agreement, rec.Code, rec.Major, rec.Title, rec.Confidence, rec.Model = "C", j.Code, j.Major, j.Title, j.Confidence, j.Model
			default:
				rec.Agreement, rec.CodeB = "disagree", b[i].Code
			}
		}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return n, invalid, unassigned, err
		}
		n++
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return n, invalid, unassigned, err
	}
	return n, invalid, unassigned, f.Close()
}

func printAgreement(w io.Writer, a, b []annotate.Answer) {
	var n, group, occ int
	for i := range a {
		if a[i].Model == "" || b[i].Model == "" {
			continue
		}
		n++
		if a[i].Major == b[i].Major {
			group++
		}
		if a[i].Code == b[i].Code {
			occ++
		}
	}
	if n > 0 {
		fmt.Fprintf(w, "the two annotators agree on the group of %d of %d texts (%.1f%%) and on the occupation of %d (%.1f%%)\n",
			group, n, 100*float64(group)/float64(n), occ, 100*float64(occ)/float64(n))
	}
}
