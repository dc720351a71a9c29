package main

import (
	"fmt"
	"strings"

	"github.com/occubias/occubias/taxonomy"
	"github.com/spf13/cobra"
)

func newTaxonomyCommand() *cobra.Command {
	var (
		mf       modelFlag
		level    taxonomy.Level
		group    string
		category string
		asJSON   bool
		builtin  bool
	)
	c := &cobra.Command{
		Use:   "taxonomy [flags]",
		Short: "List the groups or occupations of a model's taxonomy",
		Example: "  occubias taxonomy                      # the 23 SOC major groups\n" +
			"  occubias taxonomy --level occupation --group 29\n" +
			"  occubias taxonomy --level category               # OccuQuest's 26 Workable categories\n" +
			"  occubias taxonomy --level occupation --category Legal\n" +
			"  occubias taxonomy --model occuquest.occubias --json",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			tax := taxonomy.SOC()
			if !builtin {
				m, err := mf.load()
				if err != nil {
					return err
				}
				tax = m.Taxonomy()
			}
			var rows []taxonomy.Class
			for _, cat := range tax.Classes(level) {
				inGroup := group == "" || cat.Parent == group || level == taxonomy.Group && cat.Code == group
				inCategory := category == "" || cat.Category == category || level == taxonomy.Category && cat.Code == category
				if inGroup && inCategory {
					rows = append(rows, cat)
				}
			}
			w := c.OutOrStdout()
			if asJSON {
				return printJSON(w, rows)
			}
			for _, r := range rows {
				fmt.Fprintf(w, "%s\t%s\n", r.Code, strings.TrimSpace(r.Title))
			}
			return nil
		},
	}
	mf.register(c)
	c.Flags().Var(levelValue{&level}, "level", "group, occupation or category")
	c.Flags().StringVar(&group, "group", "", "only the occupations of this group")
	c.Flags().StringVar(&category, "category", "", "only the occupations of this category")
	c.Flags().BoolVar(&builtin, "builtin", false, "the built-in SOC taxonomy, without loading a model")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}
