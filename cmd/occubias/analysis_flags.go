package main

import (
	"fmt"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/analysis"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/stats"
	"github.com/occubias/occubias/taxonomy"
	"github.com/spf13/cobra"
)

// analysisFlags are the options of the commands that classify and measure
// datasets (analyze, plot): one set, so that both take the same ones.
type analysisFlags struct {
	model     modelFlag
	read      readFlags
	level     taxonomy.Level
	side      classify.Side
	threshold float64
	bootstrap stats.BootstrapOptions
	quiet     bool
}

func (f *analysisFlags) register(c *cobra.Command) {
	f.model.register(c)
	f.read.register(c)
	f.bootstrap.Method = stats.Percentile
	fl := c.Flags()
	fl.Var(levelValue{&f.level}, "level", "taxonomy level counted: group (SOC major group), occupation (O*NET-SOC) or category (OccuQuest's 26 Workable categories)")
	f.side = classify.UserSide
	fl.Var(sideValue{&f.side}, "side", "text classified: user (all user turns), first (first user turn), all")
	fl.Float64Var(&f.threshold, "threshold", 0, "leave examples unassigned below this group probability")
	fl.IntVar(&f.bootstrap.Resamples, "resamples", stats.DefaultResamples, "bootstrap resamples")
	fl.Float64Var(&f.bootstrap.Confidence, "confidence", 0.95, "confidence level of the intervals")
	fl.Uint64Var(&f.bootstrap.Seed, "seed", 1, "bootstrap seed")
	fl.Var(methodValue{&f.bootstrap.Method}, "ci-method", "interval method: percentile or bca")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr")
}

// options loads the model and returns the analysis options, with a
// progress counter on c's standard error that the caller ends with done.
func (f *analysisFlags) options(c *cobra.Command) (analysis.Options, *counter, error) {
	read, err := f.read.options()
	if err != nil {
		return analysis.Options{}, nil, err
	}
	m, err := f.model.load()
	if err != nil {
		return analysis.Options{}, nil, err
	}
	progress := newCounter(c.ErrOrStderr(), "classified", f.quiet)
	ctx := c.Context()
	return analysis.Options{
		Model: m, Level: f.level, Read: read, Bootstrap: f.bootstrap,
		Classify: classify.StreamOptions{Side: f.side, PredictOptions: classify.PredictOptions{Threshold: f.threshold}},
		OnPrediction: func(occubias.Example, classify.Prediction) error {
			progress.add(1)
			return ctx.Err()
		},
	}, progress, nil
}

// levelValue is a --level flag, parsed by taxonomy.ParseLevel.
type levelValue struct{ l *taxonomy.Level }

func (v levelValue) String() string {
	if v.l == nil {
		return taxonomy.Group.String()
	}
	return v.l.String()
}
func (v levelValue) Set(s string) error { return v.l.UnmarshalText([]byte(s)) }
func (v levelValue) Type() string       { return "level" }

// methodValue is a --ci-method flag: percentile or bca.
type methodValue struct{ m *stats.IntervalMethod }

func (v methodValue) String() string {
	if v.m == nil {
		return string(stats.Percentile)
	}
	return string(*v.m)
}

func (v methodValue) Set(s string) error {
	switch m := stats.IntervalMethod(strings.ToLower(s)); m {
	case stats.Percentile, stats.BCa:
		*v.m = m
		return nil
	}
	return fmt.Errorf("unknown interval method %q (percentile or bca)", s)
}

func (v methodValue) Type() string { return "method" }

// sideValue is a --side flag, parsed by classify.ParseSide.
type sideValue struct{ s *classify.Side }

func (v sideValue) String() string {
	if v.s == nil {
		return string(classify.UserSide)
	}
	return string(*v.s)
}

func (v sideValue) Set(s string) error {
	side, err := classify.ParseSide(s)
	if err == nil {
		*v.s = side
	}
	return err
}

func (v sideValue) Type() string { return "side" }
