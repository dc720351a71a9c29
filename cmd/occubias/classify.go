package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/spf13/cobra"
)

func newClassifyCommand() *cobra.Command {
	var (
		mf        modelFlag
		rf        readFlags
		out       string
		outFormat string
		asJSON    bool
		side      string
		threshold float64
		topK      int
	)
	c := &cobra.Command{
		Use:   "classify [flags] FILE...",
		Short: "Label every example with its occupation",
		Long: "classify reads datasets, classifies the user side of every example on all cores, and writes one\n" +
			"prediction per example (id, source, group, occupation code and title, probabilities) as CSV or JSONL.",
		Example: "  occubias classify dolly.jsonl -o dolly.predictions.csv\n" +
			"  cat x.jsonl | occubias classify - --json\n" +
			"  occubias classify --threshold 0.3 --top 3 --output-format jsonl sharegpt.json",
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts, err := rf.options()
			if err != nil {
				return err
			}
			if args, err = datasetArgs(args); err != nil {
				return err
			}
			if asJSON {
				outFormat = "jsonl"
			}
			if outFormat == "" {
				outFormat = "csv"
				if strings.HasSuffix(out, ".jsonl") || strings.HasSuffix(out, ".json") {
					outFormat = "jsonl"
				}
			}
			if outFormat != "csv" && outFormat != "jsonl" {
				return usageError{fmt.Errorf("--output-format %q: csv or jsonl", outFormat)}
			}
			m, err := mf.load()
			if err != nil {
				return err
			}
			var w io.Writer = c.OutOrStdout()
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			defer bw.Flush()
			write := predictionWriter(bw, outFormat, topK > 1)
			so := classify.StreamOptions{Side: classify.Side(side), PredictOptions: classify.PredictOptions{Threshold: threshold, TopK: topK}}
			for _, path := range args {
				r, err := openDataset(c, path, opts)
				if err != nil {
					return err
				}
				err = m.ClassifyStream(r, so, write)
				r.Close()
				if err != nil {
					return err
				}
			}
			return bw.Flush()
		},
	}
	mf.register(c)
	rf.register(c)
	c.Flags().StringVarP(&out, "output", "o", "-", "file to write, - for standard output")
	c.Flags().StringVar(&outFormat, "output-format", "", "csv or jsonl (default: from the -o extension, else csv)")
	c.Flags().BoolVar(&asJSON, "json", false, "write JSONL (same as --output-format jsonl)")
	c.Flags().StringVar(&side, "side", "user", "text classified: user (all user turns), first (first user turn), all")
	c.Flags().Float64Var(&threshold, "threshold", 0, "abstain (unassigned) below this group probability")
	c.Flags().IntVar(&topK, "top", 1, "also list the top K classes per level (JSONL)")
	return c
}

// predictionRecord is one line of classify's output.
type predictionRecord struct {
	ID              string            `json:"id"`
	Source          string            `json:"source"`
	Group           string            `json:"group"`
	GroupTitle      string            `json:"group_title"`
	GroupProb       float64           `json:"group_prob"`
	Occupation      string            `json:"occupation"`
	OccupationTitle string            `json:"occupation_title"`
	OccupationProb  float64           `json:"occupation_prob"`
	Unassigned      bool              `json:"unassigned"`
	TopGroups       []classify.Scored `json:"top_groups,omitempty"`
	TopOccupations  []classify.Scored `json:"top_occupations,omitempty"`
}

func predictionWriter(w io.Writer, format string, withTop bool) func(occubias.Example, classify.Prediction) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		return func(ex occubias.Example, p classify.Prediction) error {
			rec := predictionRecord{ex.ID, ex.Source, p.Group.Code, p.Group.Title, p.Group.Prob,
				p.Occupation.Code, p.Occupation.Title, p.Occupation.Prob, p.Unassigned, nil, nil}
			if withTop {
				rec.TopGroups, rec.TopOccupations = p.TopGroups, p.TopOccupations
			}
			return enc.Encode(rec)
		}
	}
	cw := csv.NewWriter(w)
	header := false
	return func(ex occubias.Example, p classify.Prediction) error {
		if !header {
			header = true
			cw.Write([]string{"id", "source", "group", "group_title", "group_prob", "occupation", "occupation_title", "occupation_prob", "unassigned"})
		}
		cw.Write([]string{ex.ID, ex.Source, p.Group.Code, p.Group.Title, fmtProb(p.Group.Prob),
			p.Occupation.Code, p.Occupation.Title, fmtProb(p.Occupation.Prob), strconv.FormatBool(p.Unassigned)})
		cw.Flush()
		return cw.Error()
	}
}

func fmtProb(p float64) string { return strconv.FormatFloat(p, 'f', 4, 64) }
