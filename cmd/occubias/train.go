package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/occubias/occubias/internal/recipe"
	"github.com/occubias/occubias/taxonomy"
	"github.com/occubias/occubias/train"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newTrainCommand() *cobra.Command {
	var (
		shared, out          string
		gold, datasets       []string
		onet                 string
		onetW                train.ONETOptions
		groupLabel, occLabel string
		fromLabels, asJSON   bool
		quiet                bool
		export               string
		unlabeled, exclude   []string
		st                   = train.DefaultSelfTraining()
		rf                   readFlags
		o                    = train.DefaultOptions()
	)
	c := &cobra.Command{
		Use:   "train [flags] -o MODEL",
		Short: "Train an occupation classifier",
		Long: "train fits a model on labelled examples: gold JSONL files (text, major, code), O*NET\n" +
			"text files (titles, descriptions, task statements, alternate titles), and any dataset\n" +
			"with label fields. With --unlabeled datasets it trains twice: the first model labels their\n" +
			"prompts, and the confident ones join the training data with their group (self-training).\n" +
			"With --default it trains the library's default model from the shared data.\n" +
			"Training is deterministic for a given --seed.",
		Example: "  # the embedded default model\n" +
			"  occubias train --default ../shared -o classify/model/default.occubias\n" +
			"  # a 26-category model from OccuQuest's own labels\n" +
			"  occubias train --data occuquest/train.parquet --group-label category --occupation-label occupation --from-labels -o occuquest.occubias\n" +
			"  # gold files, the second weighted twice, plus O*NET text\n" +
			"  occubias train --gold mine.jsonl --gold more.jsonl:2 --onet db_29_0_text -o mine.occubias\n" +
			"  # adapt the default recipe to the prompts of the dataset you audit\n" +
			"  occubias train --default ../shared --unlabeled mydata.jsonl -o adapted.occubias",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if out == "" && export == "" {
				return usageError{fmt.Errorf("-o MODEL is required")}
			}
			var spec train.Spec
			if shared != "" {
				spec = recipe.Default(shared)
			}
			spec.Gold = append(spec.Gold, gold...)
			if onet != "" {
				spec.ONET, spec.ONETWeights = onet, onetW
			}
			spec.Datasets, spec.GroupLabel, spec.OccupationLabel, spec.FromLabels = datasets, groupLabel, occLabel, fromLabels
			spec.Unlabeled = append(spec.Unlabeled, unlabeled...)
			spec.Exclude = append(spec.Exclude, exclude...)
			spec.SelfTrain = st
			ro, err := rf.options()
			if err != nil {
				return err
			}
			spec.Read = ro
			// The recipe's options are DefaultOptions, which are also the
			// flags' defaults: the flags always decide.
			spec.Options = o
			spec.Options.Command = "occubias " + joinArgs(c)
			if len(spec.Gold) == 0 && spec.ONET == "" && len(spec.Datasets) == 0 {
				return usageError{fmt.Errorf("no training data: give --default, --gold, --onet or --data")}
			}
			if export != "" {
				return exportExamples(spec, export)
			}
			if !quiet && isTerminal(c.ErrOrStderr()) {
				var mu sync.Mutex
				done := [2]int{}
				spec.Options.Progress = func(l taxonomy.Level, epoch, epochs int) {
					mu.Lock()
					defer mu.Unlock()
					done[l] = epoch
					fmt.Fprintf(c.ErrOrStderr(), "\rtraining: group head epoch %d/%d, occupation head epoch %d/%d", done[0], epochs, done[1], epochs)
					if done[0] == epochs && done[1] == epochs {
						fmt.Fprintln(c.ErrOrStderr())
					}
				}
			}
			m, rep, err := spec.Train()
			if err != nil {
				return err
			}
			if err := m.Save(out); err != nil {
				return err
			}
			w := c.OutOrStdout()
			if asJSON {
				return printJSON(w, rep)
			}
			fmt.Fprintf(w, "trained on %d examples (%d held out), %d features, %d+%d weights -> %s\n",
				rep.Examples, rep.Validation, rep.Features, rep.Weights[0], rep.Weights[1], out)
			if n := rep.Sources[train.SelfTrainingSource]; n > 0 {
				fmt.Fprintf(w, "self-training: %d unlabelled texts pseudo-labelled\n", n)
			}
			for k, v := range rep.Accuracy {
				fmt.Fprintf(w, "validation %s accuracy %.3f\n", k, v)
			}
			return nil
		},
	}
	fl := c.Flags()
	fl.StringVarP(&out, "output", "o", "", "model file to write")
	fl.StringVar(&shared, "default", "", "train the default model's recipe from this shared data directory")
	fl.StringArrayVar(&gold, "gold", nil, "gold JSONL file (text, major, code), optionally FILE:WEIGHT; repeatable")
	fl.StringVar(&onet, "onet", "", "directory of O*NET files (official .txt release or CSV exports)")
	fl.Float64Var(&onetW.Titles, "onet-titles", 1, "weight of O*NET titles")
	fl.Float64Var(&onetW.Descriptions, "onet-descriptions", 1, "weight of O*NET descriptions")
	fl.Float64Var(&onetW.Tasks, "onet-tasks", 1, "weight of O*NET task statements")
	fl.Float64Var(&onetW.AlternateTitles, "onet-alternate-titles", 0.5, "weight of O*NET alternate titles")
	fl.StringArrayVar(&datasets, "data", nil, "dataset with label fields; repeatable")
	fl.StringVar(&groupLabel, "group-label", "category", "label field of --data holding the group")
	fl.StringVar(&occLabel, "occupation-label", "occupation", "label field of --data holding the occupation")
	fl.BoolVar(&fromLabels, "from-labels", false, "build the taxonomy from the --data labels instead of SOC")
	fl.StringArrayVar(&unlabeled, "unlabeled", nil, "dataset whose prompts, unlabelled, are used for self-training; repeatable")
	fl.StringArrayVar(&exclude, "exclude", nil, "gold file whose texts are kept out of the --unlabeled ones; repeatable")
	fl.Float64Var(&st.MinProb, "self-train-min-prob", st.MinProb, "group probability a pseudo-label needs")
	fl.Float64Var(&st.Weight, "self-train-weight", st.Weight, "weight of a pseudo-labelled example")
	fl.IntVar(&o.Epochs, "epochs", o.Epochs, "passes over the training data")
	fl.Float64Var(&o.LearningRate, "lr", o.LearningRate, "initial learning rate")
	fl.Uint64Var(&o.Seed, "seed", o.Seed, "random seed")
	fl.Float64Var(&o.Validation, "validation", o.Validation, "fraction held out for validation")
	fl.IntVar(&o.MinCount, "min-count", o.MinCount, "drop features seen in fewer training texts")
	fl.IntVar(&o.MaxWeights, "max-weights", o.MaxWeights, "weights kept per level (0: all)")
	fl.Float64Var(&o.Mix, "mix", o.Mix, "weight of the group head in group probabilities")
	fl.BoolVar(&asJSON, "json", false, "print the training report as JSON")
	fl.BoolVarP(&quiet, "quiet", "q", false, "no progress on stderr")
	fl.StringVar(&export, "export", "", "write the training examples as JSONL to this file instead of training")
	rf.register(c)
	return c
}

func joinArgs(c *cobra.Command) string {
	s := c.Name()
	c.Flags().Visit(func(f *pflag.Flag) {
		s += " --" + f.Name + "=" + f.Value.String()
	})
	return s
}

func exportExamples(spec train.Spec, path string) error {
	recs, err := spec.Export()
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
