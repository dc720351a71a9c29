package train

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/taxonomy"
)

// GoldLabeled turns gold examples into training examples of the given
// weight, leaving out those labelled "none"; a weight of 0 or less leaves
// them all out, as it does for the kinds of O*NET text.
func GoldLabeled(examples []gold.Example, source string, weight float64) []Labeled {
	var out []Labeled
	if weight <= 0 {
		return nil
	}
	for _, g := range examples {
		if g.Major == "none" || g.Major == "" {
			continue
		}
		code := g.Code
		if code == "none" {
			code = ""
		}
		out = append(out, Labeled{Text: g.Text, Group: g.Major, Occupation: code, Weight: weight, Source: source})
	}
	return out
}

// DatasetLabeled reads labelled examples from any dataset occubias reads:
// the user side of each example is the text, and the named labels its
// group and occupation (for OccuQuest, "category" and "occupation").
func DatasetLabeled(path string, opts occubias.ReadOptions, groupLabel, occupationLabel string) ([]Labeled, error) {
	r, err := occubias.Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []Labeled
	for r.Next() {
		ex := r.Example()
		out = append(out, Labeled{Text: ex.Prompt(), Group: ex.Label(groupLabel), Occupation: ex.Label(occupationLabel), Source: filepath.Base(path)})
	}
	return out, r.Err()
}

// ONETOptions chooses which O*NET texts become training examples and how
// much each kind weighs.
type ONETOptions struct {
	Titles, Descriptions, Tasks, AlternateTitles float64
}

// ReadONET reads O*NET occupation texts from dir and returns one example
// per title, description, task statement and alternate title, labelled
// with its O*NET-SOC code and weighted by opts (a zero weight leaves that
// kind out). It reads both O*NET's official tab-separated release files
// ("Occupation Data.txt", "Task Statements.txt", "Alternate Titles.txt")
// and CSV exports of them (occupation_data.csv, task_statements.csv,
// alternate_titles*.csv, where the alternate titles may be aggregated into
// one Python-list cell per occupation).
func ReadONET(dir string, opts ONETOptions) ([]Labeled, error) {
	var out []Labeled
	add := func(code, text, source string, w float64) {
		if w > 0 && strings.TrimSpace(text) != "" {
			out = append(out, Labeled{Text: text, Occupation: code, Group: taxonomy.MajorGroupOf(code), Weight: w, Source: source})
		}
	}
	occ := findFile(dir, "Occupation Data.txt", "occupation_data.csv")
	if occ == "" {
		return nil, fmt.Errorf("%s: no O*NET occupation data (Occupation Data.txt or occupation_data.csv)", dir)
	}
	err := occubias.ReadTable(occ, func(row map[string]string) error {
		add(row["O*NET-SOC Code"], row["Title"], "onet-title", opts.Titles)
		add(row["O*NET-SOC Code"], row["Description"], "onet-description", opts.Descriptions)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if tasks := findFile(dir, "Task Statements.txt", "task_statements.csv"); tasks != "" && opts.Tasks > 0 {
		err := occubias.ReadTable(tasks, func(row map[string]string) error {
			text, ok := row["Task"]
			if !ok {
				text = row["Task Title"]
			}
			add(row["O*NET-SOC Code"], text, "onet-task", opts.Tasks)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if alt := findFile(dir, "Alternate Titles.txt", "alternate_titles.csv", "alternate_titles_aggregated.csv"); alt != "" && opts.AlternateTitles > 0 {
		err := occubias.ReadTable(alt, func(row map[string]string) error {
			cell := row["Alternate Title"]
			if strings.HasPrefix(strings.TrimSpace(cell), "[") {
				titles, err := parsePyList(cell)
				if err != nil {
					return err
				}
				for _, t := range titles {
					add(row["O*NET-SOC Code"], t, "onet-alternate-title", opts.AlternateTitles)
				}
				return nil
			}
			add(row["O*NET-SOC Code"], cell, "onet-alternate-title", opts.AlternateTitles)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// KnowledgeOptions weighs each kind of O*NET 29.3 knowledge about an
// occupation; a zero weight leaves that kind out.
type KnowledgeOptions struct {
	// Tools are the tools and machines used ("High pressure liquid
	// chromatographs HPLC"), Technology the software ("AutoCAD").
	Tools, Technology float64
	// Activities are the detailed work activities of the occupation's
	// tasks ("Analyze impact of legal or regulatory changes.").
	Activities float64
	// ReportedTitles are job titles incumbents reported; EmergingTasks
	// are tasks new to the occupation.
	ReportedTitles, EmergingTasks float64
}

// ReadKnowledge reads what O*NET 29.3 knows of each occupation from dir
// (tools_used.txt, technology_skills.txt, tasks_to_dwas.tsv,
// sample_of_reported_titles.txt, emerging_tasks.txt; missing files are
// skipped) and returns one example per distinct text and occupation,
// labelled with its O*NET-SOC code and weighted by opts. These are the
// concrete things a request names (an instrument, a program, a duty) that
// titles and task statements rarely do.
func ReadKnowledge(dir string, opts KnowledgeOptions) ([]Labeled, error) {
	var out []Labeled
	seen := map[[2]string]bool{}
	for _, k := range []struct {
		file, column, source string
		weight               float64
	}{
		{"tools_used.txt", "Example", "onet-tool", opts.Tools},
		{"technology_skills.txt", "Example", "onet-technology", opts.Technology},
		{"tasks_to_dwas.tsv", "DWA Title", "onet-activity", opts.Activities},
		{"sample_of_reported_titles.txt", "Reported Job Title", "onet-reported-title", opts.ReportedTitles},
		{"emerging_tasks.txt", "Task", "onet-emerging-task", opts.EmergingTasks},
	} {
		path := filepath.Join(dir, k.file)
		if k.weight <= 0 {
			continue
		}
		if _, err := os.Stat(path); err != nil {
			continue
		}
		err := occubias.ReadTable(path, func(row map[string]string) error {
			code, text := row["O*NET-SOC Code"], strings.TrimSpace(row[k.column])
			key := [2]string{code, strings.ToLower(text)}
			if text == "" || code == "" || seen[key] {
				return nil
			}
			seen[key] = true
			out = append(out, Labeled{Text: text, Occupation: code, Group: taxonomy.MajorGroupOf(code), Weight: k.weight, Source: k.source})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func findFile(dir string, names ...string) string {
	for _, n := range names {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// parsePyList parses a Python list literal of strings, such as
// ['Bank President', "Chef's Assistant"].
func parsePyList(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, errors.New("not a list literal")
	}
	var out []string
	body := s[1 : len(s)-1]
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == ' ' || c == ',':
			i++
		case c == '\'' || c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(body) && body[j] != c; j++ {
				if body[j] == '\\' && j+1 < len(body) {
					j++
				}
				b.WriteByte(body[j])
			}
			if j >= len(body) {
				return nil, errors.New("unterminated string in list literal")
			}
			out = append(out, b.String())
			i = j + 1
		default:
			return nil, fmt.Errorf("unexpected %q in list literal", c)
		}
	}
	return out, nil
}
